"""Ask an engine for the decision on a facts document."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dpgcheck.engine.base import DECISION_REF, UNDEFINED, Engine
from dpgcheck.engine.normalise import normalise_decision
from dpgcheck.errors import DpgcheckError
from dpgcheck.shapes import Decision, RunInput

if TYPE_CHECKING:
    from dpgcheck.engine.budget import Budget


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
    #: The facts describe the staged commit (``--staged``, the pre-commit hooks): the decision
    #: then reports the rules that no commit can change as notes (see policies/decision).
    staged: bool = False
    #: ``note`` or ``enforce``: how a staged run treats those rules (None: the bundle's choice).
    hook_history_rules: str | None = None
    #: The repository's waivers (.dpgcheck.yaml), judged in Rego against ``now``.
    waivers: tuple[dict[str, Any], ...] = ()
    #: Whether the decision carries the Scorecard-shaped view. A run whose report does not
    #: show it (every format but JSON) passes False, and the policies leave it null instead of
    #: computing it (with 200 workflows, 4-8 ms of the evaluation).
    scorecard: bool = True

    def as_input(self) -> RunInput:
        options: RunInput = {}
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
        if self.staged:
            options["staged"] = True
        if self.hook_history_rules:
            options["hook_history_rules"] = self.hook_history_rules
        if self.waivers:
            options["waivers"] = [dict(w) for w in self.waivers]
        if not self.scorecard:
            options["scorecard"] = False
        return options


def decide(engine: Engine, facts: dict[str, Any], options: RunOptions, budget: "Budget | None" = None,
           catalog: dict[str, dict[str, Any]] | None = None) -> Decision:
    """The decision on ``facts``; with a ``budget``, evaluated under the watchdog of :mod:`dpgcheck.engine.budget`."""
    document = dict(facts)
    run_options = options.as_input()
    if run_options:
        document["options"] = run_options
    decision = bounded_query(engine, DECISION_REF, document, budget, catalog or {})
    if decision is UNDEFINED:
        raise DpgcheckError(
            f"the policies gave no decision ({DECISION_REF} is undefined): is the dpgcheck base bundle loaded?"
        )
    return normalise_decision(decision)


def rule_ref(entry: dict[str, Any]) -> str:
    return f'data.dpgcheck.rules.{entry["area"]}["{entry["id"]}"].findings'


def bounded_query(engine: Engine, ref: str, document: Any, budget: "Budget | None", catalog: dict[str, dict[str, Any]]) -> Any:
    """``engine.query(ref, document)`` within ``budget``; over it, a one-line error naming the rule."""
    keeps_budget = getattr(engine, "keeps_budget", False)  # the engine runs in a child that keeps the budget itself
    if budget is None or not (keeps_budget or getattr(engine, "in_process_budget", False)):
        return engine.query(ref, document)
    from dpgcheck.engine.budget import BudgetExceeded, culprit, run

    try:
        return engine.query(ref, document) if keeps_budget else run(lambda: engine.query(ref, document), budget)
    except BudgetExceeded as exc:
        entries = {rule_ref(entry): entry for entry in catalog.values()}
        candidates = sorted(entries, key=lambda r: (entries[r]["source"], r))
        if keeps_budget:
            found = _first_over_budget(engine, candidates, document)
        else:
            found = culprit(candidates, lambda r: engine.query(r, document), budget)
        if found is not None:
            entry = entries[found]
            raise DpgcheckError(
                f"policy evaluation {exc.what} in rule {entry['id']}; fix the rule or give a larger budget "
                "(--eval-timeout, --eval-memory)",
                path=entry["source"],
            ) from None
        raise DpgcheckError(f"policy evaluation {exc.what}; give a larger budget (--eval-timeout, --eval-memory)") from None


def _first_over_budget(engine: Engine, refs: list[str], document: Any) -> str | None:
    """The first rule whose findings break the budget of ``engine``, a child that keeps it: one query per
    rule, each with the whole budget (a child that breaks it is ended, and the next query starts another)."""
    from dpgcheck.engine.budget import BudgetExceeded

    for ref in refs:
        try:
            engine.query(ref, document)
        except BudgetExceeded:
            return ref
        except DpgcheckError:
            continue
    return None
