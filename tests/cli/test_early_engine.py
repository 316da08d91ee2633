"""The installed command forks the engine child before parsing a `check` (dpgcheck.console):
the run adopts it only when it wants exactly that engine, and the decision is the same either way."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dpgcheck.console import wants_the_builtin_engine
from tests.conftest import GIT_ENV, ROOT, run_json

NOW = "2026-06-01T00:00:00Z"
ADOPTED = "the engine child forked at the start is adopted"
ENDED = "the engine child forked at the start is not this run's: ended"


@pytest.mark.parametrize("args, environ, expected", [
    (["check"], {}, True),
    (["check", "repo", "--staged", "--format", "json"], {}, True),
    (["--version"], {}, False),
    (["policy", "list"], {}, False),
    (["batch", "run", "list.txt"], {}, False),
    (["check", "--help"], {}, False),
    (["check", "--bundle", "overlay"], {}, False),
    (["check", "--bundle=overlay"], {}, False),
    (["check", "--no-builtin", "--bundle", "b"], {}, False),
    (["check", "--engine", "opa"], {}, False),
    (["check", "--engine=opa-go"], {}, False),
    (["check", "--engine", "regorus"], {}, True),
    (["check"], {"DPGCHECK_ENGINE": "opa"}, False),
    (["check"], {"DPGCHECK_BUNDLE": "overlay"}, False),
    (["check"], {"DPGCHECK_ENGINE": ""}, True),
])
def test_which_command_lines_fork_early(args: list[str], environ: dict[str, str], expected: bool) -> None:
    assert wants_the_builtin_engine(args, environ) is expected


DECIDED = ("verdict", "findings", "rules", "indicators", "summary", "policy", "errors", "warnings")


def decided(report: dict) -> dict:
    return {key: report[key] for key in DECIDED}


def installed(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **GIT_ENV, "DPGCHECK_TIMINGS": "1"}
    return subprocess.run([sys.executable, "-m", "dpgcheck", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=300)


def test_a_plain_check_adopts_the_early_child_and_decides_as_in_process(make_repo) -> None:
    repo = make_repo({"README.md": "# x\n", "LICENSE": "MIT License\n"})
    done = installed("check", repo, "--format", "json", "--now", NOW, "--profile", "dpg-standard")
    assert done.returncode == 1, done.stderr
    assert ADOPTED in done.stderr and ENDED not in done.stderr
    assert done.stderr.count("dpgcheck: load policies") == 1
    code, in_process = run_json("check", repo, "--format", "json", "--now", NOW, "--profile", "dpg-standard")
    assert code == 1 and decided(json.loads(done.stdout)) == decided(in_process)


def test_a_repository_that_adds_a_bundle_ends_the_early_child(make_repo) -> None:
    overlay = ROOT / "examples" / "bundles" / "de-opencode"
    repo = make_repo({"README.md": "# x\n", "LICENSE": "MIT License\n", ".dpgcheck.yaml": f"bundles:\n  - {overlay}\n"})
    done = installed("check", repo, "--format", "json", "--now", NOW)
    assert done.returncode in (0, 1), done.stderr
    assert ENDED in done.stderr and ADOPTED not in done.stderr
    report = json.loads(done.stdout)
    assert len(report["policy"]["bundles"]) == 2, report["policy"]  # the overlay was loaded
    code, in_process = run_json("check", repo, "--format", "json", "--now", NOW)
    assert code == done.returncode and decided(report) == decided(in_process)


def test_a_usage_error_still_ends_promptly(tmp_path: Path) -> None:
    done = installed("check", tmp_path / "missing", "--now", NOW)
    assert done.returncode == 2 and "dpgcheck: error:" in done.stderr
