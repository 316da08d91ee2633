"""dpgcheck check on DPG registry records and on repositories with and without dpg.json."""
from __future__ import annotations

import json

import pytest

from tests.conftest import DPGA_DATA, ENGINES, run_dpgcheck, run_json
from tests.dpg.contact_fields import CONTACT_EMAIL, CONTACT_NAME

DATA = DPGA_DATA / "publicgoods-candidates"
NOW = "2026-06-01T00:00:00Z"

ALL_PASS = {
    "1": "pass", "2": "pass", "3": "pass", "4": "not_applicable", "5": "pass", "6": "pass",
    "7": "pass", "8": "pass", "9": "pass", "9a": "pass", "9b": "not_applicable", "9c": "not_applicable",
}


def record_args(name: str, *extra: str) -> list:
    args = ["check", "--record", DATA / "nominees" / f"{name}.json"]
    screening = DATA / "digitalpublicgoods" / f"{name}.json"
    if screening.exists():
        args += ["--screening", screening]
    return [*args, "--profile", "dpg-standard", *extra]


def combined_record(name: str) -> dict:
    """The dpg.json convention: the nominee record with the screening fields beside it."""
    nominee = json.loads((DATA / "nominees" / f"{name}.json").read_text(encoding="utf-8"))
    screening = json.loads((DATA / "digitalpublicgoods" / f"{name}.json").read_text(encoding="utf-8"))
    return {**nominee, **{k: v for k, v in screening.items() if k != "name"}}


@pytest.mark.parametrize("engine", ENGINES)
def test_registry_dpg_passes_every_indicator(engine):
    code, report = run_json(*record_args("aam-digital", "--format", "json", "--engine", engine))
    assert code == 0
    assert report["verdict"] == "pass"
    assert report["profile"] == "dpg-standard"
    assert report["subject"]["kind"] == "record"
    assert report["indicators"] == ALL_PASS
    assert report["findings"] == []


@pytest.mark.parametrize("engine", ENGINES)
def test_registry_record_failing_an_indicator(engine):
    code, report = run_json(*record_args("kolibri", "--format", "json", "--engine", engine))
    assert code == 1
    assert report["indicators"] == {**ALL_PASS, "9b": "fail"}
    assert [(f["rule_id"], f["indicator"], f["severity"], f["outcome"]) for f in report["findings"]] == [
        ("dpg-content-moderation", "9b", "error", "fail")
    ]


def test_text_report_shows_the_indicator_table():
    result = run_dpgcheck(*record_args("gdl-radio"))
    assert result.returncode == 1, result.stderr
    assert "Global Digital Library Radio" in result.stdout or "GDL Radio" in result.stdout
    for indicator in ("1", "2", "3", "9a", "9b", "9c"):
        assert f"\n  {indicator} " in result.stdout
    assert "dpg-license-non-commercial" in result.stdout  # the NC warning
    assert "Indicator 1 (SDG relevance): SDG 4 is claimed without evidence" in result.stdout


def test_schema_invalid_record_gives_findings_with_json_paths(tmp_path):
    record = json.loads((DATA / "nominees" / "aam-digital.json").read_text(encoding="utf-8"))
    record["SDGs"][0]["SDGNumber"] = "one"
    record["license"] = [{"spdx": "Apache2", "licenseURL": ""}]
    del record["type"]
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    code, report = run_json("check", "--record", path, "--profile", "dpg-standard", "--format", "json")
    assert code == 1
    schema = sorted(f["message"] for f in report["findings"] if f["rule_id"] == "dpg-record-schema")
    assert schema == [
        "nominee record $.SDGs[0].SDGNumber: a 3-character string is not one of the 17 allowed values",
        "nominee record $.SDGs[0].SDGNumber: must be a number, not a string",
        "nominee record $: missing required field 'type'",
    ]
    assert {f["location"]["path"] for f in report["findings"] if f["rule_id"] == "dpg-record-schema"} == {str(path)}
    licence = sorted(f["message"] for f in report["findings"] if f["rule_id"] == "dpg-open-license")
    assert licence == [
        "Indicator 2 (open licence): license[0] \"Apache2\" is not an SPDX licence id; use the exact id from https://spdx.org/licenses/",
        "Indicator 2 (open licence): the record declares no known solution type (software, content, data, aimodel or standard), so the approved list cannot be chosen",
    ]
    assert report["indicators"]["1"] == "fail"
    assert report["indicators"]["2"] == "fail"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"name": "x", "license": [', "not valid JSON (line 1, column 27"),
        ('"just a string"', "holds a string, not a JSON object"),
        ("", "not valid JSON (line 1, column 1"),
    ],
)
def test_unreadable_records_exit_2_without_traceback(tmp_path, content, expected):
    path = tmp_path / "record.json"
    path.write_text(content, encoding="utf-8")
    result = run_dpgcheck("check", "--record", path)
    assert result.returncode == 2
    assert expected in result.stderr
    assert str(path) in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_record_and_broken_screening_exit_2(tmp_path):
    result = run_dpgcheck("check", "--record", tmp_path / "nope.json")
    assert result.returncode == 2 and "no such nominee record file" in result.stderr
    broken = tmp_path / "screening.json"
    broken.write_text("{", encoding="utf-8")
    result = run_dpgcheck("check", "--record", DATA / "nominees" / "aam-digital.json", "--screening", broken)
    assert result.returncode == 2
    assert "the screening record file is not valid JSON" in result.stderr
    assert "Traceback" not in result.stderr


def test_personal_contact_fields_never_reach_outputs(tmp_path):
    record = json.loads((DATA / "nominees" / "aam-digital.json").read_text(encoding="utf-8"))
    record["organizations"][0][CONTACT_NAME] = "Jane Example"
    record["organizations"][0][CONTACT_EMAIL] = "jane@example.org"
    path = tmp_path / "record.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    for args in (["facts", "--record", path], ["check", "--record", path, "--format", "json"], ["check", "--record", path]):
        result = run_dpgcheck(*args)
        assert result.returncode in (0, 1), result.stderr
        for value in ("Jane Example", "jane@example.org"):
            assert value not in result.stdout
            assert value not in result.stderr


# --- repositories ---------------------------------------------------------------


def test_repository_without_dpg_json_is_not_failed_by_the_dpg_rules(make_repo):
    repo = make_repo({"README.md": "# Tool\n", "LICENSE": "MIT License\n"})
    code, report = run_json("check", repo, "--format", "json", "--now", NOW)
    dpg = [f for f in report["findings"] if f["area"] == "dpg"]
    assert dpg and all(f["severity"] == "info" for f in dpg)
    assert {f["rule_id"] for f in report["findings"] if f["severity"] == "error" and f["area"] == "dpg"} == set()
    assert report["rules"]["dpg-metadata-present"]["status"] == "warn"
    assert report["indicators"]["1"] == "insufficient_evidence"
    assert report["indicators"]["4"] == "insufficient_evidence"


def test_repository_without_dpg_json_fails_the_dpg_standard_profile(make_repo):
    repo = make_repo({"README.md": "# Tool\n"})
    code, report = run_json("check", repo, "--profile", "dpg-standard", "--format", "json", "--now", NOW)
    assert code == 1
    missing = [f for f in report["findings"] if f["rule_id"] == "dpg-metadata-present"]
    assert [(f["severity"], f["outcome"]) for f in missing] == [("error", "fail")]
    # The README is direct evidence for indicator 5.
    assert report["indicators"]["5"] == "pass"
    assert report["indicators"]["1"] == "insufficient_evidence"


@pytest.mark.parametrize("engine", ENGINES)
def test_repository_with_dpg_json_is_judged_like_its_record(make_repo, engine):
    repo = make_repo({"dpg.json": json.dumps(combined_record("aam-digital"), indent=2), "README.md": "# Aam Digital\n", "LICENSE": "GPL-3.0\n"})
    code, report = run_json("check", repo, "--profile", "dpg-standard", "--format", "json", "--engine", engine, "--now", NOW)
    assert report["indicators"] == ALL_PASS
    assert [f for f in report["findings"] if f["area"] == "dpg"] == []
    assert code == 0, report["findings"]


def test_repository_evidence_files_fill_unanswered_indicators(make_repo):
    nominee = json.loads((DATA / "nominees" / "aam-digital.json").read_text(encoding="utf-8"))
    files = {
        "dpg.yaml": json.dumps(nominee),  # JSON is YAML too
        "README.md": "# x\n",
        "PRIVACY.md": "We comply with the GDPR.\n",
        "SECURITY.md": "Report privately to security@example.org\n",
        "CODE_OF_CONDUCT.md": "Be kind. Report abuse to conduct@example.org\n",
    }
    code, report = run_json("check", make_repo(files), "--profile", "dpg-standard", "--format", "json", "--now", NOW)
    assert {k: report["indicators"][k] for k in ("5", "7", "9a", "9c")} == {"5": "pass", "7": "pass", "9a": "pass", "9c": "pass"}
    # No screening answers: the other indicators cannot be shown from files.
    assert {k: report["indicators"][k] for k in ("3", "4", "6", "8", "9", "9b")} == {k: "insufficient_evidence" for k in ("3", "4", "6", "8", "9", "9b")}


def test_broken_dpg_json_in_a_repository_is_a_finding(make_repo):
    code, report = run_json("check", make_repo({"dpg.json": "{\n  \"name\": \"x\",\n}\n"}), "--profile", "dpg-standard", "--format", "json", "--now", NOW)
    assert code == 1
    schema = [f for f in report["findings"] if f["rule_id"] == "dpg-record-schema"]
    assert len(schema) == 1
    assert schema[0]["message"].startswith("nominee record $: not valid JSON (line 3, column 1: ")
    assert schema[0]["location"] == {"path": "dpg.json"}


def test_government_bundle_replaces_the_approved_licence_lists(tmp_path):
    """The lists are data: an overlay adds a national licence and withdraws another."""
    overlay = tmp_path / "national"
    target = overlay / "dpgcheck" / "licenses" / "dpga"
    target.mkdir(parents=True)
    (overlay / ".manifest").write_text(json.dumps({"revision": "national-1", "roots": ["dpgcheck/licenses/dpga"]}), encoding="utf-8")
    (target / "data.json").write_text(json.dumps({
        "categories": {"software": {"licenses": {"LicenseRef-National-Open-1.0": {"name": "National Open Licence 1.0"}}}},
        "excluded": {"GPL-3.0-only": "not on the national list of approved licences"},
    }), encoding="utf-8")
    record = json.loads((DATA / "nominees" / "aam-digital.json").read_text(encoding="utf-8"))
    national = tmp_path / "national-record.json"
    national.write_text(json.dumps({**record, "license": [{"spdx": "LicenseRef-National-Open-1.0", "licenseURL": "https://example.org/licence"}]}), encoding="utf-8")

    code, report = run_json("check", "--record", national, "--profile", "dpg-standard", "--bundle", overlay, "--format", "json")
    assert report["indicators"]["2"] == "pass", report["findings"]
    code, report = run_json("check", "--record", national, "--profile", "dpg-standard", "--format", "json")
    assert report["indicators"]["2"] == "fail"

    code, report = run_json(*record_args("aam-digital", "--bundle", overlay, "--format", "json"))
    assert code == 1
    assert report["indicators"]["2"] == "fail"
    assert "license[0] GPL-3.0-only is never accepted: not on the national list of approved licences" in {
        f["message"].split(": ", 1)[1] for f in report["findings"] if f["rule_id"] == "dpg-open-license"
    }


def test_the_documented_dpg_json_example_passes(make_repo):
    """docs/dpg.md shows a complete dpg.json: it must be valid and pass every indicator."""
    from tests.conftest import ROOT

    text = (ROOT / "docs" / "dpg.md").read_text(encoding="utf-8")
    example = text.split("```json\n", 1)[1].split("```", 1)[0]
    repo = make_repo({"dpg.json": example, "README.md": "# Example\n", "LICENSE": "GPL-3.0-or-later\n"})
    code, report = run_json("check", repo, "--profile", "dpg-standard", "--format", "json", "--now", NOW)
    assert [f for f in report["findings"] if f["area"] == "dpg"] == []
    assert report["indicators"] == {**ALL_PASS, "6": "pass"}
