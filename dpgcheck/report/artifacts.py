"""Which files the findings can point at: read by the command before rendering.

GitHub code scanning needs every result at a file of the commit, and a location at
a file that does not exist is an alert nobody can open. Some findings are about a
file that is missing (``LICENSE``) or about the repository as a whole (its history,
its organisations). Those are shown at the repository's **anchor**: its README when
there is one, else its licence file, else the first other community file at the
root, else the first regular file at the root. The file the rule would like to see
stays in the message and in the SARIF result's properties (``suggestedPath``).

For a registry record, the anchor is the nominee record file itself.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from dpgcheck.shapes import Artifacts, Finding, location_of

#: Inventory kinds, in the order the anchor is chosen from.
ANCHOR_KINDS = ("readme", "license", "license_text", "contributing", "code_of_conduct", "security_policy", "governance", "changelog")


def _regular_file(root: Path, relative: str) -> bool:
    parts = relative.replace("\\", "/").split("/")
    if not relative or relative.startswith("/") or ".." in parts:
        return False
    try:
        return stat.S_ISREG(os.lstat(root / relative).st_mode)
    except (OSError, ValueError):
        return False


def _first_root_file(root: Path) -> str | None:
    try:
        names = sorted(entry.name for entry in os.scandir(root) if entry.is_file(follow_symlinks=False))
    except OSError:
        return None
    return names[0] if names else None


def _inventory_anchor(facts: dict[str, Any]) -> str | None:
    inventory = (facts.get("files") or {}).get("inventory") or {}
    kinds = list(ANCHOR_KINDS) + sorted(set(inventory) - set(ANCHOR_KINDS))
    for kind in kinds:
        entries = [e for e in inventory.get(kind) or [] if isinstance(e, dict) and isinstance(e.get("path"), str)]
        entries.sort(key=lambda e: (e.get("location") != "root", e["path"]))
        if entries:
            return entries[0]["path"]
    return None


def locate(facts: dict[str, Any], findings: list[Finding]) -> Artifacts:
    """``{"anchor": path | None, "missing": [paths findings name that are not files]}``."""
    subject = facts.get("subject") or {}
    if subject.get("kind") == "record" and isinstance(subject.get("nominee"), str):
        record_paths = {location_of(f).get("path") for f in findings}
        return {
            "anchor": os.path.basename(subject["nominee"]),
            "missing": sorted(p for p in record_paths if isinstance(p, str) and not os.path.isfile(p)),
        }
    repository = facts.get("repository") or {}
    root = Path(repository["path"]) if isinstance(repository.get("path"), str) else None
    on_disk = root is not None and root.is_dir()
    known = {
        e["path"]
        for entries in ((facts.get("files") or {}).get("inventory") or {}).values()
        for e in entries or []
        if isinstance(e, dict) and isinstance(e.get("path"), str)
    }

    def exists(path: str) -> bool:
        return _regular_file(root, path) if on_disk and root is not None else path in known

    anchor = _inventory_anchor(facts)
    if anchor is not None and not exists(anchor):
        anchor = None
    if anchor is None and on_disk and root is not None:
        anchor = _first_root_file(root)
    paths = {location_of(f).get("path") for f in findings}
    missing = sorted(p for p in paths if isinstance(p, str) and not exists(p))
    return {"anchor": anchor, "missing": missing}
