"""Bounded cost of the history collector on a large history (≥ 20,000 commits).

The repository is written with ``git fast-import`` (a generated stream: 400
authors at 60 organisation domains, one commit every 2 hours, a tag every
500 commits), so building it takes a few seconds. The collector reads it with
one streamed ``git log``. Timings are printed (run with ``-s`` to see them) and
noted in docs/governance-history.md.
"""
from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from dpgcheck.collect.collectors import history_facts as history_collector
from dpgcheck.collect.facts import collect_repository
from dpgcheck.collect.options import CollectOptions
from dpgcheck.collect.repo_view import RepoView

COMMITS = 25_000
START = 1_640_995_200  # 2022-01-01T00:00:00Z
STEP = 7_200
#: Generous for a shared 2-core machine; measured well under it (see the docs).
BUDGET_SECONDS = 30.0


def stream(commits: int) -> bytes:
    out = []
    for i in range(1, commits + 1):
        author = i * 7919 % 400
        domain = ["gmail.com", "users.noreply.github.com"][author % 2] if author % 10 == 0 else f"dept{author % 3}.org{author % 60}.gov.in"
        when = START + i * STEP
        message = f"change {i}".encode()
        out.append(f"commit refs/heads/main\nmark :{i}\nauthor A{author} <dev{author}@{domain}> {when} +0000\n"
                   f"committer A{author} <dev{author}@{domain}> {when} +0000\ndata {len(message)}\n".encode() + message + b"\n")
        if i > 1:
            out.append(f"from :{i - 1}\n".encode())
        if i % 1000 == 1:
            content = f"revision {i}\n".encode()
            out.append(f"M 100644 inline README.md\ndata {len(content)}\n".encode() + content + b"\n")
        out.append(b"\n")
        if i % 500 == 0:
            out.append(f"tag v{i // 500}.0.0\nfrom :{i}\ntagger T <t@x.org> {when} +0000\ndata 3\nrel\n".encode())
    return b"".join(out)


@pytest.fixture(scope="module")
def large_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("large") / "repo"
    repo.mkdir()
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True, env=env)
    started = time.perf_counter()
    subprocess.run(["git", "-C", str(repo), "fast-import", "--quiet"], input=stream(COMMITS), check=True, env=env)
    subprocess.run(["git", "-C", str(repo), "reset", "-q", "--hard", "main"], check=True, env=env)
    print(f"\nbuilt {COMMITS} commits with fast-import in {time.perf_counter() - started:.2f} s")
    return repo


def timed_history(repo: Path) -> tuple[dict, float]:
    view = RepoView.open(repo)
    started = time.perf_counter()
    facts = history_collector.collect(view, CollectOptions())
    return facts, time.perf_counter() - started


def test_history_of_25000_commits_is_read_within_budget(large_repo: Path) -> None:
    facts, seconds = timed_history(large_repo)
    print(f"history collector, {COMMITS} commits: {seconds:.2f} s")
    assert seconds < BUDGET_SECONDS
    assert (facts["commits_total"], facts["commits_read"], facts["cap_reached"]) == (COMMITS, COMMITS, False)
    assert facts["lifetime"]["commits"] == COMMITS
    assert facts["lifetime"]["contributors"] == 400
    assert facts["lifetime"]["organisations_count"] == 54  # 60 domains, 6 of them used only by webmail authors
    assert facts["windows"][1]["commits"] == 365 * 12  # one every 2 hours, after HEAD minus 365 days
    assert facts["tags"]["version_tags"] == COMMITS // 500
    assert facts["first_commit_time"] == "2022-01-01T02:00:00Z"


def test_commit_cap_bounds_the_work(large_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(history_collector, "MAX_COMMITS", 10_000)
    facts, seconds = timed_history(large_repo)
    print(f"history collector, cap 10000 of {COMMITS} commits: {seconds:.2f} s")
    assert (facts["commit_cap"], facts["cap_reached"], facts["commits_read"], facts["commits_total"]) == (10_000, True, 10_000, COMMITS)
    assert facts["first_commit_time"] == "2022-01-01T02:00:00Z"
    assert facts["lifetime"]["commits"] == 10_000


def test_whole_facts_document_on_a_large_history(large_repo: Path) -> None:
    started = time.perf_counter()
    facts = collect_repository(large_repo)
    seconds = time.perf_counter() - started
    print(f"whole facts document, {COMMITS} commits: {seconds:.2f} s")
    assert facts["history"]["available"] is True
    assert seconds < BUDGET_SECONDS
