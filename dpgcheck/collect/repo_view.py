"""A read-only view of a repository that never leaves it.

Collectors read files only through this view. It lists the files (``git
ls-files`` when the directory is a git checkout, so ignored files are left out,
otherwise a walk), refuses to follow symbolic links that point outside the
repository, caps how much of a file it reads, and records every problem instead
of raising.
"""
from __future__ import annotations

import copy
import errno
import os
import stat
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from dpgcheck.gitcmd import SAFE_CONFIG, GitUnavailable, git, git_program, safe_env
from dpgcheck.collect.gitsafety import GitLocation, GitRefused, locate, preflight
from dpgcheck.problems import Problem, problem
from dpgcheck.errors import DpgcheckError

#: Files larger than this are not read by collectors (they are still listed).
DEFAULT_READ_LIMIT = 5 * 1024 * 1024
#: Files read whole are kept for the view's other readers: each at most this size, all together at most KEEP_TOTAL_BYTES.
KEEP_READ_BYTES = 256 * 1024
KEEP_TOTAL_BYTES = 32 * 1024 * 1024
GIT_TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class FileEntry:
    """One listed file of the repository: its path, size and, for a link, where it leads."""

    path: str  # repository-relative, POSIX separators, original case
    size: int
    is_symlink: bool = False
    link_inside: bool = True  # for symlinks: does the target resolve inside the repository?
    #: The name as the file system spells it, when ``path`` had to escape non-UTF-8 bytes.
    name_on_disk: str | None = None

    @property
    def lower(self) -> str:
        return self.path.lower()


def printable_name(name: str) -> str:
    """A file name as text even when it is not valid UTF-8 (bytes shown as \\xNN)."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", errors="backslashreplace")


def git_location(root: Path, path: Path, refuse_outside_git: bool, problems: list[Problem]) -> tuple["GitLocation | None", str | None]:
    """Where the history of ``root`` lives, checked before git runs (see :mod:`gitsafety`).

    Returns the location (None without a usable one) and the code of a refusal; a refusal
    and a history read from outside the checked directory are recorded in ``problems``.
    """
    location: GitLocation | None = None
    refused: str | None = None
    try:
        location = locate(root)
        if location is not None:
            if location.outside and refuse_outside_git:
                raise DpgcheckError(
                    f".git points at a repository outside the checked directory ({location.path}); refused "
                    "(--refuse-outside-git): its history is not this directory's",
                    path=str(path),
                )
            preflight(root, location)
    except GitRefused as exc:
        problems.append(problem("repository", exc.code, exc.message, ".git" if exc.code == "broken-repository" else None))
        location, refused = None, exc.code
    if location is not None and location.outside:
        problems.append(problem("repository", "history-outside", f"the git history read is that of {location.path}, outside the checked "
                                f"directory (.git is a {'gitdir: file' if location.kind == 'file' else 'symbolic link'})", ".git"))
    return location, refused


#: One git process for two questions: ``--is-shallow-repository`` prints true or false, then
#: ``--verify -q`` HEAD's commit (exit 1, silently, when there is none).
HEAD_QUERY = ("rev-parse", "--is-shallow-repository", "--verify", "-q", "HEAD^{commit}")


@dataclass
class RepoView:
    """What the collectors see of a repository: the listed files, bounded reads of them, the git directory."""

    root: Path
    files: list[FileEntry]
    git_dir: Path | None
    problems: list[Problem] = field(default_factory=list)
    #: Where the git directory is (``.git`` itself, or what a ``.git`` file or link points at).
    git_location: GitLocation | None = None
    #: Why git was not run although there is a ``.git`` (``git-input-refused``, ``broken-repository``).
    git_refused: str | None = None
    _by_path: dict[str, FileEntry] = field(default_factory=dict, repr=False)
    _root_text: str = field(default="", repr=False)
    #: Small files already read whole, shared by the collectors' twins of this view (see _content).
    _read_whole: dict[str, bytes] = field(default_factory=dict, repr=False)
    _read_whole_bytes: list[int] = field(default_factory=lambda: [0], repr=False)
    #: Answers of read-only git queries, shared by the twins (see git_query).
    _git_answers: dict[tuple[str, ...], "str | GitUnavailable"] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_path = {entry.path: entry for entry in self.files}
        self._root_text = str(self.root)

    @classmethod
    def open(cls, path: Path, *, refuse_outside_git: bool = False) -> "RepoView":
        if not path.exists():
            raise DpgcheckError("no such directory; give the path of a repository checkout", path=str(path))
        if not path.is_dir():
            raise DpgcheckError(
                "is a file, not a directory; give the repository's top directory "
                "(use --record for a DPG registry record)",
                path=str(path),
            )
        if not os.access(path, os.R_OK | os.X_OK):
            raise DpgcheckError("directory is not readable; check its permissions", path=str(path))
        root = path.resolve()
        problems: list[Problem] = []
        location, refused = git_location(root, path, refuse_outside_git, problems)
        git_dir = root / ".git" if location is not None else None
        names = _git_listed_files(root, problems) if git_dir else None
        if names is None:
            names = _walked_files(root, problems)
        root_text = str(root)
        files = [entry for name in sorted(set(names)) if (entry := _entry(root_text, name, problems))]
        return cls(root=root, files=files, git_dir=git_dir, problems=problems, git_location=location, git_refused=refused)

    def get(self, path: str) -> FileEntry | None:
        return self._by_path.get(path)

    def read_bytes(self, path: str, *, source: str, limit: int = DEFAULT_READ_LIMIT) -> bytes | None:
        """The file's bytes, or None (with a problem recorded) when it cannot be read safely."""
        entry = self._by_path.get(path)
        if entry is None:
            self.problems.append(problem(source, "not-found", "file is not in the repository", path))
            return None
        if entry.is_symlink and not entry.link_inside:
            return None  # already recorded as symlink-outside when listed
        if entry.size > limit:
            self.problems.append(
                problem(source, "file-too-large", f"file is {entry.size} bytes, over the {limit}-byte limit; not read", path)
            )
            return None
        try:
            return self._content(entry, limit)
        except OSError as exc:
            self.problems.append(problem(source, "unreadable", f"cannot read file: {exc.strerror or exc}", path))
            return None

    def read_head(self, entry: FileEntry, size: int, *, source: str) -> bytes | None:
        """The first ``size`` bytes of a listed file (for recognising a file by its content)."""
        if entry.is_symlink and not entry.link_inside:
            return None
        try:
            return self._head(entry, size)
        except OSError as exc:
            self.problems.append(problem(source, "unreadable", f"cannot read file: {exc.strerror or exc}", entry.path))
            return None

    def _head(self, entry: FileEntry, size: int) -> bytes:
        """The working tree's first bytes; os.open on a joined string costs a third of pathlib + open()."""
        known = self._read_whole.get(entry.path)
        if known is not None:
            return known[:size]
        descriptor = os.open(os.path.join(self._root_text, entry.name_on_disk or entry.path), os.O_RDONLY)
        try:
            return os.read(descriptor, size)
        finally:
            os.close(descriptor)

    def _content(self, entry: FileEntry, limit: int) -> bytes:
        """At most ``limit`` bytes of a listed file (the working tree's copy; a staged view reads the index).

        Read in pieces sized by the listed size: ``read(limit)`` on a buffered file allocates
        the whole limit (5 MB) for every file, which cost more than reading a small file. A file
        another collector has read whole is not read again (the security collector reads the
        workflows the REUSE scan has just read).
        """
        known = self._read_whole.get(entry.path)
        if known is not None:
            return known[:limit]
        descriptor = os.open(os.path.join(self._root_text, entry.name_on_disk or entry.path), os.O_RDONLY)
        try:
            pieces: list[bytes] = []
            total = 0
            whole = False
            while total < limit:
                # One read for a file that has not grown since it was listed, then at most 1 MB at a time.
                piece = os.read(descriptor, min(limit - total, max(entry.size + 1 - total, 1 << 20) if total else entry.size + 1))
                if not piece:
                    whole = True
                    break
                pieces.append(piece)
                total += len(piece)
            data = b"".join(pieces)[:limit]
        finally:
            os.close(descriptor)
        if whole and total <= KEEP_READ_BYTES and self._read_whole_bytes[0] + total <= KEEP_TOTAL_BYTES:
            # Kept for the other collectors: every read releases the interpreter lock, and with the
            # collectors side by side each release can be a hand-off (the binary check reads the
            # head of every file the REUSE scan has just read).
            self._read_whole[entry.path] = data
            self._read_whole_bytes[0] += total
        return data

    def git_query(self, *args: str) -> str:
        """The output of ``git -C ROOT ARGS``, a read-only query, run once per collection: the
        history and repository collectors both ask for HEAD's commit and whether the clone is
        shallow (two git processes of the ten a small repository costs). A failure is raised
        again, the same, to each collector that asks."""
        found = self._git_answers.get(args)
        if found is None:
            try:
                found = git(self.root, *args)
            except GitUnavailable as exc:
                found = exc
            self._git_answers[args] = found
        if isinstance(found, GitUnavailable):
            raise found
        return found

    def head(self) -> tuple[str, bool]:
        """HEAD's commit and whether the clone is shallow, from one ``git rev-parse`` (both the
        history and the repository collector ask). With no commit yet (or a HEAD that names no
        commit) git exits 1, raised as :class:`GitUnavailable` like any failed query."""
        answer = self.git_query(*HEAD_QUERY).split()
        return (answer[1] if len(answer) > 1 else ""), (answer[:1] == ["true"])

    def for_collector(self) -> "RepoView":
        """The same files with a problem list of its own, so collectors can run side by side."""
        twin = copy.copy(self)
        twin.problems = []
        return twin

    def close(self) -> None:
        """Release what the view holds open (nothing for a working tree)."""

    def read_text(self, path: str, *, source: str, limit: int = DEFAULT_READ_LIMIT) -> str | None:
        """The file as text: UTF-8 (BOM stripped), or UTF-16 with a BOM, else Latin-1; every fallback is recorded."""
        data = self.read_bytes(path, source=source, limit=limit)
        if data is None:
            return None
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # a UTF-16 byte-order mark
            try:
                text = data.decode("utf-16")
            except UnicodeDecodeError:
                self.problems.append(problem(source, "bad-encoding", "file starts with a UTF-16 mark but is not valid UTF-16; not read", path))
                return None
            self.problems.append(problem(source, "not-utf8", "file is UTF-16, not UTF-8; read as UTF-16 (save it as UTF-8)", path))
            return text
        if b"\x00" in data[:8192]:
            self.problems.append(problem(source, "binary-file", "file looks binary (contains NUL bytes); not read as text", path))
            return None
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            self.problems.append(problem(source, "not-utf8", "file is not valid UTF-8; read as Latin-1 (save it as UTF-8)", path))
            return data.decode("latin-1")


def _git_listed_files(root: Path, problems: list[Problem]) -> list[str] | None:
    try:
        result = subprocess.run(
            [git_program(), "-C", str(root), *SAFE_CONFIG, "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            capture_output=True,
            timeout=GIT_TIMEOUT_SECONDS,
            env=safe_env(),
            stdin=subprocess.DEVNULL,
        )
    except FileNotFoundError:
        problems.append(problem("repository", "git-missing", "git is not installed; listed files by walking the directory"))
        return None
    except subprocess.TimeoutExpired:
        problems.append(problem("repository", "git-timeout", "git ls-files timed out; listed files by walking the directory"))
        return None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()[:1]
        problems.append(
            problem("repository", "git-failed", f"git ls-files failed ({'; '.join(message)}); listed files by walking the directory")
        )
        return None
    return [os.fsdecode(raw) for raw in result.stdout.split(b"\0") if raw]


def _walked_files(root: Path, problems: list[Problem]) -> list[str]:
    names: list[str] = []

    def on_error(exc: OSError) -> None:
        where = Path(exc.filename).relative_to(root).as_posix() if exc.filename else None
        problems.append(problem("repository", "unreadable", f"cannot list directory: {exc.strerror}", where))

    for directory, subdirs, filenames in os.walk(root, onerror=on_error, followlinks=False):
        subdirs[:] = sorted(d for d in subdirs if d != ".git")
        relative = Path(directory).relative_to(root)
        for name in filenames:
            names.append((relative / name).as_posix())
        for name in subdirs[:]:
            if (Path(directory) / name).is_symlink():
                names.append((relative / name).as_posix())
                subdirs.remove(name)
    return names


def _entry(root: str, name: str, problems: list[Problem]) -> FileEntry | None:
    """The entry of the file ``name`` under the directory ``root`` (plain strings: pathlib's
    cost per name showed in repositories of thousands of files)."""
    shown = printable_name(name)
    on_disk = None if shown == name else name
    if shown != name:
        problems.append(problem("repository", "non-utf8-name", "file name is not valid UTF-8; it is shown with \\x escapes", shown))
    full = os.path.join(root, name)
    try:
        info = os.lstat(full)
    except OSError:
        return None  # listed by git but deleted from the work tree
    if stat.S_ISLNK(info.st_mode):
        target = os.path.realpath(full)
        inside = target == root or target.startswith(root + os.sep)
        if not inside:
            problems.append(problem("repository", "symlink-outside", "symbolic link points outside the repository; not followed", shown))
            return FileEntry(shown, 0, is_symlink=True, link_inside=False, name_on_disk=on_disk)
        try:
            target_info = os.stat(full)
        except OSError as exc:
            reason = "is a loop of links" if exc.errno == errno.ELOOP else "points to nothing"
            problems.append(problem("repository", "broken-symlink", f"symbolic link {reason}", shown))
            return None
        if not stat.S_ISREG(target_info.st_mode):
            return None
        return FileEntry(shown, target_info.st_size, is_symlink=True, name_on_disk=on_disk)
    if not stat.S_ISREG(info.st_mode):
        return None
    return FileEntry(shown, info.st_size, name_on_disk=on_disk)
