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
    """Each test's result; with a ``budget`` (and an in-process engine) each test has that budget.

    A test that runs over its time or memory budget, or crashes the engine, fails with
    a message saying so; the other tests still run.
    """
    from dpgcheck.engine import budget as watchdog

    def one(test: tuple[str, str, str]) -> tuple[bool, str | None, float]:
        started = time.perf_counter()
        try:
            value: Any = engine.query(f"data.{test[1]}.{test[2]}", {})
            return value is True, None, time.perf_counter() - started
        except DpgcheckError as exc:
            return False, exc.message, time.perf_counter() - started

    bounded = budget if getattr(engine, "in_process_budget", False) else None
    results = []
    for test, outcome, why in watchdog.run_each(list(tests), one, bounded):
        module, package, name = test
        if why is not None:
            seconds = bounded.seconds if bounded is not None and "time" in why else 0.0
            results.append(TestResult(module, package, name, False, seconds, f"the test {why}"))
        elif isinstance(outcome, DpgcheckError):
            results.append(TestResult(module, package, name, False, 0.0, outcome.message))
        else:
            passed, error, seconds = outcome
            results.append(TestResult(module, package, name, passed, seconds, error))
    return results


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
