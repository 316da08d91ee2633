"""Read and parse input that nobody vouches for: one bounded reader, JSON parser and YAML loader.

Every file the product reads on the user's behalf (``--facts``, ``--record``,
``--screening``, ``--affiliations``, a bundle's ``.manifest``, ``data.json``,
``data.yaml`` and ``*.rego``, a repository's ``dpg.json``/``dpg.yaml``) goes through
this module, so that each has the same limits:

* the file type and size are checked on the open descriptor *before* reading: a
  named pipe, a device (``/dev/zero``), a socket or a directory is refused without
  blocking, and a file over the limit is refused without being read;
* JSON: no ``NaN``/``Infinity``, no number that overflows a double (``1e400``), no
  integer with more than :data:`MAX_INT_DIGITS` digits, no nesting deeper than
  :data:`MAX_DEPTH` (a 100,000-deep array is refused, not a recursion crash);
* YAML: :mod:`dpgcheck.untrusted.yaml` (bounded aliases, nodes, depth, one
  document, YAML 1.2 core scalars), then the same value checks as JSON. A caller that
  needs the loader's lines of keys or duplicate-key report uses :func:`.yaml.load`
  directly; an SBOM of tens of megabytes goes through :mod:`.large_yaml`. No other
  module of dpgcheck imports PyYAML (``tests/architecture`` checks it).
* TOML (``pyproject.toml``, ``REUSE.toml``): :mod:`.toml`, the standard parser, its
  answers kept on disk by content so that a warm run does not import it.

A refusal is :class:`Refused` with a one-line reason; callers add the file name
and turn it into a :class:`~dpgcheck.errors.DpgcheckError` (exit 2) or a recorded
problem.
"""
from __future__ import annotations

import json
import math
import os
import stat
from pathlib import Path
from typing import Any

#: Deepest nesting of arrays/objects accepted in any JSON or YAML document.
MAX_DEPTH = 64
#: Longest integer accepted (digits, sign excluded): beyond a 64-bit counter or a Unix time in ns.
MAX_INT_DIGITS = 30
_READ_CHUNK = 1 << 20


class Refused(Exception):
    """An input was refused; ``message`` is one line without the file name."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _kind(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def non_regular(path: Path | str) -> str | None:
    """What ``path`` is when it exists and is not a regular file (links followed), else None."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return _kind(info.st_mode)


def read_regular(path: Path | str, *, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``; :class:`Refused` otherwise.

    The file is opened without blocking (a FIFO opens at once, with no writer) and its
    type and size are read from the open descriptor, so nothing is read from a pipe or
    a device, and a file that is too large is never loaded.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise Refused("no such file") from None
    except IsADirectoryError:
        raise Refused("is a directory, not a file") from None
    except OSError as exc:
        raise Refused(f"cannot open it: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        kind = _kind(info.st_mode)
        if kind is not None:
            raise Refused(f"is {kind}, not a regular file; refused without reading it")
        if info.st_size > max_bytes:
            raise Refused(f"is {info.st_size} bytes, over the {max_bytes}-byte limit; not read")
        chunks: list[bytes] = []
        total = 0
        while total <= max_bytes:
            try:
                chunk = os.read(fd, min(_READ_CHUNK, max_bytes + 1 - total))
            except BlockingIOError:  # pragma: no cover - regular files do not block
                continue
            except OSError as exc:
                raise Refused(f"cannot read it: {exc.strerror or exc}") from None
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > max_bytes:  # it grew while being read
            raise Refused(f"is over the {max_bytes}-byte limit; not read")
        return b"".join(chunks)
    finally:
        os.close(fd)


def decode_utf8(data: bytes) -> str:
    if b"\x00" in data:
        raise Refused("contains NUL bytes: it is binary, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Refused(f"is not valid UTF-8 (byte {exc.start}); save it as UTF-8") from None


def _refuse_constant(name: str) -> Any:
    raise Refused(f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    if len(text) > 400:
        raise Refused(f"a number has {len(text)} characters")
    value = float(text)
    if not math.isfinite(value):
        raise Refused(f"the number {text[:40]} is out of range")
    return value


def _bounded_int(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_INT_DIGITS:
        raise Refused(f"an integer has {digits} digits, more than {MAX_INT_DIGITS}")
    return int(text)


def check_value(value: Any, *, max_depth: int = MAX_DEPTH) -> None:
    """Refuse a parsed value nested deeper than ``max_depth`` or holding a non-finite or huge number."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            if depth > max_depth:
                raise Refused(f"nested deeper than {max_depth} levels")
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list, float, int)))
        elif isinstance(item, float):
            if not math.isfinite(item):
                raise Refused(f"holds the number {item}, which JSON does not allow")
        elif isinstance(item, int) and not isinstance(item, bool):
            if item.bit_length() > MAX_INT_DIGITS * 3.33:
                raise Refused(f"an integer has more than {MAX_INT_DIGITS} digits")


def parse_json(text: str, *, max_depth: int = MAX_DEPTH) -> Any:
    """A JSON value within the limits; :class:`Refused` with a one-line reason otherwise."""
    try:
        value = json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float, parse_int=_bounded_int)
    except json.JSONDecodeError as exc:
        raise Refused(f"is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except Refused as exc:
        raise Refused(f"is not usable JSON: {exc.message}") from None
    except RecursionError:
        raise Refused(f"is not usable JSON: nested deeper than {max_depth} levels") from None
    except ValueError as exc:  # pragma: no cover - int() limits of the interpreter
        raise Refused(f"is not usable JSON: {str(exc).splitlines()[0][:120]}") from None
    try:
        check_value(value, max_depth=max_depth)
    except Refused as exc:
        raise Refused(f"is not usable JSON: {exc.message}") from None
    return value


def parse_yaml(data: bytes, *, max_bytes: int, max_nodes: int, max_aliases: int = 100, max_depth: int = MAX_DEPTH) -> Any:
    """A YAML value (one document) within the limits, as JSON-compatible data."""
    from dpgcheck.untrusted.yaml import YamlRefused, load

    try:
        value = load(data, max_bytes=max_bytes, max_nodes=max_nodes, max_aliases=max_aliases, max_depth=max_depth).value
    except YamlRefused as exc:
        where = f" (line {exc.line})" if exc.line else ""
        raise Refused(f"is not usable YAML{where}: {exc.message}") from None
    try:
        check_value(value, max_depth=max_depth)
    except Refused as exc:
        raise Refused(f"is not usable YAML: {exc.message}") from None
    return value


def read_json(path: Path | str, *, max_bytes: int, max_depth: int = MAX_DEPTH) -> Any:
    """Read and parse a JSON file with every limit; :class:`Refused` otherwise."""
    return parse_json(decode_utf8(read_regular(path, max_bytes=max_bytes)), max_depth=max_depth)
