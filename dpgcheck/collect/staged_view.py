"""A read-only view of what the next commit will contain: the git index.

``dpgcheck check --staged`` (the pre-commit hooks) judges the commit, not the working
tree: files are listed with ``git ls-files --stage`` and read from the index with one
``git cat-file --batch``, so an untracked file is not seen and an edit that is not
staged does not count. Symbolic links are resolved inside the index (a link that leaves
the repository is recorded and not followed), submodules are skipped as in a working
tree, and a path with an unresolved merge conflict is recorded and not read.
"""
from __future__ import annotations

import os
import posixpath
import threading
from dataclasses import dataclass, field
from pathlib import Path

from dpgcheck.gitcmd import BlobReader, GitUnavailable, git_bytes
from dpgcheck.problems import Problem, problem
from dpgcheck.collect.repo_view import FileEntry, RepoView, git_location, printable_name
from dpgcheck.errors import DpgcheckError

MODE_FILE = ("100644", "100755")
MODE_SYMLINK = "120000"
#: Links are followed this many times at most (as the kernel's own limit).
MAX_LINK_HOPS = 40


@dataclass(frozen=True)
class IndexEntry:
    """One stage-0 entry of the git index: mode, blob id and name."""

    mode: str
    object_id: str
    name: str  # as git spells it, decoded with surrogate escapes


@dataclass
class StagedView(RepoView):
    """The repository as its index holds it (what the next commit will contain), read through git."""

    #: Listed path -> the object id of the blob to read for it (a link's target's blob).
    objects: dict[str, str] = field(default_factory=dict, repr=False)
    reader: BlobReader | None = field(default=None, repr=False)
    #: The small blobs, read in one go at the first read (shared by the collectors' twins).
    prefetch: "_Prefetch | None" = field(default=None, repr=False)

    @classmethod
    def open_index(cls, path: Path) -> "StagedView":
        if not path.is_dir():
            raise DpgcheckError("no such directory; give the top directory of a git repository", path=str(path))
        root = path.resolve()
        if not (root / ".git").exists():
            raise DpgcheckError("--staged reads the git index: this is not the top directory of a git repository", path=str(path))
        problems: list[Problem] = []
        location, refused = git_location(root, path, False, problems)
        if location is None:
            raise DpgcheckError(f"--staged cannot read this repository's git index safely ({refused or 'no usable .git'}); "
                                "run dpgcheck check without --staged to see why", path=str(path))
        try:
            entries = _index_entries(root, problems)
            sizes = _blob_sizes(root, {e.object_id for e in entries.values() if e.mode in MODE_FILE})
        except GitUnavailable as exc:
            raise DpgcheckError(f"cannot read the git index ({exc}); is this a git repository?", path=str(path)) from None
        files: list[FileEntry] = []
        objects: dict[str, str] = {}
        reader = BlobReader(root)
        for name in sorted(entries):
            entry = entries[name]
            shown = printable_name(name)
            if shown != name:
                problems.append(problem("repository", "non-utf8-name", "file name is not valid UTF-8; it is shown with \\x escapes", shown))
            if entry.mode in MODE_FILE:
                files.append(FileEntry(shown, sizes.get(entry.object_id, 0)))
                objects[shown] = entry.object_id
            elif entry.mode == MODE_SYMLINK:
                resolved = _resolve_link(reader, name, entries, problems, shown)
                if resolved is None:
                    continue
                if isinstance(resolved, _Outside):
                    files.append(FileEntry(shown, 0, is_symlink=True, link_inside=False))
                    continue
                files.append(FileEntry(shown, sizes.get(resolved.object_id, 0), is_symlink=True))
                objects[shown] = resolved.object_id
            # 160000 (a submodule) and anything else: not a file of this repository.
        wanted: list[str] = []
        total = 0
        for listed in files:  # in path order, the small files, up to a total
            if listed.path in objects and listed.size <= PREFETCH_BLOB_BYTES and total + listed.size <= PREFETCH_TOTAL_BYTES:
                wanted.append(objects[listed.path])
                total += listed.size
        return cls(root=root, files=files, git_dir=root / ".git", problems=problems, git_location=location, objects=objects,
                   reader=reader, prefetch=_Prefetch(root, wanted))

    def _content(self, entry: FileEntry, limit: int) -> bytes:
        assert self.reader is not None
        object_id = self.objects[entry.path]
        if self.prefetch is not None:
            found = self.prefetch.get(object_id)
            if found is not None:
                return found[:limit]
        try:
            return self.reader.read(object_id)[:limit]
        except GitUnavailable as exc:
            raise OSError(f"cannot read the staged file from the index: {exc}") from None

    def _head(self, entry: FileEntry, size: int) -> bytes:
        return self._content(entry, size)

    def close(self) -> None:
        if self.reader is not None:
            self.reader.close()


def _index_entries(root: Path, problems: list[Problem]) -> dict[str, IndexEntry]:
    """Stage-0 entries of the index by name; conflicted paths are recorded and left out."""
    entries: dict[str, IndexEntry] = {}
    conflicted: set[str] = set()
    for record in git_bytes(root, "ls-files", "--stage", "-z").split(b"\0"):
        if not record:
            continue
        meta, _, raw_name = record.partition(b"\t")
        parts = meta.split()
        if len(parts) != 3:
            continue
        name = os.fsdecode(raw_name)
        if parts[2] != b"0":
            conflicted.add(name)
            continue
        entries[name] = IndexEntry(parts[0].decode("ascii"), parts[1].decode("ascii"), name)
    for name in sorted(conflicted):
        problems.append(problem("repository", "merge-conflict", "the path has an unresolved merge conflict in the index; not read", printable_name(name)))
    return entries


def _blob_sizes(root: Path, object_ids: set[str]) -> dict[str, int]:
    if not object_ids:
        return {}
    output = git_bytes(root, "cat-file", "--batch-check", input="".join(f"{oid}\n" for oid in sorted(object_ids)).encode("ascii"))
    sizes: dict[str, int] = {}
    for line in output.decode("ascii", "replace").splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[2].isdigit():
            sizes[parts[0]] = int(parts[2])
    return sizes


#: Blobs up to this size are read together at the first read, up to the total (the others,
#: and any the batch could not give, one at a time through the long-lived reader).
PREFETCH_BLOB_BYTES = 256 * 1024
PREFETCH_TOTAL_BYTES = 32 * 1024 * 1024


class _Prefetch:
    """The small staged blobs, from one ``git cat-file --batch`` run with every id written at once.

    One request and answer per file cost a round trip each (about a millisecond, most of a
    staged REUSE scan on a 175-file repository); one run streams them all.
    """

    def __init__(self, root: Path, object_ids: list[str]) -> None:
        self._root = root
        self._wanted = object_ids
        self._blobs: dict[str, bytes] | None = None
        self._lock = threading.Lock()

    def get(self, object_id: str) -> bytes | None:
        with self._lock:
            if self._blobs is None:
                self._blobs = self._read() if self._wanted else {}
        return self._blobs.get(object_id)

    def _read(self) -> dict[str, bytes]:
        try:
            output = git_bytes(self._root, "cat-file", "--batch", input="".join(f"{oid}\n" for oid in self._wanted).encode("ascii"))
        except GitUnavailable:
            return {}  # each file is then read on its own, and a failure recorded for it
        blobs: dict[str, bytes] = {}
        position = 0
        while position < len(output):
            end = output.find(b"\n", position)
            if end < 0:
                break
            header = output[position:end].split()
            position = end + 1
            if len(header) != 3 or not header[2].isdigit():
                continue  # "<oid> missing": read on its own later, which reports it
            size = int(header[2])
            if header[1] == b"blob":
                blobs[header[0].decode("ascii")] = output[position:position + size]
            position += size + 1
        return blobs


class _Outside:
    pass


_OUTSIDE = _Outside()


def _resolve_link(reader: BlobReader, name: str, entries: dict[str, IndexEntry], problems: list[Problem], shown: str) -> "IndexEntry | _Outside | None":
    """The regular file a staged link leads to inside the index, :data:`_OUTSIDE`, or None (recorded)."""
    try:
        current = entries[name]
        for _ in range(MAX_LINK_HOPS):
            if current.mode in MODE_FILE:
                return current
            if current.mode != MODE_SYMLINK:
                return None  # a link to a submodule: not a file
            target = os.fsdecode(reader.read(current.object_id))
            if target.startswith("/"):
                problems.append(problem("repository", "symlink-outside", "symbolic link points outside the repository; not followed", shown))
                return _OUTSIDE
            joined = posixpath.normpath(posixpath.join(posixpath.dirname(current.name), target))
            if joined == ".." or joined.startswith("../"):
                problems.append(problem("repository", "symlink-outside", "symbolic link points outside the repository; not followed", shown))
                return _OUTSIDE
            following = entries.get(joined)
            if following is None:
                if any(other.startswith(joined + "/") for other in entries):
                    return None  # a link to a directory: its files are listed themselves
                problems.append(problem("repository", "broken-symlink", "symbolic link points to nothing in the index", shown))
                return None
            current = following
        problems.append(problem("repository", "broken-symlink", "symbolic link is a loop of links", shown))
        return None
    except GitUnavailable:
        problems.append(problem("repository", "broken-symlink", "symbolic link's target cannot be read from the index", shown))
        return None
