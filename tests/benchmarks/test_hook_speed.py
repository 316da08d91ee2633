"""The pre-commit hook against `reuse lint`, side by side. Run on demand:

    python -m pytest tests/benchmarks/test_hook_speed.py -m benchmark -s -p no:cacheprovider

Targets (issue 14): `dpgcheck check --staged` on a reuse-tool-like repository, and the
whole `dpgcheck check` on a 4,000-file repository, each at most half of `reuse lint`'s wall
time on the same tree. The two commands run alternately (so a change in the machine's load
hits both), after one warm-up run each (which also fills dpgcheck's caches, as a second
commit would find them); the medians of RUNS runs are compared. Both run as installed
console scripts with byte-code caching on, as pre-commit runs them. The load average is
printed with the figures: on a shared machine, read them with it.

With ``DPGCHECK_BENCH_REUSE_TOOL=/path/to/fsfe/reuse-tool`` (a clone or mirror) the first
benchmark clones the real repository instead of building its stand-in.
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.benchmarks.trees import build, large_files, reuse_tool_like_files
from tests.conftest import GIT_ENV

pytestmark = pytest.mark.benchmark

RUNS = int(os.environ.get("DPGCHECK_BENCH_RUNS", "7"))
TARGET_RATIO = 0.5
NOW = "2026-06-01T00:00:00Z"
BIN = Path(sys.executable).parent


def environment(cache: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONDONTWRITEBYTECODE", "DPGCHECK_NO_CACHE", "DPGCHECK_TIMINGS")}
    return {**env, **GIT_ENV, "DPGCHECK_CACHE_DIR": str(cache)}


def run_once(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, int]:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=600)
    return time.perf_counter() - started, done.returncode


def race(repo: Path, ours: list[str], cache: Path) -> dict[str, float]:
    env = environment(cache)
    theirs = [str(BIN / "reuse"), "lint"]
    for command in (ours, theirs):  # warm-up: byte code, dpgcheck's caches, the page cache
        run_once(command, repo, env)
    times: dict[str, list[float]] = {"dpgcheck": [], "reuse": []}
    load_before = os.getloadavg()
    for _ in range(RUNS):
        elapsed, code = run_once(ours, repo, env)
        assert code in (0, 1), f"dpgcheck exited {code}"
        times["dpgcheck"].append(elapsed)
        elapsed, code = run_once(theirs, repo, env)
        assert code in (0, 1), f"reuse lint exited {code}"
        times["reuse"].append(elapsed)
    load_after = os.getloadavg()
    ours_median, theirs_median = statistics.median(times["dpgcheck"]), statistics.median(times["reuse"])
    print(
        f"\n  {' '.join(Path(ours[0]).name.split() + ours[1:])} on {repo.name}: "
        f"median {ours_median * 1000:.0f} ms (runs {', '.join(f'{t * 1000:.0f}' for t in times['dpgcheck'])})"
        f"\n  reuse lint: median {theirs_median * 1000:.0f} ms (runs {', '.join(f'{t * 1000:.0f}' for t in times['reuse'])})"
        f"\n  ratio {ours_median / theirs_median:.2f} (target <= {TARGET_RATIO}); "
        f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f} (1 min), {os.cpu_count()} CPUs"
    )
    return {"ours": ours_median, "theirs": theirs_median, "ratio": ours_median / theirs_median}


@pytest.fixture(scope="module")
def reuse_tool(tmp_path_factory: pytest.TempPathFactory) -> Path:
    mirror = os.environ.get("DPGCHECK_BENCH_REUSE_TOOL")
    target = tmp_path_factory.mktemp("bench") / "reuse-tool"
    if mirror:
        subprocess.run(["git", "clone", "-q", mirror, str(target)], check=True, env={**os.environ, **GIT_ENV})
        return target
    return build(target, reuse_tool_like_files(), commits=3000, people=40, tags=55)


@pytest.fixture(scope="module")
def large_repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("bench") / "large", large_files(), commits=500, people=12, tags=10)


def test_trees_have_the_intended_shape(reuse_tool, large_repository):
    from tests.conftest import git

    if not os.environ.get("DPGCHECK_BENCH_REUSE_TOOL"):
        assert len(git(reuse_tool, "ls-files").split()) == 175
        assert int(git(reuse_tool, "rev-list", "--count", "HEAD")) == 3000
    assert len(git(large_repository, "ls-files").split()) == 4004
    assert shutil.which(str(BIN / "reuse")), "reuse (a test dependency) is not installed"


def test_hook_is_at_most_half_of_reuse_lint(reuse_tool, tmp_path):
    result = race(reuse_tool, [str(BIN / "dpgcheck"), "check", "--staged", "--now", NOW], tmp_path / "cache")
    assert result["ratio"] <= TARGET_RATIO, f"hook / reuse lint = {result['ratio']:.2f}"


def test_whole_check_on_4000_files_is_at_most_half_of_reuse_lint(large_repository, tmp_path):
    result = race(large_repository, [str(BIN / "dpgcheck"), "check", "--now", NOW], tmp_path / "cache")
    assert result["ratio"] <= TARGET_RATIO, f"check / reuse lint = {result['ratio']:.2f}"


def test_step_timings(reuse_tool, tmp_path):
    """Where a hook run's time goes (DPGCHECK_TIMINGS=1), for the closing note."""
    env = {**environment(tmp_path / "cache"), "DPGCHECK_TIMINGS": "1"}
    command = [str(BIN / "dpgcheck"), "check", "--staged", "--now", NOW]
    run_once(command, reuse_tool, env)
    done = subprocess.run(command, cwd=reuse_tool, env=env, capture_output=True, text=True, timeout=600)
    steps = [line for line in done.stderr.splitlines() if line.startswith("dpgcheck: ")]
    print("\n" + "\n".join(f"  {line}" for line in steps))
    assert any("collector history" in line for line in steps) and any("evaluate" in line for line in steps)
