"""With other threads running, the engine child is a new interpreter, not a fork of this process.

A forked copy of a process with other threads may find a lock that one of them held copied
held forever, and Python 3.12 warns on every such fork. A test worker, a program that embeds
dpgcheck, a Dask worker's task thread: all have other threads. There the child is spawned
(posix_spawn) and sent the policy set; it keeps the same budget and gives the same answers.
"""
from __future__ import annotations

import json
import subprocess
import sys
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from dpgcheck.bundle.loader import load_policies
from dpgcheck.engine.budget import Budget
from dpgcheck.engine.evaluator_process import EvaluatorProcess
from dpgcheck.errors import DpgcheckError
from dpgcheck.evaluate import decide
from tests.engine.test_shared_engine import FACTS, OPTIONS
from tests.hostile.test_policies import HUGE, RECURSIVE, SLOW
from tests.hostile.helpers import write_rule_bundle


@pytest.fixture
def another_thread() -> Iterator[threading.Thread]:
    """A thread that runs for the whole test, whatever the test runner's own threads."""
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, name="test-bystander", daemon=True)
    thread.start()
    yield thread
    stop.set()
    thread.join()


def _command_line(pid: int) -> str:
    return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="reads a child's command line from /proc")
def test_with_another_thread_the_child_is_spawned_without_a_fork_warning_and_decides_as_an_engine_here(another_thread):
    from dpgcheck.engine.factory import open_engine

    policy_set, budget = load_policies(), Budget()
    evaluator = EvaluatorProcess(lambda: policy_set, budget, start=False)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            decided = decide(evaluator, FACTS, OPTIONS, budget, policy_set.catalog)
        assert [str(w.message) for w in caught] == []
        assert evaluator._pid is not None and "import serve_spawned" in _command_line(evaluator._pid)
        assert evaluator.policy_set().revision == policy_set.revision
        assert decided == decide(open_engine("regorus", policy_set), FACTS, OPTIONS)
        child = evaluator._pid
        assert decide(evaluator, FACTS, OPTIONS, budget, policy_set.catalog) == decided
        assert evaluator._pid == child  # one child answers run after run
    finally:
        evaluator.close()
    assert evaluator._pid is None


FORK_THEN_SPAWN = """
import json, threading
from pathlib import Path
from dpgcheck.bundle.loader import load_policies
from dpgcheck.engine.budget import Budget
from dpgcheck.engine.evaluator_process import EvaluatorProcess
from dpgcheck.evaluate import RunOptions, decide

facts = json.loads(%r)
policy_set, budget, options = load_policies(), Budget(), RunOptions(now="2026-06-01T00:00:00Z")
out = {}
for way in ("alone", "with a thread"):
    if way == "with a thread":
        threading.Thread(target=threading.Event().wait, daemon=True).start()
    evaluator = EvaluatorProcess(lambda: policy_set, budget, start=False)
    decision = decide(evaluator, facts, options, budget, policy_set.catalog)
    # A forked child runs this very command line; a spawned one runs its own.
    spawned = Path(f"/proc/{evaluator._pid}/cmdline").read_bytes() != Path("/proc/self/cmdline").read_bytes()
    out[way] = {"spawned": spawned, "decision": decision}
    evaluator.close()
print(json.dumps(out))
"""


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="reads a child's command line from /proc")
def test_a_process_alone_forks_and_one_with_a_thread_spawns_and_both_decide_alike():
    result = subprocess.run([sys.executable, "-W", "error", "-c", FORK_THEN_SPAWN % json.dumps(FACTS)],
                            capture_output=True, text=True, check=True, timeout=120)
    out = json.loads(result.stdout)
    assert out["alone"]["spawned"] is False and out["with a thread"]["spawned"] is True
    assert out["alone"]["decision"] == out["with a thread"]["decision"]
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("rule_id", "body", "what"),
    [
        ("slow", SLOW, "ran past its time budget of 1 s"),
        ("huge", HUGE, "exceeded its memory budget of 256 MiB"),
        ("recursive", RECURSIVE, "crashed (stack overflow: is a function recursive?)"),
    ],
)
def test_a_spawned_child_keeps_the_budget_and_the_rule_that_broke_it_is_named(tmp_path, another_thread, rule_id, body, what):
    policy_set = load_policies((write_rule_bundle(tmp_path / "gov", rule_id, body),))
    budget = Budget(seconds=1, memory_mb=256)
    evaluator = EvaluatorProcess(lambda: policy_set, budget, start=False)
    try:
        with pytest.raises(DpgcheckError) as raised:
            decide(evaluator, FACTS, OPTIONS, budget, policy_set.catalog)
        assert raised.value.message == (f"policy evaluation {what} in rule hostile.{rule_id}; "
                                        "fix the rule or give a larger budget (--eval-timeout, --eval-memory)")
        assert raised.value.path is not None and raised.value.path.endswith(f"rules/hostile/{rule_id}/rule.rego")
        # The child that broke the budget is gone; the next query starts another, which answers.
        broken = evaluator._pid
        assert broken is None
        assert evaluator.query("data.dpgcheck.decision.decision_version") == "1.0"
        assert evaluator._pid is not None
    finally:
        evaluator.close()


CHECKS_ON_THREADS = """
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from dpgcheck.collect.options import CollectOptions
from dpgcheck.commands.check import CheckRequest, check
from dpgcheck.engine.budget import Budget
from dpgcheck.engine.opa_server import OpaServerOptions
from dpgcheck.evaluate import RunOptions

records, out = sorted(Path(sys.argv[1]).glob("*.json"))[:9], Path(sys.argv[2])

def one(record):
    return check(CheckRequest(path=None, record=record, screening=None, facts_file=None, engine="regorus", output_format="json",
                              output=out / record.name, bundles=(), builtin=True, run=RunOptions(now="2026-06-01T00:00:00Z"),
                              collect=CollectOptions(), opa=OpaServerOptions(), quiet=True, budget=Budget()))

with ThreadPoolExecutor(4) as pool:
    codes = list(pool.map(one, records[:8]))
print(codes + [one(records[8])])
"""


def test_checks_on_a_pool_of_threads_leave_no_engine_dropped_on_another_thread(tmp_path):
    """A fork beside other threads copied their engines into the child, where Python drops them on
    the one thread left: pyo3 reported each ("regoruspy::Engine is unsendable"), 8-9 per such run."""
    from tests.batch.helpers import REGISTRY

    result = subprocess.run([sys.executable, "-c", CHECKS_ON_THREADS, str(REGISTRY / "nominees"), str(tmp_path)],
                            capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stdout, result.stderr) == (0, "[0, 0, 0, 0, 0, 0, 0, 0, 0]\n", "")
    assert len(list(tmp_path.glob("*.json"))) == 9


#: Modules the spawned child imports before it serves, each written into the folder it starts in;
#: any of them run would leave a file behind (and break the child).
SHADOWS = ("json", "pickle", "select", "dataclasses", "regorus")


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="reads a child's command line from /proc")
def test_a_spawned_child_never_imports_a_module_from_the_folder_it_starts_in(tmp_path, monkeypatch, another_thread):
    """A program that embeds dpgcheck and checks the repository it runs in: that repository's
    ``json.py`` (or ``dpgcheck/``) must not run in the engine child, '' on the import path or not."""
    checked = tmp_path / "checked"
    (checked / "dpgcheck").mkdir(parents=True)
    marker = tmp_path / "ran"
    for name in SHADOWS:
        (checked / f"{name}.py").write_text(f"open({str(marker)!r}, 'a').write('{name}\\n')\n", encoding="utf-8")
    (checked / "dpgcheck" / "__init__.py").write_text(f"open({str(marker)!r}, 'a').write('dpgcheck\\n')\n", encoding="utf-8")
    policy_set = load_policies()
    monkeypatch.chdir(checked)
    monkeypatch.setattr(sys, "path", ["", "relative/entry", *sys.path])
    evaluator = EvaluatorProcess(lambda: policy_set, Budget(), start=False)
    try:
        assert evaluator.query("data.dpgcheck.decision.decision_version") == "1.0"
        assert "import serve_spawned" in _command_line(evaluator._pid)
    finally:
        evaluator.close()
    assert not marker.exists(), marker.read_text()


@pytest.mark.parametrize("executable", ["", "/nonexistent/python"])
def test_where_no_interpreter_can_be_spawned_the_child_is_forked_and_answers(monkeypatch, another_thread, executable):
    """An embedded interpreter may have no usable sys.executable: the child is then forked, as it
    always was, and is sent nothing it does not expect."""
    policy_set = load_policies()
    monkeypatch.setattr(sys, "executable", executable)
    evaluator = EvaluatorProcess(lambda: policy_set, Budget(seconds=30), start=False)
    try:
        with warnings.catch_warnings():
            # Forking beside a thread is the point here: Python 3.12 and later say it may deadlock.
            warnings.filterwarnings("ignore", "This process .* is multi-threaded", DeprecationWarning)
            assert evaluator.query("data.dpgcheck.decision.decision_version") == "1.0"
        assert evaluator.policy_set().revision == policy_set.revision
        assert Path(f"/proc/{evaluator._pid}/cmdline").read_bytes() == Path("/proc/self/cmdline").read_bytes()
    finally:
        evaluator.close()


def test_an_interruption_while_the_policies_are_sent_ends_that_child_and_the_next_query_starts_another(monkeypatch, another_thread):
    from dpgcheck.engine import evaluator_process

    policy_set = load_policies()
    real = evaluator_process._write_message
    calls = []

    def interrupted_once(fd: int, payload: bytes) -> None:
        calls.append(len(payload))
        if len(calls) == 1:
            real(fd, payload[: len(payload) // 2])  # half the policy set, then Ctrl-C
            raise KeyboardInterrupt
        real(fd, payload)

    monkeypatch.setattr(evaluator_process, "_write_message", interrupted_once)
    evaluator = EvaluatorProcess(lambda: policy_set, Budget(seconds=30), start=False)
    try:
        with pytest.raises(KeyboardInterrupt):
            evaluator.query("data.dpgcheck.decision.decision_version")
        assert evaluator._pid is None  # the half-fed child was ended and waited for
        assert evaluator.query("data.dpgcheck.decision.decision_version") == "1.0"
        assert len(calls) == 3  # half a policy set, a whole one, the query
    finally:
        evaluator.close()
