"""SBOM and dependency-licence rules end to end: real repositories, the real CLI, both engines."""
from __future__ import annotations

import json

import pytest

from tests.conftest import ENGINES, run_dpgcheck, run_json, validate_facts_document
from tests.licensing.test_sbom_data import npm_sbom, write_with_spdx_tools

SBOM_RULES = ("sbom-present", "sbom-valid", "sbom-ntia-minimum-elements", "dependency-license-unknown", "dependency-license-not-open", "dependency-license-incompatible")


def app_sbom() -> dict:
    """An Apache-2.0 web app whose SBOM has one GPL-3.0-only, one BUSL-1.1 and one unlicensed dependency."""
    document = npm_sbom(8, millis=True)
    document["packages"][2]["licenseDeclared"] = "GPL-3.0-only"   # dep1
    document["packages"][3]["licenseDeclared"] = "BUSL-1.1"       # dep2
    document["packages"][4]["licenseDeclared"] = "NOASSERTION"    # dep3
    for package in document["packages"]:
        package.setdefault("supplier", "Organization: Example")
        if package["supplier"] == "NOASSERTION":
            package["supplier"] = "Organization: Example"
    return document


def sbom_findings(report: dict) -> list[tuple[str, str, str, str | None]]:
    return sorted(
        (f["rule_id"], f["severity"], f["message"], (f.get("location") or {}).get("path"))
        for f in report["findings"] if f["rule_id"] in SBOM_RULES
    )


@pytest.mark.parametrize("engine", ENGINES)
def test_apache_app_with_gpl_busl_and_unlicensed_dependencies(make_repo, engine):
    root = make_repo({
        "package.json": json.dumps({"name": "webapp", "version": "1.0.0", "license": "Apache-2.0"}),
        "sbom.spdx.json": json.dumps(app_sbom(), indent=1),
        "bom/pom.xml": "<project><artifactId>bom</artifactId></project>\n",
    })
    code, report = run_json("check", root, "--format", "json", "--engine", engine, "--fail-on", "never")
    assert code == 0, report
    assert sbom_findings(report) == [
        ("dependency-license-incompatible", "warning",
         "sbom.spdx.json: 1 packages are under GPL-3.0-only, which a project under Apache-2.0 cannot include (GPL-3.0-only into Apache-2.0: no, per osadl), e.g. dep1@1.1.1",
         "sbom.spdx.json"),
        ("dependency-license-not-open", "warning",
         "sbom.spdx.json: 1 packages are under BUSL-1.1, which is not an open licence (BUSL-1.1 not OSI-approved, FSF-libre or open data), e.g. dep2@2.2.2",
         "sbom.spdx.json"),
        ("dependency-license-unknown", "warning",
         "sbom.spdx.json: 1 of 9 packages have no licence (NOASSERTION 1, NONE 0, absent 0), e.g. dep3@3.3.3",
         "sbom.spdx.json"),
        ("sbom-valid", "warning",
         "sbom.spdx.json was read despite an error: timestamps have fractional seconds; SPDX 2 requires YYYY-MM-DDThh:mm:ssZ (truncated to whole seconds) (1, e.g. 2026-01-15T10:00:00.129Z)",
         "sbom.spdx.json"),
    ]
    statuses = {rule: report["rules"][rule]["status"] for rule in SBOM_RULES}
    assert statuses["sbom-present"] == "pass" and statuses["sbom-ntia-minimum-elements"] == "pass"


@pytest.mark.parametrize("engine", ENGINES)
def test_no_sbom_and_maven_bom_is_not_one(make_repo, engine):
    root = make_repo({"README.md": "# app\n", "bom/pom.xml": "<project/>\n", "LICENSE": "MIT License\n"})
    code, report = run_json("check", root, "--format", "json", "--engine", engine, "--fail-on", "never")
    assert code == 0
    assert sbom_findings(report) == [
        ("sbom-present", "warning", "No SBOM found: no *.spdx.json, *.spdx, *.cdx.json or similar file in the repository and none given with --sbom", None),
    ]
    assert {rule: report["rules"][rule]["status"] for rule in SBOM_RULES if rule != "sbom-present"} == {
        rule: "not_applicable" for rule in SBOM_RULES if rule != "sbom-present"
    }


@pytest.mark.parametrize("engine", ENGINES)
def test_sbom_given_on_the_command_line_in_tag_value(make_repo, tmp_path, engine):
    root = make_repo({"README.md": "# app\n", "package.json": '{"name": "a", "license": "MIT"}'})
    document = npm_sbom(5)
    del document["creationInfo"]["creators"][0]
    document["creationInfo"]["creators"] = ["Tool: npm/cli-11.19.1"]
    for package in document["packages"][1:]:
        package["supplier"] = "NOASSERTION"
    given = write_with_spdx_tools(document, tmp_path / "outside.spdx")
    code, report = run_json("check", root, "--sbom", given, "--format", "json", "--engine", engine, "--fail-on", "never")
    assert code == 0
    assert sbom_findings(report) == [
        ("sbom-ntia-minimum-elements", "warning",
         f"{given}: 5 of 6 packages have no supplier (absent or NOASSERTION), e.g. dep0@0.0.0, dep1@1.1.1, dep2@2.2.2", None),
    ]


def test_broken_sboms_in_every_serialisation_give_findings_not_tracebacks(make_repo):
    root = make_repo({
        "README.md": "# app\n",
        "sbom/app.spdx.json": '{"spdxVersion": "SPDX-2.3", "packages": [',
        "sbom/app.spdx.yaml": "spdxVersion: SPDX-2.3\npackages:\n  - name: [unclosed\n",
        "sbom/app.spdx.xml": "<Document><spdxVersion>SPDX-2.3",
        "sbom/app.spdx.rdf.xml": "<rdf:RDF><broken",
        "sbom/app.spdx": "SPDXVersion: SPDX-2.3\nPackageName: x\nCreated: never\n",
        "sbom/binary.spdx.json": b"\x89PNG\r\n\x1a\n\x00\x00",
        "sbom/xxe.spdx.xml": '<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><Document>&x;</Document>',
        "sbom/utf16.spdx.json": json.dumps(npm_sbom(2)).encode("utf-16"),
    })
    result = run_dpgcheck("check", root, "--format", "json", "--fail-on", "never")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    report = json.loads(result.stdout)
    by_path: dict[str, set[str]] = {}
    for finding in report["findings"]:
        if finding["rule_id"] == "sbom-valid":
            by_path.setdefault(finding["location"]["path"], set()).add(finding["evidence"]["code"])
    assert by_path == {
        "sbom/app.spdx.json": {"syntax-error"},
        "sbom/app.spdx.yaml": {"syntax-error"},
        "sbom/app.spdx.xml": {"syntax-error"},
        "sbom/app.spdx.rdf.xml": {"syntax-error"},
        "sbom/app.spdx": {"creation-info-invalid", "missing-created", "missing-creators", "missing-document-name", "missing-namespace", "parse-error"},
        "sbom/binary.spdx.json": {"binary"},
        "sbom/xxe.spdx.xml": {"xml-dtd"},
        "sbom/utf16.spdx.json": {"not-utf8"},
    }
    facts_result = run_dpgcheck("facts", root)
    facts = json.loads(facts_result.stdout)
    validate_facts_document(facts)
    assert facts["sbom"]["count"] == 8 and facts["sbom"]["readable_count"] == 2  # tag-value (what parsed of it) and UTF-16 JSON


def test_missing_sbom_file_is_reported(make_repo, tmp_path):
    root = make_repo({"README.md": "# app\n"})
    result = run_dpgcheck("facts", root, "--sbom", tmp_path / "nope.spdx.json")
    assert "Traceback" not in result.stderr
    assert result.returncode == 2  # the command line refuses it up front
    assert result.stderr.splitlines() == [
        f"dpgcheck: error: Invalid value for '--sbom': File '{tmp_path / 'nope.spdx.json'}' does not exist; see `dpgcheck facts --help`"
    ]


def test_spdx_tools_is_not_imported_without_an_sbom(make_repo):
    root = make_repo({"README.md": "# app\n"})
    import subprocess
    import sys

    code = (
        "import sys\nfrom pathlib import Path\nfrom dpgcheck.collect.facts import collect_repository\n"
        f"collect_repository(Path({str(root)!r}))\n"
        "print(any(m.startswith('spdx_tools') for m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == "False", result.stderr
