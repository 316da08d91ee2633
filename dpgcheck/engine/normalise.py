"""A decision put into one stable order, whichever engine gave it.

Engines agree on the content of Rego sets but not on their order, and OPA's Go engine
answers ``1.0`` where regorus answers ``1``; rendering and comparing need one form.
"""
from __future__ import annotations

import json
from typing import Any, cast

from dpgcheck.shapes import Decision, Finding, location_of
from dpgcheck.vocabulary import SEVERITY_RANK


def finding_sort_key(finding: Finding) -> tuple[Any, ...]:
    location = location_of(finding)
    return (
        SEVERITY_RANK.get(finding.get("severity", ""), 9),
        finding.get("rule_id", ""),
        location.get("path", ""),
        location.get("line", 0),
        finding.get("message", ""),
    )


def _canonical(value: float) -> int | float:
    """A whole float (exactly representable) as an integer: OPA's Go engine answers 1.0 where regorus answers 1."""
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def _whole_or_float(text: str) -> int | float:
    return _canonical(float(text))


def parse_answer(text: str) -> Any:
    """An engine's JSON answer with whole numbers as integers, as :func:`canonical_numbers` makes them.

    The numbers are made canonical as they are read, instead of in a second walk over the
    whole answer (a decision carries every rule's catalogue entry: that walk took a sixth
    of a registry record's time in a batch).
    """
    return json.loads(text, parse_float=_whole_or_float)


def canonical_numbers(value: Any) -> Any:
    """Whole floats as integers, in an answer already parsed (see :func:`_canonical`)."""
    if isinstance(value, float):
        return _canonical(value)
    if isinstance(value, dict):
        return {key: canonical_numbers(item) for key, item in value.items()}
    if isinstance(value, list):
        return [canonical_numbers(item) for item in value]
    return value


def normalise_decision(decision: Any) -> Decision:
    """Put a decision's sets (JSON arrays in no guaranteed order) into one stable order.

    Engines agree on the content of sets but not on their order, so the same
    ordering is applied to every engine's answer before rendering or comparing. Its
    numbers are canonical already: every engine's ``query`` answers whole numbers as
    integers (see :class:`dpgcheck.engine.base.Engine`).
    """
    if not isinstance(decision, dict):
        raise TypeError(f"the decision is not an object: {decision!r}")
    normalised = dict(decision)
    normalised["findings"] = sorted(normalised.get("findings", []), key=finding_sort_key)
    normalised["errors"] = sorted(normalised.get("errors", []))
    # The boundary where the engine's JSON becomes the typed decision the policies promise.
    return cast(Decision, normalised)
