"""Counts from a CODEOWNERS file: its rules, the distinct owners they name and how many of those are teams.

Only counts are returned, never a handle or an address."""
from __future__ import annotations

from typing import TypedDict

#: Largest CODEOWNERS file read, in bytes.
MAX_BYTES = 3 * 1024 * 1024


class Codeowners(TypedDict):
    rules: int
    owners: int
    teams: int


def count_codeowners(text: str) -> Codeowners:
    """Rules are the non-comment lines other than ``[Section]`` headers (GitLab); owners are the
    ``@handles`` and addresses after the pattern, compared case-insensitively; teams are ``@org/team``."""
    owners: set[str] = set()
    rules = 0
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("["):
            continue
        parts = line.split()
        rules += 1
        owners.update(p.lower() for p in parts[1:] if p.startswith("@") or "@" in p)
    return {"rules": rules, "owners": len(owners), "teams": len({o for o in owners if o.startswith("@") and "/" in o})}
