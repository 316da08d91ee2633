"""REUSE facts and rules through the real CLI, on both engines, with hostile files."""
from __future__ import annotations

import json

import pytest

from tests.conftest import ENGINES, run_dpgcheck, run_json, validate_facts_document

REUSE_RULES = ("per-file-coverage", "reuse-license-texts", "reuse-header-valid")

PROJECT = {
    "LICENSES/MIT.txt": "MIT License\n",
    "LICENSES/Apache-2.0.txt": "Apache License\n",
    "LICENSES/GPL-2.0.txt": "GNU GPL v2\n",
    "README.md": "<!-- SPDX-FileCopyrightText: 2024 Example Org -->\n<!-- SPDX-License-Identifier: MIT -->\n# app\n",
    "src/main.py": "# SPDX-FileCopyrightText: 2024 Example Org\n# SPDX-License-Identifier: MIT\n",
    "src/util.py": "# SPDX-FileCopyrightText: 2024 Example Org\n# SPDX-License-Identifier: MIT OR (\n",
    "src/extra.py": "# SPDX-FileCopyrightText: 2024 Example Org\n# SPDX-License-Identifier: BSD-3-Clause\n",
    "src/plain.py": "print('no header')\n",
    "assets/logo.png": b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(50),
    "assets/logo.png.license": "SPDX-FileCopyrightText: 2024 Example Org\nSPDX-License-Identifier: MIT\n",
}


def reuse_facts(root) -> dict:
    result = run_dpgcheck("facts", root)
    assert result.returncode == 0, result.stderr
    facts = json.loads(result.stdout)
    validate_facts_document(facts)
    return facts


def test_facts_of_a_reuse_project(make_repo):
    facts = reuse_facts(make_repo(PROJECT))
    assert facts["reuse"] == {
        "covered_files": 6,
        "with_copyright": 5,
        "with_licensing": 4,
        "with_both": 4,
        "sources": {"file-header": 4, "dot-license": 1, "reuse-toml": 0, "dep5": 0},
        "missing_copyright": {"count": 1, "paths": ["src/plain.py"]},
        "missing_licensing": {"count": 2, "paths": ["src/plain.py", "src/util.py"]},
        "not_scanned": [],
        "invalid_expressions": [{"path": "src/util.py", "expression": "MIT OR (", "source": "file-header"}],
        "licenses_dir": [
            {"id": "Apache-2.0", "path": "LICENSES/Apache-2.0.txt", "extension": ".txt"},
            {"id": "GPL-2.0", "path": "LICENSES/GPL-2.0.txt", "extension": ".txt"},
            {"id": "MIT", "path": "LICENSES/MIT.txt", "extension": ".txt"},
        ],
        "used_licenses": ["BSD-3-Clause", "MIT"],
        "missing_licenses": ["BSD-3-Clause"],
        "unused_licenses": ["Apache-2.0", "GPL-2.0"],
        "reuse_toml": [],
        "dep5": False,
    }


@pytest.mark.parametrize("engine", ENGINES)
def test_rules_on_a_reuse_project(make_repo, engine):
    root = make_repo(PROJECT)
    code, report = run_json("check", root, "--format", "json", "--engine", engine, "--fail-on", "never")
    assert code == 0
    found = sorted((f["rule_id"], f["severity"], f["message"]) for f in report["findings"] if f["rule_id"] in REUSE_RULES)
    assert found == [
        ("per-file-coverage", "info",
         "4 of 6 files (66.7%) carry both a copyright notice and licence information; the threshold is 100%: 2 lack a licence, 1 lack a copyright notice"),
        ("reuse-header-valid", "warning", 'src/util.py: "MIT OR (" (file-header) is not a valid SPDX licence expression, so the file counts as unlicensed'),
        ("reuse-license-texts", "warning", "BSD-3-Clause is used by some files but LICENSES/ has no text for it: add LICENSES/BSD-3-Clause.txt"),
        ("reuse-license-texts", "warning", "LICENSES/Apache-2.0.txt is in LICENSES/ but no file uses it"),
        ("reuse-license-texts", "warning", "LICENSES/GPL-2.0.txt is in LICENSES/ but no file uses it"),
        ("reuse-license-texts", "warning", "LICENSES/GPL-2.0.txt: GPL-2.0 is a deprecated SPDX id (use GPL-2.0-only)"),
    ]


@pytest.mark.parametrize("engine", ENGINES)
def test_per_file_headers_can_be_required(make_repo, engine):
    """Advisory by default; a profile's (or the run's) severity map makes it blocking."""
    root = make_repo({"LICENSE": "MIT License\n", "README.md": "# app\n", "src/a.py": "x = 1\n"})
    code, report = run_json("check", root, "--format", "json", "--engine", engine, "--fail-on", "warning", "--severity", "per-file-coverage=error")
    finding = [f for f in report["findings"] if f["rule_id"] == "per-file-coverage"]
    assert finding[0]["severity"] == "error" and code == 1
    assert finding[0]["message"] == "0 of 2 files (0%) carry both a copyright notice and licence information; the threshold is 100%: 2 lack a licence, 2 lack a copyright notice"
    assert report["rules"]["reuse-license-texts"]["status"] == "not_applicable"


def test_hostile_files(make_repo):
    huge = b"# SPDX-License-Identifier: MIT\n" + b"x" * (17 * 1024 * 1024)
    root = make_repo({
        "LICENSES/MIT.txt": b"\x00\x01\x02 binary licence text \xff",
        "COPYING": b"\x7fELF\x00\x00 binary named like a licence",
        "LICENSE.exe": b"MZ\x00\x00",
        "data/huge.csv": huge,
        "docs/latin1.txt": "SPDX-FileCopyrightText: Jürgen\nSPDX-License-Identifier: MIT\n".encode("latin-1"),
        "docs/utf16.txt": "SPDX-FileCopyrightText: A\nSPDX-License-Identifier: MIT\n".encode("utf-16"),
        "docs/badutf8.txt": b"SPDX-FileCopyrightText: \xff\xfe\xfd\nSPDX-License-Identifier: MIT\n",
        "REUSE.toml": "version = 1\n[[annotations]\npath = 'x'\n",
        ".reuse/dep5": "Files: *\n",
    })
    result = run_dpgcheck("facts", root)
    assert result.returncode == 0 and "Traceback" not in result.stderr
    facts = json.loads(result.stdout)
    validate_facts_document(facts)
    reuse = facts["reuse"]
    assert reuse["not_scanned"] == ["data/huge.csv"]
    assert reuse["missing_licensing"] == {"count": 1, "paths": ["data/huge.csv"]}
    assert reuse["covered_files"] == 4
    assert sorted(p["code"] for p in facts["problems"] if p["source"] == "reuse") == ["reuse-dep5-and-toml", "reuse-toml-invalid"]
    check = run_dpgcheck("check", root, "--format", "json", "--fail-on", "never")
    assert check.returncode == 0 and "Traceback" not in check.stderr


def test_pathological_texts_stay_linear():
    import time

    from dpgcheck.licensing import reuse_spec as reuse

    texts = [
        "SPDX-License-Identifier: MIT" + " " * 2_000_000 + "x",
        "SPDX-FileCopyrightText: " + " " * 3_000_000 + "x\n",
        "Copyright " * 500_000,
        "SPDX-License-Identifier: " + "MIT AND " * 300_000 + "MIT",
        "REUSE-IgnoreStart\n" * 200_000,
    ]
    for text in texts:
        started = time.monotonic()
        info = reuse.extract(text, "file-header")
        valid = [reuse.parse_expression(value)[0] for value, _ in info.expressions]
        assert time.monotonic() - started < 3
        assert valid in ([], [False])
