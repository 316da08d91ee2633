"""What a budgeted in-process evaluation costs as the process grows. Run on demand:

    python -m pytest tests/benchmarks/test_in_process_bench.py -s -n0

A program that imports dpgcheck and checks repository after repository (a test worker, a
service) evaluates under the time and memory budget. Two ways to keep that budget are timed
in a fresh interpreter that first grows by BALLAST MiB of touched memory, as a long-lived
process does: a watchdog forked for each evaluation (dpgcheck.engine.budget.run), and the
kept engine child that in-process runs borrow now (dpgcheck.engine.shared.shared_evaluator).
Prints wall and CPU time per decision (this process, its watchdogs and its kept child; Linux:
the child's is read from /proc); asserts only that both give the same decision.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.benchmark

DECISIONS = 40

SCRIPT = r"""
import json, os, resource, sys, time
ballast = bytearray(int(sys.argv[1]) * 1024 * 1024)
ballast[::4096] = b"x" * len(range(0, len(ballast), 4096))  # resident, as a grown process is
from dpgcheck.bundle.loader import load_policies
from dpgcheck.engine.budget import Budget
from dpgcheck.engine.shared import shared_engine, shared_evaluator
from dpgcheck.evaluate import RunOptions, decide

facts = {"facts_version": "1.1", "subject": {"kind": "repository"}, "problems": []}
options, budget, policy_set = RunOptions(now="2026-06-01T00:00:00Z"), Budget(), load_policies()

def cpu(engine):
    # This process's CPU time, its reaped children's (the watchdogs), and the kept child's (alive: from /proc).
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    kept = 0.0
    pid = getattr(getattr(engine, "_engine", None), "_pid", None)
    if pid:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        kept = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime + kept

figures, decisions = {}, {}
for name, engine in (("watchdog fork per evaluation", shared_engine("regorus", policy_set)),
                     ("kept engine child", shared_evaluator(policy_set, budget))):
    decisions[name] = decide(engine, facts, options, budget, policy_set.catalog)  # warm
    wall, spent = time.perf_counter(), cpu(engine)
    for _ in range(int(sys.argv[2])):
        decide(engine, facts, options, budget, policy_set.catalog)
    figures[name] = {"wall_ms": round((time.perf_counter() - wall) * 1000 / int(sys.argv[2]), 1),
                     "cpu_ms": round((cpu(engine) - spent) * 1000 / int(sys.argv[2]), 1)}
from dpgcheck.engine.shared import close_evaluators
close_evaluators()
print(json.dumps({"same": len({json.dumps(d, sort_keys=True) for d in decisions.values()}) == 1, "figures": figures}))
"""


@pytest.mark.parametrize("ballast_mib", [0, 400, 900])
def test_a_kept_engine_child_against_a_fork_per_evaluation(ballast_mib):
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(ballast_mib), str(DECISIONS)], cwd=ROOT,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["same"]
    print(f"\nin-process benchmark, process grown by {ballast_mib} MiB, {DECISIONS} decisions: {json.dumps(answer['figures'])}")
