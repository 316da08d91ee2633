"""dpgcheck policy test | list: the rule catalogue and the Rego unit tests."""
from __future__ import annotations

import sys
from pathlib import Path

from typing import TYPE_CHECKING

from dpgcheck.errors import EXIT_FINDINGS, EXIT_PASS, DpgcheckError

if TYPE_CHECKING:
    from dpgcheck.engine.budget import Budget


def policy_test(
    directories: tuple[Path, ...],
    *,
    engine_name: str,
    builtin: bool,
    run_pattern: str,
    coverage: bool,
    threshold: float | None,
    verbose: bool,
    budget: "Budget | None" = None,
) -> int:
    from dpgcheck.bundle.loader import load_policies
    from dpgcheck.engine.factory import open_engine
    from dpgcheck.policytest import coverage_percent, discover, run_tests

    policy_set = load_policies(directories, include_builtin=builtin)
    tests = discover(policy_set, run_pattern)
    if not tests:
        raise DpgcheckError("no Rego test found (test_* rules in *_test.rego files); nothing was run")
    engine = open_engine(engine_name, policy_set, with_tests=True, coverage=coverage)
    try:
        # Coverage is gathered in this process's engine: with --coverage the tests run here, unbounded.
        results = run_tests(engine, tests, None if coverage else budget)
        report = engine.coverage() if coverage else None
    finally:
        engine.close()
    failed = [r for r in results if not r.passed]
    for result in results:
        if verbose or not result.passed:
            status = "PASS" if result.passed else "FAIL"
            detail = f" ({result.error})" if result.error else ""
            sys.stdout.write(f"{status} {result.module}: {result.name} ({result.seconds * 1000:.1f} ms){detail}\n")
    sys.stdout.write(f"{engine_name}: {len(results) - len(failed)} passed, {len(failed)} failed\n")
    if coverage:
        percent = coverage_percent(report, include=lambda name: not name.endswith("_test.rego"))
        if percent is None:
            sys.stdout.write(f"coverage: not reported by the {engine_name} engine\n")
        else:
            sys.stdout.write(f"coverage: {percent:.1f}% of policy lines\n")
            if threshold is not None and percent < threshold:
                sys.stdout.write(f"coverage {percent:.1f}% is below the threshold {threshold:.1f}%\n")
                return EXIT_FINDINGS
    return EXIT_FINDINGS if failed else EXIT_PASS


def policy_list(bundles: tuple[Path, ...], *, builtin: bool, profile: str | None, as_json: bool) -> int:
    import json

    from dpgcheck.bundle.loader import load_policies
    from dpgcheck.engine.factory import open_engine
    from dpgcheck.evaluate import RunOptions

    policy_set = load_policies(bundles, include_builtin=builtin)
    catalog = policy_set.catalog
    severities = {rule_id: entry["severity"] for rule_id, entry in catalog.items()}
    if profile is not None:
        # Which rules a profile selects is a policy question: ask the engine, on empty facts.
        engine = open_engine("regorus", policy_set)
        from dpgcheck import FACTS_VERSION

        question = {"facts_version": FACTS_VERSION, "options": RunOptions(profile=profile).as_input()}
        try:
            active = engine.query("data.dpgcheck.decision.active", question)
            errors = engine.query("data.dpgcheck.decision.errors", question)
        finally:
            engine.close()
        if errors:
            raise DpgcheckError("; ".join(sorted(errors)))
        selected = {rule_id: rule["severity"] for rule_id, rule in (active or {}).items()}
    else:
        selected = severities
    rows = [catalog[rule_id] | {"severity": severity} for rule_id, severity in sorted(selected.items())]
    if as_json:
        sys.stdout.write(json.dumps(rows, indent=2, sort_keys=True) + "\n")
        return EXIT_PASS
    width = max((len(r["id"]) for r in rows), default=10)
    for row in rows:
        indicator = row.get("indicator") or "-"
        sys.stdout.write(f"{row['id']:<{width}}  {row['area']:<11} {row['severity']:<8} {indicator:<4} {row['title']}\n")
    sys.stdout.write(f"{len(rows)} rules" + (f" in profile {profile}" if profile else "") + "\n")
    return EXIT_PASS
