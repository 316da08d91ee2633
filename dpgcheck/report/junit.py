"""JUnit XML: one test case per rule evaluated; a blocking finding is a failure.

A rule with findings below ``--fail-on`` passes, but says so: its test case carries a
``dpgcheck.status`` property (``warning`` or ``info``) and the findings in
``system-out``, and the suite counts them in its ``dpgcheck.warnings`` property. A
rule that does not apply is ``skipped``. The suite's ``time`` is the run's duration:
all rules are judged in one query, so there is no time per rule to report.

Names and messages come from the checked repository: characters XML 1.0 cannot hold
(most C0 controls, lone surrogates) become visible escapes, so the file stays well-formed.
"""
from __future__ import annotations

from typing import Any
from xml.etree import ElementTree as ET

from dpgcheck.report.common import finding_path
from dpgcheck.report.safe import xml_safe
from dpgcheck.report.model import overlay_lines, waiver_note
from dpgcheck.shapes import Report, ReportFinding
from dpgcheck.vocabulary import SEVERITIES


def _finding_text(finding: ReportFinding) -> str:
    path = finding_path(finding)
    return f"[{finding['severity']}] {finding['message']}" + (f" ({path})" if path else "") + waiver_note(finding)


def _status(rule: dict[str, Any], findings: list[ReportFinding]) -> str:
    if rule.get("blocking"):
        return "failure"
    if rule.get("status") == "not_applicable":
        return "skipped"
    severities = {f["severity"] for f in findings}
    return next((s for s in SEVERITIES if s in severities), "pass")


def _clean(element: ET.Element) -> None:
    for child in element.iter():
        child.attrib = {k: xml_safe(v) for k, v in child.attrib.items()}
        if child.text:
            child.text = xml_safe(child.text)


def render(report: Report) -> str:
    by_rule: dict[str, list[ReportFinding]] = {}
    for finding in report["findings"]:
        by_rule.setdefault(finding["rule_id"], []).append(finding)
    rules = report["rules"]
    statuses = {rule_id: _status(rule, by_rule.get(rule_id, [])) for rule_id, rule in rules.items()}
    failures = sum(1 for s in statuses.values() if s == "failure")
    skipped = sum(1 for s in statuses.values() if s == "skipped")
    warned = sum(1 for s in statuses.values() if s in ("error", "warning"))
    evaluation = report.get("evaluation") or {}
    duration = evaluation.get("duration_seconds")
    timing = {"time": f"{duration:.3f}"} if isinstance(duration, (int, float)) else {}
    if evaluation.get("started_at"):
        timing_suite = {**timing, "timestamp": str(evaluation["started_at"]).removesuffix("Z")}
    else:
        timing_suite = dict(timing)
    suites = ET.Element("testsuites", {"name": "dpgcheck", "tests": str(len(rules)), "failures": str(failures), "errors": "0", **timing})
    suite = ET.SubElement(suites, "testsuite", {
        "name": f"dpgcheck ({report['profile']})", "tests": str(len(rules)),
        "failures": str(failures), "errors": "0", "skipped": str(skipped), **timing_suite,
    })
    properties = ET.SubElement(suite, "properties")
    for name, value in (
        ("verdict", report["verdict"]),
        ("subject", str(report.get("subject", {}).get("name") or "")),
        ("commit", str(report.get("subject", {}).get("commit") or "")),
        ("policy_revision", report["policy"]["revision"]),
        ("evaluation_clock", str(evaluation.get("clock") or "")),
        ("dpgcheck.warnings", str(warned)),
    ):
        ET.SubElement(properties, "property", name=name, value=value)
    for line in overlay_lines(report):
        ET.SubElement(properties, "property", name="bundle" if not line.startswith(" ") else "bundle_override", value=line.strip())
    for rule_id in sorted(rules):
        rule = rules[rule_id]
        case = ET.SubElement(suite, "testcase", classname=f"dpgcheck.{rule['area']}", name=f"{rule_id}: {rule['title']}")
        findings = by_rule.get(rule_id, [])
        status = statuses[rule_id]
        case_properties = ET.SubElement(case, "properties")
        ET.SubElement(case_properties, "property", name="dpgcheck.status", value=status)
        ET.SubElement(case_properties, "property", name="dpgcheck.severity", value=rule["severity"])
        docs = rule.get("docs_uri") or rule.get("help_uri")
        if docs:
            ET.SubElement(case_properties, "property", name="dpgcheck.docs", value=docs)
        more = f"\nRule documentation: {docs}" if docs else ""
        if status == "failure":
            failure = ET.SubElement(case, "failure", message=findings[0]["message"], type=rule["severity"])
            failure.text = "\n".join(_finding_text(f) for f in findings) + f"\n\nHow to fix: {rule['remediation']}{more}"
        elif status == "skipped":
            ET.SubElement(case, "skipped", message="not applicable")
        elif findings:
            output = ET.SubElement(case, "system-out")
            output.text = (
                f"{status.upper()}: passes below --fail-on {report['fail_on']}, with findings\n"
                + "\n".join(_finding_text(f) for f in findings) + f"\n\nHow to fix: {rule['remediation']}{more}"
            )
    _clean(suites)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode")
