"""Per-file licensing after the REUSE specification (version 3.3), written from the spec.

This module does not use the ``reuse`` package (GPL-3.0-or-later): it implements the
rules of the specification and was checked against ``reuse lint --json`` run as an
external command on test repositories (see tests/licensing/test_reuse_equivalence.py).

What it decides, for every *covered* file of a repository:

* where its copyright notices and licence expressions come from: the file's own
  comment header (``SPDX-FileCopyrightText:``, ``Copyright …``, ``©``,
  ``SPDX-License-Identifier:``), a ``<file>.license`` sidecar (which then replaces the
  file), ``REUSE.toml`` annotations (precedence ``closest``, ``aggregate`` or
  ``override``) or the deprecated ``.reuse/dep5``;
* which files have no copyright notice and which have no (valid) licence expression;
* the licences used, the texts in ``LICENSES/``, and those missing or unused.

Covered files are the repository's files (git-ignored files are already left out by
the repository view) except: anything under ``.git``, ``.hg``, ``.sl``, ``.reuse`` or a
``LICENSES`` directory; ``LICENSE*``/``LICENCE*``/``COPYING*`` files (name followed by
nothing, ``.`` or ``-``); ``*.license`` sidecars; ``REUSE.toml``; SPDX documents
(``*.spdx``, ``*.spdx.json|yaml|yml|xml|rdf``); symbolic links and empty files.

Speed: a file is decoded only when its raw bytes contain one of the markers; binary
files (a NUL byte in the first 8 KiB, unless a UTF-16/32 byte-order mark says
otherwise) carry no header. Files over ``SCAN_LIMIT`` bytes are not read; they are
listed in ``not_scanned``.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from dpgcheck.cache import DiskMap
from dpgcheck.problems import Problem, problem
from dpgcheck.licensing.globmatch import Glob, compile_glob
from dpgcheck.shapes import InvalidExpression, LicenceText

SOURCE = "reuse"
SCAN_LIMIT = 16 * 1024 * 1024
BINARY_SNIFF = 8192
MAX_EXPRESSION_LENGTH = 2000

IGNORED_DIRECTORIES = {".git", ".hg", ".sl", ".reuse", "LICENSES"}
_IGNORED_NAME = re.compile(
    r"^(?:(?:LICEN[CS]E|COPYING)(?:[.-].*)?|REUSE\.toml|.*\.license|.*\.spdx|.*\.spdx\.(?:json|ya?ml|xml|rdf))$",
    re.DOTALL,
)
_MARKERS = (b"SPDX-", b"Copyright", b"\xa9", b"REUSE-Ignore")
_MARKERS_UTF16 = tuple(m.decode("latin-1").encode("utf-16-le") for m in (b"SPDX-", b"Copyright", b"\xa9"))

_LICENSE_TAG = re.compile(r"SPDX-License-Identifier:(.*)")
_COPYRIGHT = re.compile(r"(SPDX-(?:File|Snippet)CopyrightText:|Copyright(?:\s*\([cC]\))?\s|©)(.*)")
# Comment terminators dropped from the end of a tag's value (``/* … */``, ``<!-- … -->``,
# ``{# … #}``, ``(* … *)``, ``{{!-- … --}}``, ``<%-- … --%>``, ``#= … =#``, ``#* … *#``).
_END_MARKERS = ("*/", "-->", "--%>", "--}}", "}}", "#}", "}", "*)", "=#", "*#", "'/")
_END_CHARS = frozenset(marker[-1] for marker in _END_MARKERS)
_LONGEST_MARKER = max(len(marker) for marker in _END_MARKERS)


def _strip_end_markers(text: str) -> str:
    """``text`` without the run of comment terminators (and whitespace) at its end.

    The leftmost start from which the rest is terminators then whitespace, found by a
    table over the positions (linear in ``len(text)``): the regular expression it
    replaces (an alternation of the terminators under a star, where ``}}`` and ``}``
    overlap) backtracked exponentially on a run of braces.
    """
    end = len(text.rstrip())
    if not end or text[end - 1] not in _END_CHARS:
        return text[:end]  # the common case: no terminator at all
    reach = [False] * (end + 1)
    reach[end] = True
    start = end
    for i in range(end - 1, -1, -1):
        if start - i > _LONGEST_MARKER:
            break  # no terminator ends where the run reaches: nothing further left can join it
        if any(text.startswith(m, i) and reach[i + len(m)] for m in _END_MARKERS if i + len(m) <= end):
            reach[i] = True
            start = i  # positions go down: the last one found is the leftmost
    return text[:start]
_IGNORE_REGION = re.compile(r"REUSE-IgnoreStart.*?(?:REUSE-IgnoreEnd|\Z)", re.DOTALL)
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))

PRECEDENCES = ("closest", "aggregate", "override")


@dataclass
class Info:
    """Copyright notices and licence expressions of one file, with where each came from."""

    copyrights: list[tuple[str, str]] = field(default_factory=list)  # (value, source_type)
    expressions: list[tuple[str, str]] = field(default_factory=list)

    def add(self, other: "Info") -> None:
        self.copyrights.extend(c for c in other.copyrights if c not in self.copyrights)
        self.expressions.extend(e for e in other.expressions if e not in self.expressions)


@dataclass
class Annotation:
    """One ``[[annotations]]`` table of a REUSE.toml: its paths, precedence and what it declares."""

    patterns: list[Glob]
    precedence: str
    info: Info


@dataclass
class TomlFile:
    """A REUSE.toml and its annotations, indexed for look-up by path."""

    directory: str  # "" for the root
    annotations: list[Annotation]
    #: path -> index of the last annotation naming it without a wildcard (a look-up, not a scan)
    literal: dict[str, int] = field(default_factory=dict)
    #: (index, patterns with a wildcard) of the annotations that have any, in file order
    wild: list[tuple[int, list[Glob]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        for index, annotation in enumerate(self.annotations):
            patterns = []
            for glob in annotation.patterns:
                if glob.literal is not None:
                    self.literal[glob.literal] = index
                else:
                    patterns.append(glob)
            if patterns:
                self.wild.append((index, patterns))

    @property
    def wildcard_patterns(self) -> int:
        return sum(len(patterns) for _, patterns in self.wild)

    def last_match(self, relative: str) -> Annotation | None:
        """The last annotation (in file order) with a glob that matches ``relative``."""
        best = self.literal.get(relative, -1)
        for index, patterns in reversed(self.wild):
            if index <= best:
                break
            if any(glob.match(relative) for glob in patterns):
                best = index
                break
        return self.annotations[best] if best >= 0 else None


#: Wildcard globs x files a project's REUSE.toml files and dep5 may ask to be tried. A real
#: project has a handful of wildcard annotations; 20,000 of them over 5,000 files (10^8
#: matches) ran past a minute. Over the budget, the file is not used and a problem says why.
MAX_GLOB_WORK = 2_000_000


# --- expressions -------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _plain_licensing() -> Any:
    from license_expression import Licensing

    return Licensing()


#: Parsed expressions kept on disk (one JSON file): a run whose headers name only known
#: expressions does not import license-expression (~20 ms). Beyond this many, new ones are not added.
PARSED_DISK_LIMIT = 2000
_parsed = DiskMap("reuse-expressions", "license_expression", __file__, "parsed.json", PARSED_DISK_LIMIT)


@functools.lru_cache(maxsize=4096)
def parse_expression(text: str) -> tuple[bool, tuple[str, ...]]:
    """(valid, symbols as written) of a REUSE licence expression; ids are case-sensitive."""
    if not text or len(text) > MAX_EXPRESSION_LENGTH:
        return False, ()
    known = _parsed.get(text)
    if isinstance(known, list) and len(known) == 2 and isinstance(known[0], bool) and isinstance(known[1], list) \
            and all(isinstance(symbol, str) for symbol in known[1]):
        return known[0], tuple(known[1])
    answer = _parse_expression(text)
    _parsed.put(text, [answer[0], list(answer[1])])
    return answer


def _parse_expression(text: str) -> tuple[bool, tuple[str, ...]]:
    from license_expression import LicenseWithExceptionSymbol

    licensing = _plain_licensing()
    try:
        parsed = licensing.parse(text, simple=True)
    except Exception:  # noqa: BLE001 - any parser error means "not a valid expression"
        return False, ()
    if parsed is None:
        return False, ()
    symbols: set[str] = set()
    for symbol in licensing.license_symbols(parsed, unique=True, decompose=False):
        if isinstance(symbol, LicenseWithExceptionSymbol):
            symbols.add(symbol.license_symbol.key)
            symbols.add(symbol.exception_symbol.key)
        else:
            symbols.add(symbol.key)
    return True, tuple(sorted(symbols))


@functools.lru_cache(maxsize=1)
def spdx_keys() -> frozenset[str]:
    """Every SPDX licence and exception id license-expression knows, current or deprecated.

    Reading license-expression's index costs ~15 ms a run; the ids are kept on disk (see
    :mod:`dpgcheck.cache`), keyed by the library's installation and this module.
    """
    from dpgcheck.cache import read_json, versioned_dir, write_json

    directory = versioned_dir("spdx-keys", "license_expression", __file__)
    where = directory / "keys.json" if directory is not None else None
    cached = read_json(where) if where is not None else None
    if isinstance(cached, list) and cached and all(isinstance(key, str) for key in cached):
        return frozenset(cached)
    from license_expression import get_license_index

    keys: set[str] = set()
    for entry in get_license_index():
        if entry.get("spdx_license_key"):
            keys.add(entry["spdx_license_key"])
        keys.update(k for k in entry.get("other_spdx_license_keys") or () if not k.startswith("LicenseRef-"))
    if where is not None:
        write_json(where, sorted(keys))
    return frozenset(keys)


# --- reading one file ---------------------------------------------------------


def decode(data: bytes) -> str | None:
    """Text of a file, or None when it is binary."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    if b"\x00" in data[:BINARY_SNIFF]:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def has_markers(data: bytes) -> bool:
    if any(marker in data for marker in _MARKERS):
        return True
    return data[:2] in (b"\xff\xfe", b"\xfe\xff") and any(m in data for m in _MARKERS_UTF16)


def _clean(value: str, before: str) -> str:
    """A tag's value without the comment that surrounds it (``%% tag %%``, ``/* tag */``)."""
    value = value.strip()
    prefix = before.strip()
    if prefix and value.endswith(prefix) and not any(c in prefix for c in "{\\"):
        value = value[: -len(prefix)]
    # Only the tail can hold the terminators; bounding it keeps a huge one-line file linear.
    head, tail = value[:-64], value[-64:]
    return (head + _strip_end_markers(tail)).strip()


_ANY_TAG = re.compile(r"SPDX-License-Identifier:|SPDX-(?:File|Snippet)CopyrightText:|Copyright|©")
_RARE_BREAKS = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def _tag_lines(text: str) -> list[str]:
    """The lines that hold a tag, in order (``str.splitlines`` semantics)."""
    if _RARE_BREAKS.search(text):
        return [line for line in text.splitlines() if _ANY_TAG.search(line)]
    lines, last_end = [], -1
    for match in _ANY_TAG.finditer(text):
        if match.start() < last_end:
            continue  # another tag on a line already taken
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.end())
        last_end = len(text) if end < 0 else end
        lines.append(text[start:last_end])
    return lines


def extract(text: str, source_type: str) -> Info:
    """The REUSE tags of a text (a file or a ``.license`` sidecar)."""
    info = Info()
    if "REUSE-IgnoreStart" in text:
        text = _IGNORE_REGION.sub("", text)
    for line in _tag_lines(text):
        if "SPDX-License-Identifier:" in line:
            match = _LICENSE_TAG.search(line)
            if match:
                value = _clean(match.group(1), line[: match.start()])
                if (value, source_type) not in info.expressions:
                    info.expressions.append((value, source_type))
        if "opyright" in line or "©" in line:
            match = _COPYRIGHT.search(line)
            if match:
                value = (match.group(1) + _clean(match.group(2), line[: match.start()])).strip()
                if (value, source_type) not in info.copyrights:
                    info.copyrights.append((value, source_type))
    return info


# --- globs --------------------------------------------------------------------


def toml_glob(pattern: str) -> Glob:
    """A REUSE.toml glob (``*`` within a directory, ``**`` across, ``\\*`` a star), matched in linear time."""
    return compile_glob(pattern, "toml")


def dep5_glob(pattern: str) -> Glob:
    """A dep5 glob (``*`` anything including ``/``, ``?`` one character), matched in linear time."""
    return compile_glob(pattern, "dep5")


def _as_list(value: Any) -> list[str] | None:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    return None


# --- REUSE.toml and dep5 --------------------------------------------------------


def parse_reuse_toml(text: str, directory: str, path: str, problems: list[Problem]) -> TomlFile | None:
    from dpgcheck.untrusted import toml

    try:
        data = toml.loads(text)
    except toml.NoTomlParser:
        problems.append(problem(SOURCE, "reuse-toml-unsupported", "no TOML parser (install tomli on Python 3.10); REUSE.toml not read", path))
        return None
    except Exception as exc:  # noqa: BLE001 - the parser's TOMLDecodeError and friends
        problems.append(problem(SOURCE, "reuse-toml-invalid", f"REUSE.toml is not valid TOML ({exc}); not used", path))
        return None
    if data.get("version") != 1:
        problems.append(problem(SOURCE, "reuse-toml-invalid", "REUSE.toml must say version = 1; not used", path))
        return None
    annotations = []
    raw = data.get("annotations", [])
    if not isinstance(raw, list):
        problems.append(problem(SOURCE, "reuse-toml-invalid", "REUSE.toml: annotations must be an array of tables; not used", path))
        return None
    for number, item in enumerate(raw, 1):
        paths = _as_list(item.get("path")) if isinstance(item, dict) else None
        precedence = item.get("precedence", "closest") if isinstance(item, dict) else None
        copyrights = _as_list(item.get("SPDX-FileCopyrightText", [])) if isinstance(item, dict) else None
        licenses = _as_list(item.get("SPDX-License-Identifier", [])) if isinstance(item, dict) else None
        if not paths or precedence not in PRECEDENCES or copyrights is None or licenses is None:
            problems.append(
                problem(SOURCE, "reuse-toml-invalid", f"REUSE.toml annotation {number} is malformed (path, precedence, SPDX-FileCopyrightText, SPDX-License-Identifier); REUSE.toml not used", path)
            )
            return None
        info = Info(
            copyrights=[(f"SPDX-FileCopyrightText: {c}", "reuse-toml") for c in copyrights],
            expressions=[(" ".join(e.split()), "reuse-toml") for e in licenses],
        )
        annotations.append(Annotation([toml_glob(p) for p in paths], precedence, info))
    return TomlFile(directory, annotations)


def parse_dep5(text: str, path: str, problems: list[Problem]) -> list[tuple[list[Glob], Info]] | None:
    paragraphs: list[dict[str, list[str]]] = []
    current: dict[str, list[str]] = {}
    key = None
    for line in text.splitlines():
        if not line.strip():
            if current:
                paragraphs.append(current)
            current, key = {}, None
            continue
        if line[0] in " \t":
            if key is None:
                problems.append(problem(SOURCE, "dep5-invalid", "continuation line outside a field; .reuse/dep5 not used", path))
                return None
            current[key].append(line.strip())
            continue
        name, colon, value = line.partition(":")
        if not colon:
            problems.append(problem(SOURCE, "dep5-invalid", f"line without a field name: {line[:60]!r}; .reuse/dep5 not used", path))
            return None
        key = name.strip().lower()
        current[key] = [value.strip()] if value.strip() else []
    if current:
        paragraphs.append(current)
    entries = []
    for paragraph in paragraphs:
        if "files" not in paragraph:
            continue  # the header paragraph
        if "copyright" not in paragraph or "license" not in paragraph:
            problems.append(problem(SOURCE, "dep5-invalid", "a Files paragraph lacks Copyright or License; .reuse/dep5 not used", path))
            return None
        patterns = [dep5_glob(p) for p in " ".join(paragraph["files"]).split()]
        licence = paragraph["license"][0] if paragraph["license"] else ""
        info = Info(
            copyrights=[(f"SPDX-FileCopyrightText: {c}", "dep5") for c in paragraph["copyright"] if c and c != "."],
            expressions=[(" ".join(licence.split()), "dep5")],
        )
        entries.append((patterns, info))
    return entries


# --- the project ------------------------------------------------------------------


def is_ignored(path: str) -> bool:
    parts = path.split("/")
    if any(part in IGNORED_DIRECTORIES for part in parts[:-1]):
        return True
    return bool(_IGNORED_NAME.match(parts[-1]))


@dataclass
class FileResult:
    """One covered file's copyright and licensing, wherever each came from."""

    path: str
    info: Info
    scanned: bool = True

    @property
    def has_copyright(self) -> bool:
        return bool(self.info.copyrights)

    @property
    def has_licensing(self) -> bool:
        return any(parse_expression(value)[0] for value, _ in self.info.expressions)


@dataclass
class ProjectResult:
    """The whole repository's REUSE result: every covered file, the licence texts, and what is missing or unused."""

    files: list[FileResult]
    licenses_dir: list[LicenceText]
    used: list[str]
    missing: list[str]
    unused: list[str]
    invalid_expressions: list[InvalidExpression]
    reuse_toml: list[str]
    dep5: bool
    problems: list[Problem]


def lint(
    paths: Iterable[tuple[str, int]],
    read: Callable[[str], bytes | None],
) -> ProjectResult:
    """Apply the REUSE rules to a list of (path, size) using ``read(path)`` for contents.

    ``paths`` must already exclude symbolic links and VCS-ignored files. ``read`` returns
    the bytes of a file (None when unreadable); it is called only for files that matter.
    """
    problems: list[Problem] = []
    entries = sorted(paths)
    present = {p for p, _ in entries}
    sizes = dict(entries)

    def read_text(path: str) -> str | None:
        data = read(path)
        return None if data is None else decode(data)

    tomls: dict[str, TomlFile] = {}
    for path, _ in entries:
        name = path.rsplit("/", 1)[-1]
        if name == "REUSE.toml" and not any(part in IGNORED_DIRECTORIES for part in path.split("/")[:-1]):
            text = read_text(path)
            if text is None:
                problems.append(problem(SOURCE, "reuse-toml-invalid", "REUSE.toml is not text; not used", path))
                continue
            directory = path.rsplit("/", 1)[0] if "/" in path else ""
            parsed = parse_reuse_toml(text, directory, path, problems)
            if parsed is not None:
                tomls[directory] = parsed
    dep5 = None
    if ".reuse/dep5" in present:
        if "REUSE.toml" in present:
            problems.append(problem(SOURCE, "reuse-dep5-and-toml", "both REUSE.toml and .reuse/dep5 exist; the REUSE specification allows one; .reuse/dep5 not used", ".reuse/dep5"))
        else:
            text = read_text(".reuse/dep5")
            dep5 = parse_dep5(text, ".reuse/dep5", problems) if text is not None else None

    covered = sum(1 for path, size in entries if size and not is_ignored(path))
    for directory in sorted(tomls):
        work = tomls[directory].wildcard_patterns * covered
        if work > MAX_GLOB_WORK:
            where = f"{directory}/REUSE.toml" if directory else "REUSE.toml"
            problems.append(problem(SOURCE, "reuse-toml-too-large", f"REUSE.toml has {tomls[directory].wildcard_patterns} wildcard globs for {covered} files, over the {MAX_GLOB_WORK} matches dpgcheck tries; not used", where))
            del tomls[directory]
    if dep5 and sum(sum(1 for g in patterns if g.literal is None) for patterns, _ in dep5) * covered > MAX_GLOB_WORK:
        problems.append(problem(SOURCE, "dep5-too-large", f".reuse/dep5 has too many wildcard globs for {covered} files (over {MAX_GLOB_WORK} matches); not used", ".reuse/dep5"))
        dep5 = None
    results = []
    for path, size in entries:
        if size == 0 or is_ignored(path):
            continue
        results.append(_resolve(path, size, present, sizes, tomls, dep5, read))

    licenses_dir: list[LicenceText] = []
    for path, _ in entries:
        if path.startswith("LICENSES/") and path.count("/") == 1:
            name = path[len("LICENSES/"):]
            stem, dot, extension = name.rpartition(".")
            if name in spdx_keys() or not dot or not stem:
                licenses_dir.append({"id": name, "path": path, "extension": ""})
            else:
                licenses_dir.append({"id": stem, "path": path, "extension": "." + extension})
    used: set[str] = set()
    invalid: list[InvalidExpression] = []
    for result in results:
        for value, source_type in result.info.expressions:
            valid, symbols = parse_expression(value)
            if valid:
                used.update(symbols)
            else:
                invalid.append({"path": result.path, "expression": value, "source": source_type})
    texts = {entry["id"] for entry in licenses_dir}
    return ProjectResult(
        files=results,
        licenses_dir=licenses_dir,
        used=sorted(used),
        missing=sorted(used - texts),
        unused=sorted(texts - used),
        invalid_expressions=invalid,
        reuse_toml=sorted(f"{d}/REUSE.toml" if d else "REUSE.toml" for d in tomls),
        dep5=dep5 is not None,
        problems=problems,
    )


def _read_info(path: str, size: int, sizes: dict[str, int], read: Callable[[str], bytes | None]) -> tuple[Info, bool]:
    sidecar = path + ".license"
    if sidecar in sizes:
        target, source_type = sidecar, "dot-license"
    else:
        target, source_type = path, "file-header"
    if sizes.get(target, size) > SCAN_LIMIT:
        return Info(), False
    data = read(target)
    if data is None or not has_markers(data):
        return Info(), True
    text = decode(data)
    if text is None:
        return Info(), True
    return extract(text, source_type), True


def _resolve(path, size, present, sizes, tomls, dep5, read) -> FileResult:
    # Annotations that match, from the outermost REUSE.toml to the closest.
    matched: list[Annotation] = []
    parts = path.split("/")
    for depth in range(len(parts)):
        directory = "/".join(parts[:depth])
        toml = tomls.get(directory)
        if toml is None:
            continue
        found = toml.last_match("/".join(parts[depth:]))
        if found is not None:
            matched.append(found)
    for annotation in matched:
        if annotation.precedence == "override":
            info = Info()
            info.add(annotation.info)
            return FileResult(path, info)
    info, scanned = _read_info(path, size, sizes, read)
    for annotation in reversed(matched):  # closest first
        if annotation.precedence == "aggregate":
            info.add(annotation.info)
        else:
            # "closest": the file's own information wins per category; an annotation fills
            # the categories the file lacks. Measured against reuse 6.2: when the file has
            # information of one kind and the closest annotation has none of that kind, the
            # search stops there (neither it nor an outer REUSE.toml fills the other kind).
            has_copyright, has_licence = bool(info.copyrights), bool(info.expressions)
            if (has_copyright or has_licence) and not (
                (has_copyright and annotation.info.copyrights) or (has_licence and annotation.info.expressions)
            ):
                break
            if not has_copyright:
                info.copyrights.extend(annotation.info.copyrights)
            if not has_licence:
                info.expressions.extend(annotation.info.expressions)
    if dep5:
        for patterns, entry in reversed(dep5):
            if any(p.match(path) for p in patterns):
                info.add(entry)
                break
    return FileResult(path, info, scanned)
