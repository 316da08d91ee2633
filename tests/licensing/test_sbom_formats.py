"""CycloneDX and SPDX 3 SBOMs that nobody here wrote, read into the normalised facts.

* the examples the format projects publish (``sbom_examples/``, CC0-1.0, see its README):
  every document is read, and its packages and licences match counts taken from the raw
  document by a separate, plain reading; the JSON and XML forms of one BOM give the same facts;
* an SBOM generated in the test by ``cyclonedx-py environment`` (package cyclonedx-bom) for the
  virtual environment running the tests, in CycloneDX 1.5, 1.6 and 1.7, JSON and XML: packages
  and licences read match the generator's own counts;
* ntia-conformance-checker gives the same NTIA verdict as dpgcheck on every SPDX document here;
* the minimum-element profiles and selectors work end to end, on both engines, and dependency
  licences from CycloneDX and SPDX 3 reach the dependency-licence rules.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest

from dpgcheck.collect.collectors import sbom_facts as sbom_collector
from dpgcheck.licensing import sbom
from tests.conftest import ENGINES, run_json
from tests.licensing.test_sbom_data import npm_cyclonedx, npm_sbom, write_with_spdx_tools

EXAMPLES = Path(__file__).parent / "sbom_examples"
CYCLONEDX = sorted((EXAMPLES / "cyclonedx").glob("*.cdx.*"))
SPDX = sorted((EXAMPLES / "spdx").glob("*.spdx*"))


def read(path: Path) -> dict[str, Any]:
    return sbom.read_document(path.read_bytes(), path.name)


# --- plain counts from the raw documents (no dpgcheck code) ---------------------------------


def raw_cyclonedx_json(document: dict[str, Any]) -> dict[str, int]:
    components, stack = [], list(document.get("components") or [])
    while stack:
        component = stack.pop()
        components.append(component)
        stack.extend(component.get("components") or [])
    root = (document.get("metadata") or {}).get("component")
    everything = components + ([root] if root else [])
    return {"packages": len(everything), "licensed": sum(1 for c in everything if c.get("licenses"))}


def raw_cyclonedx_xml(path: Path) -> dict[str, int]:
    import xml.etree.ElementTree as ElementTree  # a trusted fixture: the stdlib parser is fine here

    root = ElementTree.parse(path).getroot()
    ns = root.tag.split("}")[0] + "}"
    everything = list(root.iter(ns + "component"))
    return {"packages": len(everything), "licensed": sum(1 for c in everything if c.find(ns + "licenses") is not None and len(c.find(ns + "licenses")))}


def facts_counts(facts: dict[str, Any]) -> dict[str, int]:
    packages = facts["counts"]["packages"]
    return {"packages": packages, "licensed": packages - facts["packages_missing"]["license"]["count"]}


@pytest.mark.parametrize("path", CYCLONEDX, ids=[p.name for p in CYCLONEDX])
def test_published_cyclonedx_examples_are_read(path):
    facts = read(path)
    assert facts["readable"], facts["problems"]
    assert (facts["format"], facts["standard"], facts["spdx"]) == ("cyclonedx", "cyclonedx", False)
    assert facts["serialisation"] == path.suffix[1:]
    assert [p for p in facts["problems"] if p["kind"] == "parse"] == []
    expected = raw_cyclonedx_json(json.loads(path.read_text(encoding="utf-8"))) if path.suffix == ".json" else raw_cyclonedx_xml(path)
    assert facts_counts(facts) == expected
    assert sum(row["effective"] for row in facts["licenses"]) == expected["licensed"]
    assert facts["spec_version"] in ("1.2", "1.3", "1.4", "1.6")


def test_published_cyclonedx_versions_and_details():
    versions = {p.name: read(p)["spec_version"] for p in CYCLONEDX}
    assert versions["laravel-7.12.0.1.2.cdx.json"] == "1.2" and versions["laravel-7.12.0.1.3.cdx.xml"] == "1.3"
    assert versions["laravel-7.12.0.1.4.cdx.json"] == "1.4" and versions["cbom-example-with-dependencies.1.6.cdx.json"] == "1.6"
    laravel = read(EXAMPLES / "cyclonedx" / "laravel-7.12.0.1.4.cdx.json")
    assert laravel["tools"] == ["cyclonedx/cyclonedx-php-composer in-dev"]
    assert laravel["creator_types"] == {"organization": 0, "person": 0, "tool": 1}
    assert laravel["describes_package"] is True
    assert {row["expression"]: row["effective"] for row in laravel["licenses"]} == {"Apache-2.0": 1, "BSD-3-Clause": 4, "MIT": 57}
    assert laravel["relationship_types"] == {"DEPENDS_ON": 113, "DESCRIBES": 1}
    assert laravel["not_recorded"] == ["filename"]
    # hash algorithm names are normalised the same way in every standard (SPDX 2 writes SHA1)
    assert read(EXAMPLES / "cyclonedx" / "cern-lhc-vdm-editor-e564943.cdx.xml")["hash_algorithms"] == {"SHA-1": 26, "SHA-512": 17}
    assert read(EXAMPLES / "spdx" / "example9-appbomination.spdx.json")["hash_algorithms"] == {"SHA-1": 5}
    assert read(EXAMPLES / "spdx" / "example7-example7-golang.spdx3.json")["hash_algorithms"] == {"SHA-256": 1}


@pytest.mark.parametrize("stem", ["laravel-7.12.0.1.2", "laravel-7.12.0.1.3", "laravel-7.12.0.1.4", "cern-lhc-vdm-editor-e564943", "proton-bridge-v1.8.0"])
def test_json_and_xml_of_one_bom_give_the_same_facts(stem):
    as_json = read(EXAMPLES / "cyclonedx" / f"{stem}.cdx.json")
    as_xml = read(EXAMPLES / "cyclonedx" / f"{stem}.cdx.xml")
    # The publishers generated each form in its own run: serial number and time differ.
    raw = json.loads((EXAMPLES / "cyclonedx" / f"{stem}.cdx.json").read_text(encoding="utf-8"))
    assert (as_json["namespace"], as_json["created"]) == (raw.get("serialNumber"), raw.get("metadata", {}).get("timestamp"))
    assert (as_xml["namespace"] is None) == (as_json["namespace"] is None) and (as_xml["created"] is None) == (as_json["created"] is None)
    for facts in (as_json, as_xml):
        for key in ("serialisation", "namespace", "created"):
            facts.pop(key)
    assert as_json == as_xml


def raw_spdx3(document: dict[str, Any]) -> dict[str, int]:
    graph = document["@graph"]
    by_id = {e.get("spdxId"): e for e in graph}
    packages = {e["spdxId"] for e in graph if e.get("type") == "software_Package"}

    def a_licence(target: str) -> bool:
        expression = by_id.get(target, {}).get("simplelicensing_licenseExpression", target)
        return expression not in ("NOASSERTION", "NONE") and not target.endswith(("/NoAssertionLicense", "/NoneLicense"))

    licensed = {r["from"] for r in graph if r.get("type") in ("Relationship", "LifecycleScopedRelationship")
                and r.get("relationshipType") in ("hasDeclaredLicense", "hasConcludedLicense") and r["from"] in packages
                and any(a_licence(t) for t in r.get("to", []))}
    return {"packages": len(packages), "licensed": len(licensed)}


SPDX3 = [p for p in SPDX if p.name.endswith(".spdx3.json")]


@pytest.mark.parametrize("path", SPDX3, ids=[p.name for p in SPDX3])
def test_published_spdx3_examples_are_read(path):
    facts = read(path)
    assert facts["readable"], facts["problems"]
    assert (facts["format"], facts["standard"], facts["spdx"], facts["spec_version"]) == ("json-ld", "spdx-3", True, "3.0.1")
    assert [p for p in facts["problems"] if p["kind"] == "parse"] == []
    assert facts_counts(facts) == raw_spdx3(json.loads(path.read_text(encoding="utf-8")))


def test_spdx3_example_details():
    facts = read(EXAMPLES / "spdx" / "example11-sbom.spdx3.json")
    assert facts["tools"] == ["sigs.k8s.io/bom/pkg/spdx"]
    assert facts["creators"] == ["Organization: Unknown", "Tool: sigs.k8s.io/bom/pkg/spdx"]
    assert {row["expression"]: row["effective"] for row in facts["licenses"]} == {"(MIT OR Apache-2.0)": 1, "Apache-2.0": 1, "MIT": 2}
    assert facts["relationship_types"]["DEPENDS_ON"] >= 1 and facts["describes_package"] is True
    person = read(EXAMPLES / "spdx" / "example1-example1.spdx3.json")
    assert person["creator_types"]["person"] == 1 and person["creator_contacts"] == {"email": 1, "url": 0}
    assert "Example Author" not in json.dumps(person)


# --- an SBOM generated here by cyclonedx-py ------------------------------------------------------


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> dict[str, Path]:
    """``cyclonedx-py environment`` for the virtual environment running the tests."""
    if sys.prefix == sys.base_prefix:
        pytest.skip("the tests do not run in a virtual environment, so there is none to describe")
    tool = shutil.which("cyclonedx-py") or str(Path(sys.executable).with_name("cyclonedx-py"))
    if not Path(tool).exists():
        pytest.skip("cyclonedx-py (package cyclonedx-bom, in the test extra) is not installed")
    directory = tmp_path_factory.mktemp("generated")
    # --no-validate: the tool's check of its own output (jsonschema's IRI format check on every
    # URL, through an Earley parser) is ~25 CPU-seconds a run; what is tested is dpgcheck's reading.
    runs = {}
    for version, fmt in (("1.5", "XML"), ("1.6", "JSON"), ("1.7", "XML"), ("1.7", "JSON")):
        out = directory / f"env-{version}.cdx.{fmt.lower()}"
        runs[out] = subprocess.Popen(
            [tool, "environment", "--no-validate", "--sv", version, "--of", fmt, "--output-reproducible", "-o", str(out), sys.executable],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "SOURCE_DATE_EPOCH": "1768471200"},  # reproducible, with a timestamp
        )
    for out, process in runs.items():
        _, err = process.communicate(timeout=300)
        if process.returncode != 0 or not out.exists():
            pytest.skip(f"cyclonedx-py environment could not generate an SBOM here: {err.strip()[-300:]}")
    return {p.name: p for p in runs}


@pytest.mark.slow
def test_generated_sbom_counts_match_the_generator(generated):
    reference = json.loads(generated["env-1.7.cdx.json"].read_text(encoding="utf-8"))
    expected = raw_cyclonedx_json(reference)
    assert expected["packages"] > 5  # pytest, dpgcheck's dependencies, ...
    names = {c["name"].lower() for c in reference["components"]}
    assert {"pytest", "click", "cyclonedx-python-lib"} <= names
    for name, path in generated.items():
        facts = read(path)
        assert facts["readable"], (name, facts["problems"])
        assert [p for p in facts["problems"] if p["kind"] in ("parse", "validation")] == [], name
        assert facts["spec_version"] == name.split("-")[1].rsplit(".cdx", 1)[0]
        assert facts_counts(facts) == expected, name
        assert sum(row["effective"] for row in facts["licenses"]) == expected["licensed"]
        assert facts["tools"] and any("cyclonedx" in t.lower() for t in facts["tools"])
        assert facts["created"].startswith("2026-01-15T10:00:00")


@pytest.mark.slow
def test_generated_sbom_json_and_xml_agree(generated):
    as_json = read(generated["env-1.7.cdx.json"])
    as_xml = read(generated["env-1.7.cdx.xml"])
    for facts in (as_json, as_xml):
        facts.pop("serialisation")
    assert as_json == as_xml


# --- ntia-conformance-checker and dpgcheck agree ---------------------------------------------------


def generated_spdx_documents(directory: Path) -> list[Path]:
    """SPDX 2 documents that pass and fail the NTIA elements in different ways."""
    made = []
    complete = npm_sbom(6)
    for package in complete["packages"]:
        package["supplier"] = "Organization: Example"
    cases = {"complete.spdx.json": complete}
    no_supplier = npm_sbom(6)
    cases["no-supplier.spdx.json"] = no_supplier
    no_version = json.loads(json.dumps(complete))
    del no_version["packages"][3]["versionInfo"]
    cases["no-version.spdx.json"] = no_version
    no_describes = json.loads(json.dumps(complete))
    no_describes["documentDescribes"] = []
    no_describes["relationships"] = [r for r in no_describes["relationships"] if r["relationshipType"] != "DESCRIBES"]
    cases["no-describes.spdx.json"] = no_describes
    person_only = json.loads(json.dumps(complete))
    person_only["creationInfo"]["creators"] = ["Person: Example Author (author@example.org)"]
    cases["person-author.spdx.json"] = person_only
    floating = json.loads(json.dumps(complete))
    floating["packages"].append({"name": "loose", "SPDXID": "SPDXRef-loose", "downloadLocation": "NOASSERTION"})
    cases["floating.spdx.json"] = floating
    for name, document in cases.items():
        path = directory / name
        path.write_text(json.dumps(document), encoding="utf-8")
        made.append(path)
    made.append(write_with_spdx_tools(no_supplier, directory / "no-supplier-tv.spdx"))
    made.append(write_with_spdx_tools(complete, directory / "complete.spdx.yaml"))
    return made


def ntia_checker_verdict(path: Path) -> bool:
    from ntia_conformance_checker.sbom_checker import SbomChecker

    logging.disable(logging.WARNING)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            checker = SbomChecker(str(path), validate=False, compliance="ntia", sbom_spec="spdx3" if path.name.endswith(".spdx3.json") else "spdx2")
    finally:
        logging.disable(logging.NOTSET)
    return bool(checker.compliant)


def test_ntia_conformance_checker_gives_dpgcheck_s_verdict_on_every_spdx_document(make_repo, tmp_path):
    pytest.importorskip("ntia_conformance_checker")
    generated_dir = tmp_path / "generated"
    generated_dir.mkdir()
    documents = {f"sbom/{p.name}": p for p in SPDX} | {f"sbom/{p.name}": p for p in generated_spdx_documents(generated_dir)}
    # dpgcheck parses at most MAX_REPOSITORY_DOCUMENTS SBOMs per repository (the others are listed
    # unread): the documents are judged in repositories of at most that many, so each one is read.
    names = sorted(documents)
    limit = sbom_collector.MAX_REPOSITORY_DOCUMENTS
    failing: set[str] = set()
    for start in range(0, len(names), limit):
        chosen = names[start : start + limit]
        root = make_repo({name: documents[name].read_bytes() for name in chosen})
        code, report = run_json("check", root, "--format", "json", "--profile", "sbom-cisa-2025", "--fail-on", "never")
        assert code == 0, report
        unread = [f["message"] for f in report["findings"] if f["rule_id"] == "sbom-valid" and "more SBOMs than dpgcheck reads" in f["message"]]
        assert unread == [], unread
        failing |= {f["location"]["path"] for f in report["findings"] if f["rule_id"] == "sbom-ntia-minimum-elements"}
    ours = {name: name not in failing for name in documents}
    theirs = {name: ntia_checker_verdict(path) for name, path in documents.items()}
    assert ours == theirs
    # the set is not trivial: both verdicts occur, in SPDX 2 and SPDX 3
    assert {v for n, v in ours.items() if n.endswith(".spdx3.json")} == {True, False}
    assert {v for n, v in ours.items() if not n.endswith(".spdx3.json")} == {True, False}
    assert len(documents) == 20


# --- profiles, selectors and dependency licences end to end -------------------------------------------


def bsi_ready_cyclonedx() -> dict[str, Any]:
    document = npm_cyclonedx(3)
    document["metadata"]["manufacturer"] = {"name": "Example Org", "url": ["https://example.org"]}
    document["compositions"] = [{"aggregate": "complete", "assemblies": ["webapp@1.0.0"]}]
    bsi = [{"name": f"bsi:component:{p}", "value": "x"} for p in ("filename", "executable", "archive", "structured")]
    for component in [document["metadata"]["component"], *document["components"]]:
        component["supplier"] = {"name": "Example Org", "url": ["https://example.org"]}
        component["hashes"] = [{"alg": "SHA-512", "content": "ab" * 64}]
        component["properties"] = bsi
        component["licenses"] = component.get("licenses") or [{"license": {"id": "MIT"}}]
    return document


@pytest.mark.parametrize("engine", ENGINES)
def test_bsi_and_cisa_profiles_on_a_complete_cyclonedx_1_6_sbom(make_repo, engine):
    root = make_repo({"bom.cdx.json": json.dumps(bsi_ready_cyclonedx()), "package.json": json.dumps({"name": "webapp", "license": "Apache-2.0"})})
    for profile in ("sbom-bsi", "sbom-cisa-2025"):
        code, report = run_json("check", root, "--format", "json", "--engine", engine, "--profile", profile, "--fail-on", "warning")
        assert code == 0, [f["message"] for f in report["findings"]]
        assert report["findings"] == []
        rule = "sbom-bsi-tr-03183-2" if profile == "sbom-bsi" else "sbom-cisa-2025-minimum-elements"
        assert report["rules"][rule]["status"] == "pass"
        assert set(report["rules"]) == {"sbom-present", "sbom-valid", "sbom-ntia-minimum-elements", rule, "collection-problems"}


@pytest.mark.parametrize("engine", ENGINES)
def test_a_national_profile_requires_bsi_through_the_selector(make_repo, tmp_path, engine):
    bundle = tmp_path / "national"
    (bundle / "dpgcheck" / "profiles" / "national").mkdir(parents=True)
    (bundle / ".manifest").write_text(json.dumps({"revision": "gov-2026.1", "roots": ["dpgcheck/profiles/national"]}))
    (bundle / "dpgcheck" / "profiles" / "national" / "data.json").write_text(json.dumps({
        "title": "National procurement", "description": "Requires a BSI TR-03183-2 SBOM.",
        "include": ["license-file", "profile:sbom-bsi"], "exclude": [], "severity": {"sbom-bsi-tr-03183-2": "error"}, "thresholds": {},
    }))
    document = bsi_ready_cyclonedx()
    document["specVersion"] = "1.5"
    root = make_repo({"bom.cdx.json": json.dumps(document), "LICENSE": "MIT License\n"})
    code, report = run_json("check", root, "--format", "json", "--engine", engine, "--bundle", bundle, "--profile", "national")
    assert code == 1
    assert [(f["rule_id"], f["severity"], f["message"]) for f in report["findings"] if f["rule_id"].startswith("sbom")] == [
        ("sbom-bsi-tr-03183-2", "error", "bom.cdx.json: cyclonedx 1.5 is not a format TR-03183-2 v2.1.0 accepts (CycloneDX 1.6/1.7 or SPDX 3.0.1)"),
    ]
    assert {"license-file", "sbom-present", "sbom-valid", "sbom-ntia-minimum-elements", "sbom-bsi-tr-03183-2"} <= set(report["rules"])


def spdx3_sbom(licences: dict[str, str]) -> dict[str, Any]:
    """A small SPDX 3.0.1 JSON-LD SBOM: an app that depends on one package per licence."""
    base = "https://example.org/spdx/app"
    graph: list[dict[str, Any]] = [
        {"type": "CreationInfo", "@id": "_:ci", "specVersion": "3.0.1", "created": "2026-01-15T10:00:00Z",
         "createdBy": [f"{base}/org"], "createdUsing": [f"{base}/tool"]},
        {"type": "Organization", "spdxId": f"{base}/org", "creationInfo": "_:ci", "name": "Example Org"},
        {"type": "Tool", "spdxId": f"{base}/tool", "creationInfo": "_:ci", "name": "example-generator"},
        {"type": "SpdxDocument", "spdxId": f"{base}/doc", "creationInfo": "_:ci", "rootElement": [f"{base}/sbom"]},
        {"type": "software_Sbom", "spdxId": f"{base}/sbom", "creationInfo": "_:ci", "rootElement": [f"{base}/app"], "software_sbomType": ["build"]},
        {"type": "software_Package", "spdxId": f"{base}/app", "creationInfo": "_:ci", "name": "app", "software_packageVersion": "1.0.0",
         "suppliedBy": f"{base}/org"},
        {"type": "simplelicensing_LicenseExpression", "spdxId": f"{base}/lic-app", "creationInfo": "_:ci", "simplelicensing_licenseExpression": "Apache-2.0"},
        {"type": "Relationship", "spdxId": f"{base}/rel-app", "creationInfo": "_:ci", "from": f"{base}/app", "to": [f"{base}/lic-app"], "relationshipType": "hasDeclaredLicense"},
    ]
    for index, (name, expression) in enumerate(sorted(licences.items())):
        graph += [
            {"type": "software_Package", "spdxId": f"{base}/p{index}", "creationInfo": "_:ci", "name": name, "software_packageVersion": "1.0",
             "suppliedBy": f"{base}/org", "software_packageUrl": f"pkg:npm/{name}@1.0"},
            {"type": "simplelicensing_LicenseExpression", "spdxId": f"{base}/l{index}", "creationInfo": "_:ci", "simplelicensing_licenseExpression": expression},
            {"type": "Relationship", "spdxId": f"{base}/r{index}", "creationInfo": "_:ci", "from": f"{base}/p{index}", "to": [f"{base}/l{index}"], "relationshipType": "hasDeclaredLicense"},
            {"type": "Relationship", "spdxId": f"{base}/d{index}", "creationInfo": "_:ci", "from": f"{base}/app", "to": [f"{base}/p{index}"], "relationshipType": "dependsOn", "completeness": "complete"},
        ]
    return {"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": graph}


@pytest.mark.parametrize("engine", ENGINES)
def test_dependency_licences_from_cyclonedx_and_spdx3_feed_the_licence_rules(make_repo, engine):
    cyclonedx = npm_cyclonedx(3)
    cyclonedx["components"][0]["licenses"] = [{"license": {"id": "GPL-3.0-only"}}]
    cyclonedx["components"][1]["licenses"] = [{"license": {"id": "BUSL-1.1", "acknowledgement": "concluded"}}]
    cyclonedx["components"][2]["licenses"] = []
    root = make_repo({
        "package.json": json.dumps({"name": "webapp", "version": "1.0.0", "license": "Apache-2.0"}),
        "bom.cdx.json": json.dumps(cyclonedx),
        "app.spdx3.json": json.dumps(spdx3_sbom({"left": "GPL-3.0-only", "right": "MIT", "odd": "SEE LICENSE IN LICENSE.md"})),
    })
    code, report = run_json("check", root, "--format", "json", "--engine", engine, "--fail-on", "never")
    assert code == 0, report
    found = sorted((f["rule_id"], f["message"]) for f in report["findings"] if f["rule_id"].startswith("dependency-license"))
    assert found == [
        ("dependency-license-incompatible", "app.spdx3.json: 1 packages are under GPL-3.0-only, which a project under Apache-2.0 cannot include (GPL-3.0-only into Apache-2.0: no, per osadl), e.g. left@1.0"),
        ("dependency-license-incompatible", "bom.cdx.json: 1 packages are under GPL-3.0-only, which a project under Apache-2.0 cannot include (GPL-3.0-only into Apache-2.0: no, per osadl), e.g. dep0@0.0.0"),
        ("dependency-license-not-open", "bom.cdx.json: 1 packages are under BUSL-1.1, which is not an open licence (BUSL-1.1 not OSI-approved, FSF-libre or open data), e.g. dep1@1.1.1"),
        ("dependency-license-unknown", 'app.spdx3.json: 1 packages are under "SEE LICENSE IN LICENSE.md", which names licences that are not on the SPDX list, e.g. odd@1.0'),
        ("dependency-license-unknown", "bom.cdx.json: 1 of 4 packages have no licence (NOASSERTION 0, NONE 0, absent 1), e.g. dep2@2.2.2"),
    ]
