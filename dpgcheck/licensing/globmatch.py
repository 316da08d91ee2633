"""Glob matching in linear time, for globs written by a checked repository.

REUSE.toml (``*`` within a directory, ``**`` across directories, ``\\*`` a literal
star) and ``.reuse/dep5`` (``*`` anything, ``?`` one character) globs used to be
translated into regular expressions: ``**a**a**a…`` became ``.*a.*a.*a…``, whose
backtracking is polynomial of the degree of the number of stars, so a file named
``a`` x 60 hung the scan. Here a glob is a small automaton run as a bit set (one bit
per position in the pattern), so matching costs ``len(path)`` steps whatever the
pattern; globs without a star or with one star take a plain string test.
"""
from __future__ import annotations

from dataclasses import dataclass

_LITERAL, _ONE, _STAR_SEGMENT, _STAR_ANY = "lit", "one", "seg", "any"


def _tokens(pattern: str, dialect: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if dialect == "toml" and char == "\\" and i + 1 < len(pattern):
            token = (_LITERAL, pattern[i + 1])
            i += 2
        elif dialect == "toml" and pattern.startswith("**", i):
            token = (_STAR_ANY, "")
            i += 2
        elif char == "*":
            token = (_STAR_SEGMENT if dialect == "toml" else _STAR_ANY, "")
            i += 1
        elif char == "?" and dialect == "dep5":
            token = (_ONE, "")
            i += 1
        else:
            token = (_LITERAL, char)
            i += 1
        if token[0] in (_STAR_SEGMENT, _STAR_ANY) and tokens and tokens[-1][0] in (_STAR_SEGMENT, _STAR_ANY):
            # Adjacent stars are one star, the wider of the two.
            if token[0] == _STAR_ANY:
                tokens[-1] = token
            continue
        tokens.append(token)
    return tokens


@dataclass(frozen=True)
class Glob:
    """A REUSE.toml path pattern, compiled to the cheapest test that decides it."""

    pattern: str
    literal: str | None  # the whole pattern, when it has no wildcard
    prefix: str
    suffix: str
    single_star: str | None  # the one star's kind, when there is exactly one and no "?"
    masks: dict[str, int]
    one: int
    star_any: int
    star_segment: int
    accept: int

    def match(self, path: str) -> bool:
        """Does the whole of ``path`` match the glob?"""
        if self.literal is not None:
            return path == self.literal
        if self.single_star is not None:
            if len(path) < len(self.prefix) + len(self.suffix) or not path.startswith(self.prefix) or not path.endswith(self.suffix):
                return False
            return self.single_star == _STAR_ANY or "/" not in path[len(self.prefix): len(path) - len(self.suffix)]
        stars = self.star_any | self.star_segment
        state = 1 | ((1 & stars) << 1)
        masks, one, star_any, star_segment = self.masks, self.one, self.star_any, self.star_segment
        for char in path:
            looping = star_any if char == "/" else star_any | star_segment
            state = ((state & (masks.get(char, 0) | one)) << 1) | (state & looping)
            state |= (state & stars) << 1
            if not state:
                return False
        return bool(state & self.accept)


def compile_glob(pattern: str, dialect: str) -> Glob:
    """A matcher for a REUSE.toml (``dialect="toml"``) or dep5 (``"dep5"``) glob."""
    tokens = _tokens(pattern, dialect)
    wild = [i for i, (kind, _) in enumerate(tokens) if kind != _LITERAL]
    literal = "".join(value for _, value in tokens) if not wild else None
    prefix = suffix = ""
    single_star = None
    if len(wild) == 1 and tokens[wild[0]][0] != _ONE:
        single_star = tokens[wild[0]][0]
        prefix = "".join(value for _, value in tokens[: wild[0]])
        suffix = "".join(value for _, value in tokens[wild[0] + 1:])
    masks: dict[str, int] = {}
    one = star_any = star_segment = 0
    for position, (kind, value) in enumerate(tokens):
        bit = 1 << position
        if kind == _LITERAL:
            masks[value] = masks.get(value, 0) | bit
        elif kind == _ONE:
            one |= bit
        elif kind == _STAR_ANY:
            star_any |= bit
        else:
            star_segment |= bit
    return Glob(pattern, literal, prefix, suffix, single_star, masks, one, star_any, star_segment, 1 << len(tokens))
