"""The licensing rules end to end: real repositories, the real CLI, both engines."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ENGINES, run_json

CORPUS = Path(__file__).parent / "corpus" / "files"
RULES = {
    "license-file", "declared-license-valid", "declared-license-open", "license-mismatch",
    "deprecated-license-id", "license-additional-terms", "license-text-recognised",
}


def corpus(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def licensing_findings(repo: Path, engine: str) -> list[tuple[str, str, str, str | None]]:
    code, report = run_json("check", repo, "--format", "json", "--engine", engine, "--now", "2026-01-20T00:00:00Z")
    assert code in (0, 1)
    return sorted(
        (f["rule_id"], f["severity"], f["message"], (f.get("location") or {}).get("path"))
        for f in report["findings"]
        if f["rule_id"] in RULES
    )


@pytest.mark.parametrize("engine", ENGINES)
def test_clean_apache_project(make_repo, engine: str) -> None:
    repo = make_repo({
        "LICENSE": corpus("apache-2.0.requests.txt"),
        "pyproject.toml": '[project]\nname = "x"\nlicense = "Apache-2.0"\n',
        "package.json": '{"license": "Apache-2.0"}',
    })
    assert licensing_findings(repo, engine) == []


@pytest.mark.parametrize("engine", ENGINES)
def test_declared_mit_but_file_is_apache(make_repo, engine: str) -> None:
    repo = make_repo({"LICENSE": corpus("apache-2.0.requests.txt"), "package.json": '{"license": "MIT"}'})
    assert licensing_findings(repo, engine) == [
        ("license-mismatch", "warning", "LICENSE holds Apache-2.0, which no declaration names (declared: MIT)", "LICENSE"),
        ("license-mismatch", "warning", "package.json (license) declares MIT, but no licence file holds it (the licence files hold Apache-2.0)", "package.json"),
    ]


@pytest.mark.parametrize("engine", ENGINES)
def test_licence_with_inserted_clause(make_repo, engine: str) -> None:
    repo = make_repo({"LICENSE": corpus("bsd-3-clause+inserted-clause-4.txt"), "Cargo.toml": '[package]\nname = "x"\nlicense = "BSD-3-Clause"\n'})
    assert licensing_findings(repo, engine) == [
        (
            "license-additional-terms", "warning",
            'LICENSE holds BSD-3-Clause with additional terms (18 words inserted): "4. This software may not be used in the design, construction, operation or maintenance of any nuclear facility."',
            "LICENSE",
        ),
    ]


@pytest.mark.parametrize("engine", ENGINES)
def test_non_open_unknown_and_deprecated_declarations(make_repo, engine: str) -> None:
    repo = make_repo({
        "LICENSE": "All rights reserved. Ask us before you use this.\n",
        "package.json": '{"license": "BUSL-1.1"}',
        "composer.json": '{"license": "Apache2"}',
        "setup.cfg": "[metadata]\nlicense_expression = GPL-2.0\n",
        "pom.xml": "<project><licenses><license><name>BSD License</name></license></licenses></project>",
    })
    assert licensing_findings(repo, engine) == [
        ("declared-license-open", "error", "package.json (license): BUSL-1.1 is not an open licence: BUSL-1.1 is not OSI-approved, FSF-libre or an open data licence", "package.json"),
        ("declared-license-valid", "error", 'composer.json (license): "Apache2" is not on the SPDX licence list; use the exact id from https://spdx.org/licenses/ or LicenseRef-<name>', "composer.json"),
        ("declared-license-valid", "error", 'pom.xml (project.licenses): the licence name "BSD License" does not identify one SPDX licence; state the licence as an SPDX expression', "pom.xml"),
        ("deprecated-license-id", "warning", "setup.cfg (metadata.license_expression): GPL-2.0 is a deprecated SPDX id; write GPL-2.0-only, or GPL-2.0-or-later if later versions are allowed", "setup.cfg"),
        ("license-text-recognised", "warning", "LICENSE does not hold a recognisable licence: its text matches no licence dpgcheck knows", "LICENSE"),
    ]


@pytest.mark.parametrize("engine", ENGINES)
def test_only_declared_but_files_say_or_later(make_repo, engine: str) -> None:
    repo = make_repo({
        "COPYING": corpus("gpl-3.0.debian.txt"),
        "README.md": "# x\n",
        "LICENSE": corpus("gpl-3.0-or-later.notice.txt"),
        "pyproject.toml": '[project]\nname = "x"\nlicense = "GPL-3.0-only"\n',
    })
    assert licensing_findings(repo, engine) == [
        ("license-mismatch", "warning", "LICENSE holds GPL-3.0-or-later, which no declaration names (declared: GPL-3.0-only)", "LICENSE"),
        ("license-mismatch", "warning", 'pyproject.toml (project.license) declares GPL-3.0-only, but COPYING and LICENSE together say GPL-3.0-or-later ("or any later version")', "pyproject.toml"),
    ]


@pytest.mark.parametrize("engine", ENGINES)
def test_reuse_text_under_the_wrong_name(make_repo, engine: str) -> None:
    repo = make_repo({"LICENSES/MIT.txt": corpus("apache-2.0.requests.txt"), "LICENSE": corpus("mit.pytest.txt")})
    assert licensing_findings(repo, engine) == [
        ("license-text-recognised", "warning", "LICENSES/MIT.txt is named MIT but holds the text of Apache-2.0", "LICENSES/MIT.txt"),
    ]


@pytest.mark.parametrize("engine", ENGINES)
def test_lgpl_project_with_gpl_text_and_third_party_licences(make_repo, engine: str) -> None:
    repo = make_repo({
        "COPYING": corpus("gpl-3.0.debian.txt"),
        "COPYING.LESSER": corpus("lgpl-3.0.debian.txt"),
        "LICENSE-THIRD-PARTY.txt": corpus("apache-2.0.requests.txt"),
        "pyproject.toml": '[project]\nname = "x"\nlicense = "LGPL-3.0-or-later"\n',
    })
    assert licensing_findings(repo, engine) == []
