"""The report: a decision with what it was about and what made it, ready to render."""
from __future__ import annotations

from typing import Any

from dpgcheck import DPG_STANDARD_VERSION, REPORT_VERSION, __version__

INDICATOR_TITLES = {
    "1": "Relevance to Sustainable Development Goals",
    "2": "Use of approved open licenses",
    "3": "Clear ownership",
    "4": "Platform independence",
    "5": "Documentation",
    "6": "Mechanism for extracting data and content",
    "7": "Adherence to privacy and applicable laws",
    "8": "Adherence to standards and best practices",
    "9": "Do no harm by design",
    "9a": "Data privacy and security",
    "9b": "Inappropriate and illegal content",
    "9c": "Protection from harassment",
}


def subject_of(facts: dict[str, Any]) -> dict[str, Any]:
    subject = dict(facts.get("subject") or {})
    repository = facts.get("repository")
    if isinstance(repository, dict):
        git = repository.get("git") or {}
        subject.update(
            {
                "name": repository.get("name"),
                "path": repository.get("path"),
                "commit": git.get("commit"),
                "remote": git.get("remote"),
            }
        )
    git_dir = (facts.get("history") or {}).get("git_dir") if isinstance(facts.get("history"), dict) else None
    if isinstance(git_dir, dict) and git_dir.get("outside"):
        # A .git file or link led outside the checked directory: say whose history was judged.
        subject["history_from"] = git_dir.get("path")
    return subject


def build_report(
    decision: dict[str, Any],
    facts: dict[str, Any],
    *,
    policy_revision: str,
    bundles: list[str],
    engine: str,
) -> dict[str, Any]:
    return {
        "report_version": REPORT_VERSION,
        "tool": {"name": "dpgcheck", "version": __version__},
        "dpg_standard_version": DPG_STANDARD_VERSION,
        "policy": {"revision": policy_revision, "bundles": bundles},
        "engine": engine,
        "facts_version": facts.get("facts_version"),
        "subject": subject_of(facts),
        "profile": decision["profile"],
        "fail_on": decision["fail_on"],
        "verdict": decision["verdict"],
        "errors": decision.get("errors", []),
        "summary": decision["summary"],
        "indicators": decision.get("indicators", {}),
        "findings": decision["findings"],
        "rules": decision["rules"],
    }


def indicator_sort_key(indicator: str) -> tuple[int, str]:
    digits = "".join(ch for ch in indicator if ch.isdigit())
    return (int(digits) if digits else 99, indicator)
