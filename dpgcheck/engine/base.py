"""The engine interface and what all engines share."""
from __future__ import annotations

from typing import Any, Protocol

DECISION_REF = "data.dpgcheck.decision.main"

class Undefined:
    """The value of a query whose result is undefined."""

    def __repr__(self) -> str:
        return "<undefined>"


UNDEFINED = Undefined()


class Engine(Protocol):
    name: str

    def query(self, ref: str, input: Any = None) -> Any:
        """The value of a reference such as ``data.x.y``, or :data:`UNDEFINED`.

        Whole numbers are integers, whichever engine answers (OPA writes ``1.0`` where
        regorus writes ``1``): see :func:`dpgcheck.engine.normalise.canonical_numbers`.
        """

    def coverage(self) -> dict[str, Any] | None:
        """Line coverage of the policies since the engine was created, where the engine gives it."""

    def close(self) -> None: ...
