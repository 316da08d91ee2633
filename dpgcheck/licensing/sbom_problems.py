"""The problems found in one SBOM, grouped by code with a few examples each (shared by the SPDX 2,
SPDX 3 and CycloneDX readers), and the messages an exception of a parser carries."""
from __future__ import annotations

from dpgcheck.shapes import SbomProblem

#: Examples kept per problem code in the facts, and gathered before the first of them are chosen.
EXAMPLES = 10
EXAMPLE_POOL = 5000


class Messages:
    """Problems found in a document, grouped by code so a 16,000-package SBOM stays small."""

    def __init__(self) -> None:
        self._groups: dict[str, SbomProblem] = {}

    def add(self, code: str, kind: str, message: str, example: str | None = None) -> None:
        group = self._groups.get(code)
        if group is None:
            group = self._groups[code] = {"code": code, "kind": kind, "message": message, "count": 0, "examples": []}
        group["count"] += 1
        if example is not None and len(group["examples"]) < EXAMPLE_POOL:
            group["examples"].append(example[:300])

    def codes(self) -> set[str]:
        return set(self._groups)

    def as_list(self) -> list[SbomProblem]:
        # The first examples in sorted order, so that RDF (whose elements have no order)
        # gives the same facts on every run.
        return [{**self._groups[c], "examples": sorted(set(self._groups[c]["examples"]))[:EXAMPLES]} for c in sorted(self._groups)]


def error_messages(exc: Exception) -> list[str]:
    get = getattr(exc, "get_messages", None)
    if callable(get):
        flat: list[str] = []
        for message in get():
            flat.extend(message if isinstance(message, list) else [message])
        return [str(m) for m in flat] or [type(exc).__name__]
    return [f"{type(exc).__name__}: {exc}"]
