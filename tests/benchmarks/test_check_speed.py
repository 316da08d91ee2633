"""How fast `dpgcheck check` is, as a pre-commit hook would run it. Run on demand:

    python -m pytest tests/benchmarks/test_check_speed.py -s

Prints wall times; asserts nothing about them (machines differ), only that the runs work.
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dpgcheck.bundle.loader import load_policies
from dpgcheck.collect.facts import collect_repository
from dpgcheck.engine.factory import open_engine
from dpgcheck.engine.opa_options import OpaServerOptions
from dpgcheck.evaluate import RunOptions, decide
from tests.conftest import ROOT, git, go_engine_available
from tests.engine.opa_standin import StandInOpaServer

RUNS = 5
NOW = "2026-06-01T00:00:00Z"


def wall(args: list[str], cwd: Path | None = None) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(args, cwd=cwd, capture_output=True, check=False)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


@pytest.fixture(scope="module")
def mid_size_repo(tmp_path_factory) -> Path:
    """About 3,000 files in 150 directories, 200 commits: a mid-size project."""
    repo = tmp_path_factory.mktemp("midsize")
    git(repo, "init", "-q", "-b", "main")
    for d in range(150):
        folder = repo / "src" / f"module{d:03d}"
        folder.mkdir(parents=True)
        for f in range(20):
            body = "".join(f"def value_{i}():\n    return {d * 100 + f + i}\n\n" for i in range(15))
            (folder / f"file{f:02d}.py").write_text(f"# SPDX-License-Identifier: Apache-2.0\n\n{body}")
    (repo / "README.md").write_text("# mid-size\n")
    (repo / "LICENSE").write_text((ROOT / "LICENSE").read_text())
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "import")
    for i in range(199):
        (repo / "CHANGELOG.md").write_text(f"# Changelog\n\n- change {i}\n")
        git(repo, "add", "CHANGELOG.md")
        git(repo, "commit", "-q", "-m", f"change {i}")
    return repo


def test_hook_wall_time(mid_size_repo):
    command = [sys.executable, "-m", "dpgcheck"]
    help_time = wall([*command, "--help"])
    own = wall([*command, "check", "--now", NOW, str(ROOT)])
    mid = wall([*command, "check", "--now", NOW, str(mid_size_repo)])
    print(f"\n`dpgcheck --help`: {help_time * 1000:.0f} ms (import cost)")
    print(f"`dpgcheck check` on this repository: {own * 1000:.0f} ms (median of {RUNS})")
    print(f"`dpgcheck check` on a 3,000-file, 200-commit repository: {mid * 1000:.0f} ms (median of {RUNS})")


def test_collection_and_evaluation_time_per_engine(mid_size_repo):
    policies = load_policies()
    for name, path in (("this repository", ROOT), ("mid-size repository", mid_size_repo)):
        started = time.perf_counter()
        facts = collect_repository(path)
        print(f"\ncollect facts, {name}: {(time.perf_counter() - started) * 1000:.0f} ms")
        engines = ["regorus"] + (["opa-go"] if go_engine_available() else [])
        for engine_name in engines:
            started = time.perf_counter()
            engine = open_engine(engine_name, policies)
            load = time.perf_counter() - started
            decide(engine, facts, RunOptions(now=NOW))  # warm up
            times = []
            for _ in range(20):
                started = time.perf_counter()
                decide(engine, facts, RunOptions(now=NOW))
                times.append(time.perf_counter() - started)
            print(f"  {engine_name}: load policies {load * 1000:.0f} ms, evaluate {statistics.median(times) * 1000:.1f} ms (median of 20)")
        if go_engine_available():
            with StandInOpaServer() as server:
                started = time.perf_counter()
                engine = open_engine("opa", policies, opa=OpaServerOptions(url=server.url))
                push = time.perf_counter() - started
                decide(engine, facts, RunOptions(now=NOW))
                times = []
                for _ in range(20):
                    started = time.perf_counter()
                    decide(engine, facts, RunOptions(now=NOW))
                    times.append(time.perf_counter() - started)
                print(f"  opa over HTTP (stand-in server, Go engine): push {push * 1000:.0f} ms, evaluate {statistics.median(times) * 1000:.1f} ms")
