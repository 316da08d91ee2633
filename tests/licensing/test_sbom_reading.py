"""Reading SPDX documents: every serialisation, broken ones, hostile ones (library level)."""
from __future__ import annotations

import copy
import json
import time
from pathlib import Path

import pytest

from dpgcheck.licensing import sbom, spdx2
from dpgcheck.licensing.sbom_problems import Messages
from tests.licensing.test_sbom_data import npm_sbom, write_with_spdx_tools

FORMATS = {"spdx.json": "json", "spdx.yaml": "yaml", "spdx.xml": "xml", "spdx.rdf.xml": "rdf", "spdx": "tag-value"}


def read(path: Path) -> dict:
    return sbom.read_document(path.read_bytes(), path.name)


def codes(facts: dict) -> dict[str, tuple[str, int]]:
    return {p["code"]: (p["kind"], p["count"]) for p in facts["problems"]}


@pytest.fixture(scope="module")
def small_documents(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("sboms")
    document = npm_sbom(12)
    return {ext: write_with_spdx_tools(document, root / f"app.{ext}") for ext in FORMATS}


@pytest.mark.parametrize("ext", sorted(FORMATS))
def test_every_serialisation_gives_the_same_facts(small_documents, ext):
    facts = read(small_documents[ext])
    assert facts["format"] == FORMATS[ext]
    assert facts["readable"] is True and facts["problems"] == []
    assert facts["spec_version"] == "SPDX-2.3"
    assert facts["name"] == "webapp@1.0.0"
    assert facts["namespace"] == "http://spdx.org/spdxdocs/webapp-1.0.0-3f2e0c1a"
    assert facts["created"] == "2026-01-15T10:00:00Z"
    assert facts["creators"] == ["Tool: npm/cli-11.19.1"]
    assert facts["creator_types"] == {"person": 0, "organization": 0, "tool": 1}
    assert facts["counts"] == {"packages": 13, "files": 0, "snippets": 0, "relationships": 16}
    assert facts["describes"] == ["SPDXRef-Package-webapp-1.0.0"] and facts["describes_package"] is True
    assert facts["relationship_types"] == {"DEPENDS_ON": 15, "DESCRIBES": 1}
    assert facts["packages_missing"]["supplier"] == {"count": 6, "examples": ["dep0@0.0.0", "dep11@4.11.1", "dep3@3.3.3", "dep4@4.4.4", "dep7@0.7.2", "dep8@1.8.3"]}
    assert facts["packages_missing"]["version"] == {"count": 0, "examples": []}
    assert facts["packages_missing"]["license"] == {"count": 0, "examples": []}
    assert facts["license_values"]["concluded"] == {"noassertion": 13, "none": 0, "absent": 0}
    assert [(row["expression"], row["declared"], row["effective"]) for row in facts["licenses"]] == [("Apache-2.0", 1, 1), ("MIT", 12, 12)]
    assert facts["licenses"][0]["analysis"]["dnf"] == [["Apache-2.0"]]


def test_npm_traps_are_recovered_per_package(tmp_path):
    """Millisecond timestamps and a free-text licence: spdx-tools loses the whole document."""
    document = npm_sbom(20, millis=True, free_text_licence=True)
    path = tmp_path / "npm.spdx.json"
    path.write_text(json.dumps(document))
    from spdx_tools.spdx.parser.error import SPDXParsingError
    from spdx_tools.spdx.parser.parse_anything import parse_file

    with pytest.raises(SPDXParsingError):
        parse_file(str(path))
    facts = read(path)
    assert facts["readable"] is True and facts["counts"]["packages"] == 21
    assert codes(facts) == {"fractional-seconds": ("recovered", 1), "parse-error": ("parse", 1)}
    assert facts["created"] == "2026-01-15T10:00:00Z"
    free_text = [row for row in facts["licenses"] if row["expression"].startswith("Standard 'no charge'")]
    assert len(free_text) == 1 and free_text[0]["examples"] == ["dep1@1.1.1"] and free_text[0]["analysis"]["valid"] is False


def test_validation_problems_are_grouped(tmp_path):
    document = npm_sbom(5)
    document["spdxVersion"] = "SPDX-2.1"
    document["documentNamespace"] = "http://example.org/doc#frag"
    document["packages"][1]["SPDXID"] = "SPDXRef-types_babel__core"
    document["packages"][2]["SPDXID"] = document["packages"][3]["SPDXID"]
    document["packages"][4]["licenseDeclared"] = "LicenseRef-Undeclared"
    document["relationships"].append({"spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES", "relatedSpdxElement": "SPDXRef-Nowhere"})
    del document["creationInfo"]["creators"]
    path = tmp_path / "bad.spdx.json"
    path.write_text(json.dumps(document))
    facts = read(path)
    assert facts["readable"] is True
    assert codes(facts) == {
        "creation-info-invalid": ("parse", 1),
        "dangling-reference": ("validation", 3),
        "duplicate-spdx-id": ("validation", 1),
        "invalid-namespace": ("validation", 1),
        "invalid-spdx-id": ("validation", 1),
        "missing-creators": ("validation", 1),
        "old-spdx-version": ("validation", 1),
        "undeclared-license-ref": ("validation", 1),
    }


BROKEN = {
    "spdx.json": b'{"spdxVersion": "SPDX-2.3", "packages": [',
    "spdx.yaml": b"spdxVersion: SPDX-2.3\npackages:\n  - name: [unclosed\n",
    "spdx.xml": b"<Document><spdxVersion>SPDX-2.3</spdxVersion><packages>",
    "spdx.rdf.xml": b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><spdx:SpdxDocument',
    "spdx": b"SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\nPackageName: orphan\nPackageVersion: 1\nRelationship: broken\nCreated: yesterday\n",
}


@pytest.mark.parametrize("ext", sorted(BROKEN))
def test_broken_documents_in_every_serialisation(ext):
    facts = sbom.read_document(BROKEN[ext], f"broken.{ext}")
    assert facts["format"] == FORMATS[ext]
    found = codes(facts)
    assert found, facts
    assert all(kind in ("parse", "validation") for kind, _ in found.values())
    if ext != "spdx":
        assert facts["readable"] is False and list(found) in (["syntax-error"], ["not-a-document"])


def test_hostile_inputs_never_raise(tmp_path):
    cases = {
        "binary.spdx.json": (b"\x00\x01\x02" * 100, {"binary": ("parse", 1)}),
        "empty.spdx": (b"", {"empty": ("parse", 1)}),
        "latin1.spdx.json": ('{"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT", "name": "Caf\xe9"}'.encode("latin-1"), None),
        "deep.spdx.json": (b"[" * 100000 + b"]" * 100000, {"syntax-error": ("parse", 1)}),
        "list.spdx.json": (b"[1, 2, 3]", {"not-a-document": ("parse", 1)}),
        "xxe.spdx.xml": (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><Document>&x;</Document>', {"xml-dtd": ("parse", 1)}),
        "laughs.spdx.rdf.xml": (b'<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><rdf:RDF>&b;</rdf:RDF>', {"xml-dtd": ("parse", 1)}),
        "alias.spdx.yaml": (b"a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\npackages: [*b, *b, *b]\n", {"syntax-error": ("parse", 1)}),
        "bom.cdx.json": (b'{"bomFormat": "CycloneDX", "specVersion": "1.5"}', {"missing-created": ("validation", 1)}),
        "notes.sbom.txt": (b"just some text", {"unknown-format": ("parse", 1)}),
        "packages-object.spdx.json": (b'{"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT", "packages": {"a": 1}, "relationships": [1, "x"]}', None),
    }
    for name, (data, expected) in cases.items():
        started = time.monotonic()
        facts = sbom.read_document(data, name)
        assert time.monotonic() - started < 10, name
        if expected is not None:
            assert codes(facts) == expected, name
    latin = sbom.read_document(cases["latin1.spdx.json"][0], "latin1.spdx.json")
    assert latin["name"] == "Café" and "not-utf8" in codes(latin)
    odd = sbom.read_document(cases["packages-object.spdx.json"][0], "packages-object.spdx.json")
    assert odd["counts"]["packages"] == 0 and codes(odd)["parse-error"] == ("parse", 2)


def test_too_large_is_refused_without_parsing(monkeypatch):
    monkeypatch.setattr(sbom, "MAX_BYTES", 100)
    facts = sbom.read_document(b"{" + b" " * 200 + b"}", "big.spdx.json")
    assert codes(facts) == {"too-large": ("parse", 1)} and facts["readable"] is False


def test_tag_value_is_affordable(tmp_path):
    """spdx-tools 0.8.5 rebuilds the licence index per licence line: ~160 s for 1,600 packages."""
    path = write_with_spdx_tools(npm_sbom(400), tmp_path / "deps.spdx")
    started = time.monotonic()
    facts = read(path)
    assert time.monotonic() - started < 5
    assert facts["readable"] and facts["problems"] == [] and facts["counts"]["packages"] == 401


def test_original_document_is_not_modified():
    document = npm_sbom(3, millis=True)
    before = copy.deepcopy(document)
    spdx2.document_facts(document, Messages())
    assert document == before


def test_collector_records_oversized_and_unreadable_documents(make_repo, monkeypatch, tmp_path):
    from dpgcheck.collect.collectors import sbom_facts as collector
    from dpgcheck.collect.options import CollectOptions
    from dpgcheck.collect.repo_view import RepoView

    root = make_repo({"big.spdx.json": json.dumps(npm_sbom(50)), "ok.spdx.json": json.dumps(npm_sbom(1))})
    monkeypatch.setattr(sbom, "MAX_BYTES", 5000)
    view = RepoView.open(root)
    facts = collector.collect(view, CollectOptions(sbom_paths=(tmp_path,)))
    assert [(d["path"], d["origin"], d["readable"], [p["code"] for p in d["problems"]]) for d in facts["documents"]] == [
        ("big.spdx.json", "repository", False, ["too-large"]),
        ("ok.spdx.json", "repository", True, []),
        (str(tmp_path), "command-line", False, ["unreadable"]),
    ]
    assert [p["code"] for p in view.problems] == ["sbom-unreadable"]
