"""Before git runs on a checked repository: where its history lives, and no file that blocks git.

git opens the files it reads without a timeout of its own: a named pipe (FIFO) as
``.git/info/exclude``, as a file named by ``include.path`` or ``core.excludesFile``
in ``.git/config``, as ``.mailmap`` or as any ``.gitignore`` in the work tree makes
``git ls-files`` or ``git log`` wait for ever. So those files are looked at first
(``lstat``/``stat`` only, never opened) and, when one is not a regular file, git is
not run at all and a problem says which file and why.

A ``.git`` that is a file (``gitdir: …``, as in worktrees and submodules) or a
symbolic link may point at a repository outside the checked directory; then the
history is that other repository's. :func:`locate` says where it is, so that the
facts (and the report) state it, and a caller may refuse it.
"""
from __future__ import annotations

import os
import stat
import subprocess
from dataclasses import dataclass
from pathlib import Path

from dpgcheck.gitcmd import SAFE_CONFIG, git_program, safe_env
from dpgcheck.shapes import GitDirFacts
from dpgcheck.untrusted import Refused, non_regular, read_regular

PREFLIGHT_TIMEOUT_SECONDS = 10
#: Files in a git directory that git reads for ls-files, rev-parse, log and for-each-ref.
_GIT_DIR_FILES = ("HEAD", "config", "commondir", "index", "packed-refs", "shallow", "info/exclude", "info/grafts",
                  "info/attributes", "objects/info/alternates", "config.worktree")
_CONFIG_PATH_KEYS = r"^(include\.path|includeif\..*\.path|core\.excludesfile|core\.attributesfile)$"
MAX_WALKED_DIRECTORIES = 200_000


@dataclass(frozen=True)
class GitLocation:
    """Where a checkout's git directory is, and whether it lies outside the checked directory."""

    kind: str  # "directory", "file" (a gitdir: file) or "symlink"
    path: Path  # the git directory, resolved
    outside: bool  # the git directory is not inside the checked directory

    def as_facts(self) -> GitDirFacts:
        return {"kind": self.kind, "path": str(self.path), "outside": self.outside}


class GitRefused(Exception):
    """git must not run on this repository; ``message`` says which file and why."""

    def __init__(self, message: str, code: str = "git-input-refused") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def _inside(path: Path, root: Path) -> bool:
    return path == root or str(path).startswith(str(root) + os.sep)


def locate(root: Path) -> GitLocation | None:
    """Where ``root``'s git directory is, or None when ``root`` has no ``.git``."""
    dot = root / ".git"
    try:
        info = dot.lstat()
    except OSError:
        return None
    if stat.S_ISLNK(info.st_mode):
        target = Path(os.path.realpath(dot))
        if not target.is_dir():
            raise GitRefused(".git is a symbolic link that does not lead to a directory; git was not run", "broken-repository")
        return GitLocation("symlink", target, not _inside(target, root))
    if stat.S_ISDIR(info.st_mode):
        return GitLocation("directory", dot, False)
    if not stat.S_ISREG(info.st_mode):
        raise GitRefused(".git is neither a directory nor a regular file; git was not run")
    try:
        text = read_regular(dot, max_bytes=4096).decode("utf-8", "replace").strip()
    except Refused as exc:
        raise GitRefused(f".git {exc.message}; git was not run") from None
    if not text.startswith("gitdir:"):
        raise GitRefused(".git is a file without a 'gitdir:' line; git was not run", "broken-repository")
    target = Path(os.path.realpath(root / text[len("gitdir:"):].strip()))
    if not target.is_dir():
        raise GitRefused(".git names a git directory that does not exist; git was not run", "broken-repository")
    return GitLocation("file", target, not _inside(target, root))


def _refuse_special(path: Path, label: str) -> None:
    kind = non_regular(path)
    if kind is not None and kind != "a directory":
        raise GitRefused(f"{label} is {kind}; git was not run, as git would wait on it for ever")


def _config_paths(config: Path) -> list[tuple[str, str]]:
    """(key, value) of the settings in one config file that name other files (includes not followed)."""
    try:
        result = subprocess.run(
            [git_program(), *SAFE_CONFIG, "config", "--no-includes", "--file", str(config), "--get-regexp", _CONFIG_PATH_KEYS],
            capture_output=True, timeout=PREFLIGHT_TIMEOUT_SECONDS, env=safe_env(), stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired):
        return []
    pairs = []
    for line in result.stdout.decode("utf-8", "replace").splitlines():
        key, _, value = line.partition(" ")
        pairs.append((key, value))
    return pairs


def _check_config(config: Path, label: str, root: Path, depth: int = 0) -> None:
    _refuse_special(config, label)
    if depth > 8 or not config.is_file():
        return
    for key, value in _config_paths(config):
        if not value:
            continue
        named = Path(os.path.expanduser(value))
        # A relative include is relative to the config file; a relative excludesFile to the work tree.
        candidates = [named] if named.is_absolute() else [config.parent / named, root / named]
        for candidate in candidates:
            _refuse_special(candidate, f"{label} {key} ({value})")
        if key.endswith(".path"):
            _check_config(candidates[0], f"the file included by {label}", root, depth + 1)


def _walk_gitignores(root: Path) -> None:
    stack = [root]
    seen = 0
    while stack:
        directory = stack.pop()
        seen += 1
        if seen > MAX_WALKED_DIRECTORIES:
            return
        try:
            entries = list(os.scandir(directory))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != ".git":
                        stack.append(Path(entry.path))
                elif entry.name in (".gitignore", ".mailmap") and not entry.is_file(follow_symlinks=True):
                    relative = Path(entry.path).relative_to(root).as_posix()
                    _refuse_special(Path(entry.path), relative)
            except OSError:
                continue


def preflight(root: Path, location: GitLocation) -> None:
    """Raise :class:`GitRefused` when a file git would read could block it."""
    git_dirs = [location.path]
    try:
        common = read_regular(location.path / "commondir", max_bytes=4096).decode("utf-8", "replace").strip()
        git_dirs.append(Path(os.path.realpath(location.path / common)))
    except Refused as exc:
        if exc.message != "no such file":
            raise GitRefused(f"the git directory's commondir {exc.message}; git was not run") from None
    for git_dir in git_dirs:
        shown = ".git" if git_dir == location.path and location.kind == "directory" else str(git_dir)
        for name in _GIT_DIR_FILES:
            if name == "config":
                _check_config(git_dir / name, f"{shown}/config", root)
            else:
                _refuse_special(git_dir / name, f"{shown}/{name}")
    _walk_gitignores(root)
