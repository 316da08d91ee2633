"""`dpgcheck check` in a process of its own opens regorus in a forked child while it collects
the facts (dpgcheck/engine/evaluator_process.py). These runs are real subprocesses, because the
child is only forked where no other thread runs (a test process has several): the decision,
the errors and their order must be those of the in-process path."""
from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_dpgcheck

NOW = "2026-06-01T00:00:00Z"
FILES = {
    "README.md": "# Sample\n\nA tool.\n",
    "LICENSE": "Copyright 2026 Example\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\n",
    "pyproject.toml": '[project]\nname = "sample"\nversion = "1.0"\nlicense = "MIT"\n',
}


def _both(*args: str | Path) -> tuple[object, object]:
    forked = run_dpgcheck(*args, in_process=False)
    threaded = run_dpgcheck(*args)
    return forked, threaded


def test_the_forked_engine_decides_as_the_in_process_one(make_repo):
    repo = make_repo(FILES)
    forked, threaded = _both("check", repo, "--format", "json", "--now", NOW, "--profile", "procurement-minimum")
    assert (forked.returncode, forked.stderr) == (threaded.returncode, threaded.stderr) == (1, "")
    ours, theirs = json.loads(forked.stdout), json.loads(threaded.stdout)
    for report in (ours, theirs):
        report.pop("evaluation")
    assert ours == theirs
    assert ours["engine"] == "regorus"


def test_a_bundle_that_does_not_parse_is_the_same_input_error(make_repo, tmp_path):
    repo = make_repo(FILES)
    bundle = tmp_path / "broken"
    (bundle / "rules").mkdir(parents=True)
    (bundle / ".manifest").write_text(json.dumps({"revision": "r1", "metadata": {"namespace": "xy"}}))
    (bundle / "rules" / "bad.rego").write_text("package dpgcheck.rules.xy_gov\n\nfindings contains f if {\n", encoding="utf-8")
    forked, threaded = _both("check", repo, "--bundle", bundle, "--now", NOW)
    assert forked.returncode == threaded.returncode == 2
    assert forked.stderr == threaded.stderr
    assert forked.stderr.count("\n") == 1 and forked.stdout == ""


def test_a_collection_error_is_reported_before_a_policy_error(tmp_path):
    bundle = tmp_path / "broken"
    bundle.mkdir()
    (bundle / "bad.rego").write_text("package x\n\nnot rego at all {\n", encoding="utf-8")
    missing = tmp_path / "no-such-repository"
    forked, threaded = _both("check", missing, "--bundle", bundle)
    assert forked.returncode == threaded.returncode == 2
    assert forked.stderr == threaded.stderr
    assert "no-such-repository" in forked.stderr and "rego" not in forked.stderr.lower()


def test_no_fork_while_another_thread_runs():
    import threading

    from dpgcheck.forking import can_fork

    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert can_fork() is False
    finally:
        release.set()
        other.join()
