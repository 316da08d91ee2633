"""A batch worker keeps one engine child per thread, batch configuration and budget (a Dask worker outlives its batches)."""
from __future__ import annotations

import json
import os
import sys
import threading

import pytest

from dpgcheck.batch import worker
from dpgcheck.batch.pool import LocalPool
from dpgcheck.batch.targets import Target
from dpgcheck.batch.worker import BatchConfig
from dpgcheck.engine.budget import Budget
from dpgcheck.evaluate import RunOptions
from tests.batch.helpers import NOW, REGISTRY


def test_each_budget_gets_its_own_child_and_a_thread_keeps_only_a_few():
    config = BatchConfig(run=RunOptions(now=NOW))
    prepared = worker.prepare(config)
    try:
        first = worker._engine(config, prepared, Budget(seconds=1))
        assert worker._engine(config, prepared, Budget(seconds=1)) is first
        other = worker._engine(config, prepared, Budget(seconds=60, memory_mb=4096))
        assert other is not first and other._budget == Budget(seconds=60, memory_mb=4096)
        assert other.query("data.dpgcheck.decision.decision_version") == "1.0"
        pid = other._pid
        for seconds in range(2, 2 + worker.KEPT_CHILDREN):
            worker._engine(config, prepared, Budget(seconds=seconds))
        assert len(worker._children()) == worker.KEPT_CHILDREN
        assert other._pid is None  # evicted: its child was ended and waited for
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, 0)
    finally:
        worker.release()
    assert len(worker._children()) == 0


def test_another_thread_has_children_of_its_own():
    config = BatchConfig(run=RunOptions(now=NOW))
    prepared = worker.prepare(config)
    mine = worker._engine(config, prepared, Budget())
    theirs = []
    thread = threading.Thread(target=lambda: theirs.append(worker._engine(config, prepared, Budget())))
    thread.start()
    thread.join()
    try:
        assert theirs[0] is not mine
    finally:
        worker.release()


@pytest.mark.skipif(sys.version_info < (3, 11), reason="PYTHONSAFEPATH is read from Python 3.11 on")
def test_spawned_pool_workers_never_import_a_module_from_the_folder_the_batch_runs_in(tmp_path, monkeypatch):
    checked = tmp_path / "checked"
    checked.mkdir()
    marker = tmp_path / "ran"
    for name in ("multiprocessing", "runpy", "json", "pickle"):
        (checked / f"{name}.py").write_text(f"open({str(marker)!r}, 'a').write('{name}\\n')\n", encoding="utf-8")
    monkeypatch.chdir(checked)
    stop = threading.Event()
    bystander = threading.Thread(target=stop.wait, daemon=True)
    bystander.start()  # beside another thread, the pool spawns its workers
    try:
        pool = LocalPool(1, BatchConfig(run=RunOptions(now=NOW)))
        record = sorted((REGISTRY / "nominees").glob("*.json"))[0]
        lines = [json.loads(line) for line in pool.run([Target(f"record:{record.stem}", "record", path=str(record))])]
    finally:
        stop.set()
        bystander.join()
    assert pool._context.get_start_method() == "spawn"
    assert [line["status"] for line in lines] == ["ok"]
    assert not marker.exists(), marker.read_text()
