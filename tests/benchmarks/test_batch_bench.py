"""How fast and how lean `dpgcheck batch` is. Run on demand:

    python -m pytest tests/benchmarks/test_batch_bench.py -s -p no:cacheprovider

Each figure is printed with the wall time, the CPU time of the batch, its
workers and their evaluation children (each worker waits for its children, the batch
for its workers, so all of it is counted), and the load average, because the machine may be shared: a wall time
under load says little without them. The targets of the issue are printed next
to the figures; only correctness is asserted (machines differ).
"""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dpgcheck.batch.pool import LocalPool
from dpgcheck.batch.targets import Target
from dpgcheck.batch.worker import BatchConfig
from dpgcheck.evaluate import RunOptions
from tests.batch.helpers import NOW, REGISTRY
from tests.batch.repos import generate
from tests.conftest import GIT_ENV

pytestmark = pytest.mark.benchmark


def timed_batch(*args: str | Path) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = os.getloadavg()[0]
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "dpgcheck", "batch", *map(str, args)], capture_output=True, text=True,
                            env={**os.environ, **GIT_ENV})
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert result.returncode == 0, result.stderr
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "load_1min_before": round(load, 2), "load_1min_after": round(os.getloadavg()[0], 2)}


def report(name: str, figures: dict) -> None:
    print(f"\nbatch benchmark {name}: {json.dumps(figures)}")


@pytest.fixture(scope="module")
def repos(tmp_path_factory) -> list[Path]:
    return generate(tmp_path_factory.mktemp("bench") / "checkouts", 240)


def test_registry_snapshot(tmp_path):
    """The registry twice. The first run starts with nothing compiled or cached: the suite gives each
    session an empty byte-code folder (PYTHONPYCACHEPREFIX) and cache, so Python compiles every module
    it imports, the standard library's too, which an installed package (pip compiles on install) never
    does. The second run is a user's: byte code and dpgcheck's caches as the first left them."""
    figures = {}
    for run in ("first", "second"):
        out = tmp_path / f"registry-{run}.ndjson"
        figures[run] = timed_batch("--records", REGISTRY, "-o", out, "-j", "2", "--now", NOW)
        assert len(out.read_text().splitlines()) == 230
    report("registry (228 nominee + 166 screening records = 394 records, 230 targets, 2 jobs; target <= 2 s wall)", figures)


def test_small_repositories_per_second_and_speed_up(repos, tmp_path):
    listing = tmp_path / "list.txt"
    listing.write_text("".join(f"{r}\n" for r in repos))
    runs = {}
    for jobs in (1, 2):
        out = tmp_path / f"j{jobs}.ndjson"
        runs[jobs] = timed_batch(listing, "-o", out, "-j", str(jobs), "--now", NOW)
        assert len(out.read_text().splitlines()) == len(repos)
        runs[jobs]["repos_per_s"] = round(len(repos) / runs[jobs]["wall_s"], 1)
    figures = {"repos": len(repos), "1 job": runs[1], "2 jobs": runs[2], "speed_up": round(runs[1]["wall_s"] / runs[2]["wall_s"], 2)}
    report("small repositories (targets: >= 20/s with 2 jobs, >= 1.8x from 1 to 2 jobs)", figures)


def test_worker_memory_is_flat_as_the_batch_grows(tmp_path):
    repos = generate(tmp_path / "checkouts", 2000, commits=3)
    peaks = {}
    for count in (200, 2000):
        pool = LocalPool(2, BatchConfig(run=RunOptions(now=NOW)))
        started = time.perf_counter()
        done = sum(1 for _ in pool.run([Target(str(r), "path", path=str(r)) for r in repos[:count]]))
        assert done == count
        peaks[count] = {"worker_peak_rss_mib": [round(k / 1024, 1) for k in pool.stats.worker_peak_rss_kib],
                        "wall_s": round(time.perf_counter() - started, 1), "load_1min": round(os.getloadavg()[0], 2)}
    report("per-worker peak memory, 200 vs 2,000 targets (target: flat)", peaks)
    assert max(peaks[2000]["worker_peak_rss_mib"]) < 1.5 * max(peaks[200]["worker_peak_rss_mib"])
