"""regorus engines are cloned from engines that already hold the parsed modules (regorus_engine._parsed)."""
from __future__ import annotations

import gc
import json
import os
import sys
from pathlib import Path

import pytest

from dpgcheck.bundle.loader import load_policies
from dpgcheck.engine import regorus_engine
from dpgcheck.engine.regorus_engine import PARSED_ENGINES, RegorusEngine
from dpgcheck.errors import DpgcheckError
from dpgcheck.evaluate import RunOptions, decide

FACTS = {"facts_version": "1.1", "subject": {"kind": "repository"}, "problems": []}
OPTIONS = RunOptions(now="2026-06-01T00:00:00Z")


def overlay(root: Path, namespace: str, *, rego: str | None = None, data: dict | None = None) -> Path:
    root.mkdir()
    (root / ".manifest").write_text(json.dumps({"revision": f"{namespace}-1", "metadata": {"namespace": namespace}}))
    if rego is not None:
        (root / f"{namespace}.rego").write_text(rego)
    if data is not None:
        (root / "data.json").write_text(json.dumps(data))
    return root


def fresh(policy_set) -> RegorusEngine:
    """An engine that parses every module itself (the cache emptied first)."""
    regorus_engine._kept().clear()
    return RegorusEngine(policy_set)


def test_an_engine_of_the_same_modules_is_a_clone_with_data_of_its_own(tmp_path):
    strict = load_policies((overlay(tmp_path / "strict", "strict", data={"dpgcheck": {"config": {"waivers": {"warn_within_days": 3}}}}),))
    lenient = load_policies((overlay(tmp_path / "lenient", "lenient", data={"dpgcheck": {"config": {"waivers": {"warn_within_days": 90}}}}),))
    assert strict.modules == lenient.modules and strict.data != lenient.data
    first = fresh(strict)
    second = RegorusEngine(lenient)  # the same modules: cloned, given its own data
    ref = "data.dpgcheck.config.waivers.warn_within_days"
    assert (first.query(ref), second.query(ref)) == (3, 90)
    assert RegorusEngine(strict).query(ref) == 3  # the first clone's data did not leak into the kept engine
    assert len(regorus_engine._kept()) == 1


def test_an_overlay_engine_starts_from_the_builtin_one_and_decides_as_a_fresh_one(tmp_path):
    rego = """# METADATA
# title: Always reports
# description: A rule of the overlay, to show that its module is parsed into the clone.
# custom:
#   severity: warning
#   remediation: none
package dpgcheck.rules.extra_checks["extra.always"]

import data.dpgcheck.lib.result

findings contains result.fail("always", {})
"""
    builtin = load_policies()
    with_overlay = load_policies((overlay(tmp_path / "extra", "extra", rego=rego),))
    assert set(builtin.modules) < set(with_overlay.modules)
    expected = decide(fresh(with_overlay), FACTS, OPTIONS)
    regorus_engine._kept().clear()
    RegorusEngine(builtin)
    cloned = RegorusEngine(with_overlay)
    assert list(regorus_engine._kept()) == [tuple(builtin.modules.items()), tuple(with_overlay.modules.items())]
    assert decide(cloned, FACTS, OPTIONS) == expected
    assert [f["message"] for f in expected["findings"] if f["rule_id"] == "extra.always"] == ["always"]


def test_a_module_that_does_not_parse_is_an_error_every_time_and_keeps_nothing(tmp_path):
    broken = load_policies((overlay(tmp_path / "broken", "broken", rego="package dpgcheck.ext.broken\nallow if {\n"),))
    regorus_engine._kept().clear()
    RegorusEngine(load_policies())
    for _ in range(2):
        with pytest.raises(DpgcheckError, match="Rego does not parse") as raised:
            RegorusEngine(broken)
        assert raised.value.path is not None and raised.value.path.endswith("broken.rego")
    assert list(regorus_engine._kept()) == [tuple(load_policies().modules.items())]


def test_only_a_few_parsed_engines_are_kept(tmp_path):
    regorus_engine._kept().clear()
    for n in range(PARSED_ENGINES + 2):
        rego = f"package dpgcheck.ext.x{n}\n\nvalue := {n}\n"
        engine = RegorusEngine(load_policies((overlay(tmp_path / f"x{n}", f"x{n}", rego=rego),)))
        assert engine.query(f"data.dpgcheck.ext.x{n}.value") == n
    assert len(regorus_engine._kept()) == PARSED_ENGINES


def test_coverage_engines_parse_their_own_modules():
    regorus_engine._kept().clear()
    engine = RegorusEngine(load_policies(), coverage=True)
    engine.query("data.dpgcheck.decision.decision_version")
    assert engine.coverage() and not regorus_engine._kept()


def test_regorus_errors_carry_no_rust_backtrace_unless_the_user_asks(monkeypatch):
    monkeypatch.setenv("RUST_BACKTRACE", "1")
    monkeypatch.delenv("RUST_LIB_BACKTRACE", raising=False)
    RegorusEngine(load_policies())
    assert os.environ["RUST_LIB_BACKTRACE"] == "0"
    monkeypatch.setenv("RUST_LIB_BACKTRACE", "1")
    RegorusEngine(load_policies())
    assert os.environ["RUST_LIB_BACKTRACE"] == "1"


def test_each_thread_keeps_its_own_parsed_engines():
    """A regorus engine may only be used and dropped on the thread that made it: another thread's
    runs neither clone it nor, evicting it, drop it."""
    import threading

    policy_set = load_policies()
    regorus_engine._kept().clear()
    RegorusEngine(policy_set)
    unraisable = []
    previous, sys.unraisablehook = sys.unraisablehook, unraisable.append
    try:
        answers = []

        def run_elsewhere() -> None:
            engine = RegorusEngine(policy_set)  # this thread's own parse, not a clone of the main thread's
            answers.append(engine.query("data.dpgcheck.decision.decision_version"))
            answers.append(list(regorus_engine._kept()) == [tuple(policy_set.modules.items())])

        thread = threading.Thread(target=run_elsewhere)
        thread.start()
        thread.join()
        del thread
        gc.collect()
    finally:
        sys.unraisablehook = previous
    assert answers == ["1.0", True]
    assert [hook.exc_value for hook in unraisable] == []
    assert list(regorus_engine._kept()) == [tuple(policy_set.modules.items())]
