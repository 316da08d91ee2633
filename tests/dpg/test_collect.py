"""The DPG metadata facts: registry records (--record) and dpg.json / dpg.yaml in a repository."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from dpgcheck.collect.facts import collect_repository
from dpgcheck.collect.record import collect_record
from dpgcheck.errors import DpgcheckError
from dpgcheck.schemas import facts_schema
from tests.conftest import DPGA_DATA, validate_facts_document
from tests.dpg.contact_fields import CONTACT_EMAIL, CONTACT_NAME

DATA = DPGA_DATA / "publicgoods-candidates"


def nominee(name: str) -> Path:
    return DATA / "nominees" / f"{name}.json"


def screening(name: str) -> Path:
    return DATA / "digitalpublicgoods" / f"{name}.json"


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def write(tmp_path: Path, name: str, value) -> Path:
    path = tmp_path / name
    path.write_text(value if isinstance(value, str) else json.dumps(value), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def schema():
    return facts_schema()


@pytest.mark.parametrize(
    "name",
    ["aam-digital", "kolibri", "scottish-environment-protection-agency-hydrometric-data", "zamba", "gdl-radio", "standard-for-public-code"],
)
def test_real_records_give_schema_valid_facts(name, schema):
    facts = collect_record(nominee(name), screening(name) if screening(name).exists() else None)
    validate_facts_document(facts)
    assert facts["facts_version"] == "3.0"
    assert facts["subject"]["kind"] == "record"
    assert facts["dpg"]["present"] is True
    assert facts["dpg"]["valid"] is True
    assert facts["dpg"]["errors"] == []
    assert facts["problems"] == []


def test_record_facts_are_normalised_for_lookups():
    facts = collect_record(nominee("aam-digital"), screening("aam-digital"))
    dpg = facts["dpg"]
    assert dpg["name"] == "Aam Digital"
    assert dpg["stage"] == "DPG"
    assert dpg["types"] == ["software"]
    # GPL-3.0 is listed in its deprecated form: the analysis carries the current id.
    assert [(entry["spdx"], entry["url"], entry["analysis"]["dnf"]) for entry in dpg["licenses"]] == [("GPL-3.0", True, [["GPL-3.0-only"]])]
    assert [sdg["number"] for sdg in dpg["sdgs"]] == [1, 3, 4, 5, 10]
    assert dpg["organizations"] == [{"name": "Aam Digital GmbH", "role": "maintainer", "website": True}]
    assert dpg["owners"] == []
    assert dpg["screening"]["platform_independence"] == {"restrictive_dependencies": "no", "independent": "missing", "description": False}
    assert dpg["screening"]["do_no_harm"]["content"] == {"handles": "no", "policy": "missing", "policy_link": False, "detection": "missing", "mechanism": False}
    assert dpg["screening"]["do_no_harm"]["pii"]["collects"] == "yes"


def test_record_without_screening_has_every_answer_missing():
    dpg = collect_record(nominee("gdl-radio"), None)["dpg"]
    assert dpg["screening"]["present"] is False
    assert dpg["screening"]["ownership"] == {"explicit": "missing", "evidence": 0}
    assert dpg["screening"]["do_no_harm"]["interaction"]["facilitates"] == "missing"


def test_personal_contact_fields_never_reach_the_facts(tmp_path, schema):
    record = load(nominee("aam-digital"))
    record["organizations"][0].update(
        {CONTACT_NAME: "Jane Example", CONTACT_EMAIL: "jane@example.org", "phone": "+1 555 0100", "Contact": {"email": "x@example.org"}}
    )
    facts = collect_record(write(tmp_path, "aam.json", record), None)
    validate_facts_document(facts)
    text = json.dumps(facts)
    for value in ("Jane Example", "jane@example.org", "555 0100", "x@example.org"):
        assert value not in text
    assert facts["dpg"]["organizations"] == [{"name": "Aam Digital GmbH", "role": "maintainer", "website": True}]
    assert facts["dpg"]["errors"] == []


def test_schema_errors_carry_json_paths_and_no_values_of_contact_fields(tmp_path, schema):
    record = load(nominee("aam-digital"))
    record["SDGs"][0]["SDGNumber"] = "1"
    record["type"] = "software"
    record["license"].append({"spdx": "Apache2", "licenseURL": "https://example.org/LICENSE"})
    del record["stage"]
    record["organizations"][0][CONTACT_EMAIL] = 12
    facts = collect_record(write(tmp_path, "broken.json", record), None)
    validate_facts_document(facts)
    path = str(tmp_path / "broken.json")
    assert facts["dpg"]["valid"] is False
    assert facts["dpg"]["errors"] == [
        {"document": "nominee", "file": path, "path": "$", "keyword": "required", "message": "missing required field 'stage'"},
        {"document": "nominee", "file": path, "path": "$.SDGs[0].SDGNumber", "keyword": "enum", "message": "a 1-character string is not one of the 17 allowed values"},
        {"document": "nominee", "file": path, "path": "$.SDGs[0].SDGNumber", "keyword": "type", "message": "must be a number, not a string"},
        {"document": "nominee", "file": path, "path": "$.license[1].spdx", "keyword": "enum", "message": "a 7-character string is not one of the 133 allowed values"},
        {"document": "nominee", "file": path, "path": "$.type", "keyword": "type", "message": "must be an array, not a string"},
    ]
    # The schema's licence enum (deprecated ids only) is kept in the facts; the built-in
    # bundle's data tells dpg-record-schema not to report it: indicator 2 judges licences,
    # and reports Apache2 as an unknown SPDX id.
    # Wrong types are read as well as they can be, never raised.
    assert facts["dpg"]["types"] == ["software"]
    assert facts["dpg"]["sdgs"][0]["number"] is None
    assert facts["dpg"]["licenses"][1]["analysis"]["unknown"] == ["Apache2"]


def test_screening_record_for_another_solution_is_a_problem(schema):
    facts = collect_record(nominee("aam-digital"), screening("kolibri"))
    validate_facts_document(facts)
    assert facts["problems"] == [
        {
            "source": "dpg",
            "code": "record-mismatch",
            "message": "the screening record names 'Kolibri' but the nominee record names 'Aam Digital'",
            "path": str(screening("kolibri")),
        }
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"name": "x",\n  "license": [}', "the nominee record file is not valid JSON (line 2, column 15: Expecting value); fix the JSON syntax"),
        ("[1, 2]", "the nominee record file holds an array, not a JSON object; a DPGA nominee record is a JSON object"),
        (b"\xff\xfe{}", "the nominee record file is not UTF-8 text; save it as UTF-8 JSON"),
    ],
)
def test_unreadable_records_are_input_errors(tmp_path, content, message):
    path = tmp_path / "record.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(DpgcheckError) as raised:
        collect_record(path, None)
    assert raised.value.message == message
    assert raised.value.path == str(path)


def test_screening_record_given_as_nominee_is_an_input_error():
    with pytest.raises(DpgcheckError) as raised:
        collect_record(screening("aam-digital"), None)
    assert "this is a screening record" in raised.value.message
    assert "--screening" in raised.value.message


def test_missing_record_file_is_an_input_error(tmp_path):
    with pytest.raises(DpgcheckError) as raised:
        collect_record(tmp_path / "nope.json", None)
    assert raised.value.message.startswith("no such nominee record file")


# --- repository mode -----------------------------------------------------------


def test_repository_without_dpg_metadata(make_repo, schema):
    facts = collect_repository(make_repo({"README.md": "# x\n"}))
    validate_facts_document(facts)
    dpg = facts["dpg"]
    assert dpg["present"] is False
    assert dpg["valid"] is False
    assert dpg["files"] == [] and dpg["licenses"] == [] and dpg["sdgs"] == []
    assert dpg["screening"]["present"] is False


def test_repository_dpg_json_with_screening_fields(make_repo, schema):
    combined = {**load(nominee("kolibri")), **{k: v for k, v in load(screening("kolibri")).items() if k != "name"}}
    combined["organizations"][0][CONTACT_EMAIL] = "someone@example.org"
    facts = collect_repository(make_repo({"dpg.json": json.dumps(combined), "README.md": "x"}))
    validate_facts_document(facts)
    dpg = facts["dpg"]
    assert dpg["present"] is True and dpg["valid"] is True
    assert dpg["files"] == ["dpg.json"]
    assert dpg["name"] == "Kolibri"
    assert dpg["screening"]["present"] is True
    assert dpg["screening"]["do_no_harm"]["content"]["detection"] == "no"
    assert "someone@example.org" not in json.dumps(facts)


def test_repository_dpg_yaml_nominee_only(make_repo, schema):
    text = (
        "name: Example Health Registry\n"
        "description: A registry of health facilities\n"
        "license:\n  - spdx: GPL-3.0-or-later\n    licenseURL: https://example.org/LICENSE\n"
        "SDGs:\n  - SDGNumber: 3\n    evidenceText: Helps ministries plan health services\n"
        "type: [software]\n"
        f"organizations:\n  - name: Example Ministry\n    org_type: owner\n    {CONTACT_NAME}: Someone\n"
        "stage: nominee\n"
        "released: 2024-05-01\n"
    )
    facts = collect_repository(make_repo({"dpg.yaml": text}))
    validate_facts_document(facts)
    dpg = facts["dpg"]
    assert dpg["files"] == ["dpg.yaml"]
    # GPL-3.0-or-later is not in the schema's licence enum of 2020-22: a fact, which the policies ignore by default.
    assert dpg["valid"] is False
    assert dpg["errors"] == [{"document": "nominee", "file": "dpg.yaml", "path": "$.license[0].spdx", "keyword": "enum",
                              "message": "a 16-character string is not one of the 133 allowed values"}]
    assert dpg["licenses"][0]["analysis"]["dnf"] == [["GPL-3.0-or-later"]]
    assert dpg["owners"] == ["Example Ministry"]
    assert dpg["screening"]["present"] is False
    assert "Someone" not in json.dumps(facts)


def test_repository_broken_dpg_json_is_an_error_not_a_crash(make_repo, schema):
    facts = collect_repository(make_repo({"dpg.json": '{"name": "x", '}))
    validate_facts_document(facts)
    assert facts["dpg"]["present"] is True
    assert facts["dpg"]["errors"] == [
        {"document": "nominee", "file": "dpg.json", "path": "$", "message": "not valid JSON (line 1, column 15: Expecting property name enclosed in double quotes)"}
    ]


def test_repository_bad_yaml_and_several_records(make_repo, schema):
    facts = collect_repository(make_repo({"dpg.yaml": "name: [unclosed\n", "DPG.yml": "name: x\n"}))
    validate_facts_document(facts)
    assert facts["dpg"]["files"] == ["dpg.yaml"]
    assert facts["dpg"]["errors"][0]["path"] == "$"
    assert facts["dpg"]["errors"][0]["message"].startswith("not valid YAML (line 2, column 1:")
    assert {"source": "dpg", "code": "several-dpg-records", "message": "several DPG metadata files (dpg.yaml, DPG.yml); only dpg.yaml was read", "path": "dpg.yaml"} in facts["problems"]


# --- the schema checker agrees with jsonschema ----------------------------------


def _mutations(document: dict) -> list:
    """Broken variants of a real record: wrong types, missing fields, bad values."""
    variants = []
    for key in list(document):
        variants.append({k: v for k, v in document.items() if k != key})  # missing
        for wrong in (None, 7, "text", [], {}, True, [1, "a"], [{"x": 1}]):
            variants.append({**document, key: wrong})
    for key, value in document.items():
        if isinstance(value, dict):
            for inner in list(value):
                for wrong in (None, 3.5, "Maybe", ["Yes"], {"a": 1}, False):
                    variants.append({**document, key: {**value, inner: wrong}})
                variants.append({**document, key: {k: v for k, v in value.items() if k != inner}})
        if isinstance(value, list) and value:
            variants.append({**document, key: value + [value[0]]})  # duplicate
            if isinstance(value[0], dict):
                for inner in list(value[0]):
                    for wrong in (None, 18, "1", [], 1.0, True):
                        variants.append({**document, key: [{**value[0], inner: wrong}] + value[1:]})
    return variants


@pytest.mark.parametrize(("kind", "path"), [("nominee", nominee("kolibri")), ("nominee", nominee("storyweaver")), ("screening", screening("kolibri")), ("screening", screening("aam-digital"))])
def test_schema_checker_agrees_with_jsonschema(kind, path):
    from dpgcheck.collect import dpga_schema

    validator = jsonschema.Draft7Validator(dpga_schema._schema(kind))
    document = load(path)
    variants = _mutations(document)
    assert len(variants) > 50
    for variant in variants:
        expected = sorted((tuple(e.absolute_path), e.validator) for e in validator.iter_errors(variant))
        found = sorted((path_, keyword) for path_, keyword, _ in dpga_schema.schema_errors(variant, kind))
        assert found == expected, variant


@pytest.mark.parametrize("name", ["storyweaver", "kolibri"])
def test_broken_variants_of_real_records_give_valid_facts_and_decisions(tmp_path, name, schema):
    """Wrong types anywhere in a record never crash collection or evaluation."""
    from dpgcheck.bundle.loader import load_policies
    from dpgcheck.engine.factory import open_engine
    from dpgcheck.evaluate import RunOptions, decide

    engine = open_engine("regorus", load_policies())
    combined = {**load(nominee(name)), **{k: v for k, v in load(screening(name)).items() if k != "name"}}
    variants = _mutations(combined)
    for index, variant in enumerate(variants):
        path = write(tmp_path, f"v{index}.json", variant)
        facts = collect_record(path, None)
        validate_facts_document(facts)
        if index % 25 == 0:  # a sample through the policies
            decision = decide(engine, facts, RunOptions(profile="dpg-standard"))
            assert decision["verdict"] in ("pass", "fail")
            assert set(decision["indicators"]) == {"1", "2", "3", "4", "5", "6", "7", "8", "9", "9a", "9b", "9c"}
