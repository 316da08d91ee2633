"""`--staged`: the files of the next commit, read from the git index of real repositories."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from dpgcheck.collect.facts import collect_repository
from dpgcheck.collect.options import CollectOptions
from dpgcheck.collect.staged_view import StagedView
from dpgcheck.errors import DpgcheckError
from tests.conftest import git, run_dpgcheck, run_json

NOW = "2026-06-01T00:00:00Z"


def staged_files(root: Path) -> dict[str, int]:
    view = StagedView.open_index(root)
    try:
        return {entry.path: entry.size for entry in view.files}
    finally:
        view.close()


def test_untracked_files_and_unstaged_edits_are_not_seen(make_repo):
    repo = make_repo({"README.md": "# one\n", "src/app.py": "print(1)\n"})
    (repo / "CODE_OF_CONDUCT.md").write_text("# Code of conduct\n")  # untracked
    (repo / "README.md").write_text("# one, edited but not staged\n")
    (repo / "src" / "new.py").write_text("x = 1\n")
    git(repo, "add", "src/new.py")  # staged, never committed
    (repo / "src" / "new.py").write_text("x = 2  # unstaged edit\n")
    view = StagedView.open_index(repo)
    try:
        assert {e.path: e.size for e in view.files} == {"README.md": 6, "src/app.py": 9, "src/new.py": 6}
        assert view.read_text("README.md", source="test") == "# one\n"
        assert view.read_text("src/new.py", source="test") == "x = 1\n"
        assert view.read_text("CODE_OF_CONDUCT.md", source="test") is None
        assert view.problems == [{"source": "test", "code": "not-found", "message": "file is not in the repository", "path": "CODE_OF_CONDUCT.md"}]
    finally:
        view.close()


def test_a_file_deleted_from_the_work_tree_but_staged_is_still_in_the_commit(make_repo):
    repo = make_repo({"README.md": "# r\n", "LICENSE": "MIT\n"})
    (repo / "LICENSE").unlink()
    assert staged_files(repo) == {"LICENSE": 4, "README.md": 4}
    git(repo, "rm", "-q", "--cached", "README.md")
    assert staged_files(repo) == {"LICENSE": 4}


def test_symbolic_links_are_resolved_in_the_index(make_repo):
    repo = make_repo({"docs/README.md": "# in docs\n", "other/x.txt": "x\n"})
    os.symlink("docs/README.md", repo / "README.md")
    os.symlink("../outside.txt", repo / "escape.txt")
    os.symlink("/etc/hostname", repo / "absolute.txt")
    os.symlink("missing.md", repo / "dangling.md")
    os.symlink("other", repo / "dirlink")
    git(repo, "add", "-A")
    view = StagedView.open_index(repo)
    try:
        listed = {e.path: (e.size, e.is_symlink, e.link_inside) for e in view.files}
        assert listed == {
            "README.md": (10, True, True),
            "absolute.txt": (0, True, False),
            "docs/README.md": (10, False, True),
            "escape.txt": (0, True, False),
            "other/x.txt": (2, False, True),
        }
        assert view.read_text("README.md", source="test") == "# in docs\n"
        assert sorted((p["code"], p["path"]) for p in view.problems) == [
            ("broken-symlink", "dangling.md"), ("symlink-outside", "absolute.txt"), ("symlink-outside", "escape.txt"),
        ]
    finally:
        view.close()


def test_submodules_are_skipped_and_merge_conflicts_recorded(make_repo):
    repo = make_repo({"README.md": "base\n"})
    inner = make_repo({"lib.py": "x\n"}, name="inner")
    commit = git(inner, "rev-parse", "HEAD").strip()
    git(repo, "update-index", "--add", "--cacheinfo", f"160000,{commit},vendor/inner")
    git(repo, "checkout", "-q", "-b", "other")
    (repo / "README.md").write_text("other\n")
    git(repo, "commit", "-q", "-am", "other")
    git(repo, "checkout", "-q", "main")
    (repo / "README.md").write_text("main\n")
    git(repo, "commit", "-q", "-am", "main")
    merged = run_git_allowing_failure(repo, "merge", "-q", "other")
    assert merged != 0
    view = StagedView.open_index(repo)
    try:
        assert [e.path for e in view.files] == []
        assert view.problems == [{
            "source": "repository", "code": "merge-conflict",
            "message": "the path has an unresolved merge conflict in the index; not read", "path": "README.md",
        }]
    finally:
        view.close()


def run_git_allowing_failure(repo: Path, *args: str) -> int:
    import subprocess

    from tests.conftest import GIT_ENV

    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, env={**os.environ, **GIT_ENV}).returncode


def test_non_utf8_names_and_binary_and_large_blobs(make_repo):
    repo = make_repo({"README.md": "# r\n"})
    (repo / os.fsdecode(b"caf\xe9.txt")).write_bytes(b"latin\n")
    (repo / "blob.bin").write_bytes(b"\x00\x01" * 10)
    git(repo, "add", "-A")
    view = StagedView.open_index(repo)
    try:
        assert {e.path for e in view.files} == {"README.md", "blob.bin", "caf\\xe9.txt"}
        assert view.read_bytes("caf\\xe9.txt", source="test") == b"latin\n"
        assert view.read_text("blob.bin", source="test") is None
        assert view.read_bytes("README.md", source="test", limit=2) is None
        assert sorted(p["code"] for p in view.problems) == ["binary-file", "file-too-large", "non-utf8-name"]
    finally:
        view.close()


def test_staged_facts_of_a_clean_checkout_equal_the_working_tree_facts(make_repo):
    repo = make_repo({
        "README.md": "# Demo\n", "LICENSE": "MIT License\n", "src/a.py": "# SPDX-License-Identifier: MIT\nx = 1\n",
        "CODEOWNERS": "* maintainer@example.org\n", ".github/SECURITY.md": "Report to security@example.org\n",
    })
    assert collect_repository(repo, CollectOptions(staged=True)) == collect_repository(repo)


def test_staged_needs_the_top_of_a_git_repository(make_repo, tmp_path):
    plain = make_repo({"README.md": "# r\n"}, use_git=False)
    with pytest.raises(DpgcheckError, match="not the top directory of a git repository"):
        StagedView.open_index(plain)
    result = run_dpgcheck("check", "--staged", plain)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1].endswith("--staged reads the git index: this is not the top directory of a git repository")
    missing = run_dpgcheck("check", "--staged", tmp_path / "nothing")
    assert missing.returncode == 2


def test_staged_with_no_commit_yet_reads_the_index(make_repo):
    repo = make_repo({"README.md": "# new\n"}, commit=False)
    git(repo, "add", "README.md")
    code, report = run_json("check", "--staged", "--now", NOW, "--format", "json", repo)
    assert code == 1
    assert report["subject"]["commit"] is None
    assert not [f for f in report["findings"] if f["rule_id"] == "readme"]


def test_code_of_conduct_counts_only_once_staged(make_repo):
    """The issue's first case, through the real CLI."""
    repo = make_repo({"README.md": "# r\n", "LICENSE": (Path(__file__).parents[2] / "LICENSE").read_text()})
    args = ("check", "--staged", "--now", NOW, "--severity", "code-of-conduct=error", "--format", "json", repo)
    code, report = run_json(*args)
    assert code == 1
    assert [f["rule_id"] for f in report["findings"] if f["severity"] == "error"] == ["code-of-conduct"]
    (repo / "CODE_OF_CONDUCT.md").write_text("# Code of conduct\n\nBe kind. Report to conduct@example.org.\n")
    code, report = run_json(*args)
    assert code == 1, "an untracked code of conduct is not in the commit"
    code, working_tree = run_json(*[a for a in args if a != "--staged"])
    assert code == 0, "without --staged the working tree counts"
    git(repo, "add", "CODE_OF_CONDUCT.md")
    code, report = run_json(*args)
    assert code == 0
    assert [f["rule_id"] for f in report["findings"] if f["severity"] == "error"] == []


def test_history_rules_are_notes_when_staged_unless_enforced(make_repo):
    repo = make_repo({"README.md": "# r\n", "LICENSE": (Path(__file__).parents[2] / "LICENSE").read_text()})
    base = ("check", "--now", NOW, "--profile", "joint-governance", "--format", "json", repo)
    code, tree = run_json(*base)
    assert code == 1
    tree_blocking = {f["rule_id"] for f in tree["findings"] if tree["rules"][f["rule_id"]]["blocking"]}
    assert {"elephant-factor", "actively-maintained"} <= tree_blocking
    code, staged = run_json(*base, "--staged")
    staged_blocking = {f["rule_id"] for f in staged["findings"] if staged["rules"][f["rule_id"]]["blocking"]}
    assert staged_blocking == tree_blocking - {"elephant-factor", "maintainers-multiple-organisations", "actively-maintained",
                                               "release-tags", "contributor-absence-factor"}
    notes = {id for id, rule in staged["rules"].items() if rule.get("hook_note")}
    assert notes == {"elephant-factor", "maintainers-multiple-organisations", "actively-maintained", "release-tags", "contributor-absence-factor"}
    assert all(staged["rules"][id]["severity"] == "info" for id in notes)
    assert not any("hook_note" in rule for rule in tree["rules"].values())
    code, enforced = run_json(*base, "--staged", "--history-rules", "enforce")
    assert {f["rule_id"] for f in enforced["findings"] if enforced["rules"][f["rule_id"]]["blocking"]} == tree_blocking
    text = run_dpgcheck(*base[:-3], "--staged", repo)
    assert "(rules on the git history are notes in a --staged run" in text.stdout


def test_history_rules_option_needs_staged_and_staged_refuses_other_inputs(make_repo, tmp_path):
    repo = make_repo({"README.md": "# r\n"})
    result = run_dpgcheck("check", "--history-rules", "enforce", repo)
    assert result.returncode == 2
    assert "--history-rules applies to --staged runs" in result.stderr
    facts = tmp_path / "facts.json"
    facts.write_text("{}")
    result = run_dpgcheck("check", "--staged", "--facts", facts)
    assert result.returncode == 2
    assert "does not go with --record or --facts" in result.stderr
