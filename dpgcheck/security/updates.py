"""Dependency-update tools configured in the tree (Dependabot, Renovate, PyUp, Scala
Steward): presence and, for Dependabot, the ecosystems it watches."""
from __future__ import annotations

_FILES = {
    ".github/dependabot.yml": "dependabot",
    ".github/dependabot.yaml": "dependabot",
    "renovate.json": "renovate",
    "renovate.json5": "renovate",
    ".renovaterc": "renovate",
    ".renovaterc.json": "renovate",
    ".renovaterc.json5": "renovate",
    ".github/renovate.json": "renovate",
    ".github/renovate.json5": "renovate",
    ".gitlab/renovate.json": "renovate",
    ".gitlab/renovate.json5": "renovate",
    ".pyup.yml": "pyup",
    ".pyup.yaml": "pyup",
    ".scala-steward.conf": "scala-steward",
    ".github/.scala-steward.conf": "scala-steward",
}


def tool_of(lower_path: str) -> str | None:
    return _FILES.get(lower_path)
