"""Ask an engine for the decision on a facts document."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dpgcheck.engine.base import DECISION_REF, UNDEFINED, Engine, normalise_decision
from dpgcheck.errors import DpgcheckError


@dataclass(frozen=True)
class RunOptions:
    """Per-run choices passed to the policies as ``input.options``."""

    profile: str | None = None
    fail_on: str | None = None
    disabled: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    thresholds: dict[str, Any] = field(default_factory=dict)
    #: The evaluation clock (RFC 3339): what "inactive for 12 months" is measured against.
    now: str | None = None
    #: The repository's waivers (.dpgcheck.yaml), judged in Rego against ``now``.
    waivers: tuple[dict[str, Any], ...] = ()

    def as_input(self) -> dict[str, Any]:
        options: dict[str, Any] = {}
        if self.profile:
            options["profile"] = self.profile
        if self.fail_on:
            options["fail_on"] = self.fail_on
        if self.disabled:
            options["disabled"] = list(self.disabled)
        if self.severity:
            options["severity"] = dict(self.severity)
        if self.thresholds:
            options["thresholds"] = dict(self.thresholds)
        if self.now:
            options["now"] = self.now
        if self.waivers:
            options["waivers"] = [dict(w) for w in self.waivers]
        return options


def decide(engine: Engine, facts: dict[str, Any], options: RunOptions) -> dict[str, Any]:
    document = dict(facts)
    run_options = options.as_input()
    if run_options:
        document["options"] = run_options
    decision = engine.query(DECISION_REF, document)
    if decision is UNDEFINED:
        raise DpgcheckError(
            f"the policies gave no decision ({DECISION_REF} is undefined): is the dpgcheck base bundle loaded?"
        )
    return normalise_decision(decision)
