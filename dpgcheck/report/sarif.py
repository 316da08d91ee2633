"""SARIF 2.1.0 that GitHub code scanning accepts: one reportingDescriptor per rule, one result per finding.

Every result has exactly one location at a file that exists (GitHub refuses results
without one and cannot show files that are not in the commit). A finding about a
missing file or about the repository as a whole is placed at the report's anchor
(see :mod:`dpgcheck.report.artifacts`: the README, else the licence, …) at line 1,
and the file the rule asks for is kept in ``properties.suggestedPath``. Each result
carries the finding's stable id as its ``partialFingerprints`` entry, so an alert
keeps its identity while the message's counts change.
"""
from __future__ import annotations

import json
import os
import re
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

from dpgcheck.report.safe import json_safe

from dpgcheck.report.model import waiver_note
from dpgcheck.shapes import Report, ReportFinding, location_of

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
#: GitHub's scale for ``security-severity`` (0.1-3.9 low, 4.0-6.9 medium, 7.0-8.9 high):
#: the severity the decision gave, written on that scale. It is not a second judgement.
SECURITY_SEVERITY = {"error": "7.0", "warning": "4.0", "info": "1.0"}
FINGERPRINT_KEY = "dpgcheckFindingId/v1"
SRCROOT = "SRCROOT"
# scp-style remotes, ``[user@]host:owner/repo.git`` (the facts drop the user part).
_SCP_REMOTE = re.compile(r"^(?:[^@/:]+@)?(?P<host>[^@/:]{2,}):(?P<path>.+)$")


def _pascal(text: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in text.replace("_", "-").split("-") if part)


def rule_name(rule: dict[str, Any]) -> str:
    """A readable name that differs from the id even ignoring case (SARIF1001): ``LicenseFile``, ``CommunityReadme``."""
    name = _pascal(rule["id"])
    if name.casefold() == rule["id"].casefold():
        name = _pascal(rule["area"]) + name
    return name


def _descriptor(rule: dict[str, Any]) -> dict[str, Any]:
    docs = rule.get("docs_uri") or rule.get("help_uri")
    more = f"\n\nRule documentation: {docs}" if docs else ""
    tags = {rule["area"], "dpgcheck"} | ({f"dpg-indicator-{rule['indicator']}"} if rule.get("indicator") else set())
    descriptor: dict[str, Any] = {
        "id": rule["id"],
        "name": rule_name(rule),
        "shortDescription": {"text": rule["title"]},
        "fullDescription": {"text": rule["description"]},
        "help": {
            "text": f"{rule['description']}\n\nHow to fix: {rule['remediation']}{more}",
            "markdown": f"**{rule['title']}**\n\n{rule['description']}\n\n**How to fix:** {rule['remediation']}"
            + (f"\n\n[Rule documentation]({docs})" if docs else ""),
        },
        "defaultConfiguration": {"level": LEVELS[rule["severity"]]},
        "properties": {
            "area": rule["area"],
            "tags": sorted(tags),
            "security-severity": SECURITY_SEVERITY[rule["severity"]],
            "precision": "high",
        },
    }
    if rule.get("indicator"):
        descriptor["properties"]["dpgIndicator"] = rule["indicator"]
    if docs:
        descriptor["helpUri"] = docs
    return descriptor


def _uri(path: str) -> str:
    """A relative URI reference for a repository path (spaces, '%', '#', controls percent-encoded)."""
    return quote(path.replace("\\", "/"), safe="/-._~!$&'()*+,;=:@")


def _location(finding: ReportFinding, report: Report) -> tuple[list[dict[str, Any]], str | None]:
    """The result's one location, and the path the rule asked for when the result is anchored elsewhere."""
    artifacts = report.get("artifacts") or {}
    location = location_of(finding)
    path = location.get("path")
    suggested = None
    line = location.get("line") if isinstance(location.get("line"), int) and location["line"] >= 1 else None
    if isinstance(path, str) and os.path.isabs(path):
        # A registry record's findings name the record file: relative to SRCROOT, its directory.
        root = _root_dir(report)
        path = os.path.relpath(path, root) if root and path.startswith(root.rstrip("/") + "/") else None
    if not isinstance(path, str) or not path or path in set(artifacts.get("missing") or []):
        evidence = finding.get("evidence") or {}
        suggested = path or (evidence.get("suggested_path") if isinstance(evidence, dict) else None)
        path, line = artifacts.get("anchor"), None
    if not path:
        return [], suggested
    physical: dict[str, Any] = {
        "artifactLocation": {"uri": _uri(path), "uriBaseId": SRCROOT},
        "region": {"startLine": line or 1},
    }
    return [{"physicalLocation": physical}], suggested if isinstance(suggested, str) else None


def _root_dir(report: Report) -> str | None:
    """The directory SRCROOT stands for: the repository, or the directory of a registry record."""
    subject = report.get("subject", {})
    root = subject.get("path")
    if subject.get("kind") == "record" and isinstance(subject.get("nominee"), str):
        root = os.path.dirname(os.path.abspath(subject["nominee"]))
    return root if isinstance(root, str) and root else None


def _root_uri(report: Report) -> str | None:
    root = _root_dir(report)
    return "file://" + quote(root.rstrip("/") + "/", safe="/-._~!$&'()*+,;=:@") if root else None


def repository_uri(remote: str | None, root_uri: str | None) -> str | None:
    """The repository as an absolute URI, without credentials: ``git@host:o/r.git`` becomes ``https://host/o/r``."""
    if isinstance(remote, str) and remote:
        scp = _SCP_REMOTE.match(remote) if "://" not in remote else None
        if scp:
            remote = f"https://{scp.group('host')}/{scp.group('path').lstrip('/')}"
        parts = urlsplit(remote)
        if parts.scheme and parts.netloc:
            netloc = parts.netloc.rsplit("@", 1)[-1]
            scheme = "https" if parts.scheme in ("ssh", "git") else parts.scheme
            path = parts.path[:-4] if parts.path.endswith(".git") else parts.path
            return urlunsplit((scheme, netloc, quote(path, safe="/-._~%"), "", ""))
    return root_uri


def render(report: Report) -> str:
    rule_ids = sorted(report["rules"])
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    results = []
    for finding in report["findings"]:
        properties: dict[str, Any] = {"outcome": finding["outcome"], "evidence": finding.get("evidence") or {}}
        result: dict[str, Any] = {
            "ruleId": finding["rule_id"],
            "ruleIndex": index[finding["rule_id"]],
            "level": LEVELS[finding["severity"]],
            "message": {"text": finding["message"] + waiver_note(finding)},
        }
        if finding.get("waiver"):
            properties["waiver"] = finding["waiver"]
        if finding.get("outcome") == "waived":
            result["suppressions"] = [{"kind": "external", "status": "accepted", "justification": finding["waiver"]["reason"]}]
        locations, suggested = _location(finding, report)
        if locations:
            result["locations"] = locations
        if finding.get("id"):
            result["partialFingerprints"] = {FINGERPRINT_KEY: finding["id"]}
            properties["findingId"] = finding["id"]
        if suggested:
            properties["suggestedPath"] = suggested
        result["properties"] = properties
        results.append(result)
    invocation: dict[str, Any] = {"executionSuccessful": True}
    evaluation = report.get("evaluation") or {}
    if evaluation.get("started_at") and evaluation.get("finished_at"):
        invocation["startTimeUtc"] = evaluation["started_at"]
        invocation["endTimeUtc"] = evaluation["finished_at"]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "dpgcheck",
                "version": report["tool"]["version"],
                "semanticVersion": report["tool"]["version"],
                "informationUri": "https://github.com/dpgcheck/dpgcheck",
                "rules": [_descriptor(report["rules"][rule_id]) for rule_id in rule_ids],
            }
        },
        "invocations": [invocation],
        "columnKind": "utf16CodeUnits",
        "results": results,
        "properties": {
            "verdict": report["verdict"],
            "profile": report["profile"],
            "failOn": report["fail_on"],
            "policyRevision": report["policy"]["revision"],
            "dpgStandardVersion": report["dpg_standard_version"],
            "indicators": report.get("indicators", {}),
            "evaluationClock": evaluation.get("clock"),
            "bundles": [b for b in report["policy"].get("loaded", []) if not b.get("base")],
            "warnings": report.get("warnings", []),
        },
    }
    root_uri = _root_uri(report)
    if root_uri:
        run["originalUriBaseIds"] = {SRCROOT: {"uri": root_uri}}
    subject = report.get("subject", {})
    repository = repository_uri(subject.get("remote"), root_uri)
    if subject.get("commit") and repository:
        provenance: dict[str, Any] = {"repositoryUri": repository, "revisionId": subject["commit"]}
        if subject.get("branch"):
            provenance["branch"] = subject["branch"]
        if root_uri:
            provenance["mappedTo"] = {"uriBaseId": SRCROOT}
        run["versionControlProvenance"] = [provenance]
    return json_safe(json.dumps({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}, indent=2, ensure_ascii=False))
