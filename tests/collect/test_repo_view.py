"""The repository view: what is listed, what is refused, what is recorded."""
from __future__ import annotations

import os
import shutil

import pytest

from dpgcheck.collect.repo_view import RepoView
from dpgcheck.errors import DpgcheckError
from tests.conftest import git


def test_git_checkout_lists_tracked_and_untracked_but_not_ignored(make_repo):
    repo = make_repo({"README.md": "hi", ".gitignore": "build/\n", "build/out.txt": "x"})
    (repo / "NEW.md").write_text("new")
    view = RepoView.open(repo)
    assert [f.path for f in view.files] == [".gitignore", "NEW.md", "README.md"]
    assert view.problems == []


def test_plain_directory_is_walked_without_dot_git(make_repo):
    repo = make_repo({"README.md": "hi", "docs/a.md": "a"}, use_git=False)
    view = RepoView.open(repo)
    assert [f.path for f in view.files] == ["README.md", "docs/a.md"]
    assert view.git_dir is None


def test_symlink_pointing_outside_is_recorded_not_followed(make_repo, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("do not read")
    repo = make_repo({"README.md": "hi"})
    os.symlink(secret, repo / "LICENSE")
    view = RepoView.open(repo)
    entry = view.get("LICENSE")
    assert entry is not None and entry.is_symlink and not entry.link_inside
    assert view.read_bytes("LICENSE", source="test") is None
    assert view.problems == [
        {"source": "repository", "code": "symlink-outside", "message": "symbolic link points outside the repository; not followed", "path": "LICENSE"}
    ]


def test_symlink_inside_is_followed(make_repo):
    repo = make_repo({"docs/LICENSE.txt": "MIT"})
    os.symlink("docs/LICENSE.txt", repo / "LICENSE")
    view = RepoView.open(repo)
    assert view.read_text("LICENSE", source="test") == "MIT"
    assert view.problems == []


def test_non_utf8_text_is_read_as_latin1_and_recorded(make_repo):
    repo = make_repo({"NOTICE": "Copyright Ñandú".encode("latin-1")})
    view = RepoView.open(repo)
    assert view.read_text("NOTICE", source="files") == "Copyright Ñandú"
    assert view.problems == [{"source": "files", "code": "not-utf8", "message": "file is not valid UTF-8; read as Latin-1 (save it as UTF-8)", "path": "NOTICE"}]


def test_utf16_text_is_read_and_recorded(make_repo):
    repo = make_repo({"NOTICE": "Copyright Ñandú".encode("utf-16")})
    view = RepoView.open(repo)
    assert view.read_text("NOTICE", source="files") == "Copyright Ñandú"
    assert view.problems == [
        {"source": "files", "code": "not-utf8", "message": "file is UTF-16, not UTF-8; read as UTF-16 (save it as UTF-8)", "path": "NOTICE"}
    ]


def test_binary_file_is_not_read_as_text(make_repo):
    repo = make_repo({"LICENSE": b"\x7fELF\x00\x00\x01"})
    view = RepoView.open(repo)
    assert view.read_text("LICENSE", source="licenses") is None
    assert view.problems[0]["code"] == "binary-file"


def test_huge_file_is_not_read(make_repo):
    repo = make_repo({"LICENSE": "x" * 2048})
    view = RepoView.open(repo)
    assert view.read_text("LICENSE", source="licenses", limit=1024) is None
    assert view.problems == [
        {"source": "licenses", "code": "file-too-large", "message": "file is 2048 bytes, over the 1024-byte limit; not read", "path": "LICENSE"}
    ]


def test_file_that_vanishes_after_listing_is_recorded_as_unreadable(make_repo):
    repo = make_repo({"SECURITY.md": "x"}, use_git=False)
    view = RepoView.open(repo)
    (repo / "SECURITY.md").unlink()
    assert view.read_text("SECURITY.md", source="files") is None
    assert view.problems == [
        {"source": "files", "code": "unreadable", "message": "cannot read file: No such file or directory", "path": "SECURITY.md"}
    ]


def test_non_utf8_file_name_is_listed_with_escapes(make_repo):
    repo = make_repo({}, use_git=False)
    with open(os.path.join(os.fsencode(repo), b"caf\xe9.txt"), "wb") as handle:
        handle.write(b"x")
    view = RepoView.open(repo)
    assert [f.path for f in view.files] == ["caf\\xe9.txt"]
    assert view.read_text("caf\\xe9.txt", source="test") == "x"
    assert view.problems == [
        {"source": "repository", "code": "non-utf8-name", "message": "file name is not valid UTF-8; it is shown with \\x escapes", "path": "caf\\xe9.txt"}
    ]


def test_missing_git_falls_back_to_walking(make_repo, monkeypatch):
    repo = make_repo({"README.md": "hi"})
    monkeypatch.setenv("PATH", "/nonexistent")  # boundary: no git executable
    view = RepoView.open(repo)
    assert [f.path for f in view.files] == ["README.md"]
    assert view.problems == [
        {"source": "repository", "code": "git-missing", "message": "git is not installed; listed files by walking the directory"}
    ]


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda tmp: tmp / "absent", "no such directory; give the path of a repository checkout"),
        (lambda tmp: (tmp / "f.txt").write_text("x") and tmp / "f.txt", "is a file, not a directory"),
    ],
)
def test_bad_paths_raise_a_user_error(tmp_path, setup, message):
    with pytest.raises(DpgcheckError, match=message):
        RepoView.open(setup(tmp_path))


def test_deleted_tracked_file_is_not_listed(make_repo):
    repo = make_repo({"README.md": "hi", "CHANGELOG.md": "x"})
    (repo / "CHANGELOG.md").unlink()
    assert [f.path for f in RepoView.open(repo).files] == ["README.md"]
    assert shutil.which("git")
    assert git(repo, "status", "--porcelain").strip() == "D CHANGELOG.md"


def test_symlink_loop_and_dangling_link_are_recorded(make_repo):
    repo = make_repo({"README.md": "hi"}, use_git=False)
    os.symlink("b", repo / "a")
    os.symlink("a", repo / "b")
    os.symlink("missing.txt", repo / "LICENSE")
    view = RepoView.open(repo)
    assert [f.path for f in view.files] == ["README.md"]
    assert view.problems == [
        {"source": "repository", "code": "broken-symlink", "message": "symbolic link points to nothing", "path": "LICENSE"},
        {"source": "repository", "code": "broken-symlink", "message": "symbolic link is a loop of links", "path": "a"},
        {"source": "repository", "code": "broken-symlink", "message": "symbolic link is a loop of links", "path": "b"},
    ]


def test_the_history_and_repository_collectors_ask_git_each_shared_question_once(make_repo, monkeypatch) -> None:
    """HEAD's commit and whether the clone is shallow: one git process, for both collectors."""
    import subprocess

    from dpgcheck.collect.facts import collect_repository

    repo = make_repo({"README.md": "# r\n"})
    asked: list[tuple[str, ...]] = []
    real_run = subprocess.run

    def run(command, *args, **kwargs):
        if os.path.basename(command[0]) == "git":
            asked.append(tuple(part for part in command if part.startswith(("rev-parse", "--verify", "--is-shallow", "HEAD^"))))
        return real_run(command, *args, **kwargs)

    monkeypatch.setattr(subprocess, "run", run)
    facts = collect_repository(repo, concurrent=False)
    assert asked.count(("rev-parse", "--is-shallow-repository", "--verify", "HEAD^{commit}")) == 1
    assert ("rev-parse", "--verify", "HEAD^{commit}") not in asked and ("rev-parse", "--is-shallow-repository") not in asked
    assert facts["repository"]["git"]["commit"] == git(repo, "rev-parse", "HEAD").strip()
    assert facts["history"]["available"] is True
    assert facts["repository"]["git"]["shallow"] is False and facts["history"]["shallow"] is False


def test_a_shared_git_question_that_fails_fails_alike_for_each_collector(tmp_path) -> None:
    from dpgcheck.collect.repo_view import RepoView
    from dpgcheck.gitcmd import GitUnavailable

    (tmp_path / ".git").mkdir()  # no repository behind it: every git query fails
    view = RepoView(root=tmp_path, files=[], git_dir=tmp_path / ".git")
    errors = []
    for twin in (view.for_collector(), view.for_collector()):
        try:
            twin.head()
        except GitUnavailable as exc:
            errors.append(str(exc))
    assert len(errors) == 2 and errors[0] == errors[1]
