"""Load untrusted YAML safely: bounded size, depth, aliases and documents.

``yaml.safe_load`` is safe from code execution but not from a "billion laughs"
document (aliases of aliases that expand to billions of nodes when the result is
walked) or from a 50 MB file. This loader reads libyaml's *event* stream (the C
parser when available) and builds the value itself, iteratively, so it can

* refuse a file over ``max_bytes``, binary content (NUL bytes) and non-UTF-8 text;
* count the nodes an alias expands to and refuse a document whose expanded size
  passes ``max_nodes`` (an alias shares the anchored value; nothing is copied);
* refuse recursive aliases, more than ``max_aliases`` aliases, nesting deeper
  than ``max_depth`` and more than one document;
* resolve plain scalars with the YAML 1.2 core schema, as publiccode.yml asks:
  ``yes``/``no``/``on``/``off`` stay strings and dates stay strings;
* report duplicate keys (with their key path) instead of silently keeping one;
* record the line of every key path, for findings that point into the file.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from collections.abc import Callable
from typing import Any

import yaml

try:  # the C parser is much faster; fall back to the pure-Python one
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 1024 * 1024
MAX_NODES = 20_000  # a real publiccode.yml has a few hundred nodes
MAX_ALIASES = 100
MAX_DEPTH = 64

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT10 = re.compile(r"^[-+]?[0-9]+$")
_INT8 = re.compile(r"^0o[0-7]+$")
_INT16 = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")
_CORE = "tag:yaml.org,2002:"


class YamlRefused(Exception):
    """The document was refused; ``code`` is a stable kebab-case reason."""

    def __init__(self, code: str, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.column = column


@dataclass
class Loaded:
    """A document read with the bounded loader: its value, each key's line, and non-fatal issues."""

    value: Any
    #: key path ("a.b[0].c") -> 1-based line where that key or item starts
    lines: dict[str, int] = field(default_factory=dict)
    #: non-fatal issues: (code, key path, message, line)
    issues: list[tuple[str, str, str, int]] = field(default_factory=list)


#: The words the core schema reads as null or a boolean; any other plain scalar that starts with a
#: letter is a string (numbers, infinities, NaN and "~" start with a digit, a sign, "." or "~").
_WORDS: dict[str, Any] = {"null": None, "Null": None, "NULL": None, **_BOOL}


def resolve_plain(text: str) -> Any:
    """A plain (unquoted) scalar under the YAML 1.2 core schema."""
    if text[:1].isalpha():  # most scalars: names, versions, commands; no pattern to try
        return _WORDS[text] if text in _WORDS else text
    if _NULL.match(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    try:
        if _INT10.match(text) and len(text) <= 40:
            return int(text, 10)
        if _INT8.match(text) and len(text) <= 40:
            return int(text[2:], 8)
        if _INT16.match(text) and len(text) <= 40:
            return int(text[2:], 16)
        if _FLOAT.match(text) and len(text) <= 100:
            return float(text)
    except ValueError:
        return text
    if _INF.match(text):
        return -math.inf if text.startswith("-") else math.inf
    if _NAN.match(text):
        return math.nan
    return text


def _scalar(event: Any) -> Any:
    tag = event.tag
    if tag in (None, "!"):
        return resolve_plain(event.value) if event.implicit[0] and tag is None else event.value
    if tag == _CORE + "str":
        return event.value
    if tag in (_CORE + "int", _CORE + "float", _CORE + "bool", _CORE + "null"):
        value = resolve_plain(event.value)
        kinds: dict[str, type | tuple[type, ...]] = {"int": int, "float": (int, float), "bool": bool, "null": type(None)}
        expected = kinds[tag[len(_CORE):]]
        matches = isinstance(value, expected)  # a flag, not a narrowing: value stays what the resolver gave
        if matches and not (tag.endswith("int") and isinstance(value, bool)):
            return float(value) if tag.endswith("float") else value
        raise YamlRefused("bad-tag", f"value {event.value[:40]!r} does not match its tag {tag}", _line(event))
    raise YamlRefused("unsupported-tag", f"unsupported YAML tag {tag[:60]!r}", _line(event))


def _line(event: Any) -> int | None:
    mark = getattr(event, "start_mark", None)
    return mark.line + 1 if mark is not None else None


def _child_path(parent: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{parent}[{key}]"
    return f"{parent}.{key}" if parent else key


class _Frame:
    __slots__ = ("kind", "value", "path", "anchor", "size", "key", "key_line", "merges", "explicit")

    def __init__(self, kind: str, path: str, anchor: str | None) -> None:
        self.kind = kind
        self.value: Any = {} if kind == "map" else []
        self.path = path
        self.anchor = anchor
        self.size = 1
        self.key: Any = _NO_KEY
        self.key_line = 0
        self.merges: list[Any] = []
        self.explicit: set[str] = set()


_NO_KEY = object()


def load(
    data: bytes,
    *,
    max_bytes: int = MAX_BYTES,
    max_nodes: int = MAX_NODES,
    max_aliases: int = MAX_ALIASES,
    max_depth: int = MAX_DEPTH,
) -> Loaded:
    """Parse one YAML document from ``data``; raise :class:`YamlRefused` when it is not safe or not YAML."""
    if len(data) > max_bytes:
        raise YamlRefused("file-too-large", f"file is {len(data)} bytes, over the {max_bytes}-byte limit")
    if b"\x00" in data:
        raise YamlRefused("binary-file", "file contains NUL bytes: it is binary, not YAML")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise YamlRefused("not-utf8", f"file is not valid UTF-8 (byte {exc.start})") from None
    try:
        return _build(text, max_nodes=max_nodes, max_aliases=max_aliases, max_depth=max_depth)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise YamlRefused(
            "yaml-syntax", f"not valid YAML: {reason}", mark.line + 1 if mark else None, mark.column + 1 if mark else None
        ) from None
    except RecursionError:  # pragma: no cover - the depth limit comes first
        raise YamlRefused("too-deep", "YAML nesting is too deep") from None


def _build(text: str, *, max_nodes: int, max_aliases: int, max_depth: int) -> Loaded:
    loaded = Loaded(value=None)
    stack: list[_Frame] = []
    anchors: dict[str, tuple[Any, int]] = {}
    open_anchors: set[str] = set()
    expanded = 0
    aliases = 0
    documents = 0
    loader = _Loader(text)
    next_event: Callable[[], Any] = loader.get_event  # Any: told apart by exact class below, which mypy does not narrow on
    try:
        # Events are told apart by their exact class (the parsers make no subclasses), scalars
        # first: they are most of a document, and a mapping's key needs no path of its own.
        while (event := next_event()) is not None:
            kind = type(event)
            if kind is _SCALAR:
                parent = stack[-1] if stack else None
                expanded += 1
                if expanded > max_nodes:
                    raise YamlRefused("too-many-nodes", f"document has more than {max_nodes} nodes", _line(event))
                if parent is not None and parent.kind == "map" and parent.key is _NO_KEY:
                    key = event.value
                    if key == "<<" and event.implicit[0] and event.tag is None:
                        parent.key = _MERGE
                    else:
                        parent.key = key
                        if key in parent.explicit:
                            loaded.issues.append(("duplicate-key", _child_path(parent.path, key), "key appears more than once", _line(event) or 0))
                        parent.explicit.add(key)
                    parent.key_line = _line(event) or 0
                    if event.anchor:
                        anchors[event.anchor] = (key, 1)
                    continue
                path = _path_for(parent)
                value = _scalar(event)
                _record_line(loaded, parent, path, event, max_nodes)
                if event.anchor:
                    anchors[event.anchor] = (value, 1)
                _attach(loaded, stack, value, 1)
                continue
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise YamlRefused("multiple-documents", "file holds more than one YAML document; only one is allowed", _line(event))
                continue
            if kind in _SKIPPED:
                continue
            parent = stack[-1] if stack else None
            path = _path_for(parent)
            if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if len(stack) >= max_depth:
                    raise YamlRefused("too-deep", f"nesting deeper than {max_depth} levels", _line(event))
                if event.tag not in (None, "!", _CORE + "map", _CORE + "seq", _CORE + "omap", _CORE + "set"):
                    raise YamlRefused("unsupported-tag", f"unsupported YAML tag {event.tag[:60]!r}", _line(event))
                if parent is not None and parent.kind == "map" and parent.key is _NO_KEY:
                    raise YamlRefused("complex-key", "a mapping key must be a plain value, not a list or a mapping", _line(event))
                _record_line(loaded, parent, path, event, max_nodes)
                frame = _Frame("map" if kind is yaml.MappingStartEvent else "seq", path, event.anchor)
                if event.anchor:
                    open_anchors.add(event.anchor)
                stack.append(frame)
                expanded += 1
                if expanded > max_nodes:
                    raise YamlRefused("too-many-nodes", f"document has more than {max_nodes} nodes", _line(event))
                continue
            if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                frame = stack.pop()
                value = frame.value
                if frame.kind == "map" and frame.merges:
                    for merged in frame.merges:
                        for key, item in merged.items():
                            if key not in frame.explicit:
                                value.setdefault(key, item)
                if frame.anchor:
                    open_anchors.discard(frame.anchor)
                    anchors[frame.anchor] = (value, frame.size)
                _attach(loaded, stack, value, frame.size)
                continue
            if kind is yaml.AliasEvent:
                aliases += 1
                if event.anchor in open_anchors:
                    raise YamlRefused("recursive-alias", f"alias *{event.anchor} refers to a value that contains it", _line(event))
                if event.anchor not in anchors:
                    raise YamlRefused("yaml-syntax", f"alias *{event.anchor} has no anchor", _line(event))
                if aliases > max_aliases:
                    raise YamlRefused("too-many-aliases", f"more than {max_aliases} YAML aliases; refused as a possible alias bomb", _line(event))
                value, size = anchors[event.anchor]
                expanded += size
                if expanded > max_nodes:
                    raise YamlRefused(
                        "alias-bomb", f"aliases expand to more than {max_nodes} nodes; refused as an alias bomb", _line(event)
                    )
                if parent is not None and parent.kind == "map" and parent.key is _NO_KEY:
                    raise YamlRefused("complex-key", "a mapping key must be a plain value, not an alias", _line(event))
                _record_line(loaded, parent, path, event, max_nodes)
                _attach(loaded, stack, value, size)
                continue
    finally:
        loader.dispose()
    return loaded


_MERGE = object()
_SCALAR = yaml.ScalarEvent
_SKIPPED = (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)


def _path_for(parent: _Frame | None) -> str:
    if parent is None:
        return ""
    if parent.kind == "seq":
        return _child_path(parent.path, len(parent.value))
    if parent.key is _NO_KEY or parent.key is _MERGE:
        return parent.path
    return _child_path(parent.path, str(parent.key))


def _record_line(loaded: Loaded, parent: _Frame | None, path: str, event: Any, max_nodes: int) -> None:
    if not path or len(loaded.lines) >= max_nodes:
        return
    if parent is not None and parent.kind == "map" and parent.key_line:
        loaded.lines.setdefault(path, parent.key_line)
    else:
        loaded.lines.setdefault(path, _line(event) or 0)


def _attach(loaded: Loaded, stack: list[_Frame], value: Any, size: int) -> None:
    if not stack:
        loaded.value = value
        return
    parent = stack[-1]
    parent.size += size
    if parent.kind == "seq":
        parent.value.append(value)
    elif parent.key is _MERGE:
        merged = value if isinstance(value, list) else [value]
        for item in merged:
            if isinstance(item, dict):
                parent.merges.append(item)
        parent.key = _NO_KEY
    else:
        parent.value[str(parent.key)] = value
        parent.key = _NO_KEY
