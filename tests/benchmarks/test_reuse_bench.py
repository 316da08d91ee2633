"""Benchmark: dpgcheck's REUSE scan against ``reuse lint --json`` on the same repositories.

Run on demand: ``python -m pytest tests/benchmarks/test_reuse_bench.py -s``.

Repositories (built in temp dirs as git checkouts from real source trees on this machine):

* ``dpgcheck``   — this repository's tracked files (``git archive HEAD``);
* ``reuse-pkg``  — the installed ``reuse`` package's sources (REUSE headers in every file)
  plus LICENSES/ and a REUSE.toml for the data files;
* ``big``        — 4,443 files of installed packages' sources (as many as curl has), with a
  root REUSE.toml annotating about half of the tree.

Each is scanned three times by both; the best wall time counts. ``reuse`` runs as a
command (that is how a user runs it); dpgcheck is timed two ways: the REUSE collector
in-process (listing + scan), and ``dpgcheck facts`` minus nothing (the whole CLI, every
collector) for context. The sets of files without licensing/copyright are asserted equal.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

import pytest

from dpgcheck.collect.repo_view import RepoView
from dpgcheck.licensing import reuse_spec as reuse
from tests.conftest import GIT_ENV, ROOT, git

REUSE = shutil.which("reuse") or str(Path(sys.executable).parent / "reuse")
pytestmark = [pytest.mark.benchmark, pytest.mark.skipif(not Path(REUSE).exists(), reason="reuse not installed")]
SITE = Path(sysconfig.get_paths()["purelib"])


def _git_repo(root: Path) -> Path:
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "snapshot")
    return root


def _copy_sources(source: Path, target: Path, limit: int | None = None) -> int:
    count = 0
    for path in sorted(source.rglob("*")):
        if "__pycache__" in path.parts or not path.is_file() or path.is_symlink() or path.suffix in (".pyc", ".so"):
            continue
        destination = target / path.relative_to(source.parent)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)
        count += 1
        if limit and count >= limit:
            break
    return count


def build_repositories(base: Path) -> dict[str, Path]:
    repos = {}
    own = base / "dpgcheck"
    own.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "HEAD"], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(own)], input=archive, check=True)
    repos["dpgcheck"] = _git_repo(own)

    pkg = base / "reuse-pkg"
    pkg.mkdir()
    _copy_sources(SITE / "reuse", pkg)
    (pkg / "LICENSES").mkdir()
    for licence in ("GPL-3.0-or-later", "CC0-1.0", "CC-BY-SA-4.0", "Apache-2.0"):
        (pkg / "LICENSES" / f"{licence}.txt").write_text(f"{licence} text\n")
    (pkg / "REUSE.toml").write_text('version = 1\n[[annotations]]\npath = ["reuse/resources/**", "reuse/templates/**", "**/*.po", "**/*.mo"]\nSPDX-FileCopyrightText = "Free Software Foundation Europe e.V."\nSPDX-License-Identifier = "CC0-1.0"\n')
    repos["reuse-pkg"] = _git_repo(pkg)

    big = base / "big"
    big.mkdir()
    total = 0
    for package in sorted(p for p in SITE.iterdir() if p.is_dir() and not p.name.endswith((".dist-info", "__pycache__"))):
        if total < 4443:
            total += _copy_sources(package, big, 4443 - total)
    (big / "LICENSES").mkdir()
    for licence in ("MIT", "BSD-3-Clause", "Apache-2.0"):
        (big / "LICENSES" / f"{licence}.txt").write_text(f"{licence} text\n")
    (big / "REUSE.toml").write_text('version = 1\n[[annotations]]\npath = ["mypy/**", "pip/**", "pygments/**", "rdflib/**"]\nSPDX-FileCopyrightText = "The authors"\nSPDX-License-Identifier = "BSD-3-Clause"\n')
    repos["big"] = _git_repo(big)
    return repos


def best_of(runs: int, function) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - started)
    return best, result


def run_reuse(root: Path) -> dict:
    out = subprocess.run([REUSE, "--root", str(root), "lint", "--json"], capture_output=True, text=True, timeout=600)
    return json.loads(out.stdout)


def run_ours(root: Path) -> reuse.ProjectResult:
    view = RepoView.open(root)
    return reuse.lint([(e.path, e.size) for e in view.files if not e.is_symlink], lambda p: view.read_bytes(p, source="reuse", limit=reuse.SCAN_LIMIT))


def run_ours_process(root: Path) -> str:
    code = (
        "import sys\nfrom pathlib import Path\nfrom dpgcheck.collect.repo_view import RepoView\nfrom dpgcheck.licensing import reuse_spec as reuse\n"
        "view = RepoView.open(Path(sys.argv[1]))\n"
        "r = reuse.lint([(e.path, e.size) for e in view.files if not e.is_symlink], lambda p: view.read_bytes(p, source='reuse', limit=reuse.SCAN_LIMIT))\n"
        "print(len(r.files))\n"
    )
    return subprocess.run([sys.executable, "-c", code, str(root)], capture_output=True, text=True, timeout=600, env={**os.environ, **GIT_ENV}).stdout


def test_reuse_lint_versus_dpgcheck(tmp_path):
    rows = []
    for name, root in build_repositories(tmp_path).items():
        theirs_time, theirs = best_of(3, lambda: run_reuse(root))
        ours_time, mine = best_of(3, lambda: run_ours(root))
        process_time, _ = best_of(3, lambda: run_ours_process(root))
        prefix = str(root.resolve()) + os.sep
        strip = lambda paths: sorted(p[len(prefix):] if p.startswith(prefix) else p for p in paths)  # noqa: E731
        assert sorted(f.path for f in mine.files if not f.has_licensing) == strip(theirs["non_compliant"]["missing_licensing_info"])
        assert sorted(f.path for f in mine.files if not f.has_copyright) == strip(theirs["non_compliant"]["missing_copyright_info"])
        assert len(mine.files) == theirs["summary"]["files_total"]
        rows.append((name, len(mine.files), theirs_time, ours_time, process_time))
    print()
    print(f"{'repository':<12} {'files':>6} {'reuse lint':>11} {'dpgcheck':>9} {'dpgcheck+start':>15} {'ratio':>7} {'ratio+start':>12}")
    for name, files, theirs_time, ours_time, process_time in rows:
        print(f"{name:<12} {files:>6} {theirs_time:>10.2f}s {ours_time:>8.3f}s {process_time:>14.3f}s {theirs_time / ours_time:>6.1f}x {theirs_time / process_time:>11.1f}x")
        assert ours_time < theirs_time
