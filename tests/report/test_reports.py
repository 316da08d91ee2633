"""The renderers: pure functions of a report, checked on real decisions."""
from __future__ import annotations

import json
from xml.etree import ElementTree as ET

import jsonschema
import pytest

from dpgcheck.bundle.loader import load_policies
from dpgcheck.collect.facts import collect_repository
from dpgcheck.engine.factory import open_engine
from dpgcheck.evaluate import RunOptions, decide
from dpgcheck.report import FORMATS, renderer
from dpgcheck.report.github import render as render_github
from dpgcheck.report.artifacts import locate
from dpgcheck.report.model import build_report
from tests.conftest import ROOT

NOW = "2026-06-01T00:00:00Z"


def real_report(example: str, **options) -> dict:
    policies = load_policies()
    facts = collect_repository(ROOT / "examples" / example)
    decision = decide(open_engine("regorus", policies), facts, RunOptions(now=NOW, **options))
    return build_report(
        decision, facts, policy_revision=policies.revision, bundles=policies.sources, engine="regorus",
        artifacts=locate(facts, decision["findings"]),
    )


@pytest.fixture(scope="module")
def failing() -> dict:
    return real_report("non-compliant")


@pytest.fixture(scope="module")
def passing() -> dict:
    return real_report("compliant")


def sarif_validator():
    from dpgcheck.schemas import sarif_schema

    schema = sarif_schema()
    return jsonschema.validators.validator_for(schema)(schema)


@pytest.mark.parametrize("which", ["failing", "passing"])
def test_sarif_validates_against_the_official_schema(which, request):
    report = request.getfixturevalue(which)
    sarif = json.loads(renderer("sarif")(report))
    sarif_validator().validate(sarif)
    run = sarif["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == sorted(report["rules"])
    assert len(run["results"]) == len(report["findings"])


def test_sarif_rule_and_result_content(failing):
    run = json.loads(renderer("sarif")(failing))["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    licence = rules["license-file"]
    assert licence["shortDescription"] == {"text": "A licence file is present"}
    assert licence["helpUri"] == "https://github.com/dpgcheck/dpgcheck/blob/main/docs/rules/license-file.md"
    assert licence["defaultConfiguration"] == {"level": "error"}
    assert licence["properties"]["dpgIndicator"] == "2"
    result = next(r for r in run["results"] if r["ruleId"] == "license-file")
    assert result["level"] == "error"
    assert result["ruleIndex"] == sorted(rules).index("license-file")
    # There is no LICENSE to point at: the result sits at the README, and names the file to add.
    assert result["locations"] == [
        {"physicalLocation": {"artifactLocation": {"uri": "README.md", "uriBaseId": "SRCROOT"}, "region": {"startLine": 1}}}
    ]
    assert result["properties"]["suggestedPath"] == "LICENSE"
    assert result["partialFingerprints"] == {"dpgcheckFindingId/v1": result["properties"]["findingId"]}


def test_junit_has_one_case_per_rule_and_failures_for_blocking_rules(failing):
    root = ET.fromstring(renderer("junit")(failing))
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    assert len(cases) == len(failing["rules"])
    failed = [c.get("name").split(":")[0] for c in cases if c.find("failure") is not None]
    assert failed == sorted(rule_id for rule_id, rule in failing["rules"].items() if rule["blocking"])
    assert "license-file" in failed
    assert suite.get("failures") == str(len(failed))


def test_markdown_for_a_pull_request(failing, passing):
    text = renderer("markdown")(failing)
    assert text.startswith("## dpgcheck ❌ failed: `non-compliant`")
    assert "| ❌ error | `license-file` | No licence file at the repository root" in text
    assert renderer("markdown")(passing).startswith("## dpgcheck ✅ passed: `compliant`")


def test_text_groups_by_indicator_then_area_with_remediation(failing):
    text = renderer("text")(failing)
    assert text.index("DPG indicator 2: Use of approved open licenses") < text.index("Community")
    assert "fix: Add a file named LICENSE at the repository root" in text
    assert text.rstrip().endswith("verdict FAIL (fails on error)")


def test_github_annotations_escape_data_and_properties():
    report = {
        "findings": [
            {"rule_id": "x", "severity": "warning", "message": "50% done\nnext: line", "location": {"path": "a,b:c.md", "line": 3}},
            {"rule_id": "y", "severity": "info", "message": "plain", "location": None},
        ],
        "verdict": "pass",
        "profile": "default",
        "fail_on": "error",
        "summary": {"by_severity": {"error": 0, "warning": 1, "info": 1}},
    }
    assert render_github(report).splitlines() == [
        "::warning file=a%2Cb%3Ac.md,line=3,title=dpgcheck x::50%25 done%0Anext: line",
        "::notice title=dpgcheck y::plain",
        "dpgcheck passed: 0 errors, 1 warning, 1 info (profile default, fails on error)",
    ]


@pytest.mark.parametrize("name", FORMATS)
def test_renderers_are_pure(failing, name):
    before = json.dumps(failing, sort_keys=True)
    first = renderer(name)(failing)
    assert renderer(name)(failing) == first
    assert json.dumps(failing, sort_keys=True) == before


def test_json_report_is_stable(failing):
    assert json.loads(renderer("json")(failing)) == failing


@pytest.mark.parametrize("which", ["failing", "passing"])
def test_json_report_validates_against_its_published_schema(which, request):
    from dpgcheck.resources import schema

    report = json.loads(renderer("json")(request.getfixturevalue(which)))
    jsonschema.Draft202012Validator(schema("report.schema.json")).validate(report)
