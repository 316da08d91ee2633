"""Small text helpers shared by the security fact finders: line numbers, expressions,
download-and-run commands and image references."""
from __future__ import annotations

import re

from dpgcheck.patterns import lazy

#: ``${{ ... }}`` in a GitHub Actions value.
_EXPRESSION = lazy(r"\$\{\{(.*?)\}\}", re.DOTALL)
#: A ``github`` context reference inside an expression: ``github.event.issue.title``,
#: ``github.event.commits[0].message``, ``github['head_ref']``.
_CONTEXT = lazy(r"\bgithub(?:\s*\.\s*[A-Za-z0-9_*-]+|\s*\[[^\]]{0,80}\])+", re.IGNORECASE)
_INDEX = lazy(r"\[\s*['\"]?([A-Za-z0-9_-]+)?['\"]?\s*\]")

#: A download piped straight into an interpreter, or a shell running a download's output.
_PIPED = lazy(
    r"\b(?:curl|wget|iwr|invoke-webrequest|fetch)\b[^\n|;&]*\|\s*(?:sudo\s+(?:-\S+\s+)*)?(?:env\s+\S+\s+)*"
    r"(?:/usr/bin/env\s+)?(?:/bin/|/usr/bin/)?(?:ba|z|da|k|c|tc|fi)?sh\b|"
    r"\b(?:curl|wget)\b[^\n|;&]*\|\s*(?:sudo\s+)?(?:python[0-9.]*|perl|ruby|node|php|iex)\b|"
    r"\b(?:ba|z|da|k)?sh\s+(?:-c\s+)?[\"']?\s*(?:<\(|\$\()\s*(?:curl|wget)\b|"
    r"\b(?:source|\.)\s+<\(\s*(?:curl|wget)\b",
    re.IGNORECASE,
)

_SHA256_DIGEST = lazy(r"@sha256:[0-9a-fA-F]{64}$")
_FULL_SHA = lazy(r"^[0-9a-fA-F]{40}$")

MAX_SHOWN = 200


def shorten(text: str, limit: int = MAX_SHOWN) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def value_line(key_line: int, value: str, offset: int) -> int:
    """The line of character ``offset`` of a YAML string value whose key is on ``key_line``.

    A value with newlines is taken to be a literal block (``run: |``), whose text starts on
    the line after the key; a folded block (``>``) loses its line breaks, so its findings
    point at the block's first line.
    """
    if "\n" not in value:
        return key_line
    return key_line + 1 + value.count("\n", 0, offset)


def contexts_in(value: str) -> list[tuple[int, str]]:
    """(offset, normalised context) for every ``github.*`` reference inside ``${{ }}``."""
    found: list[tuple[int, str]] = []
    for expression in _EXPRESSION.finditer(value):
        for context in _CONTEXT.finditer(expression.group(1)):
            text = re.sub(r"\s+", "", context.group(0))
            text = _INDEX.sub(lambda m: "." + (m.group(1) if m.group(1) and not m.group(1).isdigit() else "*"), text)
            found.append((expression.start(), text.lower()))
    return found


def downloads_in(script: str) -> list[tuple[int, str]]:
    """(offset, command) for every download piped into an interpreter in a shell text."""
    found = []
    for match in _PIPED.finditer(script):
        start = script.rfind("\n", 0, match.start()) + 1
        end = script.find("\n", match.end())
        found.append((match.start(), shorten(script[start : end if end >= 0 else len(script)])))
    return found


def image_pinned(image: str) -> bool:
    return bool(_SHA256_DIGEST.search(image.strip()))


def sha_pinned(version: str) -> bool:
    return bool(_FULL_SHA.match(version))
