"""Plain text for a terminal: indicator table, findings grouped by indicator or area, with the fix."""
from __future__ import annotations

import textwrap
from typing import Any

from dpgcheck.report.common import finding_path, grouped, indicator_rows, plural, severity_line, subject_label
from dpgcheck.report.model import overlay_lines, waiver_note

STATUS_LABELS = {
    "pass": "pass",
    "fail": "FAIL",
    "insufficient_evidence": "insufficient evidence",
    "not_applicable": "not applicable",
}


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, width=100, initial_indent=indent, subsequent_indent=indent) or [indent]


def render(report: dict[str, Any]) -> str:
    lines = [
        f"dpgcheck {report['tool']['version']} · {subject_label(report)} · profile {report['profile']} · engine {report['engine']}",
        *overlay_lines(report),
        *(f"warning: {w}" for w in report.get("warnings", [])),
        "",
    ]
    indicators = indicator_rows(report)
    if indicators:
        lines.append(f"DPG Standard {report['dpg_standard_version']} indicators")
        for indicator, title, status in indicators:
            lines.append(f"  {indicator:<3} {title:<46} {STATUS_LABELS.get(status, status)}")
        lines.append("")
    rules = report["rules"]
    serious = [f for f in report["findings"] if f["severity"] != "info"]
    notes = [f for f in report["findings"] if f["severity"] == "info"]
    for title, findings in grouped(serious):
        lines.append(title)
        seen_rules = set()
        for finding in findings:
            path = finding_path(finding)
            where = f" [{path}]" if path else ""
            lines.append(f"  {finding['severity']:<7} {finding['rule_id']}{where}")
            lines.extend(_wrap(finding["message"] + waiver_note(finding), "          "))
            if finding["rule_id"] not in seen_rules:
                seen_rules.add(finding["rule_id"])
                remediation = rules.get(finding["rule_id"], {}).get("remediation")
                if remediation:
                    lines.extend(_wrap(f"fix: {remediation}", "          "))
        lines.append("")
    if notes:
        lines.append("Notes (info; the JSON and Markdown reports give each fix)")
        for finding in notes:
            path = finding_path(finding)
            where = f" [{path}]" if path else ""
            lines.extend(_wrap(f"{finding['rule_id']}{where}: {finding['message']}{waiver_note(finding)}", "  "))
        lines.append("")
    summary = report["summary"]
    statuses = summary.get("rules_by_status", {})
    passed = statuses.get("pass", 0) + statuses.get("not_applicable", 0)
    verdict = "PASS" if report["verdict"] == "pass" else "FAIL"
    lines.append(
        f"{severity_line(summary)} · {plural(summary['rules_evaluated'], 'rule')} evaluated, {passed} passed"
        f" · verdict {verdict} (fails on {report['fail_on']})"
    )
    return "\n".join(lines)
