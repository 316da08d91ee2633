"""The results file: one JSON line per target, appended and flushed as each finishes.

Each line goes to the file in one ``write`` on a descriptor opened with
``O_APPEND``, so a process killed at any moment leaves whole lines and at most
one torn last line (no newline yet). ``--resume`` drops that torn line and redoes
its target; every whole line is a finished target and is not done again.
"""
from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dpgcheck.errors import DpgcheckError


@dataclass
class Existing:
    """The results file as a resumed run finds it: its whole lines and the bytes of a torn last one."""

    lines: list[dict[str, Any]] = field(default_factory=list)
    torn_bytes: int = 0

    @property
    def done(self) -> set[str]:
        return {line["target"] for line in self.lines}


def parse_lines(data: bytes, where: str) -> tuple[list[dict[str, Any]], int]:
    """The whole lines of a results file, and the length of a torn last line (0 when there is none)."""
    end = data.rfind(b"\n") + 1
    lines = []
    for number, raw in enumerate(data[:end].splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            line = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise DpgcheckError(f"line {number} is not JSON: not a dpgcheck results file, or it was edited", path=where) from None
        if not isinstance(line, dict) or not isinstance(line.get("target"), str) or "status" not in line:
            raise DpgcheckError(f"line {number} is not a dpgcheck result line", path=where)
        lines.append(line)
    return lines, len(data) - end


def read_existing(path: Path) -> Existing:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Existing()
    except OSError as exc:
        raise DpgcheckError(f"cannot read the results file: {exc.strerror or exc}", path=str(path)) from None
    lines, torn = parse_lines(data, str(path))
    return Existing(lines, torn)


class ResultsWriter:
    """Appends lines to FILE (or standard output), each flushed to the operating system at once."""

    def __init__(self, path: Path | None, *, resume: bool) -> None:
        self.path = path
        self._fd: int | None = None
        if path is None:
            return
        if not resume and path.exists() and path.stat().st_size > 0:
            raise DpgcheckError("the results file exists; pass --resume to continue that run, or remove the file", path=str(path))
        try:
            self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
            if resume:
                size = os.fstat(self._fd).st_size
                data = path.read_bytes()
                keep = data.rfind(b"\n") + 1
                if keep < size:
                    os.ftruncate(self._fd, keep)  # the torn last line: its target is done again
        except OSError as exc:
            raise DpgcheckError(f"cannot write the results file: {exc.strerror or exc}", path=str(path)) from None

    def write(self, line: str) -> None:
        data = (line + "\n").encode("utf-8")
        if self._fd is None:
            sys.stdout.write(line + "\n")
            sys.stdout.flush()
            return
        view = memoryview(data)
        while view:
            written = os.write(self._fd, view)
            view = view[written:]

    def close(self) -> None:
        if self._fd is not None:
            try:
                os.fsync(self._fd)
            except OSError:
                pass
            os.close(self._fd)
            self._fd = None
