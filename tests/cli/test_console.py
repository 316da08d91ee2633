"""The installed command (dpgcheck.console): a one-shot process that skips the interpreter's teardown.

It must still end as a normal exit would: the exit code of the run, every byte of a large
report through a pipe, the exit handlers' work (the caches written at exit) done, and a
batch (long-running) with the cycle collector on again.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import GIT_ENV, ROOT

NOW = "2026-06-01T00:00:00Z"


def console(*args: str | Path, cache: Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m dpgcheck`` (what the console script runs: dpgcheck.console.run)."""
    env = {**os.environ, **GIT_ENV, "DPGCHECK_CACHE_DIR": str(cache)}
    env.pop("DPGCHECK_NO_CACHE", None)
    return subprocess.run([sys.executable, "-m", "dpgcheck", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=300)


def test_the_entry_point_is_the_console_runner() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dpgcheck = "dpgcheck.console:run"' in text
    assert (ROOT / "dpgcheck" / "__main__.py").read_text(encoding="utf-8").strip().endswith("run()")


def test_exit_codes_and_a_whole_report_through_a_pipe(tmp_path: Path) -> None:
    failing = console("check", ROOT / "examples" / "non-compliant", "--format", "json", "--now", NOW, cache=tmp_path / "cache")
    assert failing.returncode == 1, failing.stderr
    report = json.loads(failing.stdout)  # the whole document arrived: it parses
    assert report["verdict"] == "fail" and len(failing.stdout) > 10_000

    usage = console("check", "--format", "nonsense", cache=tmp_path / "cache")
    assert usage.returncode == 2
    assert usage.stderr.startswith("dpgcheck: error: --format")

    help_text = console("--help", cache=tmp_path / "cache")
    assert help_text.returncode == 0 and "Exit codes" in help_text.stdout


def test_the_exit_handlers_still_run(tmp_path: Path) -> None:
    # The REUSE expression cache and the licence-id cache are written by exit handlers
    # (dpgcheck.cache.DiskMap): with os._exit and no handlers they would never reach the disk.
    cache = tmp_path / "cache"
    done = console("check", ROOT / "examples" / "compliant", "--now", NOW, "-q", cache=cache)
    assert done.returncode == 0, done.stderr
    written = sorted(path.relative_to(cache).parts[0] for path in cache.rglob("*") if path.is_file())
    assert "expressions" in written or "reuse-expressions" in written, written


def test_a_batch_runs_with_the_cycle_collector_on(tmp_path: Path) -> None:
    probe = (
        "import gc, sys\n"
        "import dpgcheck.console\n"  # switches the collector off, as the installed command does
        "assert not gc.isenabled()\n"
        "from dpgcheck.batch.cli import batch_run\n"
        "sys.argv = ['dpgcheck', 'batch', 'run', '--help']\n"
        "try:\n"
        "    batch_run.main(['--help'], standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('help only:', gc.isenabled())\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    # --help stops before the command's body: the collector is switched on only by a real batch run
    assert done.stdout.strip().endswith("help only: False")

    listing = tmp_path / "targets.txt"
    listing.write_text(f"{ROOT / 'examples' / 'compliant'}\n", encoding="utf-8")
    probe_run = (
        "import gc\n"
        "import dpgcheck.console\n"
        "from dpgcheck.batch.cli import batch_run\n"
        f"args = [{str(listing)!r}, '-o', {str(tmp_path / 'out.ndjson')!r}, '--jobs', '1', '--now', {NOW!r}, '--no-progress']\n"
        "try:\n"
        "    batch_run.main(args, standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('after a batch:', gc.isenabled())\n"
    )
    done = subprocess.run([sys.executable, "-c", probe_run], capture_output=True, text=True, timeout=300,
                          env={**os.environ, **GIT_ENV, "DPGCHECK_CACHE_DIR": str(tmp_path / "cache")})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("after a batch: True")
    assert len((tmp_path / "out.ndjson").read_text(encoding="utf-8").splitlines()) == 1
