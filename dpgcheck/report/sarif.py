"""SARIF 2.1.0: one reportingDescriptor per dpgcheck rule, one result per finding."""
from __future__ import annotations

import json
from typing import Any

from dpgcheck.report.model import waiver_note

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _descriptor(rule: dict[str, Any]) -> dict[str, Any]:
    descriptor: dict[str, Any] = {
        "id": rule["id"],
        "name": "".join(part.capitalize() for part in rule["id"].split("-")),
        "shortDescription": {"text": rule["title"]},
        "fullDescription": {"text": rule["description"]},
        "help": {
            "text": rule["remediation"],
            "markdown": f"**{rule['title']}**\n\n{rule['description']}\n\n**How to fix:** {rule['remediation']}",
        },
        "defaultConfiguration": {"level": LEVELS[rule["severity"]]},
        "properties": {
            "area": rule["area"],
            "tags": sorted({rule["area"], *(f"dpg-indicator-{rule['indicator']}" for _ in [0] if rule.get("indicator"))}),
        },
    }
    if rule.get("indicator"):
        descriptor["properties"]["dpgIndicator"] = rule["indicator"]
    if rule.get("help_uri"):
        descriptor["helpUri"] = rule["help_uri"]
    return descriptor


def _location(finding: dict[str, Any]) -> list[dict[str, Any]]:
    location = finding.get("location") or {}
    path = location.get("path") or (finding.get("evidence") or {}).get("suggested_path")
    if not path:
        return []
    physical: dict[str, Any] = {"artifactLocation": {"uri": path, "uriBaseId": "SRCROOT"}}
    if isinstance(location.get("line"), int) and location["line"] >= 1:
        physical["region"] = {"startLine": location["line"]}
    return [{"physicalLocation": physical}]


def render(report: dict[str, Any]) -> str:
    rule_ids = sorted(report["rules"])
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    results = []
    for finding in report["findings"]:
        result: dict[str, Any] = {
            "ruleId": finding["rule_id"],
            "ruleIndex": index[finding["rule_id"]],
            "level": LEVELS[finding["severity"]],
            "message": {"text": finding["message"] + waiver_note(finding)},
            "properties": {"outcome": finding["outcome"], "evidence": finding.get("evidence") or {}},
        }
        if finding.get("waiver"):
            result["properties"]["waiver"] = finding["waiver"]
        if finding.get("outcome") == "waived":
            result["suppressions"] = [{"kind": "external", "status": "accepted", "justification": finding["waiver"]["reason"]}]
        locations = _location(finding)
        if locations:
            result["locations"] = locations
        results.append(result)
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "dpgcheck",
                "version": report["tool"]["version"],
                "informationUri": "https://github.com/dpgcheck/dpgcheck",
                "rules": [_descriptor(report["rules"][rule_id]) for rule_id in rule_ids],
            }
        },
        "invocations": [{"executionSuccessful": True}],
        "results": results,
        "properties": {
            "verdict": report["verdict"],
            "profile": report["profile"],
            "failOn": report["fail_on"],
            "policyRevision": report["policy"]["revision"],
            "dpgStandardVersion": report["dpg_standard_version"],
            "indicators": report.get("indicators", {}),
            "bundles": [b for b in report["policy"].get("loaded", []) if not b.get("base")],
            "warnings": report.get("warnings", []),
        },
    }
    subject = report.get("subject", {})
    if subject.get("path"):
        run["originalUriBaseIds"] = {"SRCROOT": {"uri": "file://" + subject["path"].rstrip("/") + "/"}}
    remote = subject.get("remote")
    if subject.get("commit") and isinstance(remote, str) and "://" in remote:
        run["versionControlProvenance"] = [{"repositoryUri": remote, "revisionId": subject["commit"]}]
    return json.dumps({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}, indent=2, ensure_ascii=False)
