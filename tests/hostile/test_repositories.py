"""Classes 3, 6, 10 and 12 of issue 9 on checked repositories: files that block git, history from
outside the tree, a maintainers file built to make a pattern backtrack, a corrupt HEAD."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import git, write_files
from tests.hostile.helpers import NOW, assert_bounded, assert_input_error, run_cli


def _repo(root: Path) -> Path:
    root.mkdir(parents=True)
    write_files(root, {"README.md": "# R\n", "LICENSE": "MIT License\n", "publiccode.yml": "publiccodeYmlVersion: '0.4'\n",
                       ".mailmap": "A <a@example.org>\n", "docs/a.md": "x\n"})
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "initial")
    return root


def _facts(root: Path) -> dict:
    run = run_cli("facts", root)
    assert_bounded(run)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("mailmap", ".mailmap is a named pipe (FIFO); git was not run, as git would wait on it for ever"),
        ("gitignore", "docs/.gitignore is a named pipe (FIFO); git was not run, as git would wait on it for ever"),
        ("info-exclude", ".git/info/exclude is a named pipe (FIFO); git was not run, as git would wait on it for ever"),
        ("include-path", ".git/config include.path (../fifo) is a named pipe (FIFO); git was not run, as git would wait on it for ever"),
        ("excludes-file", ".git/config core.excludesfile (fifo) is a named pipe (FIFO); git was not run, as git would wait on it for ever"),
    ],
)
def test_files_that_would_block_git_are_refused_before_git_runs(tmp_path: Path, case: str, message: str) -> None:
    root = _repo(tmp_path / case)
    if case == "mailmap":
        (root / ".mailmap").unlink()
        os.mkfifo(root / ".mailmap")
    elif case == "gitignore":
        os.mkfifo(root / "docs" / ".gitignore")
    elif case == "info-exclude":
        (root / ".git" / "info").mkdir(exist_ok=True)
        (root / ".git" / "info" / "exclude").unlink(missing_ok=True)
        os.mkfifo(root / ".git" / "info" / "exclude")
    elif case == "include-path":
        os.mkfifo(root / ".git" / "fifo")
        git(root, "config", "include.path", "../fifo")  # relative to .git/config: .git/../fifo
        os.rename(root / ".git" / "fifo", root / "fifo")
    else:
        os.mkfifo(root / "fifo")
        git(root, "config", "core.excludesFile", "fifo")
    facts = _facts(root)
    assert facts["history"]["reason"] == "git-input-refused"
    assert [p["message"] for p in facts["problems"] if p["code"] == "git-input-refused"] == [message]
    run = run_cli("check", root, *NOW)
    assert_bounded(run)
    assert run.returncode in (0, 1)


@pytest.mark.parametrize("name", ["LICENSE", "README.md", "publiccode.yml"])
def test_tracked_files_replaced_by_fifos_are_not_read(tmp_path: Path, name: str) -> None:
    root = _repo(tmp_path / "r")
    (root / name).unlink()
    os.mkfifo(root / name)
    facts = _facts(root)
    assert name not in [f["path"] for f in facts["files"]["files"]] if "files" in facts["files"] else True
    assert_bounded(run_cli("check", root, *NOW))


@pytest.mark.parametrize("kind", ["file", "symlink"])
def test_history_from_outside_the_tree_is_stated_and_can_be_refused(tmp_path: Path, kind: str) -> None:
    other = _repo(tmp_path / "other")
    checked = tmp_path / "checked"
    checked.mkdir()
    (checked / "README.md").write_text("# Checked\n", encoding="utf-8")
    if kind == "file":
        (checked / ".git").write_text(f"gitdir: {other / '.git'}\n", encoding="utf-8")
    else:
        (checked / ".git").symlink_to(other / ".git")
    facts = _facts(checked)
    assert facts["history"]["git_dir"] == {"kind": kind, "path": str(other / ".git"), "outside": True}
    assert [p["code"] for p in facts["problems"] if p["code"] == "history-outside"] == ["history-outside"]
    report = run_cli("check", checked, "--format", "json", *NOW)
    assert_bounded(report)
    assert json.loads(report.stdout)["subject"]["history_from"] == str(other / ".git")
    text = run_cli("check", checked, *NOW)
    # The header (the lines before the first blank one) wraps at the report's width; a long path takes it past one line.
    header = " ".join(text.stdout.split("\n\n", 1)[0].splitlines())
    assert header.startswith("dpgcheck ") and f"(history from {other / '.git'}, outside the checked directory) · profile " in header
    refused = run_cli("check", checked, "--refuse-outside-git", *NOW)
    assert_input_error(refused, f"{checked}: .git points at a repository outside the checked directory ({other / '.git'}); refused")


def test_a_worktree_inside_the_tree_is_not_outside(tmp_path: Path) -> None:
    root = _repo(tmp_path / "r")
    facts = _facts(root)
    assert facts["history"]["git_dir"] == {"kind": "directory", "path": str(root / ".git"), "outside": False}
    assert facts["history"]["available"] is True


def test_corrupt_head_is_a_broken_repository_not_no_commits(tmp_path: Path) -> None:
    root = _repo(tmp_path / "r")
    (root / ".git" / "HEAD").write_text("garbage\n", encoding="utf-8")
    facts = _facts(root)
    assert facts["history"]["reason"] == "broken-repository"
    assert "broken-repository" in [p["code"] for p in facts["problems"]]


def test_unborn_branch_is_still_no_commits(tmp_path: Path) -> None:
    root = tmp_path / "empty"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    assert _facts(root)["history"]["reason"] == "no-commits"


def test_maintainers_file_with_one_huge_token_is_read_in_linear_time(tmp_path: Path) -> None:
    root = _repo(tmp_path / "r")
    (root / "MAINTAINERS").write_text("a" * 300_000 + "\nAna <ana@ministry.example>\n", encoding="utf-8")
    (root / "CODEOWNERS").write_text("* " + "b." * 150_000 + "\n* @org/team\n", encoding="utf-8")
    facts = _facts(root)
    assert facts["history"]["maintainers"]["addresses"] == 1
    assert facts["history"]["maintainers"]["handles"] == 1
