"""The governance and publiccode rules end to end: real repositories, the real CLI, both engines."""
from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ENGINES, run_dpgcheck, run_json, validate_facts_document
from tests.governance.helpers import FULL, MINIMAL, billion_laughs, dump, mutate
from tests.governance.test_governance_collector import GOVERNANCE_MD, SECURITY_MD

MINE = {
    "governance-documented", "vision-mission-values", "funding-transparent", "roadmap-published", "changelog-maintained",
    "publiccode-present", "publiccode-valid", "publiccode-current", "publiccode-maintained", "code-of-conduct-enforcement",
    "security-private-reporting", "security-disclosure-timeline",
}
#: The defaults these rules need in data.dpgcheck.config.thresholds, given here as an overlay bundle.
THRESHOLDS = {
    "governance_required_topics": ["decision_making", "roles"],
    "vision_mission_values_minimum": 1,
    "changelog_min_entries": 1,
    "code_of_conduct_contact_kinds": ["email", "form"],
    "security_private_channel_kinds": ["advisory", "email", "form", "platform"],
}

GOOD = {
    "README.md": "# Civil Registry\n\nShared civil registration software. See the [roadmap](https://registry.example.org/roadmap).\n",
    "GOVERNANCE.md": GOVERNANCE_MD,
    "SECURITY.md": SECURITY_MD,
    "CODE_OF_CONDUCT.md": "# Code of conduct\n\n## Enforcement\nReport incidents to conduct@registry.example.org.\n",
    "CHANGELOG.md": "# Changelog\n\n## [1.0.0] - 2026-01-10\n- First release\n",
    "publiccode.yml": dump(FULL).decode(),
    "docs/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
    "docs/screen.png": "not really a png",
}


@pytest.fixture
def thresholds(tmp_path: Path) -> Path:
    bundle = tmp_path / "thresholds-bundle"
    (bundle / "dpgcheck" / "config").mkdir(parents=True)
    (bundle / "dpgcheck" / "config" / "data.json").write_text(json.dumps({"thresholds": THRESHOLDS}))
    return bundle


def check(root: Path, bundle: Path, engine: str, *extra: str) -> dict[str, Any]:
    _, report = run_json("check", root, "--format", "json", "--engine", engine, "--bundle", bundle, "--profile", "default", *extra)
    return report


def mine(report: dict[str, Any]) -> list[dict[str, Any]]:
    return sorted((f for f in report["findings"] if f["rule_id"] in MINE), key=lambda f: (f["rule_id"], f["message"]))


def statuses(report: dict[str, Any]) -> dict[str, str]:
    return {rule_id: rule["status"] for rule_id, rule in report["rules"].items() if rule_id in MINE}


@pytest.mark.parametrize("engine", ENGINES)
def test_well_governed_repository_passes(make_repo: Callable[..., Path], thresholds: Path, engine: str) -> None:
    report = check(make_repo(GOOD), thresholds, engine)
    assert mine(report) == []
    assert statuses(report) == {rule_id: "pass" for rule_id in MINE}


@pytest.mark.parametrize("engine", ENGINES)
def test_bare_repository(make_repo: Callable[..., Path], thresholds: Path, engine: str) -> None:
    report = check(make_repo({"README.md": "# Tool\n\nA tool.\n"}), thresholds, engine)
    assert [(f["rule_id"], f["severity"], f["outcome"], f["message"], f["location"]) for f in mine(report)] == [
        ("changelog-maintained", "warning", "fail", "No changelog found: add CHANGELOG.md summarising the changes in each release", None),
        ("funding-transparent", "warning", "fail", "No statement of funding found: say who funds the project (a Funding section, fundedBy in publiccode.yml or .github/FUNDING.yml)", None),
        ("governance-documented", "warning", "fail", "No governance document found: add GOVERNANCE.md saying how decisions are made and which roles exist", None),
        ("publiccode-present", "warning", "fail", "No publiccode.yml at the repository root: add one so public-sector software catalogues can find and describe the software", None),
        ("roadmap-published", "warning", "fail", "No public roadmap found: add ROADMAP.md, a Roadmap section in the README, or a roadmap URL in publiccode.yml", None),
        ("vision-mission-values", "warning", "fail", "0 of the vision, mission and values statements found (1 expected); missing: mission, vision, values", None),
    ]
    assert statuses(report) == {
        "changelog-maintained": "warn", "funding-transparent": "warn", "governance-documented": "warn", "publiccode-present": "warn",
        "roadmap-published": "warn", "vision-mission-values": "warn",
        "publiccode-valid": "not_applicable", "publiccode-current": "not_applicable", "publiccode-maintained": "not_applicable",
        "code-of-conduct-enforcement": "not_applicable", "security-private-reporting": "not_applicable",
        "security-disclosure-timeline": "not_applicable",
    }


@pytest.mark.parametrize("engine", ENGINES)
def test_weak_documents(make_repo: Callable[..., Path], thresholds: Path, engine: str) -> None:
    files = {
        **GOOD,
        "GOVERNANCE.md": "# Governance\n\n## Maintainers\nThe maintainers merge pull requests.\n\n## Mission\nOur mission is to register.\n\n## Funding\nFunded by the city.\n",
        "SECURITY.md": "# Security\n\nPlease open an issue at https://github.com/example/registry/issues.\n",
        "CODE_OF_CONDUCT.md": "# Code of conduct\n\n## Enforcement\nReport to [INSERT CONTACT METHOD].\n",
        "CHANGELOG.md": "# Changelog\n\n## Unreleased\n- Everything\n",
    }
    report = check(make_repo(files), thresholds, engine)
    assert [(f["rule_id"], f["message"], f["evidence"], f["location"]) for f in mine(report)] == [
        ("changelog-maintained", "CHANGELOG.md names 0 released version(s); at least 1 expected: add a section for each release",
         {"entries": 0, "minimum": 1, "unreleased_section": True}, {"path": "CHANGELOG.md", "line": 1}),
        ("code-of-conduct-enforcement", "CODE_OF_CONDUCT.md still holds a template placeholder instead of a contact: say how and to whom incidents are reported",
         {"placeholder": True, "contact_kinds": [], "accepted_kinds": ["email", "form"]}, {"path": "CODE_OF_CONDUCT.md", "line": 1}),
        ("governance-documented", "The governance documentation (GOVERNANCE.md) does not cover decision making",
         {"documents": ["GOVERNANCE.md"], "missing_topics": ["decision_making"]}, {"path": "GOVERNANCE.md", "line": 1}),
        ("security-disclosure-timeline", "SECURITY.md states no response or disclosure time: say how soon reports are acknowledged and when they are disclosed",
         {"disclosure_timeline": False, "supported_versions": False}, {"path": "SECURITY.md", "line": 1}),
        ("security-private-reporting", "SECURITY.md gives no private way to report a vulnerability: name a security e-mail address or the forge's private vulnerability reporting",
         {"channels": [], "accepted_kinds": ["advisory", "email", "form", "platform"]}, {"path": "SECURITY.md", "line": 1}),
    ]


@pytest.mark.parametrize("engine", ENGINES)
def test_invalid_publiccode_findings_point_at_keys(make_repo: Callable[..., Path], thresholds: Path, engine: str) -> None:
    document = mutate(mutate(MINIMAL, "developmentStatus", "alpha"), "publiccodeYmlVersion", "0.3")
    document["maintenance"] = {"type": "internal"}
    text = dump(document).decode()
    line = {key: next(n for n, l in enumerate(text.splitlines(), 1) if l.startswith(key)) for key in ("developmentStatus", "maintenance")}
    report = check(make_repo({**GOOD, "publiccode.yml": text}), thresholds, engine)
    assert [(f["rule_id"], f["severity"], f["message"], f["evidence"], f["location"]) for f in mine(report)] == [
        ("publiccode-current", "info", "publiccode.yml: publiccodeYmlVersion '0.3' is not the latest version; use \"0\"",
         {"key": "publiccodeYmlVersion", "code": "old-version"}, {"path": "publiccode.yml", "line": 1}),
        ("publiccode-valid", "error", "publiccode.yml: developmentStatus is 'alpha'; allowed: concept, development, beta, stable, obsolete",
         {"key": "developmentStatus", "code": "invalid-value"}, {"path": "publiccode.yml", "line": line["developmentStatus"]}),
        ("publiccode-valid", "error", "publiccode.yml: maintenance.contacts is required when maintenance.type is internal",
         {"key": "maintenance.contacts", "code": "missing"}, {"path": "publiccode.yml", "line": line["maintenance"]}),
    ]
    assert report["verdict"] == "fail"


@pytest.mark.parametrize("engine", ENGINES)
def test_alias_bomb_in_a_repository(make_repo: Callable[..., Path], thresholds: Path, engine: str) -> None:
    started = time.perf_counter()
    report = check(make_repo({**GOOD, "publiccode.yml": billion_laughs()}), thresholds, engine)
    elapsed = time.perf_counter() - started
    message = "aliases expand to more than 20000 nodes; refused as an alias bomb"
    assert [(f["rule_id"], f["message"], f["location"]) for f in mine(report)] == [
        ("publiccode-valid", f"publiccode.yml: {message}", {"path": "publiccode.yml", "line": 5}),
    ]
    problems = [f for f in report["findings"] if f["rule_id"] == "collection-problems" and f["evidence"]["source"] == "publiccode"]
    assert [(f["message"], f["evidence"]) for f in problems] == [(f"publiccode: {message}", {"source": "publiccode", "code": "alias-bomb"})]
    assert elapsed < 60  # the whole CLI run, in a subprocess; the refusal itself takes milliseconds


def test_fifty_megabyte_publiccode_through_the_cli(make_repo: Callable[..., Path]) -> None:
    root = make_repo({"README.md": "# x\n"}, use_git=False)
    with open(root / "publiccode.yml", "wb") as handle:
        handle.write(b"name: x\n" * (50 * 1024 * 1024 // 8))
    result = run_dpgcheck("facts", root, in_process=False)
    assert result.returncode == 0, result.stderr
    facts = json.loads(result.stdout)
    validate_facts_document(facts)
    assert [e["code"] for e in facts["publiccode"]["errors"]] == ["file-too-large"]
    assert facts["publiccode"]["parsed"] is False


def test_facts_command_output_validates(make_repo: Callable[..., Path]) -> None:
    result = run_dpgcheck("facts", make_repo(GOOD))
    assert result.returncode == 0, result.stderr
    facts = json.loads(result.stdout)
    validate_facts_document(facts)
    assert facts["publiccode"]["valid"] is True
    assert facts["governance"]["security"]["private_channels"] == ["advisory", "email"]
    assert "registry.example.org" not in json.dumps(facts["governance"])


def test_rules_join_their_profiles() -> None:
    listed = {}
    for profile in ("joint-governance", "procurement-minimum", "sustainable-use"):
        result = run_dpgcheck("policy", "list", "--profile", profile, "--json")
        assert result.returncode == 0, result.stderr
        catalogue = json.loads(result.stdout)
        rules = catalogue["rules"] if isinstance(catalogue, dict) and "rules" in catalogue else catalogue
        ids = set(rules) if isinstance(rules, dict) else {r["id"] for r in rules}
        listed[profile] = sorted(ids & MINE)
    assert listed == {
        "joint-governance": sorted(MINE - {"security-disclosure-timeline"}),
        "procurement-minimum": ["changelog-maintained", "publiccode-maintained", "publiccode-valid", "security-disclosure-timeline", "security-private-reporting"],
        "sustainable-use": ["changelog-maintained", "funding-transparent", "publiccode-maintained", "security-disclosure-timeline", "security-private-reporting"],
    }


@pytest.mark.parametrize("engine", ENGINES)
def test_rules_do_not_apply_to_a_registry_record(thresholds: Path, engine: str) -> None:
    from tests.conftest import DPGA_DATA

    nominee = sorted((DPGA_DATA / "publicgoods-candidates" / "nominees").glob("*.json"))[0]
    # a record is judged with the dpg-standard profile unless told otherwise; "default" selects every rule
    _, report = run_json("check", "--record", nominee, "--format", "json", "--engine", engine, "--bundle", thresholds, "--profile", "default")
    assert mine(report) == []
    assert statuses(report) == {rule_id: "not_applicable" for rule_id in MINE}


@pytest.mark.parametrize("engine", ENGINES)
def test_ended_maintenance_contract(make_repo: Callable[..., Path], thresholds: Path, engine: str) -> None:
    document = mutate(FULL, "maintenance.contractors.0.until", "2026-01-31")
    report = check(make_repo({**GOOD, "publiccode.yml": dump(document).decode()}), thresholds, engine, "--now", "2026-03-01T00:00:00Z")
    assert [(f["rule_id"], f["message"], f["evidence"], f["location"]) for f in mine(report)] == [
        ("publiccode-maintained", "publiccode.yml: every maintenance contract has ended (the latest ran until 2026-01-31)",
         {"maintenance_type": "contract", "latest_until": "2026-01-31", "today": "2026-03-01"}, {"path": "publiccode.yml", "line": 1}),
    ]
