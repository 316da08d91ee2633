"""Hostile SBOMs (issue #9, classes 8, 9 and 11): the real CLI in a child process, bounded.

Each case builds its documents in a temporary directory, runs ``dpgcheck`` through a small
Python parent that reports the child's wall time and peak memory
(``resource.getrusage(RUSAGE_CHILDREN)`` after the child ended, so no other process of the
test run is counted), and asserts the exit code, the one-line finding or message, a wall
time under 10 s and a peak under 500 MB.

* class 8: SPDX ``creationInfo.creators`` naming a person with an e-mail: the facts keep that
  a person is named and that e-mails are present, never the name or the address;
* class 9: XML entity expansion (billion laughs) after a 70 KB comment, and in UTF-16, in
  SPDX RDF/XML, SPDX XML and CycloneDX XML: refused by a parser that forbids DTDs;
* class 11: licence analysis budgeted per document: 900 packages each declaring 10,000 ORs
  (a 63 MB SPDX JSON); a 30 MB YAML SBOM is refused before parsing (YAML is read up to 8 MB,
  from the parser's events), a 2 MB one is read within the bounds (on the
  shared machine at a load of 12: 30 MB refused in 1.6 s / 56 MB; 3.9 MB read in 7.3 s / 64 MB;
  7.3 MB in 13.1 s / 89 MB).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import GIT_ENV
from tests.licensing.test_sbom_data import npm_sbom

WALL_LIMIT = 10.0
MEMORY_LIMIT_MB = 500

_PARENT = r"""
import json, resource, subprocess, sys, time
started = time.perf_counter()
try:
    child = subprocess.run(sys.argv[2:], capture_output=True, text=True, timeout=float(sys.argv[1]))
    code, out, err = child.returncode, child.stdout, child.stderr
except subprocess.TimeoutExpired:
    code, out, err = None, "", "timeout"
wall = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"code": code, "stdout": out, "stderr": err, "wall": wall, "peak_mb": peak}))
"""


def run_bounded(*args: str | Path, timeout: float = 30) -> dict[str, Any]:
    """The CLI in a child of a fresh parent: exit code, output, wall time, peak RSS of the child."""
    command = [sys.executable, "-c", _PARENT, str(timeout), sys.executable, "-m", "dpgcheck", *map(str, args)]
    env = {**os.environ, **GIT_ENV, "DPGCHECK_NO_CACHE": "1"}
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=timeout + 30)
    return json.loads(result.stdout)


def assert_bounded(run: dict[str, Any]) -> None:
    assert run["code"] is not None, f"no answer within the time limit ({run['wall']:.1f} s)"
    assert "Traceback" not in run["stderr"], run["stderr"][-2000:]
    assert run["wall"] < WALL_LIMIT, f"{run['wall']:.1f} s"
    assert run["peak_mb"] < MEMORY_LIMIT_MB, f"{run['peak_mb']:.0f} MB"


def sbom_problems(run: dict[str, Any]) -> dict[str, list[tuple[str, str]]]:
    facts = json.loads(run["stdout"])
    return {d["path"]: [(p["code"], p["message"]) for p in d["problems"]] for d in facts["sbom"]["documents"]}


def finding_messages(run: dict[str, Any], rule: str) -> list[str]:
    report = json.loads(run["stdout"])
    return sorted(f["message"] for f in report["findings"] if f["rule_id"] == rule)


# --- class 8: personal data in creators ----------------------------------------------------------

PERSON = "Jane Q. Example"
PERSON_EMAIL = "jane.example@example.org"
ORG_EMAIL = "sbom-team@example.com"


def test_creators_keep_the_fact_of_a_person_and_an_email_never_the_values(make_repo):
    document = npm_sbom(3)
    document["creationInfo"]["creators"] = [
        f"Person: {PERSON} ({PERSON_EMAIL})", f"Organization: Example Org ({ORG_EMAIL})", "Tool: npm/cli-11.19.1",
    ]
    root = make_repo({"sbom.spdx.json": json.dumps(document), "README.md": "# app\n"})
    run = run_bounded("facts", root)
    assert_bounded(run)
    assert run["code"] == 0
    for secret in (PERSON, "Jane", PERSON_EMAIL, ORG_EMAIL, "example.com"):
        assert secret not in run["stdout"]
    found = json.loads(run["stdout"])["sbom"]["documents"][0]
    assert found["creators"] == ["Organization: Example Org", "Tool: npm/cli-11.19.1"]
    assert found["creator_types"] == {"person": 1, "organization": 1, "tool": 1}
    assert found["creator_contacts"] == {"email": 2, "url": 0}
    assert found["tools"] == ["npm/cli-11.19.1"]
    check = run_bounded("check", root, "--format", "json", "--fail-on", "never", "--profile", "sustainable-use")
    assert_bounded(check)
    assert check["code"] == 0
    for secret in (PERSON, PERSON_EMAIL, ORG_EMAIL):
        assert secret not in check["stdout"]


def test_no_creator_value_carries_a_contact():
    from dpgcheck.licensing.sbom_tally import Creators

    creators = Creators()
    for creator in (f"Person: {PERSON} ({PERSON_EMAIL})", f"Tool: builder-2.0 ({PERSON_EMAIL})",
                    f"Organization: Example Org https://example.org/team ({ORG_EMAIL})", "Tool: npm/cli-11.19.1", "Nobody: x"):
        creators.add_spdx2(creator)
    creators.add("person", PERSON, email=True)  # a reader that passed a name for a person: dropped
    assert creators.facts() == {
        "creators": ["Organization: Example Org", "Tool: builder-2.0", "Tool: npm/cli-11.19.1"],
        "creator_types": {"organization": 1, "person": 2, "tool": 2},
        "creator_contacts": {"email": 4, "url": 1},
        "tools": ["builder-2.0", "npm/cli-11.19.1"],
    }


# --- class 9: XML entity expansion -----------------------------------------------------------------

_LAUGHS = "".join(
    f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' if i else '<!ENTITY l0 "lol">' for i in range(10)
)
_RDF_BODY = (
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:spdx="http://spdx.org/rdf/terms#">'
    '<spdx:SpdxDocument rdf:about="http://example.org/doc#SPDXRef-DOCUMENT">'
    "<spdx:specVersion>SPDX-2.3</spdx:specVersion><spdx:name>&l9;</spdx:name>"
    "</spdx:SpdxDocument></rdf:RDF>"
)
_SPDX_XML_BODY = "<Document><spdxVersion>SPDX-2.3</spdxVersion><SPDXID>SPDXRef-DOCUMENT</SPDXID><name>&l9;</name></Document>"
_CDX_XML_BODY = (
    '<bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1"><components>'
    '<component type="library"><name>&l9;</name><version>1</version></component></components></bom>'
)


def laughs(root_element: str, body: str, *, padding: int, encoding: str = "utf-8") -> bytes:
    comment = f"<!-- {'x' * padding} -->\n" if padding else ""
    text = f'<?xml version="1.0" encoding="{encoding.upper()}"?>\n{comment}<!DOCTYPE {root_element} [{_LAUGHS}]>\n{body}\n'
    return text.encode("utf-16") if encoding == "utf-16" else text.encode(encoding)


DTD_REFUSED = "the XML declares a DTD (DOCTYPE); refused: dpgcheck reads no DTDs or entities"

XML_CASES = {
    "rdf-after-70kb-comment": ("sbom.spdx.rdf.xml", laughs("rdf:RDF", _RDF_BODY, padding=70_000)),
    "rdf-utf16": ("sbom.spdx.rdf", laughs("rdf:RDF", _RDF_BODY, padding=0, encoding="utf-16")),
    "spdx-xml-after-70kb-comment": ("sbom.spdx.xml", laughs("Document", _SPDX_XML_BODY, padding=70_000)),
    "spdx-xml-utf16": ("app.spdx.xml", laughs("Document", _SPDX_XML_BODY, padding=0, encoding="utf-16")),
    "cyclonedx-xml-after-70kb-comment": ("bom.cdx.xml", laughs("bom", _CDX_XML_BODY, padding=70_000)),
    "cyclonedx-xml-utf16": ("app.cdx.xml", laughs("bom", _CDX_XML_BODY, padding=0, encoding="utf-16")),
}


@pytest.mark.parametrize("case", sorted(XML_CASES))
def test_entity_expansion_is_refused_by_the_parser(make_repo, case):
    name, data = XML_CASES[case]
    root = make_repo({name: data, "README.md": "# app\n"})
    run = run_bounded("facts", root)
    assert_bounded(run)
    assert run["code"] == 0
    problems = sbom_problems(run)[name]
    assert ("xml-dtd", DTD_REFUSED) in problems, problems
    check = run_bounded("check", root, "--format", "json", "--fail-on", "never", "--profile", "sustainable-use")
    assert_bounded(check)
    assert check["code"] == 0
    assert f"{name} cannot be read: {DTD_REFUSED}" in finding_messages(check, "sbom-valid")


# --- class 11: licence analysis budgeted per document -------------------------------------------------


def test_900_packages_of_10000_ors_each(tmp_path, make_repo):
    document = npm_sbom(899)
    expression = " OR ".join(["MIT"] * 10_000)
    for index, package in enumerate(document["packages"]):
        package["licenseDeclared"] = expression + f" OR LicenseRef-x{index}"
        package["licenseConcluded"] = "NOASSERTION"
    path = tmp_path / "ors.spdx.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert 60e6 < path.stat().st_size < 64 * 1024 * 1024
    root = make_repo({"README.md": "# app\n"})
    run = run_bounded("check", root, "--sbom", path, "--format", "json", "--fail-on", "never", "--profile", "sustainable-use")
    assert_bounded(run)
    assert run["code"] == 0
    messages = finding_messages(run, "sbom-valid")
    assert any(m.startswith(f"{path} is not valid SPDX: licence expressions over 2000 characters (not analysed) (900") for m in messages), messages


def _yaml_scalar(value: Any) -> str:
    return json.dumps(value) if isinstance(value, str) else ("true" if value is True else "false" if value is False else str(value))


def block_yaml(value: Any, indent: str = "") -> str:
    """Block-style YAML for a JSON-like value (strings double-quoted: valid YAML)."""
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                lines.append(f"{indent}{key}:\n{block_yaml(item, indent + '  ')}")
            else:
                lines.append(f"{indent}{key}: {_yaml_scalar(item) if not isinstance(item, (dict, list)) else ('{}' if isinstance(item, dict) else '[]')}")
        return "\n".join(lines)
    for item in value:
        if isinstance(item, dict):
            inner = block_yaml(item, indent + "  ")
            lines.append(f"{indent}- {inner[len(indent) + 2:]}")
        else:
            lines.append(f"{indent}- {_yaml_scalar(item)}")
    return "\n".join(lines)


def test_30_mb_yaml_sbom_is_refused_before_parsing(tmp_path, make_repo):
    document = npm_sbom(32000)
    path = tmp_path / "big.spdx.yaml"
    path.write_text(block_yaml(document) + "\n", encoding="utf-8")
    size = path.stat().st_size
    assert 28e6 < size < 32 * 1024 * 1024, size
    root = make_repo({"README.md": "# app\n"})
    run = run_bounded("check", root, "--sbom", path, "--format", "json", "--fail-on", "never", "--profile", "sustainable-use")
    assert_bounded(run)
    assert run["code"] == 0
    assert finding_messages(run, "sbom-valid") == [
        f"{path} cannot be read: the document is {size} bytes, over the {8 * 1024 * 1024}-byte limit for yaml; not parsed; write it as JSON",
    ]


def test_yaml_sbom_under_the_limit_is_read_within_bounds(tmp_path, make_repo):
    document = npm_sbom(2000)
    path = tmp_path / "deps.spdx.yaml"
    path.write_text(block_yaml(document) + "\n", encoding="utf-8")
    assert 1.8e6 < path.stat().st_size < 8 * 1024 * 1024, path.stat().st_size
    root = make_repo({"README.md": "# app\n"})
    run = run_bounded("facts", root, "--sbom", path)
    assert_bounded(run)
    assert run["code"] == 0
    found = json.loads(run["stdout"])["sbom"]["documents"][0]
    assert found["readable"] and found["counts"]["packages"] == 2001
    assert found["problems"] == [], found["problems"]


# --- a hostile set for the CycloneDX and SPDX 3 readers (in process: fast, exact) ----------------


def _nested_components(depth: int) -> dict[str, Any]:
    component: dict[str, Any] = {"type": "library", "name": "leaf", "version": "1"}
    for level in range(depth):
        component = {"type": "library", "name": f"c{level}", "version": "1", "components": [component]}
    return {"bomFormat": "CycloneDX", "specVersion": "1.6", "metadata": {"timestamp": "2026-01-15T10:00:00Z"}, "components": [component]}


HOSTILE = {
    "deep.cdx.json": (b'{"bomFormat": "CycloneDX", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", {"syntax-error": "parse"}),
    "nested.cdx.json": (json.dumps(_nested_components(200)).encode(), {"parse-error": "parse"}),
    "no-format.cdx.json": (b'{"specVersion": "1.6", "components": []}', {"not-a-document": "parse"}),
    "bad-component.cdx.json": (json.dumps({
        "bomFormat": "CycloneDX", "specVersion": "1.6", "metadata": {"timestamp": "2026-01-15T10:00:00Z"},
        "components": [{"type": "no-such-type", "name": "x"}, 7, {"type": "library", "name": "ok", "version": "1"}],
        "dependencies": [{"ref": "ghost", "dependsOn": ["ok"]}, "junk"],
    }).encode(), {"parse-error": "parse", "dangling-reference": "validation"}),
    "components-object.cdx.json": (b'{"bomFormat": "CycloneDX", "specVersion": "9.9", "components": {"a": 1}}', {"unsupported-cyclonedx-version": "validation", "missing-created": "validation"}),
    "not-a-bom.cdx.xml": (b"<project><artifactId>x</artifactId></project>", {"not-a-document": "parse"}),
    "broken.cdx.xml": (b'<bom xmlns="http://cyclonedx.org/schema/bom/1.6"><components>', {"syntax-error": "parse"}),
    "external-entity.cdx.xml": (b'<?xml version="1.0"?><!DOCTYPE bom [<!ENTITY x SYSTEM "file:///etc/passwd">]><bom xmlns="http://cyclonedx.org/schema/bom/1.6">&x;</bom>', {"xml-dtd": "parse"}),
    "binary.cdx.json": (b"\x00\x01\x02" * 1000, {"binary": "parse"}),
    "graph-junk.spdx3.json": (b'{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": [1, "x", {"type": "NoSuchType"}]}', {"syntax-error": "parse"}),
    "no-document.spdx3.json": (b'{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": []}', {"syntax-error": "parse"}),
    "deep.spdx3.json": (b'{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": ' + b"[" * 50_000 + b"]" * 50_000 + b"}", {"syntax-error": "parse"}),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_cyclonedx_and_spdx3_documents_give_problems_not_exceptions(name):
    import time

    from dpgcheck.licensing import sbom

    data, expected = HOSTILE[name]
    started = time.monotonic()
    facts = sbom.read_document(data, name)
    assert time.monotonic() - started < 10
    found = {p["code"]: p["kind"] for p in facts["problems"]}
    assert {code: found.get(code) for code in expected} == expected, facts["problems"]
    if name == "nested.cdx.json":
        assert facts["readable"] and facts["counts"]["packages"] == 64  # the 64 levels above the limit
    if name == "bad-component.cdx.json":
        assert facts["counts"]["packages"] == 1
