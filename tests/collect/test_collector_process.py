"""The history collected in a forked process (dpgcheck.collect.facts.SIDE): the same facts,
problems and errors as a serial collection, in a process that has no other thread (as the
installed command is; a test runner's threads make it fall back to a thread)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import GIT_ENV, git

PROBE = """
import json, sys
from pathlib import Path
from dpgcheck.collect.facts import collect_repository
from dpgcheck.collect.options import CollectOptions
from dpgcheck.errors import DpgcheckError
repo, staged, affiliations = Path(sys.argv[1]), sys.argv[2] == "staged", sys.argv[3] or None
options = CollectOptions(staged=staged, affiliations_path=Path(affiliations) if affiliations else None)
answers = []
for concurrent in (True, False):
    try:
        answers.append(collect_repository(repo, options, concurrent=concurrent))
    except DpgcheckError as exc:
        answers.append({"error": str(exc)})
print(json.dumps(answers))
"""


def collect_both_ways(repo: Path, *, staged: bool, affiliations: Path | None = None) -> tuple[dict, dict, str]:
    done = subprocess.run([sys.executable, "-c", PROBE, str(repo), "staged" if staged else "tree", str(affiliations or "")],
                          capture_output=True, text=True, timeout=120, env={**os.environ, **GIT_ENV, "DPGCHECK_TIMINGS": "1"})
    assert done.returncode == 0, done.stderr
    forked, serial = json.loads(done.stdout)
    return forked, serial, done.stderr


def test_forked_history_is_the_serial_history(make_repo) -> None:
    repo = make_repo({"README.md": "# x\n", ".mailmap": "Jane <jane@example.org> <jd@old.example>\n"})
    (repo / "MAINTAINERS").write_bytes(b"Jos\xe9 <jose@gov.example>\n")  # Latin-1: a problem the history records
    for n in range(5):
        (repo / f"f{n}.txt").write_text(str(n), encoding="utf-8")
        git(repo, "add", "-A")
        git(repo, "-c", "user.email=jd@old.example", "-c", "user.name=J", "commit", "-qm", f"c{n}")
    git(repo, "tag", "v1.0.0")
    (repo / "untracked.md").write_text("x", encoding="utf-8")
    for staged in (False, True):
        forked, serial, stderr = collect_both_ways(repo, staged=staged)
        assert "collector history in a process of its own" in stderr
        assert "collector repository in a process of its own" in stderr
        assert forked == serial and forked["repository"]["git"]["commit"]
        history = forked["history"]
        assert history["available"] is True and history["commits_read"] == 6 and history["tags"]["count"] == 1
        assert history["maintainers"]["files"] == ["MAINTAINERS"]
        assert [(p["source"], p["code"], p["path"]) for p in forked["problems"] if p["source"] == "history"] == [
            ("history", "not-utf8", "MAINTAINERS")]


def test_an_input_error_in_the_forked_collector_is_the_same_error(make_repo, tmp_path: Path) -> None:
    repo = make_repo({"README.md": "# x\n"})
    broken = tmp_path / "affiliations.yaml"
    broken.write_text("- just\n- a list\n", encoding="utf-8")
    forked, serial, stderr = collect_both_ways(repo, staged=False, affiliations=broken)
    assert "collector history in a process of its own" in stderr
    assert forked == serial and "error" in forked and str(broken) in forked["error"]
