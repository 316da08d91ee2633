"""A batch worker keeps one engine child per thread, batch configuration and budget (a Dask worker outlives its batches)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from dpgcheck.batch import worker
from dpgcheck.batch.worker import BatchConfig
from dpgcheck.engine import shared
from dpgcheck.engine.budget import Budget
from dpgcheck.engine.shared import SHARED_EVALUATORS
from dpgcheck.evaluate import RunOptions
from tests.batch.helpers import NOW, REGISTRY
from tests.conftest import GIT_ENV, go_engine_available


def test_each_budget_gets_its_own_child_and_a_thread_keeps_only_a_few():
    config = BatchConfig(run=RunOptions(now=NOW))
    prepared = worker.prepare(config)
    try:
        first = worker._engine(config, prepared, Budget(seconds=1))._engine
        assert worker._engine(config, prepared, Budget(seconds=1))._engine is first
        other = worker._engine(config, prepared, Budget(seconds=60, memory_mb=4096))._engine
        assert other is not first and other._budget == Budget(seconds=60, memory_mb=4096)
        assert other.query("data.dpgcheck.decision.decision_version") == "1.0"
        pid = other._pid
        for seconds in range(2, 2 + SHARED_EVALUATORS):
            worker._engine(config, prepared, Budget(seconds=seconds))
        assert len(shared._kept().evaluators) == SHARED_EVALUATORS
        assert other._pid is None  # evicted: its child was ended and waited for
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, 0)
    finally:
        worker.release()
    assert len(shared._kept().evaluators) == 0


def test_another_thread_has_children_of_its_own():
    config = BatchConfig(run=RunOptions(now=NOW))
    prepared = worker.prepare(config)
    mine = worker._engine(config, prepared, Budget())._engine
    theirs = []
    thread = threading.Thread(target=lambda: theirs.append(worker._engine(config, prepared, Budget())._engine))
    thread.start()
    thread.join()
    try:
        assert theirs[0] is not mine
    finally:
        worker.release()


@pytest.mark.skipif(sys.version_info < (3, 11), reason="PYTHONSAFEPATH is read from Python 3.11 on")
@pytest.mark.skipif(not go_engine_available(), reason="opa-golib-python-bindings not installed")
def test_spawned_batch_workers_never_import_a_module_from_the_folder_the_batch_runs_in(tmp_path):
    """`dpgcheck batch --engine opa-go` spawns its workers (a Go runtime does not survive fork): run from
    inside a checked repository, that repository's ``multiprocessing.py`` must not run in them."""
    command = Path(sys.executable).with_name("dpgcheck")
    if not command.exists():
        pytest.skip("the dpgcheck console script is not beside this interpreter")
    checked = tmp_path / "checked"
    checked.mkdir()
    marker = tmp_path / "ran"
    for name in ("multiprocessing", "runpy", "json", "pickle"):
        (checked / f"{name}.py").write_text(f"open({str(marker)!r}, 'a').write('{name}\\n')\n", encoding="utf-8")
    out = tmp_path / "out.ndjson"
    result = subprocess.run([str(command), "batch", "--records", str(REGISTRY), "--shard", "1/40", "-j", "1", "--engine", "opa-go",
                             "--now", NOW, "-o", str(out)], cwd=checked, capture_output=True, text=True, timeout=300,
                            env={**os.environ, **GIT_ENV})
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    # This shard holds 6 nominee records and the 2 screening records that have none.
    assert sorted((line["status"], line.get("error") or "") for line in lines) == [
        ("error", "screening record without a nominee record of the same name; it cannot be judged alone")] * 2 + [("ok", "")] * 6
    assert not marker.exists(), marker.read_text()


def test_a_pool_beside_other_threads_leaves_the_environment_alone(monkeypatch):
    """Beside threads the environment is not changed: another thread may be starting a program that reads it."""
    from dpgcheck.batch.pool import _start_process

    seen = []

    class Recorder:
        def start(self) -> None:
            seen.append(os.environ.get("PYTHONSAFEPATH"))

    monkeypatch.delenv("PYTHONSAFEPATH", raising=False)
    stop = threading.Event()
    bystander = threading.Thread(target=stop.wait, daemon=True)
    bystander.start()
    try:
        _start_process(Recorder(), "spawn")
    finally:
        stop.set()
        bystander.join()
    assert seen == [None] and "PYTHONSAFEPATH" not in os.environ
