"""The two hooks, run by the real pre-commit (`pre-commit try-repo`) on repositories built here."""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from tests.conftest import GIT_ENV, ROOT, git

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("pre-commit") is None, reason="pre-commit is not installed"),
]


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory):
    return tmp_path_factory.mktemp("pre-commit-home")


def try_repo(repo, hook, pre_commit_home, *extra):
    return subprocess.run(
        ["pre-commit", "try-repo", str(ROOT), hook, *extra],
        cwd=repo, capture_output=True, text=True, timeout=900,
        env={**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(pre_commit_home), "PRE_COMMIT_COLOR": "never"},
    )


def copy_example(name, tmp_path):
    repo = tmp_path / name
    shutil.copytree(ROOT / "examples" / name, repo)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "initial")
    return repo


def test_whole_repository_hook(tmp_path, pre_commit_home):
    passing = try_repo(copy_example("compliant", tmp_path), "dpgcheck", pre_commit_home, "--all-files")
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "Passed" in passing.stdout
    failing = try_repo(copy_example("non-compliant", tmp_path), "dpgcheck", pre_commit_home, "--all-files")
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "Failed" in failing.stdout
    assert "license-file" in failing.stdout


def test_metadata_hook_runs_only_when_governance_files_change(tmp_path, pre_commit_home):
    repo = copy_example("non-compliant", tmp_path)
    (repo / "src" / "app.py").write_text('print("quickqueue 2")\n')
    git(repo, "add", "src/app.py")
    skipped = try_repo(repo, "dpgcheck-metadata", pre_commit_home)
    assert skipped.returncode == 0, skipped.stdout + skipped.stderr
    assert "(no files to check)Skipped" in skipped.stdout
    git(repo, "commit", "-q", "-m", "code only")
    (repo / "README.md").write_text("# quickqueue\n\nNow with docs.\n")
    git(repo, "add", "README.md")
    checked = try_repo(repo, "dpgcheck-metadata", pre_commit_home)
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert "license-file" in checked.stdout


def test_hook_judges_the_commit_not_the_working_tree(tmp_path, pre_commit_home):
    """Untracked files and unstaged edits leave the verdict alone; staging them changes it."""
    repo = copy_example("non-compliant", tmp_path)
    (repo / "LICENSE").write_text((ROOT / "LICENSE").read_text())  # untracked
    untracked = try_repo(repo, "dpgcheck", pre_commit_home)
    assert untracked.returncode == 1, untracked.stdout + untracked.stderr
    assert "Failed" in untracked.stdout
    assert "license-file" in untracked.stdout
    git(repo, "add", "LICENSE")
    staged = try_repo(repo, "dpgcheck", pre_commit_home)
    assert staged.returncode == 0, staged.stdout + staged.stderr
    assert "Passed" in staged.stdout
    (repo / "README.md").write_text("")  # an unstaged edit that empties the README
    unstaged = try_repo(repo, "dpgcheck", pre_commit_home)
    assert unstaged.returncode == 0, unstaged.stdout + unstaged.stderr
    assert "Passed" in unstaged.stdout
    assert (repo / "README.md").read_text() == ""
    git(repo, "add", "README.md")
    emptied = try_repo(repo, "dpgcheck", pre_commit_home)
    assert emptied.returncode == 1, emptied.stdout + emptied.stderr
    assert "README.md is empty" in emptied.stdout
