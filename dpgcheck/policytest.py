"""Run the Rego unit tests (``test_*`` rules in ``*_test.rego`` modules) on an engine."""
from __future__ import annotations

import fnmatch
import re
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from dpgcheck.bundle.loader import PolicySet
from dpgcheck.bundle.metadata import package_path
from dpgcheck.engine.base import Engine
from dpgcheck.errors import DpgcheckError

if TYPE_CHECKING:
    from dpgcheck.engine.budget import Budget

_TEST_RULE = re.compile(r"^(?P<name>test_[A-Za-z0-9_]+)\s*(?:if\b|\{|:?=)", re.MULTILINE)


@dataclass(frozen=True)
class TestResult:
    """One Rego test's outcome, as `dpgcheck policy test` reports it."""

    module: str
    package: str
    name: str
    passed: bool
    seconds: float
    error: str | None = None


def discover(policy_set: PolicySet, pattern: str = "*") -> list[tuple[str, str, str]]:
    """(module, package, test name) for every test rule, in file order."""
    tests = []
    for module, source in sorted(policy_set.test_modules.items()):
        package = package_path(source)
        if package is None:
            continue
        seen = set()
        for match in _TEST_RULE.finditer(source):
            name = match.group("name")
            if name in seen or not fnmatch.fnmatch(f"{package}.{name}", f"*{pattern}*" if pattern != "*" else "*"):
                continue
            seen.add(name)
            tests.append((module, package, name))
    return tests


def run_tests(engine: Engine, tests: list[tuple[str, str, str]], budget: "Budget | None" = None) -> list[TestResult]:
    """Each test's result.

    With a ``budget`` and an engine that runs in this process (regorus), one watchdog child
    runs the tests in turn, each within the budget: a test that runs over its time or
    memory, or crashes the engine, fails with a message saying so, and the others still run.

    Otherwise all tests are asked in one query. An engine may prepare (compile) every
    module anew for each distinct query: OPA's Go engine spends about half a second on that
    per query for the built-in policies, which made one query per test cost minutes. Each
    test is wrapped in a comprehension so that an undefined test does not hide the others.
    A runtime error (a conflict, say) fails the whole query; then each test is asked alone,
    so the error is pinned on the test that raised it. ``seconds`` is then the batch's time
    shared out evenly.
    """
    if not tests:
        return []
    if budget is not None and getattr(engine, "in_process_budget", False):
        return _run_each_within(engine, tests, budget)
    started = time.perf_counter()
    try:
        answers = _query_together(engine, tests)
    except DpgcheckError:
        return [_run_one(engine, test) for test in tests]
    share = (time.perf_counter() - started) / len(tests)
    return [
        TestResult(module, package, name, answer == [True], share)
        for (module, package, name), answer in zip(tests, answers)
    ]


def _run_each_within(engine: Engine, tests: list[tuple[str, str, str]], budget: "Budget") -> list[TestResult]:
    from dpgcheck.engine import budget as watchdog

    results = []
    for test, outcome, why in watchdog.run_each(list(tests), lambda test: _run_one(engine, test), budget):
        module, package, name = test
        if why is not None:
            seconds = budget.seconds if "time" in why else 0.0
            results.append(TestResult(module, package, name, False, seconds, f"the test {why}"))
        elif isinstance(outcome, DpgcheckError):
            results.append(TestResult(module, package, name, False, 0.0, outcome.message))
        else:
            results.append(outcome)
    return results


def _query_together(engine: Engine, tests: list[tuple[str, str, str]]) -> list[Any]:
    items = ", ".join(f"[x | x := data.{package}.{name}]" for _, package, name in tests)
    answers = engine.query(f"[{items}]", {})
    if not isinstance(answers, list) or len(answers) != len(tests):
        raise DpgcheckError("the engine did not answer every test")
    return answers


def _run_one(engine: Engine, test: tuple[str, str, str]) -> TestResult:
    module, package, name = test
    started = time.perf_counter()
    try:
        value: Any = engine.query(f"data.{package}.{name}", {})
        passed, error = value is True, None
    except DpgcheckError as exc:
        passed, error = False, exc.message
    return TestResult(module, package, name, passed, time.perf_counter() - started, error)


def coverage_percent(report: dict[str, Any] | None, *, include: Callable[[str], bool]) -> float | None:
    if not report:
        return None
    covered = not_covered = 0
    for name, lines in report.items():
        if not include(name):
            continue
        covered += len(lines["covered"])
        not_covered += len(lines["not_covered"])
    total = covered + not_covered
    return 100.0 * covered / total if total else None
