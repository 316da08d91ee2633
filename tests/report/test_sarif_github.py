"""SARIF that GitHub code scanning accepts, checked by the official schema and by SARIF Multitool.

SARIF Multitool (Microsoft's SARIF SDK) implements GitHub's ingestion rules (GH1xxx, GH2xxx)
beside the SARIF spec's own (SARIF1xxx, SARIF2xxx). Install it outside the repository with
``npm install --prefix ~/.cache/sarif-multitool @microsoft/sarif-multitool`` (or point
``SARIF_MULTITOOL`` at its ``Sarif.Multitool`` binary); without it those tests are skipped.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest

from dpgcheck.resources import schema
from tests.conftest import ROOT, git, run_dpgcheck

NOW = "2026-06-01T00:00:00Z"
CONFIG = Path(__file__).parent / "data" / "sarif-multitool-offline.xml"
BINARY = Path("node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool")


def multitool() -> Path | None:
    explicit = os.environ.get("SARIF_MULTITOOL")
    candidates = [Path(explicit)] if explicit else []
    candidates.append(Path.home() / ".cache" / "sarif-multitool" / BINARY)
    return next((c for c in candidates if c.is_file() and os.access(c, os.X_OK)), None)


MULTITOOL = multitool()
needs_multitool = pytest.mark.skipif(
    MULTITOOL is None,
    reason="SARIF Multitool not installed: npm install --prefix ~/.cache/sarif-multitool @microsoft/sarif-multitool (or set SARIF_MULTITOOL)",
)


def non_compliant_clone(tmp_path: Path) -> Path:
    """The non-compliant example as a real git repository of its own."""
    repo = tmp_path / "non-compliant"
    shutil.copytree(ROOT / "examples" / "non-compliant", repo)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "remote", "add", "origin", "git@github.com:example-org/non-compliant.git")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "initial")
    return repo


def registry_record(tmp_path: Path) -> Path:
    """A small DPG registry nominee record, judged without a repository."""
    record = {
        "name": "Sample Registry Tool",
        "description": "A tool to test registry records.",
        "license": [{"spdx": "MIT", "licenseURL": "https://example.org/LICENSE"}],
        "organizations": [{"name": "Sample Org", "website": "https://example.org", "org_type": "owner"}],
        "SDGs": [{"SDGNumber": 4, "evidenceText": "Used in schools."}],
        "type": ["software"],
        "stage": "nominee",
        "repositories": [{"name": "main", "url": "https://example.org/repo"}],
    }
    path = tmp_path / "records" / "nominee.json"
    path.parent.mkdir()
    path.write_text(json.dumps(record), encoding="utf-8")
    return path


def sarif_of(target: Path, tmp_path: Path, name: str, *extra: str) -> Path:
    out = tmp_path / f"{name}.sarif"
    args = ["--record", target] if target.suffix == ".json" else [target]
    result = run_dpgcheck("check", *args, "--format", "sarif", "-o", out, "--fail-on", "never", "--now", NOW, *extra)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def logs(tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("sarif")
    return {
        "this repository": sarif_of(ROOT, tmp, "self"),
        "non-compliant example": sarif_of(non_compliant_clone(tmp), tmp, "non-compliant"),
        "registry record": sarif_of(registry_record(tmp), tmp, "record"),
    }


LOGS = ["this repository", "non-compliant example", "registry record"]


@pytest.mark.parametrize("which", LOGS)
def test_official_schema(logs, which):
    document = json.loads(logs[which].read_text(encoding="utf-8"))
    sarif_schema = schema("sarif-schema-2.1.0.json")
    jsonschema.validators.validator_for(sarif_schema)(sarif_schema).validate(document)


@needs_multitool
@pytest.mark.parametrize("which", LOGS)
def test_multitool_github_rules_report_no_error_and_no_warning(logs, which, tmp_path):
    out = tmp_path / "validation.sarif"
    completed = subprocess.run(
        [str(MULTITOOL), "validate", "--rule-kind", "Gh;Sarif", "--level", "Error;Warning;Note", "-c", str(CONFIG),
         "--log", "ForceOverwrite", "-o", str(out), str(logs[which])],
        capture_output=True, text=True, timeout=120,
    )
    assert out.exists(), completed.stdout + completed.stderr
    run = json.loads(out.read_text(encoding="utf-8-sig"))["runs"][0]
    assert run["invocations"][0]["executionSuccessful"] is True, run["invocations"][0]
    problems = [
        (r["ruleId"], r["message"].get("arguments"))
        for r in run["results"]
        if r.get("level", "warning") in ("error", "warning")
    ]
    assert problems == []
    # The validator did look at the log: its notes are about our results (e.g. no code snippets).
    assert {r["ruleId"] for r in run["results"]} >= {"SARIF2010"}


def test_every_result_is_at_a_file_that_exists_with_a_fingerprint(logs, tmp_path):
    document = json.loads(logs["non-compliant example"].read_text(encoding="utf-8"))
    run = document["runs"][0]
    root = Path(run["originalUriBaseIds"]["SRCROOT"]["uri"].removeprefix("file://"))
    assert run["results"]
    for result in run["results"]:
        [location] = result["locations"]
        uri = location["physicalLocation"]["artifactLocation"]["uri"]
        assert (root / uri).is_file(), (result["ruleId"], uri)
        assert location["physicalLocation"]["region"]["startLine"] >= 1
        assert result["partialFingerprints"]["dpgcheckFindingId/v1"].startswith(result["ruleId"] + "/")
    licence = next(r for r in run["results"] if r["ruleId"] == "license-file")
    assert licence["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": "README.md", "uriBaseId": "SRCROOT"}
    assert licence["properties"]["suggestedPath"] == "LICENSE"
    fingerprints = [r["partialFingerprints"]["dpgcheckFindingId/v1"] for r in run["results"]]
    assert len(set(fingerprints)) == len(fingerprints)


def test_a_record_s_findings_sit_at_the_record_file(logs):
    run = json.loads(logs["registry record"].read_text(encoding="utf-8"))["runs"][0]
    assert run["originalUriBaseIds"]["SRCROOT"]["uri"].endswith("/records/")
    assert run["results"]
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]} == {"nominee.json"}


def test_run_records_provenance_times_and_github_severity(logs):
    run = json.loads(logs["non-compliant example"].read_text(encoding="utf-8"))["runs"][0]
    [provenance] = run["versionControlProvenance"]
    assert provenance["repositoryUri"] == "https://github.com/example-org/non-compliant"
    assert len(provenance["revisionId"]) == 40
    assert provenance["branch"] == "main"
    [invocation] = run["invocations"]
    assert invocation["executionSuccessful"] is True
    assert invocation["startTimeUtc"] <= invocation["endTimeUtc"]
    assert invocation["startTimeUtc"].endswith("Z")
    assert run["properties"]["evaluationClock"] == NOW
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["license-file"]["properties"]["security-severity"] == "7.0"
    assert rules["readme"]["name"] == "CommunityReadme"
    assert all(r["name"].casefold() != r["id"].casefold() for r in rules.values())
    assert rules["license-file"]["helpUri"] == "https://github.com/dpgcheck/dpgcheck/blob/main/docs/rules/license-file.md"


def test_fingerprints_survive_a_change_of_wording(tmp_path):
    """The id hangs on the rule, the file and the kind of finding, not on counts in the message."""
    from dpgcheck.report.model import finding_ids

    first = {"rule_id": "changelog-maintained", "message": "names 0 released versions", "location": {"path": "CHANGELOG.md", "line": 1}}
    second = {**first, "message": "names 3 released versions", "location": {"path": "CHANGELOG.md", "line": 9}}
    other = {**first, "location": {"path": "docs/CHANGELOG.md"}}
    assert finding_ids([first]) == finding_ids([second])
    assert finding_ids([first]) != finding_ids([other])
    twice = finding_ids([first, second])
    assert len(set(twice)) == 2


@pytest.mark.parametrize(
    ("remote", "expected"),
    [
        ("git@github.com:org/repo.git", "https://github.com/org/repo"),
        ("github.com:org/repo.git", "https://github.com/org/repo"),
        ("https://user:s3cret@gitlab.example/org/repo.git", "https://gitlab.example/org/repo"),
        ("ssh://git@host.example/org/repo", "https://host.example/org/repo"),
        (None, "file:///work/x/"),
    ],
)
def test_repository_uri_drops_credentials(remote, expected):
    from dpgcheck.report.sarif import repository_uri

    assert repository_uri(remote, "file:///work/x/") == expected
