"""Licence text detection on a corpus of real licence files (tests/licensing/corpus)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from dpgcheck.licensing.detect import detect
from tests.conftest import ENGINES
from tests.licensing.combined import combined_in_rego

CORPUS = Path(__file__).parent / "corpus"
EXPECTED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED["files"]))
def test_corpus_file(name: str) -> None:
    expected = EXPECTED["files"][name]
    result = detect((CORPUS / "files" / name).read_text(encoding="utf-8"))
    assert (result["spdx_id"], result["match"]) == (expected["spdx_id"], expected["match"])


def test_corpus_accuracy_no_wrong_answers() -> None:
    right = wrong = missed = 0
    for name, expected in EXPECTED["files"].items():
        result = detect((CORPUS / "files" / name).read_text(encoding="utf-8"))
        if result["spdx_id"] == expected["spdx_id"]:
            right += 1
        elif result["spdx_id"] is None:
            missed += 1
        else:
            wrong += 1
    assert (right, wrong, missed) == (len(EXPECTED["files"]), 0, 0)


def test_full_gnu_text_is_consistent_with_only_and_or_later() -> None:
    result = detect((CORPUS / "files" / "gpl-3.0.debian.txt").read_text(encoding="utf-8"))
    assert result == {
        "spdx_id": "GPL-3.0-only",
        "candidates": ["GPL-3.0-only", "GPL-3.0-or-later"],
        "ids": ["GPL-3.0"],
        "match": "full",
        "confidence": 1.0,
        "coverage": 100.0,
        "or_later": None,
        "additional_terms": None,
        "notice_kind": None,
        "extra_words": 0,
    }


def test_inserted_clause_is_reported_with_its_text() -> None:
    result = detect((CORPUS / "files" / "bsd-3-clause+inserted-clause-4.txt").read_text(encoding="utf-8"))
    assert result["match"] == "with_additional_terms"
    assert result["spdx_id"] == "BSD-3-Clause"
    assert result["additional_terms"] == {
        "position": "inserted",
        "words": 18,
        "excerpt": "4. This software may not be used in the design, construction, operation or maintenance of any nuclear facility.",
    }
    assert 0.6 <= result["confidence"] < 1.0


def test_inserted_sentence_is_not_mistaken_for_mit_0() -> None:
    result = detect((CORPUS / "files" / "mit+inserted-sentence.txt").read_text(encoding="utf-8"))
    assert (result["spdx_id"], result["additional_terms"]["position"]) == ("MIT", "inserted")
    assert result["additional_terms"]["excerpt"] == "The Software may not be used to build weapons."


def test_appended_commons_clause() -> None:
    result = detect((CORPUS / "files" / "apache-2.0+commons-clause.txt").read_text(encoding="utf-8"))
    assert (result["spdx_id"], result["match"], result["additional_terms"]["position"]) == ("Apache-2.0", "with_additional_terms", "appended")
    assert result["additional_terms"]["excerpt"].startswith('"Commons Clause" License Condition v1.0')


def test_notice_above_full_gnu_text_settles_or_later() -> None:
    notice = (CORPUS / "files" / "gpl-3.0-or-later.notice.txt").read_text(encoding="utf-8")
    full = (CORPUS / "files" / "gpl-3.0.debian.txt").read_text(encoding="utf-8")
    result = detect(notice + "\n\n" + full)
    assert (result["spdx_id"], result["candidates"], result["match"], result["or_later"]) == (
        "GPL-3.0-or-later", ["GPL-3.0-or-later"], "full", True,
    )


def test_spdx_identifier_notice() -> None:
    # REUSE-IgnoreStart (test data, not this file's licence)
    result = detect("SPDX-License-Identifier: GPL-2.0+\n")
    # REUSE-IgnoreEnd
    assert (result["spdx_id"], result["candidates"], result["match"], result["notice_kind"], result["confidence"]) == (
        "GPL-2.0-or-later", ["GPL-2.0-or-later"], "notice", "spdx-identifier", 0.95,
    )


def test_text_naming_two_licences_is_not_a_notice() -> None:
    result = detect("We considered the MIT License and the Apache License, Version 2.0 for this project.\n")
    assert (result["spdx_id"], result["match"]) == (None, "unknown")


def _set(name: str) -> list[dict]:
    found = []
    for path in sorted((CORPUS / "sets" / name).rglob("*")):
        if path.is_file():
            found.append({"path": path.relative_to(CORPUS / "sets" / name).as_posix(), "third_party": False,
                          **detect(path.read_text(encoding="utf-8"))})
    return found


# The detector says what each text is (a fact); how the texts combine is policy, in Rego.
@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", sorted(EXPECTED["sets"]))
def test_multi_file_sets(name: str, engine: str) -> None:
    combined = combined_in_rego({"detected": _set(name)}, engine)
    expected = EXPECTED["sets"][name]
    assert combined["ids"] == expected["ids"]
    assert [i["kind"] for i in combined["inferences"]] == expected["inferences"]


@pytest.mark.parametrize("engine", ENGINES)
def test_gpl_text_plus_or_later_notice_names_both_files(engine: str) -> None:
    assert combined_in_rego({"detected": _set("gpl-3.0-or-later")}, engine)["inferences"] == [
        {"kind": "or-later", "id": "GPL-3.0-or-later", "from": ["COPYING", "LICENSE"]}
    ]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\x00\x01\x02" * 1000,
        "licence " * 50_000,
        "(((((" * 20_000,
        "Permission is hereby granted " * 5000,
        "\ufffd\ufffd licence \u202e" * 1000,
    ],
    ids=["empty", "control-bytes", "one-word-repeated", "brackets", "repeated-mit-phrase", "odd-unicode"],
)
def test_hostile_texts_give_an_answer_quickly(text: str) -> None:
    import time

    started = time.perf_counter()
    result = detect(text)
    assert result["match"] in {"unknown", "empty", "not_scanned", "notice"}
    assert time.perf_counter() - started < 5.0


def test_results_are_cached_on_disk_by_content(tmp_path, monkeypatch) -> None:
    from dpgcheck.licensing import detect as module

    monkeypatch.setenv("DPGCHECK_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("DPGCHECK_NO_CACHE", raising=False)
    module._cache_dir.cache_clear()
    module._detect_cached.cache_clear()
    try:
        text = (CORPUS / "files" / "isc.resolvelib.txt").read_text(encoding="utf-8")
        first = detect(text)
        files = list(tmp_path.rglob("*.json"))
        assert len(files) == 1 and json.loads(files[0].read_text()) == first
        # A damaged cache entry is ignored, never trusted or fatal.
        files[0].write_text("{not json")
        module._detect_cached.cache_clear()
        assert detect(text) == first
        # A cached answer is served without scanning.
        files[0].write_text(json.dumps({**first, "spdx_id": "FROM-CACHE"}))
        module._detect_cached.cache_clear()
        assert detect(text)["spdx_id"] == "FROM-CACHE"
        monkeypatch.setenv("DPGCHECK_NO_CACHE", "1")
        module._cache_dir.cache_clear()
        module._detect_cached.cache_clear()
        assert detect(text) == first
    finally:
        module._cache_dir.cache_clear()
        module._detect_cached.cache_clear()


def _mit() -> str:
    return (CORPUS / "files" / "mit.pytest.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "tail",
    [
        ("Creative Commons Corporation (\"Creative Commons\") is not a law firm " + "Creative Commons " + "a" * 60) * 3000,
        "Also add information on how to contact you by electronic and paper mail. " * 4000,
        "SPDX-License-Identifier: MIT" + " " * 300_000 + "x",
        "see https://spdx.org/licenses/" + "a" * 300_000,
    ],
    ids=["cc-preamble-repeated", "gnu-appendix-repeated", "spdx-line-of-spaces", "huge-url"],
)
def test_patterns_stay_linear_on_adversarial_text(tail: str) -> None:
    import time

    started = time.perf_counter()
    detect(_mit() + "\n\n" + tail)
    detect(tail)
    assert time.perf_counter() - started < 5.0


def test_list_of_bundled_components_is_not_additional_terms() -> None:
    # ASF projects append the licences of the third-party files they bundle (Fineract's LICENSE_SOURCE, issue 17)
    apache = (CORPUS / "files" / "apache-2.0+commons-clause.txt").read_text(encoding="utf-8").split('"Commons Clause"')[0]
    bundled = (
        "\n\n======================================\n  LICENSES FOR INCLUDED DEPENDENCIES\n======================================\n\n"
        "All the source code for this project is released under the license above. Additionally, the distribution\n"
        "includes third-party files that are required for the software to function, under the licences below.\n\n"
        "This product bundles jQuery v1.7, which is available under a MIT license.\n"
    )
    assert detect(apache)["match"] == "full"
    result = detect(apache + bundled)
    assert (result["spdx_id"], result["match"], result["additional_terms"]) == ("Apache-2.0", "full", None)
    # terms under any other heading still count
    terms = bundled.replace("LICENSES FOR INCLUDED DEPENDENCIES", "ADDITIONAL CONDITIONS").replace(
        "This product bundles", "You may not sell the software. This product bundles")
    assert detect(apache + terms)["match"] == "with_additional_terms"
