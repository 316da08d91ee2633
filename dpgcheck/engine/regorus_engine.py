"""The embedded engine: regorus, a Rust Rego interpreter (PyPI ``gordon-to-regorus``)."""
from __future__ import annotations

import json
import os
import threading
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

from dpgcheck.bundle.loader import PolicySet
from dpgcheck.engine.base import DECISION_REF, UNDEFINED
from dpgcheck.errors import DpgcheckError


class RegorusEngine:
    name = "regorus"
    #: Evaluation is in this process, so a forked watchdog can bound it (see engine/budget.py).
    #: OPA's Go engine is not forked (a Go runtime does not survive fork); an OPA server has its own process.
    in_process_budget = True

    def __init__(self, policy_set: PolicySet, *, with_tests: bool = False, coverage: bool = False) -> None:
        modules = {**policy_set.modules, **(policy_set.test_modules if with_tests else {})}
        if coverage:
            self._engine = _new_engine()
            self._engine.set_enable_coverage(True)
            _add_modules(self._engine, modules.items())
        else:
            self._engine = _parsed(modules)
        self._engine.add_data_json(policy_set.data_json())

    def query(self, ref: str, input: Any = None) -> Any:
        return value_of(self.query_json(ref, json.dumps(input) if input is not None else None))

    def query_json(self, ref: str, input_json: str | None = None) -> str:
        """The engine's own JSON answer to ``ref`` on the input given as JSON text."""
        if input_json is not None:
            self._engine.set_input_json(input_json)
        if ref in RULE_REFS:
            value = self._rule_value_json(ref)
            if value is not None:
                return _ANSWER_OPENING + value + _ANSWER_CLOSING
        try:
            return self._engine.eval_query_as_json(ref)
        except RuntimeError as exc:
            raise DpgcheckError(f"policy evaluation failed: {_first_line(exc)}") from None

    def _rule_value_json(self, ref: str) -> str | None:
        """The value of the rule at ``ref`` as JSON, or None where a query must tell.

        regorus evaluates a rule path without compiling a query first, about half a
        millisecond less per evaluation (a registry record's decision takes 5-8). A rule that
        is not there, undefined (regorus answers the string "<undefined>"), or that fails is
        asked again as a query, which says so in the usual way.
        """
        try:
            value = self._engine.eval_rule_as_json(ref)
        except RuntimeError:
            return None
        return None if value == _UNDEFINED_RULE else value

    def coverage(self) -> dict[str, Any] | None:
        report = json.loads(self._engine.get_coverage_report_as_json())
        files = {}
        for entry in report.get("files", []):
            files[entry["path"]] = {"covered": sorted(entry.get("covered", [])), "not_covered": sorted(entry.get("not_covered", []))}
        return files

    def close(self) -> None:
        self._engine = None


def _regorus() -> Any:
    """The regorus module (imported lazily: keeps `dpgcheck --help` fast), its errors without Rust backtraces.

    With RUST_BACKTRACE=1 in the environment (a Rust developer's shell, some CI machines) every
    error regorus makes captures a backtrace, and it makes many while it reads and prepares the
    policies, where dpgcheck never shows one: a process that opened the built-in policies and asked
    one query ran 820 M instructions instead of 539 M. RUST_LIB_BACKTRACE, which Rust reads first
    for such backtraces (not for a panic's), is set to 0 before regorus first runs, unless the user
    has set it.
    """
    os.environ.setdefault("RUST_LIB_BACKTRACE", "0")
    import regorus

    return regorus


def _new_engine() -> Any:
    """An empty regorus engine that reads Rego v1."""
    engine = _regorus().Engine()
    engine.set_rego_v0(False)
    return engine


def _add_modules(engine: Any, modules: Iterable[tuple[str, str]]) -> None:
    for name, source in modules:
        try:
            engine.add_policy(name, source)
        except RuntimeError as exc:
            raise DpgcheckError(f"Rego does not parse: {_first_line(exc)}", path=name) from None


#: Engines that hold parsed modules and no data, per thread, most recently used last, each with
#: the modules it holds. Parsing the built-in policies (~250 kB of Rego) takes ~45 ms and cloning
#: an engine next to nothing, so a process that opens engine after engine (a test run, a program
#: that builds bundles and runs their tests) parses a set of modules once. The data is added to
#: each clone. Per thread: a regorus engine may only be used, and dropped, on the thread that made
#: it (pyo3 refuses it anywhere else), as dpgcheck.engine.shared keys its engines by thread too.
_PARSED = threading.local()
PARSED_ENGINES = 6


def _kept() -> "OrderedDict[tuple[tuple[str, str], ...], Any]":
    """This thread's parsed engines."""
    kept: OrderedDict[tuple[tuple[str, str], ...], Any] | None = getattr(_PARSED, "engines", None)
    if kept is None:
        kept = _PARSED.engines = OrderedDict()
    return kept


def _parsed(modules: dict[str, str]) -> Any:
    """A new engine holding ``modules``, cloned from the kept engine that holds the most of them.

    A kept engine serves when every module it holds is one of ``modules``, the same text under
    the same name: an overlay's engine starts from the built-in policies' and parses only its
    own modules. What a clone is given afterwards (data, input) is its own.
    """
    kept = _kept()
    key = tuple(modules.items())
    engine = kept.pop(key, None)
    if engine is None:
        base: tuple[tuple[str, str], ...] = ()
        for held in kept:
            if len(base) < len(held) <= len(key) and all(modules.get(name) == source for name, source in held):
                base = held
        engine = kept[base].clone() if base else _new_engine()
        held_names = {name for name, _ in base}
        _add_modules(engine, ((name, source) for name, source in key if name not in held_names))
    kept[key] = engine
    while len(kept) > PARSED_ENGINES:
        kept.popitem(last=False)
    return engine.clone()


#: References that are evaluated as rule paths (see RegorusEngine._rule_value_json): the decision,
#: the one reference every run asks and the only one compared with its query answer on the corpus.
RULE_REFS = frozenset({DECISION_REF})
_UNDEFINED_RULE = '"<undefined>"'
#: A rule's value is put in the envelope of a query's answer, so that what reads answers (value_of,
#: the engine child's messages) reads both alike.
_ANSWER_OPENING = '{"result": [{"expressions": [{"value": '
_ANSWER_CLOSING = "}]}]}"


def value_of(answer: str) -> Any:
    """The value of regorus's JSON answer to a one-expression query, or :data:`UNDEFINED`."""
    from dpgcheck.engine.normalise import parse_answer

    rows = parse_answer(answer).get("result") or []
    if not rows or not rows[0].get("expressions"):
        return UNDEFINED
    return rows[0]["expressions"][0]["value"]


def _first_line(exc: BaseException) -> str:
    """regorus errors span many lines; keep the location and the error itself."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    where = next((line[4:] for line in lines if line.startswith("--> ")), "")
    error = next((line for line in lines if line.startswith("error:")), lines[0] if lines else type(exc).__name__)
    return f"{where}: {error}" if where else error
