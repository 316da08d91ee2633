"""The speed-ups change no verdict: facts and decisions with and without them are identical.

Serial collection and uncached policies (as dpgcheck ran before) against the collectors in
threads, the policy set from its cache and the whole `dpgcheck check` pipeline, on every
sample repository, a few test repositories and dpgcheck's own checkout, for every profile,
reading the working tree and the index.
"""
from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dpgcheck.bundle.cache import cached_policies
from dpgcheck.bundle.loader import load_policies
from dpgcheck.collect.facts import collect_repository
from dpgcheck.collect.options import CollectOptions
from dpgcheck.engine.regorus_engine import RegorusEngine
from dpgcheck.evaluate import RunOptions, decide
from dpgcheck.report.artifacts import locate
from dpgcheck.report.model import build_report
from tests.conftest import ROOT, git, run_dpgcheck, write_files

NOW = "2026-11-25T00:00:00Z"
PROFILES = sorted(p.name for p in (ROOT / "policies" / "dpgcheck" / "profiles").iterdir())


def committed_copy(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    git(target, "init", "-q", "-b", "main")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "initial")
    return target


@pytest.fixture(scope="module")
def repositories(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("same-decisions")
    repos = {name: committed_copy(ROOT / "examples" / name, base / name) for name in ("compliant", "non-compliant")}
    built = base / "built"
    done = subprocess.run([sys.executable, str(ROOT / "examples" / "build_examples.py"), str(built), "--now", NOW],
                          capture_output=True, text=True, check=True)
    for line in done.stdout.split():
        repos[Path(line).name] = Path(line)
    odd = base / "odd"
    odd.mkdir()
    write_files(odd, {
        "README.md": "# odd\n", "LICENSES/MIT.txt": "MIT License\n", "src/a.py": "# SPDX-License-Identifier: MIT\n",
        "blob.bin": b"\x00\xff" * 64, "docs/CODE_OF_CONDUCT.md": "\ufeffBe kind.\n",
        "utf16.txt": "\ufeffhello".encode("utf-16"), "publiccode.yml": "publiccodeYmlVersion: '0.4'\nname: [\n",
    })
    (odd / os.fsdecode(b"caf\xe9.md")).write_bytes(b"latin-1 \xe9\n")
    os.symlink("README.md", odd / "README.rst")
    os.symlink("../../etc/passwd", odd / "escape")
    git(odd, "init", "-q", "-b", "main")
    git(odd, "add", "-A")
    git(odd, "commit", "-q", "-m", "odd files")
    (odd / "untracked.md").write_text("not staged\n")
    (odd / "README.md").write_text("# odd, edited\n")
    repos["odd"] = odd
    repos["dpgcheck"] = ROOT
    return repos


def canonical(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


@pytest.fixture(scope="module")
def collected(repositories) -> dict[tuple[str, bool], tuple[dict, dict]]:
    """Each repository's facts, serial and threaded, from the working tree and from the index: collected once for the tests below."""
    return {
        (name, staged): (collect_repository(repo, CollectOptions(staged=staged), concurrent=False),
                         collect_repository(repo, CollectOptions(staged=staged), concurrent=True))
        for name, repo in repositories.items() for staged in (False, True)
    }


@pytest.mark.slow
def test_facts_are_the_same_with_and_without_threads(repositories, collected):
    assert sorted(collected) == sorted((name, staged) for name in repositories for staged in (False, True))
    for (name, staged), (serial, threaded) in collected.items():
        assert canonical(threaded) == canonical(serial), f"{name}, staged={staged}"
        assert list(threaded) == list(serial)


@pytest.mark.slow
def test_decisions_are_the_same_with_cached_policies_and_threads(repositories, collected, tmp_path, monkeypatch):
    monkeypatch.setenv("DPGCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("DPGCHECK_NO_CACHE", raising=False)
    uncached = load_policies()
    first = cached_policies()  # fills the cache
    cached = cached_policies()  # reads it
    assert list((tmp_path / "cache" / "policies").iterdir()), "the cache was not written"
    assert cached.data_text is not None and cached.known_revision == uncached.revision == first.revision
    assert cached.modules == uncached.modules and cached.data == uncached.data and cached.sources == uncached.sources
    before, after = RegorusEngine(uncached), RegorusEngine(cached)
    verdicts = set()
    for name, repo in repositories.items():
        for staged in (False, True):
            serial, threaded = collected[name, staged]
            for profile in PROFILES:
                options = RunOptions(profile=profile, now=NOW, staged=staged)
                expected = decide(before, copy.deepcopy(serial), options)
                assert canonical(decide(after, copy.deepcopy(threaded), options)) == canonical(expected), f"{name} {profile} staged={staged}"
                verdicts.add(expected["verdict"])
    assert verdicts == {"pass", "fail"}


#: What a report holds besides the decision and the facts: when this run started and how long it took.
RUN_DEPENDENT = ("evaluation",)


@pytest.mark.slow
def test_the_check_command_decides_as_the_serial_uncached_pipeline(repositories, collected):
    policy_set = load_policies()
    engine = RegorusEngine(policy_set)
    for name in ("compliant", "non-compliant", "single-vendor", "odd"):
        repo = repositories[name]
        for staged in (False, True):
            flags = ["--staged"] if staged else []
            # The click command in this process (the console script's code path; a real
            # `python -m dpgcheck` is run by tests/cli and tests/test_packaging.py).
            result = run_dpgcheck("check", *flags, "--profile", "joint-governance", "--now", NOW, "--format", "json", repo, env={})
            report = json.loads(result.stdout)
            facts = copy.deepcopy(collected[name, staged][0])
            expected = decide(engine, facts, RunOptions(profile="joint-governance", now=NOW, staged=staged))
            assert result.returncode == (1 if expected["verdict"] == "fail" else 0), f"{name} staged={staged}"
            # The report of that decision, as the serial uncached pipeline would render it: the
            # findings with their stable ids, the rules with their pages, the artifacts, the bundles.
            wanted = build_report(expected, facts, policy_revision=policy_set.revision, bundles=policy_set.sources, engine=engine.name,
                                  artifacts=locate(facts, expected["findings"]))
            assert sorted(report) == sorted(wanted)
            for key in sorted(set(wanted) - set(RUN_DEPENDENT)):
                assert canonical(report[key]) == canonical(wanted[key]), f"{name} staged={staged}: {key}"
            for key in ("verdict", "summary", "indicators"):
                assert canonical(report[key]) == canonical(expected[key]), f"{name} staged={staged}: {key}"
            assert [{k: v for k, v in f.items() if k != "id"} for f in report["findings"]] == expected["findings"]
            assert report["evaluation"]["clock"] == NOW


def test_the_index_is_not_the_working_tree(repositories):
    """The odd repository has an unstaged edit and an untracked file: only a working-tree run sees them."""
    tree = collect_repository(repositories["odd"])
    staged = collect_repository(repositories["odd"], CollectOptions(staged=True))
    assert tree["files"]["count"] == staged["files"]["count"] + 1
    assert [e["size"] for e in tree["files"]["inventory"]["readme"] if e["path"] == "README.md"] == [len("# odd, edited\n")]
    assert [e["size"] for e in staged["files"]["inventory"]["readme"] if e["path"] == "README.md"] == [len("# odd\n")]
