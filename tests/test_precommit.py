"""The two hooks, run by the real pre-commit (`pre-commit run`) on repositories built here."""
from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import subprocess

import pytest

from tests.conftest import GIT_ENV, ROOT, git

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("pre-commit") is None, reason="pre-commit is not installed"),
]


@pytest.fixture(scope="session")
def shared_dir(tmp_path_factory):
    """A folder that every xdist worker of this run sees (the parent of their base temp)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextlib.contextmanager
def locked(path):
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def hook_repository(shared_dir):
    """This working tree, uncommitted changes included, as one commit at a fixed path.

    pre-commit keys its hook environments by repository and revision: one snapshot per
    test run, shared by the workers, lets every call share one installed environment.
    """
    snapshot = shared_dir / "hook-repository"
    with locked(shared_dir / "hook-repository.lock"):
        if not (snapshot / ".git").is_dir():
            listed = subprocess.run(
                ["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                check=True, capture_output=True,
            ).stdout.decode().split("\0")
            for name in filter(None, listed):
                source = ROOT / name
                if source.is_file():
                    (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(source, snapshot / name)
            git(snapshot, "init", "-q", "-b", "main")
            git(snapshot, "add", "-A")
            git(snapshot, "commit", "-q", "-m", "snapshot of the working tree")
    return snapshot


@pytest.fixture(scope="session")
def pre_commit_home(shared_dir):
    """One pre-commit store for the run; pre-commit locks it while it installs."""
    home = shared_dir / "pre-commit-home"
    home.mkdir(exist_ok=True)
    return home


@pytest.fixture(scope="session")
def hook_config(shared_dir, hook_repository):
    """A pre-commit configuration naming the snapshot at its commit, outside the repositories it runs in.

    What ``pre-commit try-repo`` writes for itself, except that try-repo also makes a new
    store in a temporary folder on every call: each call cloned the snapshot and installed
    dpgcheck and its dependencies anew (some 25 s). ``pre-commit run --config`` with this
    file uses the run's one store (``PRE_COMMIT_HOME``), which installs the hook environment once.
    """
    config = shared_dir / "pre-commit-config.yaml"
    revision = git(hook_repository, "rev-parse", "HEAD").strip()
    with locked(shared_dir / "hook-repository.lock"):
        config.write_text(f"repos:\n- repo: {hook_repository}\n  rev: {revision}\n  hooks:\n  - id: dpgcheck\n  - id: dpgcheck-metadata\n")
    return config


def run_hook(repo, hook, pre_commit_home, *extra, hook_config):
    """``pre-commit run HOOK`` in REPO, with the hooks of this working tree."""
    return subprocess.run(
        ["pre-commit", "run", "--config", str(hook_config), hook, *extra],
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


def test_whole_repository_hook(tmp_path, pre_commit_home, hook_config):
    passing = run_hook(copy_example("compliant", tmp_path), "dpgcheck", pre_commit_home, "--all-files", hook_config=hook_config)
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "Passed" in passing.stdout
    failing = run_hook(copy_example("non-compliant", tmp_path), "dpgcheck", pre_commit_home, "--all-files", hook_config=hook_config)
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "Failed" in failing.stdout
    assert "license-file" in failing.stdout


def test_metadata_hook_runs_only_when_governance_files_change(tmp_path, pre_commit_home, hook_config):
    repo = copy_example("non-compliant", tmp_path)
    (repo / "src" / "app.py").write_text('print("quickqueue 2")\n')
    git(repo, "add", "src/app.py")
    skipped = run_hook(repo, "dpgcheck-metadata", pre_commit_home, hook_config=hook_config)
    assert skipped.returncode == 0, skipped.stdout + skipped.stderr
    assert "(no files to check)Skipped" in skipped.stdout
    git(repo, "commit", "-q", "-m", "code only")
    (repo / "README.md").write_text("# quickqueue\n\nNow with docs.\n")
    git(repo, "add", "README.md")
    checked = run_hook(repo, "dpgcheck-metadata", pre_commit_home, hook_config=hook_config)
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert "license-file" in checked.stdout


def test_hook_judges_the_commit_not_the_working_tree(tmp_path, pre_commit_home, hook_config):
    """Untracked files and unstaged edits leave the verdict alone; staging them changes it."""
    repo = copy_example("non-compliant", tmp_path)
    (repo / "LICENSE").write_text((ROOT / "LICENSE").read_text())  # untracked
    untracked = run_hook(repo, "dpgcheck", pre_commit_home, hook_config=hook_config)
    assert untracked.returncode == 1, untracked.stdout + untracked.stderr
    assert "Failed" in untracked.stdout
    assert "license-file" in untracked.stdout
    git(repo, "add", "LICENSE")
    staged = run_hook(repo, "dpgcheck", pre_commit_home, hook_config=hook_config)
    assert staged.returncode == 0, staged.stdout + staged.stderr
    assert "Passed" in staged.stdout
    (repo / "README.md").write_text("")  # an unstaged edit that empties the README
    unstaged = run_hook(repo, "dpgcheck", pre_commit_home, hook_config=hook_config)
    assert unstaged.returncode == 0, unstaged.stdout + unstaged.stderr
    assert "Passed" in unstaged.stdout
    assert (repo / "README.md").read_text() == ""
    git(repo, "add", "README.md")
    emptied = run_hook(repo, "dpgcheck", pre_commit_home, hook_config=hook_config)
    assert emptied.returncode == 1, emptied.stdout + emptied.stderr
    assert "README.md is empty" in emptied.stdout
