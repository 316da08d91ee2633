"""Terminal and markup injection (hostile-input class 4): names and record fields that hold escapes.

A checked repository chooses its directory and file names, a registry record its fields.
Held in them: an OSC sequence that retitles the auditor's terminal, a "clear screen",
a carriage return and backspace that overwrite what was printed, a C1 CSI, a
right-to-left override, and Markdown/HTML. Every human-readable format must show them
as visible escapes; every machine format must stay valid and keep the exact value.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest

from dpgcheck.report.safe import clean_report, json_safe, markdown_code, markdown_text, printable, xml_safe
from dpgcheck.resources import schema
from tests.conftest import git, run_dpgcheck

NOW = "2026-06-01T00:00:00Z"
ESCAPES = "\x1b]0;pwned\x07\x1b[2J\r\x08\x9b\u202e"
SHOWN = "\\x1b]0;pwned\\x07\\x1b[2J\\r\\x08\\x9b\\u202e"
MARKUP = "<img src=x onerror=alert(1)>|`[a](javascript:x)"
# Anything that acts on a terminal: C0 controls but the newline, DEL, C1 controls, bidi controls.
RAW_CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
HUMAN = ("text", "markdown", "github")
# The record reader folds whitespace (the CR becomes a space); what is left must still show.
SHOWN_PARTS = ("\\x1b]0;pwned\\x07\\x1b[2J", "\\x08\\x9b\\u202e")


@pytest.fixture(scope="module")
def hostile_repo(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("hostile")
    repo = base / f"repo{ESCAPES}"
    repo.mkdir()
    (repo / "README.md").write_text("# tool\n\nInstall with pip.\n", encoding="utf-8")
    outside = base / "outside.txt"
    outside.write_text("not yours", encoding="utf-8")
    # A link out of the tree is reported with its own name as the location.
    os.symlink(outside, repo / f"CONTRIBUTING{ESCAPES}{MARKUP}.md")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "initial")
    return repo


@pytest.fixture(scope="module")
def hostile_record(tmp_path_factory) -> Path:
    record = {
        "name": f"Evil{ESCAPES}{MARKUP}",
        "description": f"A tool{ESCAPES}",
        "license": [{"spdx": "MIT", "licenseURL": "https://example.org/LICENSE"}],
        "organizations": [{"name": f"Org{ESCAPES}", "website": "https://example.org", "org_type": "owner"}],
        "SDGs": [{"SDGNumber": 1, "evidenceText": f"Evidence{ESCAPES}"}],
        "type": ["software"],
        "stage": "nominee",
        "repositories": [{"name": "main", "url": "https://example.org/repo"}],
    }
    path = tmp_path_factory.mktemp("record") / "nominee.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    return path


def render(args: list[str | Path], fmt: str) -> str:
    result = run_dpgcheck("check", *args, "--format", fmt, "--now", NOW)
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    return result.stdout


def targets(hostile_repo: Path, hostile_record: Path) -> dict[str, list[str | Path]]:
    return {"repository": [hostile_repo], "record": ["--record", hostile_record]}


@pytest.mark.parametrize("fmt", HUMAN)
@pytest.mark.parametrize("target", ["repository", "record"])
def test_human_formats_show_escapes_and_never_send_them(hostile_repo, hostile_record, target, fmt):
    out = render(targets(hostile_repo, hostile_record)[target], fmt)
    assert RAW_CONTROLS.findall(out) == []
    if fmt != "github":  # annotations carry finding messages, not the subject's name
        assert all(part in out for part in SHOWN_PARTS)
        assert target == "record" or SHOWN in out


def test_text_shows_the_file_name_as_it_is(hostile_repo):
    out = render([hostile_repo], "text")
    assert f"  warning collection-problems [CONTRIBUTING{SHOWN}{MARKUP}.md]" in out
    assert out.startswith(f"dpgcheck 0.1.0 · repo{SHOWN} @ ")


def test_markdown_cannot_gain_markup_or_cells(hostile_repo, hostile_record):
    out = render([hostile_repo], "markdown")
    row = next(line for line in out.splitlines() if "`collection-problems`" in line)
    # Exactly the table's five cell separators; the name's own pipe is escaped.
    assert len(re.findall(r"(?<!\\)\|", row)) == 5
    assert f"``CONTRIBUTING{SHOWN}<img src=x onerror=alert(1)>\\|`[a](javascript:x).md``" in row
    record = render(["--record", hostile_record], "markdown")
    heading = record.splitlines()[0]
    assert heading == (
        "## dpgcheck ❌ failed: ``Evil\\x1b]0;pwned\\x07\\x1b[2J \\x08\\x9b\\u202e<img src=x onerror=alert(1)>\\|`[a](javascript:x)``"
    )


def test_github_annotations_stay_one_line_each(hostile_repo):
    out = render([hostile_repo], "github")
    annotation = next(line for line in out.splitlines() if "collection-problems" in line)
    assert annotation.startswith(f"::warning file=CONTRIBUTING{SHOWN}")
    assert all(line.startswith("::") for line in out.splitlines()[:-1])


@pytest.mark.parametrize("target", ["repository", "record"])
def test_junit_stays_well_formed(hostile_repo, hostile_record, target):
    root = ET.fromstring(render(targets(hostile_repo, hostile_record)[target], "junit"))
    subject = root.find("testsuite/properties/property[@name='subject']").get("value")
    assert all(part in subject for part in SHOWN_PARTS)
    assert target == "record" or SHOWN in subject
    assert RAW_CONTROLS.findall(subject) == []


def test_json_and_sarif_stay_valid_and_keep_the_exact_values(hostile_repo, hostile_record):
    report = json.loads(render([hostile_repo], "json"))
    problem = next(f for f in report["findings"] if f["rule_id"] == "collection-problems")
    assert problem["location"]["path"] == f"CONTRIBUTING{ESCAPES}{MARKUP}.md"
    assert report["subject"]["name"] == f"repo{ESCAPES}"
    sarif = json.loads(render([hostile_repo], "sarif"))
    sarif_schema = schema("sarif-schema-2.1.0.json")
    jsonschema.validators.validator_for(sarif_schema)(sarif_schema).validate(sarif)
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]]
    assert all(re.fullmatch(r"[A-Za-z0-9%/._~!$&'()*+,;=:@-]+", uri) for uri in uris), uris
    record = json.loads(render(["--record", hostile_record], "json"))
    facts = json.loads(run_dpgcheck("facts", "--record", hostile_record).stdout)
    assert record["subject"]["name"] == facts["subject"]["name"]
    assert "\x1b]0;pwned\x07" in record["subject"]["name"]
    json.loads(render(["--record", hostile_record], "sarif"))


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a\x1b[31mb", "a\\x1b[31mb"),
        ("line\rover", "line\\rover"),
        ("tab\there", "tab\\there"),
        ("c1\x9bcsi", "c1\\x9bcsi"),
        ("rtl\u202eevil", "rtl\\u202eevil"),
        ("sep\u2028x", "sep\\u2028x"),
        ("lone\udcff", "lone\\udcff"),
        ("café ✓", "café ✓"),
    ],
)
def test_printable(text, shown):
    assert printable(text) == shown


def test_helpers_for_each_format():
    assert printable("a\nb\x07", keep_newlines=True) == "a\nb\\x07"
    assert xml_safe("a\x00b\x1bc\td\n\r") == "a\\x00b\\x1bc\td\n\\r"
    assert json_safe('"\ud800"') == '"\\ud800"' and json.loads(json_safe('"\ud800"')) == "\ud800"
    assert markdown_text("<b>*x*</b> [l](u) a|b &#x1b;") == "\\<b\\>\\*x\\*\\</b\\> \\[l\\](u) a\\|b \\&#x1b;"
    assert markdown_code("a`b") == "``a`b``"
    assert markdown_code("`x`") == "`` `x` ``"
    assert clean_report({"k\x1b": ["v\x1b", 1, None]}) == {"k\\x1b": ["v\\x1b", 1, None]}


def test_error_messages_show_escapes_in_the_paths_they_quote(tmp_path):
    target = tmp_path / f"facts{ESCAPES}.json"
    target.write_text("{not json", encoding="utf-8")
    result = run_dpgcheck("check", "--facts", target)
    assert result.returncode == 2
    assert RAW_CONTROLS.findall(result.stderr) == []
    assert f"facts{SHOWN}.json: facts file is not valid JSON" in result.stderr
    assert len(result.stderr.splitlines()) == 1
