"""The ``files`` section: the repository's size, top directories and inventory of files by kind.

Kinds come from :mod:`dpgcheck.collect.file_kinds` (the taxonomy shared by the collectors).
"""
from __future__ import annotations

from dpgcheck.collect.file_kinds import KINDS, classify
from dpgcheck.collect.options import CollectOptions
from dpgcheck.collect.repo_view import RepoView
from dpgcheck.shapes import FilesFacts, InventoryEntry

SECTION = "files"


def collect(view: RepoView, options: CollectOptions) -> FilesFacts:
    inventory: dict[str, list[InventoryEntry]] = {kind: [] for kind in KINDS}
    directories: dict[str, int] = {"docs": 0, "doc": 0, ".github": 0, "LICENSES": 0}
    total = 0
    for entry in view.files:
        total += entry.size
        top = entry.path.split("/", 1)[0] if "/" in entry.path else ""
        for name in directories:
            if top.lower() == name.lower():
                directories[name] += 1
        if entry.is_symlink and not entry.link_inside:
            continue
        found = classify(entry)
        if found is None:
            continue
        kind, location = found
        inventory[kind].append({"path": entry.path, "location": location, "size": entry.size})
    return {
        "count": len(view.files),
        "total_bytes": total,
        "directories": directories,
        "inventory": inventory,
        "symlinks_outside": sorted(e.path for e in view.files if e.is_symlink and not e.link_inside),
    }
