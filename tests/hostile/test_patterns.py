"""Class 10 of issue 9 (ReDoS and unbounded work), in process: each pattern that sees repository
content is fed the input that made it backtrack, and must answer in well under a second."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from dpgcheck.licensing import reuse_spec as reuse
from dpgcheck.licensing.detect import spdx_line_value
from dpgcheck.licensing.globmatch import compile_glob


def _timed(function, *args):
    """The value and the CPU seconds it took: work done, whatever else the shared machine runs."""
    started = time.process_time()
    value = function(*args)
    return value, time.process_time() - started


def test_header_with_a_run_of_braces_is_scanned_at_once() -> None:
    info, seconds = _timed(reuse.extract, "// SPDX-License-Identifier: MIT " + "}" * 40 + "x\n", "file-header")
    assert info.expressions == [("MIT " + "}" * 40 + "x", "file-header")]
    assert seconds < 0.5


def test_comment_terminators_are_still_dropped() -> None:
    for line, value in [("/* SPDX-License-Identifier: MIT */", "MIT"), ("<!-- SPDX-License-Identifier: MIT -->", "MIT"),
                        ("{# SPDX-License-Identifier: MIT #}", "MIT"), ("{{!-- SPDX-License-Identifier: MIT --}}", "MIT")]:
        assert reuse.extract(line, "file-header").expressions == [(value, "file-header")]


def test_spdx_line_of_spaces_is_linear() -> None:
    lines = ["SPDX-License-Identifier: MIT" + " " * 470 + "x"] * 200
    found, seconds = _timed(lambda: [spdx_line_value(line) for line in lines])
    assert found[0] == "MIT" + " " * 470 + "x"
    assert seconds < 0.2
    assert spdx_line_value("/* SPDX-License-Identifier: Apache-2.0 */") == "Apache-2.0"
    assert spdx_line_value("<!-- SPDX-License-Identifier: MIT -->") == "MIT"
    assert spdx_line_value("SPDX-License-Identifier: MIT * 2") is None


@pytest.mark.parametrize(
    ("pattern", "dialect", "path", "expected"),
    [
        ("**a" * 15, "toml", "a" * 60, True),
        ("**a" * 15 + "b", "toml", "a" * 60, False),
        ("*a" * 15 + "b", "dep5", "a" * 60, False),
        ("*a" * 15 + "b", "dep5", "a" * 59 + "b", True),
        ("**/*.py", "toml", "src/pkg/mod.py", True),
        ("*.py", "toml", "src/mod.py", False),
        ("src/\\*.py", "toml", "src/*.py", True),
        ("src/\\*.py", "toml", "src/a.py", False),
        ("docs/?.md", "dep5", "docs/a.md", True),
        ("docs/*", "dep5", "docs/a/b.md", True),
    ],
)
def test_globs_match_in_linear_time(pattern: str, dialect: str, path: str, expected: bool) -> None:
    glob = compile_glob(pattern, dialect)
    matched, seconds = _timed(glob.match, path)
    assert matched is expected
    assert seconds < 0.05


def _lint(files: dict[str, bytes]):
    return reuse.lint([(path, len(data) or 1) for path, data in files.items()], files.get)


def test_reuse_toml_with_20000_annotations_over_5000_files_is_bounded() -> None:
    files = {f"src/f{i}.txt": b"x" for i in range(5000)}
    annotations = "".join(
        f'[[annotations]]\npath = "src/f{i % 5000}.txt"\nSPDX-FileCopyrightText = "2026 A"\nSPDX-License-Identifier = "MIT"\n'
        for i in range(20_000)
    )
    files["REUSE.toml"] = b"version = 1\n" + annotations.encode()
    result, seconds = _timed(_lint, files)
    assert seconds < 10
    assert all(r.info.expressions == [("MIT", "reuse-toml")] for r in result.files if r.path.startswith("src/"))


def test_reuse_toml_with_too_many_wildcards_is_not_used() -> None:
    files = {f"src/f{i}.txt": b"x" for i in range(5000)}
    annotations = "".join(f'[[annotations]]\npath = "**/*{i}*.txt"\nSPDX-License-Identifier = "MIT"\n' for i in range(1000))
    files["REUSE.toml"] = b"version = 1\n" + annotations.encode()
    result, seconds = _timed(_lint, files)
    assert seconds < 5
    assert [(p["code"], p["path"]) for p in result.problems] == [("reuse-toml-too-large", "REUSE.toml")]


def test_dep5_glob_built_to_backtrack_is_matched_at_once() -> None:
    files = {"a" * 60: b"x", ".reuse/dep5": ("Format: x\n\nFiles: " + "*a" * 15 + "b\nCopyright: 2026 A\nLicense: MIT\n").encode()}
    result, seconds = _timed(_lint, files)
    assert seconds < 1
    assert [r.info.expressions for r in result.files] == [[]]


def test_three_hundred_sboms_in_one_repository_are_bounded(tmp_path: Path) -> None:
    from dpgcheck.collect.collectors import sbom_facts as sbom
    from dpgcheck.collect.options import CollectOptions
    from dpgcheck.collect.repo_view import RepoView

    document = "SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\nSPDXID: SPDXRef-DOCUMENT\nDocumentName: d\nDocumentNamespace: https://example.org/d\nCreator: Tool: t\nCreated: 2026-01-01T00:00:00Z\n"
    for i in range(300):
        (tmp_path / f"s{i:03d}.spdx").write_text(document, encoding="utf-8")
    view = RepoView.open(tmp_path)
    facts, seconds = _timed(sbom.collect, view, CollectOptions())
    assert seconds < 10
    assert facts["count"] == 300
    assert sum(1 for d in facts["documents"] if d["problems"] and d["problems"][0]["code"] == "not-read") == 300 - sbom.MAX_REPOSITORY_DOCUMENTS
    assert [p["code"] for p in view.problems if p["source"] == "sbom"] == ["sbom-limit"]
