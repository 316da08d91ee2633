"""The licences collector on real repositories, through the real CLI."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_dpgcheck, run_json, validate_facts_document
from tests.licensing.combined import combined_in_rego

CORPUS = Path(__file__).parent / "corpus" / "files"
#: The licensing rules of this part (REUSE / SBOM / per-file rules are tested beside them).
RULES = {
    "license-file", "declared-license-valid", "declared-license-open", "license-mismatch",
    "deprecated-license-id", "license-additional-terms", "license-text-recognised",
}


def corpus(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def facts_of(repo: Path) -> dict:
    code, facts = run_json("facts", repo)
    assert code == 0
    validate_facts_document(facts)
    return facts


def licence_problems(facts: dict) -> list[tuple[str, str, str | None]]:
    return sorted((p["code"], p["message"], p.get("path")) for p in facts["problems"] if p["source"] == "licenses")


def test_gpl_project_declared_and_detected(make_repo) -> None:
    repo = make_repo({
        "pyproject.toml": '[project]\nname = "example"\nlicense = "GPL-3.0+"\n',
        "COPYING": corpus("gpl-3.0.debian.txt"),
        "LICENSE": corpus("gpl-3.0-or-later.notice.txt"),
        "src/example.py": "print('hi')\n",
    })
    section = facts_of(repo)["licenses"]
    assert [(d["source"], d["path"], d["field"], d["value"], d["kind"], d["analysis"]["normalized"], d["analysis"]["deprecated"]) for d in section["declared"]] == [
        ("pyproject", "pyproject.toml", "project.license", "GPL-3.0+", "spdx", "GPL-3.0-or-later", [{"id": "GPL-3.0+", "replacement": "GPL-3.0-or-later"}]),
    ]
    assert [(t["path"], t["location"], t["spdx_id"], t["match"], t["candidates"]) for t in section["detected"]] == [
        ("COPYING", "root", "GPL-3.0-only", "full", ["GPL-3.0-only", "GPL-3.0-or-later"]),
        ("LICENSE", "root", "GPL-3.0-or-later", "notice", ["GPL-3.0-or-later"]),
    ]
    combined = combined_in_rego(section)  # what the files say together is decided in Rego
    assert combined["ids"] == ["GPL-3.0-or-later"]
    assert combined["inferences"] == [{"kind": "or-later", "id": "GPL-3.0-or-later", "from": ["COPYING", "LICENSE"]}]
    assert combined["analysis"]["dnf"] == [["GPL-3.0-or-later"]]
    assert section["summary"] == {
        "declared_count": 1,
        "declared_sources": ["pyproject"],
        "declared_ids": ["GPL-3.0-or-later"],
        "license_files": 2,
        "detected_ids": ["GPL-3.0-only", "GPL-3.0-or-later"],
        "unrecognised": [],
    }


def test_every_metadata_format_in_one_repository(make_repo) -> None:
    repo = make_repo({
        "package.json": '{"name": "x", "license": "MIT"}',
        "Cargo.toml": '[package]\nname = "x"\nlicense = "MIT OR Apache-2.0"\n',
        "composer.json": '{"license": ["MIT"]}',
        "pom.xml": "<project><licenses><license><name>MIT License</name></license></licenses></project>",
        "x.gemspec": "Gem::Specification.new { |s| s.license = 'MIT' }\n",
        "DESCRIPTION": "Package: x\nLicense: MIT + file LICENSE\n",
        "setup.cfg": "[metadata]\nlicense_expression = MIT\n",
        "addons/x/__manifest__.py": "{'name': 'x', 'license': 'LGPL-3'}\n",
        "publiccode.yml": "publiccodeYmlVersion: '0.4'\nlegal:\n  license: MIT\n",
        "dpg.json": '{"name": "x", "license": [{"spdx": "MIT"}]}',
        "LICENSE": corpus("mit.pytest.txt"),
    })
    section = facts_of(repo)["licenses"]
    assert [(d["source"], d["expression"]) for d in section["declared"]] == [
        ("cargo", "MIT OR Apache-2.0"),
        ("r-description", "MIT"),
        ("odoo-manifest", "LGPL-3.0-only"),
        ("composer", "MIT"),
        ("dpg-record", "MIT"),
        ("package.json", "MIT"),
        ("maven", "MIT"),
        ("publiccode", "MIT"),
        ("setup.cfg", "MIT"),
        ("gemspec", "MIT"),
    ]


def test_third_party_licence_files_do_not_make_the_project_licence(make_repo) -> None:
    repo = make_repo({
        "COPYING": corpus("gpl-3.0.debian.txt"),
        "COPYING.LESSER": corpus("lgpl-3.0.debian.txt"),
        "LICENSE-THIRD-PARTY.txt": corpus("apache-2.0.requests.txt"),
        "LICENSES-vendor.md": corpus("mit.pytest.txt"),
    })
    section = facts_of(repo)["licenses"]
    assert [(t["path"], t["third_party"], t["spdx_id"]) for t in section["detected"]] == [
        ("COPYING", False, "GPL-3.0-only"),
        ("COPYING.LESSER", False, "LGPL-3.0-only"),
        ("LICENSE-THIRD-PARTY.txt", True, "Apache-2.0"),
        ("LICENSES-vendor.md", True, "MIT"),
    ]
    combined = combined_in_rego(section)
    assert combined["ids"] == ["LGPL-3.0-only"]
    assert combined["inferences"] == [
        {"kind": "lgpl-incorporates-gpl", "id": "LGPL-3.0-only", "from": ["COPYING", "COPYING.LESSER"]}
    ]


def test_reuse_licenses_directory_names(make_repo) -> None:
    repo = make_repo({
        "LICENSES/MIT.txt": corpus("apache-2.0.requests.txt"),
        "LICENSES/CC0-1.0.txt": corpus("cc0-1.0.debian.txt"),
        "LICENSES/LicenseRef-Acme.txt": "Acme internal terms: do what the Acme board says.\n",
    })
    section = facts_of(repo)["licenses"]
    assert [(t["path"], t["location"], t["named_id"], t["spdx_id"], t["match"]) for t in section["detected"]] == [
        ("LICENSES/CC0-1.0.txt", "LICENSES", "CC0-1.0", "CC0-1.0", "full"),
        ("LICENSES/LicenseRef-Acme.txt", "LICENSES", "LicenseRef-Acme", None, "unknown"),
        ("LICENSES/MIT.txt", "LICENSES", "MIT", "Apache-2.0", "full"),
    ]


def test_broken_and_hostile_files_become_problems(make_repo) -> None:
    mit = corpus("mit.pytest.txt")
    repo = make_repo({
        "LICENSE.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20,
        "COPYING": mit.encode("utf-16"),
        "LICENCE.txt": ("Copyright (c) 2024 Caf\u00e9 Authors\n\n" + mit.split("\n", 2)[2]).encode("latin-1"),
        "LICENSE-HUGE": "Permission is hereby granted. " * 30_000,
        "docs/LICENSE.md": "",
        "pyproject.toml": '[project\nlicense = "MIT"\n',
        "package.json": '{"license": ',
        "pom.xml": '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><project>&a;</project>',
        "addons/a/__manifest__.py": "{'license': open('/etc/passwd').read()}",
        "publiccode.yml": "legal: {license: [\n",
    })
    facts = facts_of(repo)
    assert licence_problems(facts) == [
        ("bad-metadata", "cannot read the declared licence: not a Python dict literal (manifests are read, never run)", "addons/a/__manifest__.py"),
        ("bad-metadata", "cannot read the declared licence: not valid JSON: Expecting value: line 1 column 13 (char 12)", "package.json"),
        ("bad-metadata", "cannot read the declared licence: not valid TOML: Expected ']' at the end of a table declaration (at line 1, column 9)", "pyproject.toml"),
        ("bad-metadata", "cannot read the declared licence: pom.xml declares a DOCTYPE or entities; refused (XML entity expansion)", "pom.xml"),
        ("binary-file", "file looks binary (contains NUL bytes); not read as text", "LICENSE.png"),
        ("file-too-large", "file is 900000 bytes, over the 524288-byte limit; not read", "LICENSE-HUGE"),
        ("not-utf8", "file is UTF-16, not UTF-8; read as UTF-16 (save it as UTF-8)", "COPYING"),
        ("not-utf8", "file is not valid UTF-8; read as Latin-1 (save it as UTF-8)", "LICENCE.txt"),
    ]
    # publiccode.yml's own collector reports it; the licences collector does not repeat it.
    assert {p["source"] for p in facts["problems"] if p.get("path") == "publiccode.yml"} == {"publiccode"}
    assert [(t["path"], t["spdx_id"], t["match"]) for t in facts["licenses"]["detected"]] == [
        ("COPYING", "MIT", "full"),
        ("LICENCE.txt", "MIT", "full"),
        ("LICENSE-HUGE", None, "not_read"),
        ("LICENSE.png", None, "not_read"),
        ("docs/LICENSE.md", None, "empty"),
    ]
    assert facts["licenses"]["declared"] == []


@pytest.mark.parametrize("use_git", [True, False])
def test_check_never_crashes_on_hostile_licence_files(make_repo, use_git: bool) -> None:
    repo = make_repo({
        "LICENSE": b"\xff\xfe\x00\xd8",  # a UTF-16 mark followed by a lone surrogate
        "COPYING": b"\x00" * 100,
        "package.json": b"\xef\xbb\xbf" + json.dumps({"license": "GPL-2.0"}).encode(),
    }, use_git=use_git)
    result = run_dpgcheck("check", repo, "--format", "json")
    assert "Traceback" not in result.stderr
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    licensing = sorted((f["rule_id"], (f.get("location") or {}).get("path")) for f in report["findings"] if f["rule_id"] in RULES)
    assert licensing == [
        ("deprecated-license-id", "package.json"),
        ("license-text-recognised", "COPYING"),
        ("license-text-recognised", "LICENSE"),
    ]


def test_no_licence_files_no_metadata_is_fast_and_empty(make_repo) -> None:
    repo = make_repo({"README.md": "# x\n"})
    section = facts_of(repo)["licenses"]
    assert section == {
        "declared": [],
        "detected": [],
        "summary": {"declared_count": 0, "declared_sources": [], "declared_ids": [], "license_files": 0, "detected_ids": [], "unrecognised": []},
    }
