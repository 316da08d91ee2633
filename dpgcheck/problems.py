"""Problems met while collecting facts: recorded, never raised."""
from __future__ import annotations

from typing import TypedDict


class Problem(TypedDict, total=False):
    source: str  # the collector that met it
    code: str  # a stable kebab-case code, e.g. "symlink-outside"
    path: str  # repository-relative path, when there is one
    message: str


def problem(source: str, code: str, message: str, path: str | None = None) -> Problem:
    found: Problem = {"source": source, "code": code, "message": message}
    if path is not None:
        found["path"] = path
    return found
