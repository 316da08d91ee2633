"""Run the real CLI on hostile input and measure what a user would: exit code, message, time, memory."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import GIT_ENV

#: Every hostile case must end within these (the issue's bounds).
MAX_SECONDS = 10.0
MAX_PEAK_MB = 500.0
#: The evaluation budget given to runs that meet a hostile policy: small, so the suite stays fast.
BUDGET = ("--eval-timeout", "1", "--eval-memory", "256")
NOW = ("--now", "2026-01-31T00:00:00Z")


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float  # the child's peak resident set and its waited-for children's (see run_cli)


#: Runs the CLI's own ``main`` (what ``python -m dpgcheck`` runs) and, as it exits, writes the
#: process's peak resident set (VmHWM: this address space only) and its waited-for children's
#: (git, the engine child) to the file named by DPGCHECK_TEST_PEAK_FILE.
_LAUNCH = """
import atexit, os, resource, sys
def _peak():
    own = 0
    try:
        with open("/proc/self/status") as status:
            own = next((int(line.split()[1]) for line in status if line.startswith("VmHWM:")), 0)
    except OSError:
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    with open(os.environ["DPGCHECK_TEST_PEAK_FILE"], "w") as out:
        out.write(str(max(own, children)))
atexit.register(_peak)
sys.argv[0] = "dpgcheck"
from dpgcheck.cli import main
main()
"""


def run_cli(*args: str | Path, cwd: Path | None = None, limit: float | None = None) -> Run:
    """The real CLI in a child process, with the peak memory it used.

    The peak is what the process reports for itself at exit: ``os.wait4``'s figure for a
    child started from a test worker also counts the worker's own resident pages (the child
    shares them until it execs), so it grows with the test session, not with dpgcheck. A
    child that dies without reporting (a crash signal) is measured by ``wait4`` instead.

    A child still running after ``limit`` seconds (default 30, or DPGCHECK_HOSTILE_KILL_AFTER)
    is killed, so that a regression hangs no test run.
    """
    limit = limit if limit is not None else float(os.environ.get("DPGCHECK_HOSTILE_KILL_AFTER", "30"))
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, tempfile.TemporaryDirectory() as scratch:
        peak_file = Path(scratch) / "peak"
        started = time.monotonic()
        process = subprocess.Popen(
            [sys.executable, "-c", _LAUNCH, *map(str, args)],
            stdout=out, stderr=err, stdin=subprocess.DEVNULL, cwd=cwd,
            env={**os.environ, **GIT_ENV, "DPGCHECK_TEST_PEAK_FILE": str(peak_file)},
        )
        killer = threading.Timer(limit, process.kill)
        killer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            killer.cancel()
        seconds = time.monotonic() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        try:
            peak_kib = int(peak_file.read_text())
        except (OSError, ValueError):
            peak_kib = usage.ru_maxrss
        out.seek(0)
        err.seek(0)
        return Run(process.returncode, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                   seconds, peak_kib / 1024)


def assert_bounded(run: Run) -> None:
    assert run.seconds < MAX_SECONDS, f"took {run.seconds:.1f} s: {run.stderr[:300]}"
    assert run.peak_mb < MAX_PEAK_MB, f"peaked at {run.peak_mb:.0f} MB"
    assert run.returncode >= 0, f"ended by signal {-run.returncode}"
    assert run.returncode != 3 and "Traceback" not in run.stderr, run.stderr[:2000]


def assert_input_error(run: Run, *fragments: str) -> str:
    """Exit 2 with one line on stderr holding every fragment; returns that line."""
    assert_bounded(run)
    assert run.returncode == 2, (run.returncode, run.stderr[:500], run.stdout[:300])
    assert run.stderr.count("\n") == 1 and run.stderr.startswith("dpgcheck: error: "), run.stderr[:1000]
    for fragment in fragments:
        assert fragment in run.stderr, (fragment, run.stderr)
    return run.stderr.strip()


def write_rule_bundle(root: Path, rule_id: str, body: str, *, metadata: str | None = None) -> Path:
    """An overlay with one rule ``dpgcheck.rules.hostile_budget["hostile.<rule_id>"]`` whose findings rule is ``body``.

    The overlay contract (dpgcheck/bundle/overlay.py): a bundle with Rego modules declares its
    namespace (here ``hostile``) in .manifest, and its rules carry that namespace in their area
    and id. The rule's id as reports name it is therefore ``hostile.<rule_id>``.
    """
    folder = root / "rules" / "hostile" / rule_id
    folder.mkdir(parents=True)
    (root / ".manifest").write_text(json.dumps({"revision": "hostile-1", "metadata": {"namespace": "hostile"}}), encoding="utf-8")
    annotation = metadata or (
        "# METADATA\n# title: A hostile rule\n# description: Written to break the budget.\n"
        "# custom:\n#   severity: warning\n#   remediation: none\n"
    )
    (folder / "rule.rego").write_text(
        f'{annotation}package dpgcheck.rules.hostile_budget["hostile.{rule_id}"]\n\n{body}\n', encoding="utf-8"
    )
    return root
