"""What a batch audits: targets read from a list file, a directory of checkouts or DPGA records.

A target is plain data (it travels to worker processes and Dask workers): its
``id`` is the string written in every result line and the key for ``--resume``
and ``--shard``; ``kind`` says how to get its facts.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from dpgcheck.batch.urls import looks_like_url
from dpgcheck.errors import DpgcheckError

MAX_LIST_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Target:
    """One thing a batch audits: a checkout, a git URL, a registry record pair, or an invalid line."""

    id: str
    kind: str  # "path" | "url" | "record" | "invalid"
    path: str | None = None  # a checkout (kind path) or the nominee record (kind record)
    screening: str | None = None  # the screening record that goes with a nominee record
    #: Why the target cannot be audited, for kind "invalid" (written as an error row).
    problem: str | None = None


def _entry(line: str, base: Path) -> Target:
    if line.startswith("-"):
        return Target(line, "invalid", problem="a target may not begin with '-' (it would be read as a git option)")
    if looks_like_url(line):
        return Target(line, "url")
    path = Path(line).expanduser()
    if not path.is_absolute():
        path = base / path
    return Target(line, "path", path=str(path))


def read_list(list_file: Path) -> list[Target]:
    """One target a line: a local path (relative to the list's folder) or a git URL; '#' starts a comment."""
    try:
        data = list_file.read_bytes()[: MAX_LIST_BYTES + 1]
    except FileNotFoundError:
        raise DpgcheckError("no such list file; write one target (path or git URL) a line", path=str(list_file)) from None
    except OSError as exc:
        raise DpgcheckError(f"cannot read the list file: {exc.strerror or exc}", path=str(list_file)) from None
    if len(data) > MAX_LIST_BYTES:
        raise DpgcheckError(f"the list file is larger than {MAX_LIST_BYTES} bytes", path=str(list_file))
    if b"\0" in data:
        raise DpgcheckError("the list file is binary (contains NUL bytes); write one target a line", path=str(list_file))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DpgcheckError("the list file is not UTF-8 text", path=str(list_file)) from None
    base = list_file.resolve().parent
    targets = []
    for raw in text.splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            targets.append(_entry(line, base))
    return targets


def checkouts_in(directory: Path) -> list[Target]:
    """Every sub-directory of DIRECTORY (not hidden), in name order."""
    if not directory.is_dir():
        raise DpgcheckError("no such directory of checkouts", path=str(directory))
    root = directory.resolve()
    return [
        Target(str(child), "path", path=str(child))
        for child in sorted(root.iterdir(), key=lambda c: c.name)
        if child.is_dir() and not child.is_symlink() and not child.name.startswith(".")
    ]


def records_in(directory: Path) -> list[Target]:
    """DPGA records as the registry lays them out: ``nominees/NAME.json`` paired with
    ``digitalpublicgoods/NAME.json`` (the screening record) by file name.

    A folder without ``nominees/`` is read as a folder of nominee records. A screening
    record without a nominee record is a target too: it cannot be judged alone, so it
    becomes an error row rather than silently disappearing.
    """
    if not directory.is_dir():
        raise DpgcheckError("no such records directory", path=str(directory))
    root = directory.resolve()
    nominees_dir = root / "nominees" if (root / "nominees").is_dir() else root
    screening_dir = root / "digitalpublicgoods"
    nominees = {p.stem: p for p in nominees_dir.glob("*.json") if p.is_file()}
    screenings = {p.stem: p for p in screening_dir.glob("*.json") if p.is_file()} if screening_dir.is_dir() else {}
    targets = []
    for name in sorted(set(nominees) | set(screenings)):
        nominee, screening = nominees.get(name), screenings.get(name)
        if nominee is None:
            targets.append(
                Target(f"record:{name}", "invalid", screening=str(screening),
                       problem="screening record without a nominee record of the same name; it cannot be judged alone")
            )
        else:
            targets.append(Target(f"record:{name}", "record", path=str(nominee), screening=str(screening) if screening else None))
    return targets


def unique(targets: list[Target]) -> list[Target]:
    """The targets with repeated ids dropped (first kept): one result line per id."""
    seen: set[str] = set()
    kept = []
    for target in targets:
        if target.id not in seen:
            seen.add(target.id)
            kept.append(target)
    return kept


def parse_shard(value: str) -> tuple[int, int]:
    index, sep, count = value.partition("/")
    try:
        i, n = int(index), int(count)
    except ValueError:
        i, n = 0, 0
    if not sep or n < 1 or not 1 <= i <= n:
        raise DpgcheckError(f"--shard {value!r}: write I/N with 1 <= I <= N, e.g. 2/4")
    return i, n


def shard_of(target_id: str, count: int) -> int:
    """The shard (1..count) a target belongs to: a hash of its id, so it does not depend on list order."""
    digest = hashlib.sha256(target_id.encode("utf-8", "surrogateescape")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def select_shard(targets: list[Target], index: int, count: int) -> list[Target]:
    return [t for t in targets if shard_of(t.id, count) == index]
