"""The engine interface and what all engines share."""
from __future__ import annotations

from typing import Any, Protocol

DECISION_REF = "data.dpgcheck.decision.main"

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


class Undefined:
    """The value of a query whose result is undefined."""

    def __repr__(self) -> str:
        return "<undefined>"


UNDEFINED = Undefined()


class Engine(Protocol):
    name: str

    def query(self, ref: str, input: Any = None) -> Any:
        """The value of a reference such as ``data.x.y``, or :data:`UNDEFINED`."""

    def coverage(self) -> dict[str, Any] | None:
        """Line coverage of the policies since the engine was created, where the engine gives it."""

    def close(self) -> None: ...


def finding_sort_key(finding: dict[str, Any]) -> tuple[Any, ...]:
    location = finding.get("location") or {}
    return (
        SEVERITY_ORDER.get(finding.get("severity", ""), 9),
        finding.get("rule_id", ""),
        location.get("path", ""),
        location.get("line", 0),
        finding.get("message", ""),
    )


def canonical_numbers(value: Any) -> Any:
    """Whole floats as integers: OPA's Go engine answers 1.0 where regorus answers 1."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, dict):
        return {key: canonical_numbers(item) for key, item in value.items()}
    if isinstance(value, list):
        return [canonical_numbers(item) for item in value]
    return value


def normalise_decision(decision: Any) -> dict[str, Any]:
    """Put a decision's sets (JSON arrays in no guaranteed order) into one stable order.

    Engines agree on the content of sets but not on their order, so the same
    ordering is applied to every engine's answer before rendering or comparing.
    """
    if not isinstance(decision, dict):
        raise TypeError(f"the decision is not an object: {decision!r}")
    normalised = canonical_numbers(dict(decision))
    normalised["findings"] = sorted(normalised.get("findings", []), key=finding_sort_key)
    normalised["errors"] = sorted(normalised.get("errors", []))
    return normalised
