"""Plain text for a terminal: indicator table, findings grouped by indicator or area, with the fix.

``render`` is a pure function: colour and width are arguments (the command decides them
from the terminal, ``--no-color``, ``NO_COLOR`` and ``FORCE_COLOR``). Every string from
the checked repository or record is made printable first, so none can act on the terminal.
"""
from __future__ import annotations

import textwrap
from typing import Any

from dpgcheck.report.common import finding_path, grouped, indicator_rows, plural, severity_line, subject_label
from dpgcheck.report.safe import clean_report
from dpgcheck.report.model import overlay_lines, waiver_note
from dpgcheck.shapes import Report

STATUS_LABELS = {
    "pass": "pass",
    "fail": "FAIL",
    "insufficient_evidence": "insufficient evidence",
    "not_applicable": "not applicable",
}
STATUS_COLOURS = {"pass": "green", "fail": "red", "insufficient_evidence": "yellow"}
SEVERITY_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}
MIN_WIDTH = 40


def _wrap(text: str, indent: str, width: int) -> list[str]:
    """``text`` wrapped to ``width``, every line after ``indent`` (textwrap's lines, sooner for the usual text)."""
    words = text.split(" ")
    if len(indent) + max(map(len, words)) <= width and text.isprintable() and text[:1] != " " and text[-1:] != " " and "" not in words:
        # Words split by single spaces, none longer than a line, nothing for textwrap to
        # replace or drop: its greedy wrap is this loop (tested against it), at a tenth of the cost.
        lines: list[str] = []
        line = indent + words[0]
        for word in words[1:]:
            if len(line) + 1 + len(word) <= width:
                line += " " + word
            else:
                lines.append(line)
                line = indent + word
        lines.append(line)
        return lines
    return textwrap.wrap(text, width=width, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False) or [indent]


def render(report: Report, *, color: bool = False, width: int = 100) -> str:
    import click

    def style(text: str, **styles: Any) -> str:
        return click.style(text, **styles) if color else text

    width = max(width, MIN_WIDTH)
    report = clean_report(report)
    header = _wrap(f"dpgcheck {report['tool']['version']} · {subject_label(report)} · profile {report['profile']} · engine {report['engine']}", "", width)
    tool = f"dpgcheck {report['tool']['version']}"
    header[0] = style(tool, bold=True) + header[0][len(tool):] if header[0].startswith(tool) else header[0]
    lines = header + overlay_lines(report)
    lines += [wrapped for warning in report.get("warnings", []) for wrapped in _wrap(f"warning: {warning}", "", width)]
    lines += [""]
    indicators = indicator_rows(report)
    if indicators:
        lines.append(style(f"DPG Standard {report['dpg_standard_version']} indicators", bold=True))
        title_width = max(10, min(46, width - 30))
        for indicator, title, status in indicators:
            shown = title if len(title) <= title_width else title[: title_width - 1] + "…"
            label = style(STATUS_LABELS.get(status, status), fg=STATUS_COLOURS.get(status))
            lines.append(f"  {indicator:<3} {shown:<{title_width}} {label}")
        lines.append("")
    rules = report["rules"]
    serious = [f for f in report["findings"] if f["severity"] != "info"]
    notes = [f for f in report["findings"] if f["severity"] == "info"]
    for title, findings in grouped(serious, report.get("titles")):
        lines.append(style(title, bold=True))
        seen_rules = set()
        for finding in findings:
            path = finding_path(finding)
            where = f" [{path}]" if path else ""
            severity = style(f"{finding['severity']:<7}", fg=SEVERITY_COLOURS[finding["severity"]], bold=finding["severity"] == "error")
            lines.append(f"  {severity} {finding['rule_id']}{where}")
            lines.extend(_wrap(finding["message"] + waiver_note(finding), "          ", width))
            if finding["rule_id"] not in seen_rules:
                seen_rules.add(finding["rule_id"])
                rule = rules.get(finding["rule_id"], {})
                if rule.get("remediation"):
                    lines.extend(_wrap(f"fix: {rule['remediation']}", "          ", width))
                docs = rule.get("docs_uri") or rule.get("help_uri")
                if docs:
                    lines.append("          " + style(f"docs: {docs}", dim=True))
        lines.append("")
    if notes:
        lines.append(style("Notes (info; the JSON and Markdown reports give each fix)", bold=True))
        for finding in notes:
            path = finding_path(finding)
            where = f" [{path}]" if path else ""
            lines.extend(_wrap(f"{finding['rule_id']}{where}: {finding['message']}{waiver_note(finding)}", "  ", width))
        if any(rules.get(f["rule_id"], {}).get("hook_note") for f in notes):
            lines.extend(_wrap("(rules on the git history are notes in a --staged run: no commit can change them; "
                               "--history-rules enforce judges them)", "  ", width))
        lines.append("")
    summary = report["summary"]
    statuses = summary.get("rules_by_status", {})
    passed = statuses.get("pass", 0) + statuses.get("not_applicable", 0)
    verdict = "PASS" if report["verdict"] == "pass" else "FAIL"
    closing = _wrap(
        f"{severity_line(summary)} · {plural(summary['rules_evaluated'], 'rule')} evaluated, {passed} passed"
        f" · verdict {verdict} (fails on {report['fail_on']})",
        "",
        width,
    )
    styled = style(verdict, fg="green" if verdict == "PASS" else "red", bold=True)
    lines += [line.replace(f"verdict {verdict}", f"verdict {styled}") for line in closing]
    return "\n".join(lines)
