"""A checked repository's own git configuration must never make dpgcheck run a program."""
from __future__ import annotations

import subprocess

from tests.conftest import git, run_dpgcheck


def _signed_commit(repo, message: str) -> str:
    """Write a commit object carrying a (fake) signature and point the branch at it."""
    tree = git(repo, "write-tree").strip()
    parent = git(repo, "rev-parse", "HEAD").strip()
    body = (
        f"tree {tree}\nparent {parent}\n"
        "author A <a@example.org> 1768471200 +0000\ncommitter A <a@example.org> 1768471200 +0000\n"
        "gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n -----END PGP SIGNATURE-----\n"
        f"\n{message}\n"
    )
    commit = subprocess.run(
        ["git", "-C", str(repo), "hash-object", "-t", "commit", "-w", "--stdin"],
        input=body, capture_output=True, text=True, check=True,
    ).stdout.strip()
    git(repo, "update-ref", "refs/heads/main", commit)
    return commit


def test_repository_config_cannot_run_programs(make_repo, tmp_path):
    repo = make_repo({"README.md": "hi", "LICENSE": "MIT"})
    _signed_commit(repo, "signed")
    marker = tmp_path / "ran"
    for key, value in (
        ("core.fsmonitor", f"touch {marker}-fsmonitor; echo"),
        ("log.showSignature", "true"),
        ("gpg.program", f"touch {marker}-gpg; false"),
        ("core.pager", f"touch {marker}-pager; cat"),
        ("diff.external", f"touch {marker}-diff"),
    ):
        git(repo, "config", key, value)
    facts = run_dpgcheck("facts", repo, in_process=False)
    check = run_dpgcheck("check", repo, "--now", "2026-06-01T00:00:00Z", in_process=False)
    assert facts.returncode == 0, facts.stderr
    assert check.returncode in (0, 1), check.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("ran")) == []


def test_git_is_found_on_path_once_and_never_in_a_relative_folder(make_repo, tmp_path, monkeypatch):
    """A git in the folder dpgcheck runs from (an empty or relative PATH entry) is never run."""
    import os
    import shutil

    from dpgcheck import gitcmd
    from dpgcheck.collect.facts import collect_repository

    repo = make_repo({"README.md": "# r\n"})
    head = git(repo, "rev-parse", "HEAD").strip()
    marker = tmp_path / "ran"
    (repo / "git").write_text(f"#!/bin/sh\ntouch {marker}\nexit 1\n")
    (repo / "git").chmod(0o755)
    real = shutil.which("git")
    monkeypatch.chdir(repo)
    monkeypatch.setenv("PATH", os.pathsep.join(["", ".", os.path.dirname(real)]))
    assert gitcmd.git_program() == real
    facts = collect_repository(repo, concurrent=False)
    assert facts["repository"]["git"]["commit"] == head and not marker.exists()
    # No git in an absolute PATH entry (here only the current folder, which holds one): git is
    # missing, as when there is none at all, and the repository's is never run.
    for path in (".", str(tmp_path / "nowhere")):
        monkeypatch.setenv("PATH", path)
        assert gitcmd.git_program() == gitcmd.NO_GIT
        missing = collect_repository(repo, concurrent=False)
        assert missing["repository"]["git"] is None and not marker.exists()
        assert any(p["code"] == "git-missing" for p in missing["problems"])
