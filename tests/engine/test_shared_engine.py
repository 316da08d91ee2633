"""In-process runs keep the embedded engine of a policy set open for the next run."""
from __future__ import annotations

import json

import pytest

from dpgcheck.bundle.loader import load_policies
from dpgcheck.engine import shared
from dpgcheck.engine.shared import SHARED_ENGINES, shared_engine
from dpgcheck.evaluate import RunOptions, decide
from tests.conftest import ENGINES

FACTS = {"facts_version": "1.1", "subject": {"kind": "repository"}, "problems": []}


@pytest.mark.parametrize("engine", ENGINES)
def test_the_same_policy_set_gets_the_same_engine_and_closing_keeps_it(engine):
    policy_set = load_policies()
    first = shared_engine(engine, policy_set)
    first.close()
    second = shared_engine(engine, load_policies())  # loaded again: same content, same revision
    assert second.name == engine
    assert second._engine is first._engine
    assert second.query("data.dpgcheck.decision.decision_version") == first.query("data.dpgcheck.decision.decision_version")


def test_another_policy_set_gets_its_own_engine_and_only_a_few_are_kept(tmp_path):
    base = shared_engine("regorus", load_policies())
    engines = []
    for n in range(SHARED_ENGINES + 1):
        bundle = tmp_path / f"b{n}"
        bundle.mkdir()
        (bundle / ".manifest").write_text(json.dumps({"revision": f"r{n}", "metadata": {"namespace": f"x{n}"}}))
        (bundle / "data.json").write_text(json.dumps({"dpgcheck": {"config": {"waivers": {"warn_within_days": n}}}}))
        engines.append(shared_engine("regorus", load_policies((bundle,)))._engine)
    assert len({id(e) for e in engines}) == len(engines) and base._engine not in engines
    assert len(shared._SHARED) == SHARED_ENGINES


@pytest.mark.parametrize("engine", ENGINES)
def test_a_shared_engine_decides_as_a_new_one(engine):
    from dpgcheck.engine.factory import open_engine

    policy_set = load_policies()
    options = RunOptions(now="2026-06-01T00:00:00Z")
    kept = shared_engine(engine, policy_set)
    decide(kept, {**FACTS, "problems": [{"source": "x", "code": "y", "message": "z", "path": "a"}]}, options)
    assert decide(kept, FACTS, options) == decide(open_engine(engine, policy_set), FACTS, options)


def test_only_embedded_engines_are_kept():
    with pytest.raises(ValueError, match="opa engines are not kept in process"):
        shared_engine("opa", load_policies())
