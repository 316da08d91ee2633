"""Unpack a ``.tar.gz`` policy bundle safely.

Every entry is checked before anything is written: no absolute paths, no ``..``,
no links or devices, bounded entry count and size. One bad entry refuses the
whole bundle, naming the entry.
"""
from __future__ import annotations

import atexit
import re
import gzip
import zlib
import shutil
import tarfile
import tempfile
from pathlib import Path, PurePosixPath
from typing import IO, Any, cast

from dpgcheck.errors import DpgcheckError

MAX_ENTRIES = 20_000
MAX_TOTAL_BYTES = 128 * 1024 * 1024
MAX_ENTRY_BYTES = 4 * 1024 * 1024  # as for any policy file (datafiles.MAX_POLICY_FILE_BYTES)


class _BoundedStream:
    """The decompressed stream, cut off past a limit: a gzip bomb stops here, whatever its headers say."""

    def __init__(self, raw: Any, limit: int, label: str) -> None:
        self.raw, self.limit, self.label, self.read_bytes = raw, limit, label, 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.read_bytes += len(data)
        if self.read_bytes > self.limit:
            raise DpgcheckError(f"bundle archive decompresses to more than {self.limit} bytes (a gzip bomb?); refused", path=self.label)
        return data


# Headers and padding add at most 1.5 KiB per entry to the data itself.
_STREAM_LIMIT = MAX_TOTAL_BYTES + MAX_ENTRIES * 1536 + 1024 * 1024


def _bounded(raw: Any, label: str) -> IO[bytes]:
    # A stream-mode tarfile ("r|") only ever calls read(): that is all _BoundedStream has.
    return cast(IO[bytes], _BoundedStream(raw, _STREAM_LIMIT, label))


def is_archive(path: Path) -> bool:
    return path.name.endswith((".tar.gz", ".tgz"))


#: Characters an entry name may not hold: backslashes (a Windows path separator, so
#: ``..\\..\\evil.rego`` would climb out on Windows), control characters (newlines, escapes,
#: C1 controls: they forge lines and rewrite terminals where the name is printed).
_FORBIDDEN_NAME = re.compile(r"[\\\x00-\x1f\x7f-\x9f]")


def _checked_members(archive: tarfile.TarFile, label: str) -> list[tarfile.TarInfo]:
    members = []
    total = 0
    for count, member in enumerate(archive, start=1):
        if count > MAX_ENTRIES:
            raise DpgcheckError(f"bundle archive has more than {MAX_ENTRIES} entries; refused", path=label)
        if _FORBIDDEN_NAME.search(member.name):
            raise DpgcheckError(
                f"bundle archive entry {member.name.encode('unicode_escape').decode('ascii')[:200]!r} has a backslash or a "
                "control character in its name; refused",
                path=label,
            )
        name = PurePosixPath(member.name)
        if name.is_absolute() or ".." in name.parts:
            raise DpgcheckError(f"bundle archive entry {member.name!r} points outside the bundle; refused", path=label)
        if member.issym() or member.islnk():
            raise DpgcheckError(f"bundle archive entry {member.name!r} is a link; bundles may not contain links", path=label)
        if not (member.isfile() or member.isdir()):
            raise DpgcheckError(f"bundle archive entry {member.name!r} is not a regular file or directory; refused", path=label)
        if member.size > MAX_ENTRY_BYTES:
            raise DpgcheckError(f"bundle archive entry {member.name!r} is larger than {MAX_ENTRY_BYTES} bytes; refused", path=label)
        total += member.size
        if total > MAX_TOTAL_BYTES:
            raise DpgcheckError(f"bundle archive unpacks to more than {MAX_TOTAL_BYTES} bytes; refused", path=label)
        members.append(member)
    return members


def unpack(path: Path) -> Path:
    """Unpack into a private temporary directory (removed at exit) and return it."""
    label = str(path)
    if not path.is_file():
        raise DpgcheckError("no such bundle archive", path=label)
    target = Path(tempfile.mkdtemp(prefix="dpgcheck-bundle-"))
    atexit.register(shutil.rmtree, target, True)
    try:
        # Two streaming passes over a bounded decompressed stream: every header is checked
        # before anything is written, and no pass can inflate past the limit.
        with gzip.open(path, "rb") as raw, tarfile.open(fileobj=_bounded(raw, label), mode="r|") as archive:
            _checked_members(archive, label)
        with gzip.open(path, "rb") as raw, tarfile.open(fileobj=_bounded(raw, label), mode="r|") as archive:
            for member in archive:
                destination = target / member.name
                if member.isdir():
                    destination.mkdir(parents=True, exist_ok=True)
                    continue
                destination.parent.mkdir(parents=True, exist_ok=True)
                source = archive.extractfile(member)
                if source is None:
                    continue
                with source, open(destination, "wb") as out:
                    shutil.copyfileobj(source, out)
    except (tarfile.TarError, EOFError, OSError, zlib.error) as exc:
        raise DpgcheckError(f"bundle archive cannot be read ({exc.__class__.__name__}: {exc}); rebuild it with `tar czf`", path=label) from None
    return target
