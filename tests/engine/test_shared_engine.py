"""In-process runs keep the regorus engine of a policy set open for the next run."""
from __future__ import annotations

import json

from dpgcheck.bundle.loader import load_policies
from dpgcheck.engine import regorus_engine
from dpgcheck.engine.regorus_engine import SHARED_ENGINES, shared_engine
from dpgcheck.evaluate import RunOptions, decide

FACTS = {"facts_version": "1.1", "subject": {"kind": "repository"}, "problems": []}


def test_the_same_policy_set_gets_the_same_engine_and_closing_keeps_it():
    policy_set = load_policies()
    first = shared_engine(policy_set)
    first.close()
    second = shared_engine(load_policies())  # loaded again: same content, same revision
    assert second._engine is first._engine
    assert second.query("data.dpgcheck.decision.decision_version") == first.query("data.dpgcheck.decision.decision_version")


def test_another_policy_set_gets_its_own_engine_and_only_a_few_are_kept(tmp_path):
    base = shared_engine(load_policies())
    engines = []
    for n in range(SHARED_ENGINES + 1):
        bundle = tmp_path / f"b{n}"
        bundle.mkdir()
        (bundle / ".manifest").write_text(json.dumps({"revision": f"r{n}", "metadata": {"namespace": f"x{n}"}}))
        (bundle / "data.json").write_text(json.dumps({"dpgcheck": {"config": {"waivers": {"warn_within_days": n}}}}))
        engines.append(shared_engine(load_policies((bundle,)))._engine)
    assert len({id(e) for e in engines}) == len(engines) and base._engine not in engines
    assert len(regorus_engine._SHARED) == SHARED_ENGINES


def test_a_shared_engine_decides_as_a_new_one():
    from dpgcheck.engine.regorus_engine import RegorusEngine

    policy_set = load_policies()
    options = RunOptions(now="2026-06-01T00:00:00Z")
    shared = shared_engine(policy_set)
    decide(shared, {**FACTS, "problems": [{"source": "x", "code": "y", "message": "z", "path": "a"}]}, options)
    assert decide(shared, FACTS, options) == decide(RegorusEngine(policy_set), FACTS, options)
