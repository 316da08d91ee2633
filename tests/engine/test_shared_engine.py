"""In-process runs keep the embedded engine of a policy set open for the next run."""
from __future__ import annotations

import json
import os
import signal
import threading

import pytest

from dpgcheck.bundle.loader import load_policies
from dpgcheck.engine import shared
from dpgcheck.engine.budget import Budget
from dpgcheck.engine.shared import SHARED_ENGINES, SHARED_EVALUATORS, shared_engine, shared_evaluator
from dpgcheck.errors import DpgcheckError
from dpgcheck.evaluate import RunOptions, decide
from tests.conftest import ENGINES

FACTS = {"facts_version": "1.1", "subject": {"kind": "repository"}, "problems": []}
OPTIONS = RunOptions(now="2026-06-01T00:00:00Z")


def _bundle(folder, n: int):
    """A one-file overlay that changes a value in the base's data: a policy set of its own."""
    folder.mkdir()
    (folder / ".manifest").write_text(json.dumps({"revision": f"r{n}", "metadata": {"namespace": f"x{n}"}}))
    (folder / "data.json").write_text(json.dumps({"dpgcheck": {"config": {"waivers": {"warn_within_days": n}}}}))
    return folder


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


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
        engines.append(shared_engine("regorus", load_policies((_bundle(tmp_path / f"b{n}", n),)))._engine)
    assert len({id(e) for e in engines}) == len(engines) and base._engine not in engines
    assert len(shared._kept().engines) == SHARED_ENGINES


@pytest.mark.parametrize("engine", ENGINES)
def test_a_shared_engine_decides_as_a_new_one(engine):
    from dpgcheck.engine.factory import open_engine

    policy_set = load_policies()
    kept = shared_engine(engine, policy_set)
    decide(kept, {**FACTS, "problems": [{"source": "x", "code": "y", "message": "z", "path": "a"}]}, OPTIONS)
    assert decide(kept, FACTS, OPTIONS) == decide(open_engine(engine, policy_set), FACTS, OPTIONS)


def test_only_embedded_engines_are_kept():
    with pytest.raises(ValueError, match="opa engines are not kept in process"):
        shared_engine("opa", load_policies())


def test_budgeted_runs_in_one_thread_share_one_engine_child_that_decides_as_a_new_engine():
    from dpgcheck.engine.factory import open_engine

    policy_set, budget = load_policies(), Budget()
    first = shared_evaluator(policy_set, budget)
    decided = decide(first, FACTS, OPTIONS, budget, policy_set.catalog)
    child = first._engine._pid
    second = shared_evaluator(load_policies(), budget)  # loaded again: same revision, same child
    assert second._engine is first._engine
    assert decide(second, FACTS, OPTIONS, budget, policy_set.catalog) == decided == decide(open_engine("regorus", policy_set), FACTS, OPTIONS)
    assert second._engine._pid == child and child != os.getpid() and _alive(child)
    assert shared_evaluator(policy_set, Budget(seconds=7))._engine is not first._engine  # another budget, another child


def test_a_child_that_dies_fails_that_run_only_and_the_next_run_forks_a_new_one():
    policy_set, budget = load_policies(), Budget()
    kept = shared_evaluator(policy_set, budget)
    decided = decide(kept, FACTS, OPTIONS, budget, policy_set.catalog)
    child = kept._engine._pid
    os.kill(child, signal.SIGTERM)
    with pytest.raises(DpgcheckError, match=r"^policy evaluation was ended by signal 15; give a larger budget"):
        decide(kept, FACTS, OPTIONS, budget, policy_set.catalog)
    assert not _alive(child)  # waited for: no zombie left
    again = shared_evaluator(policy_set, budget)
    assert decide(again, FACTS, OPTIONS, budget, policy_set.catalog) == decided
    assert again._engine._pid not in (None, child)


def test_a_thread_ends_its_own_oldest_children_and_its_children_end_with_it(tmp_path):
    budget = Budget()
    shared.close_evaluators()
    elsewhere: list[int] = []
    started, finish = threading.Event(), threading.Event()

    def in_another_thread() -> None:
        kept = shared_evaluator(load_policies((_bundle(tmp_path / "other", 99),)), budget)
        decide(kept, FACTS, OPTIONS, budget)
        elsewhere.append(kept._engine._pid)
        started.set()
        finish.wait(60)

    thread = threading.Thread(target=in_another_thread)
    thread.start()
    assert started.wait(60)
    children = []
    for n in range(SHARED_EVALUATORS + 1):
        kept = shared_evaluator(load_policies((_bundle(tmp_path / f"b{n}", n),)), budget)
        decide(kept, FACTS, OPTIONS, budget)
        children.append((kept._engine, kept._engine._pid))
    oldest, oldest_pid = children[0]
    assert oldest._pid is None and not _alive(oldest_pid)
    assert all(_alive(pid) for _, pid in children[1:])
    assert _alive(elsewhere[0])  # a running thread's child is not this thread's to end
    finish.set()
    thread.join()
    assert not _alive(elsewhere[0])  # its thread has ended, and its child with it
    shared.close_evaluators()
    assert not any(_alive(pid) for _, pid in children[1:])
    assert shared._kept().evaluators == {}
