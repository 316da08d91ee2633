"""Small helpers shared by the renderers."""
from __future__ import annotations

from typing import Any

from dpgcheck.report.model import indicator_sort_key
from dpgcheck.shapes import Finding, Report, ReportFinding, Summary, location_of
from dpgcheck.vocabulary import SEVERITIES as SEVERITY_ORDER


UNCOUNTABLE = {"info"}


def plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 or word in UNCOUNTABLE else "s")


def severity_line(summary: Summary) -> str:
    by = summary.get("by_severity", {})
    return ", ".join(plural(by.get(s, 0), s) for s in SEVERITY_ORDER)


def finding_path(finding: Finding) -> str | None:
    location = location_of(finding)
    return location.get("path")


def group_key(finding: Finding) -> tuple[int, tuple[int, str], str]:
    indicator = finding.get("indicator")
    if indicator:
        return (0, indicator_sort_key(indicator), indicator)
    return (1, (0, finding["area"]), finding["area"])


def titles_of(report: Report, kind: str) -> dict[str, str]:
    """The titles of ``indicators`` or ``areas`` the decision carries (bundle data)."""
    titles = (report.get("titles") or {}).get(kind) or {}
    return {str(k): str(v) for k, v in titles.items()} if isinstance(titles, dict) else {}


def group_title(finding: Finding, titles: dict[str, Any] | None = None) -> str:
    titles = titles or {}
    indicator = finding.get("indicator")
    if indicator:
        title = (titles.get("indicators") or {}).get(indicator, "")
        return f"DPG indicator {indicator}" + (f": {title}" if title else "")
    area = finding["area"]
    return (titles.get("areas") or {}).get(area) or area.replace("-", " ").replace("_", " ").capitalize()


def grouped(findings: list[ReportFinding], titles: dict[str, Any] | None = None) -> list[tuple[str, list[ReportFinding]]]:
    groups: dict[tuple[int, tuple[int, str], str], list[ReportFinding]] = {}
    for finding in findings:
        groups.setdefault(group_key(finding), []).append(finding)
    return [(group_title(items[0], titles), items) for _, items in sorted(groups.items())]


def indicator_rows(report: Report) -> list[tuple[str, str, str]]:
    titles = titles_of(report, "indicators")
    rows = []
    for indicator in sorted(report.get("indicators", {}), key=indicator_sort_key):
        rows.append((indicator, titles.get(indicator, ""), report["indicators"][indicator]))
    return rows


def subject_label(report: Report) -> str:
    subject = report.get("subject", {})
    name = subject.get("name") or subject.get("path") or subject.get("kind", "?")
    commit = subject.get("commit")
    label = f"{name} @ {commit[:12]}" if commit else str(name)
    if subject.get("history_from"):
        label += f" (history from {subject['history_from']}, outside the checked directory)"
    return label
