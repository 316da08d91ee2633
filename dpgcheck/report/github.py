"""GitHub Actions workflow commands: one annotation per finding.

The job log prints these lines raw, so escape sequences and other control characters
from file names or records are made visible first; ``%``, CR and LF are then encoded
as the workflow-command syntax asks. The Markdown report goes to the job summary
(``$GITHUB_STEP_SUMMARY``): the command writes it, this renderer stays pure.
"""
from __future__ import annotations

from dpgcheck.report.common import severity_line
from dpgcheck.report.safe import printable
from dpgcheck.report.model import overlay_lines, waiver_note
from dpgcheck.shapes import Report, location_of

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    text = printable(text, keep_newlines=True)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    # The bundles loaded and what they change in the base come first, as in every format.
    lines = [f"::notice title=dpgcheck policy bundle::{_escape_data(line.strip())}" for line in overlay_lines(report)]
    lines += [f"::warning title=dpgcheck waiver::{_escape_data(w)}" for w in report.get("warnings", [])]
    for finding in report["findings"]:
        properties = [f"title={_escape_property('dpgcheck ' + finding['rule_id'])}"]
        location = location_of(finding)
        if location.get("path"):
            properties.insert(0, f"file={_escape_property(location['path'])}")
            if isinstance(location.get("line"), int):
                properties.insert(1, f"line={location['line']}")
        rule = report.get("rules", {}).get(finding["rule_id"], {})
        docs = rule.get("docs_uri") or rule.get("help_uri")
        message = finding["message"] + waiver_note(finding) + (f"\nRule documentation: {docs}" if docs else "")
        command = "notice" if finding.get("outcome") == "waived" else COMMANDS[finding["severity"]]
        lines.append(f"::{command} {','.join(properties)}::{_escape_data(message)}")
    verdict = "passed" if report["verdict"] == "pass" else "failed"
    lines.append(
        f"dpgcheck {verdict}: {severity_line(report['summary'])} "
        f"(profile {printable(str(report['profile']))}, fails on {report['fail_on']})"
    )
    return "\n".join(lines)
