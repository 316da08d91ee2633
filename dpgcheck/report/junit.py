"""JUnit XML: one test case per rule evaluated; a blocking finding is a failure."""
from __future__ import annotations

from typing import Any
from xml.etree import ElementTree as ET

from dpgcheck.report.common import finding_path
from dpgcheck.report.model import overlay_lines, waiver_note


def _finding_text(finding: dict[str, Any]) -> str:
    path = finding_path(finding)
    return f"[{finding['severity']}] {finding['message']}" + (f" ({path})" if path else "") + waiver_note(finding)


def render(report: dict[str, Any]) -> str:
    by_rule: dict[str, list[dict[str, Any]]] = {}
    for finding in report["findings"]:
        by_rule.setdefault(finding["rule_id"], []).append(finding)
    rules = report["rules"]
    failures = sum(1 for rule in rules.values() if rule.get("blocking"))
    skipped = sum(1 for rule in rules.values() if rule.get("status") == "not_applicable")
    suites = ET.Element("testsuites", name="dpgcheck", tests=str(len(rules)), failures=str(failures), errors="0")
    suite = ET.SubElement(
        suites, "testsuite", name=f"dpgcheck ({report['profile']})", tests=str(len(rules)),
        failures=str(failures), errors="0", skipped=str(skipped),
    )
    properties = ET.SubElement(suite, "properties")
    for name, value in (
        ("verdict", report["verdict"]),
        ("subject", str(report.get("subject", {}).get("name") or "")),
        ("commit", str(report.get("subject", {}).get("commit") or "")),
        ("policy_revision", report["policy"]["revision"]),
    ):
        ET.SubElement(properties, "property", name=name, value=value)
    for line in overlay_lines(report):
        ET.SubElement(properties, "property", name="bundle" if not line.startswith(" ") else "bundle_override", value=line.strip())
    for rule_id in sorted(rules):
        rule = rules[rule_id]
        case = ET.SubElement(suite, "testcase", classname=f"dpgcheck.{rule['area']}", name=f"{rule_id}: {rule['title']}")
        findings = by_rule.get(rule_id, [])
        if rule.get("blocking"):
            failure = ET.SubElement(case, "failure", message=findings[0]["message"], type=rule["severity"])
            failure.text = "\n".join(_finding_text(f) for f in findings) + f"\n\nHow to fix: {rule['remediation']}"
        elif rule.get("status") == "not_applicable":
            ET.SubElement(case, "skipped", message="not applicable")
        elif findings:
            output = ET.SubElement(case, "system-out")
            output.text = "\n".join(_finding_text(f) for f in findings)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode")
