"""Markdown for pull-request comments and job summaries.

Text from the checked repository or record is escaped (:mod:`dpgcheck.report.safe`):
a file name cannot add a link, an image, HTML or a table cell, nor carry escape codes.
"""
from __future__ import annotations

from dpgcheck.report.common import finding_path, grouped, indicator_rows, plural, severity_line, subject_label
from dpgcheck.report.safe import markdown_code, markdown_text
from dpgcheck.report.model import overlay_lines, waiver_note
from dpgcheck.shapes import Report

STATUS_ICONS = {"pass": "✅ pass", "fail": "❌ fail", "insufficient_evidence": "❔ insufficient evidence", "not_applicable": "➖ not applicable"}
SEVERITY_ICONS = {"error": "❌ error", "warning": "⚠️ warning", "info": "ℹ️ info"}


def _cell(text: str) -> str:
    return markdown_text(" ".join(str(text).split()))


def _link(uri: str) -> str:
    """A link target that cannot end the link early."""
    return uri.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")


def render(report: Report) -> str:
    verdict = "✅ passed" if report["verdict"] == "pass" else "❌ failed"
    summary = report["summary"]
    out = [
        f"## dpgcheck {verdict}: {markdown_code(subject_label(report))}",
        "",
        f"Profile {markdown_code(report['profile'])} · fails on `{report['fail_on']}` · {severity_line(summary)} · "
        f"{plural(summary['rules_evaluated'], 'rule')} evaluated · engine {report['engine']} · policies {_cell(report['policy']['revision'])}",
        "",
    ]
    if overlay_lines(report):
        out += ["```text", *overlay_lines(report), "```", ""]
    out += [f"> ⚠️ {_cell(w)}" for w in report.get("warnings", [])] + ([""] if report.get("warnings") else [])
    rows = indicator_rows(report)
    if rows:
        out += [f"### DPG Standard {report['dpg_standard_version']}", "", "| Indicator | | Status |", "|---|---|---|"]
        out += [f"| {_cell(indicator)} | {_cell(title)} | {STATUS_ICONS.get(status, _cell(status))} |" for indicator, title, status in rows]
        out.append("")
    if report["findings"]:
        out += ["### Findings", ""]
        for title, findings in grouped(report["findings"], report.get("titles")):
            out += [f"#### {_cell(title)}", "", "| Severity | Rule | Finding | File |", "|---|---|---|---|"]
            for finding in findings:
                path = finding_path(finding)
                out.append(
                    f"| {SEVERITY_ICONS[finding['severity']]} | {markdown_code(finding['rule_id'])} | {_cell(finding['message'])}{waiver_note(finding, _cell)} | "
                    f"{markdown_code(path) if path else ''} |"
                )
            out.append("")
        out += ["<details><summary>How to fix</summary>", ""]
        for rule_id in sorted({f["rule_id"] for f in report["findings"]}):
            rule = report["rules"][rule_id]
            docs = rule.get("docs_uri") or rule.get("help_uri")
            link = f" ([rule documentation]({_link(docs)}))" if docs else ""
            out.append(f"- **{markdown_code(rule_id)}** — {_cell(rule['remediation'])}{link}")
        out += ["", "</details>"]
    else:
        out.append("No findings.")
    return "\n".join(out)
