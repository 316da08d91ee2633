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
