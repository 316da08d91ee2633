"""Dependency-licence rules end to end: the project's licence from its metadata or licence
files, the compatibility verdict and its named source, on both engines."""
from __future__ import annotations

import json

import pytest

from tests.conftest import ENGINES, run_json
from tests.licensing.test_sbom_data import npm_sbom

RULES = ("dependency-license-unknown", "dependency-license-not-open", "dependency-license-incompatible")


def sbom_with(licences: dict[int, str]) -> str:
    document = npm_sbom(6)
    for index, licence in licences.items():
        document["packages"][index]["licenseDeclared"] = licence
    return json.dumps(document)


def dependency_findings(report: dict) -> list[tuple[str, str]]:
    return sorted((f["rule_id"], f["message"]) for f in report["findings"] if f["rule_id"] in RULES)


@pytest.mark.parametrize("engine", ENGINES)
def test_content_licence_verdict_names_the_curated_source(make_repo, engine):
    root = make_repo({
        "pyproject.toml": '[project]\nname = "app"\nversion = "1.0"\nlicense = "MIT"\n',
        "sbom.spdx.json": sbom_with({1: "CC-BY-SA-4.0", 2: "MIT OR GPL-3.0-only"}),
    })
    code, report = run_json("check", root, "--format", "json", "--engine", engine, "--fail-on", "never")
    assert code == 0
    findings = dependency_findings(report)
    assert findings == [
        ("dependency-license-incompatible",
         "sbom.spdx.json: 1 packages are under CC-BY-SA-4.0, which a project under MIT cannot include (CC-BY-SA-4.0 into MIT: no, per dpgcheck-curated), e.g. dep0@0.0.0"),
    ]
    conflict = [f for f in report["findings"] if f["rule_id"] == "dependency-license-incompatible"][0]["evidence"]["conflicts"]
    assert conflict == [{"outbound": "MIT", "inbound": "CC-BY-SA-4.0", "source": "dpgcheck-curated"}]


@pytest.mark.parametrize("engine", ENGINES)
def test_project_licence_choice_and_clean_dependencies(make_repo, engine):
    root = make_repo({
        "package.json": json.dumps({"name": "app", "license": "(MIT OR GPL-3.0-or-later)"}),
        "sbom.spdx.json": sbom_with({1: "GPL-3.0-or-later", 2: "LGPL-2.1-or-later"}),
    })
    code, report = run_json("check", root, "--format", "json", "--engine", engine, "--fail-on", "never")
    assert code == 0
    assert dependency_findings(report) == []
    assert {rule: report["rules"][rule]["status"] for rule in RULES} == {rule: "pass" for rule in RULES}


@pytest.mark.parametrize("engine", ENGINES)
def test_no_project_licence_means_compatibility_not_applicable(make_repo, engine):
    root = make_repo({"README.md": "# app\n", "sbom.spdx.json": sbom_with({1: "GPL-3.0-only"})})
    code, report = run_json("check", root, "--format", "json", "--engine", engine, "--fail-on", "never")
    assert report["rules"]["dependency-license-incompatible"]["status"] == "not_applicable"
    assert dependency_findings(report) == []
