"""TOML parsed once per content: the same document from the cache as from the parser, and only what JSON keeps exactly."""
from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path

import pytest

from dpgcheck.untrusted import toml

REUSE_TOML = 'version = 1\n\n[[annotations]]\npath = ["docs/**", "*.md"]\nprecedence = "aggregate"\nSPDX-FileCopyrightText = "2024 Jane Doe"\nSPDX-License-Identifier = "CC-BY-4.0"\n'


def parse_in_a_new_process(text: str, cache: Path) -> tuple[object, bool]:
    """(the parsed document, whether the parser was imported) in a fresh interpreter using ``cache``."""
    probe = (
        "import json, sys\n"
        "from dpgcheck.untrusted import toml\n"
        "value = toml.loads(sys.stdin.read())\n"
        f"print(json.dumps([value, {toml.PARSER!r} in sys.modules], default=str))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], input=text, capture_output=True, text=True, timeout=60,
                          env={"DPGCHECK_CACHE_DIR": str(cache), "PATH": "/usr/bin:/bin"}, check=True)
    import json

    value, imported = json.loads(done.stdout)
    return value, imported


def test_a_second_run_reads_the_parse_from_the_cache_without_the_parser(tmp_path: Path) -> None:
    first, imported_first = parse_in_a_new_process(REUSE_TOML, tmp_path)
    second, imported_second = parse_in_a_new_process(REUSE_TOML, tmp_path)
    assert first == second == {
        "version": 1,
        "annotations": [{"path": ["docs/**", "*.md"], "precedence": "aggregate",
                         "SPDX-FileCopyrightText": "2024 Jane Doe", "SPDX-License-Identifier": "CC-BY-4.0"}],
    }
    assert (imported_first, imported_second) == (True, False)
    # another text is another key: parsed, not confused with the first
    other, imported_other = parse_in_a_new_process(REUSE_TOML.replace("CC-BY-4.0", "MIT"), tmp_path)
    assert other["annotations"][0]["SPDX-License-Identifier"] == "MIT" and imported_other is True


def test_dates_are_never_cached_and_stay_dates(tmp_path: Path) -> None:
    text = 'released = 2024-05-01\nat = 1979-05-27T07:32:00Z\n'
    _, imported_first = parse_in_a_new_process(text, tmp_path)
    _, imported_second = parse_in_a_new_process(text, tmp_path)
    assert (imported_first, imported_second) == (True, True)
    assert toml.loads(text)["released"] == datetime.date(2024, 5, 1)


def test_a_changed_answer_does_not_change_the_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DPGCHECK_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("DPGCHECK_NO_CACHE", raising=False)
    monkeypatch.setattr(toml, "_parsed", toml.DiskMap("toml", toml.PARSER, toml.__file__, "parsed.json", 10))
    first = toml.loads(REUSE_TOML)
    first["annotations"].clear()
    assert toml._parsed._entries and len(toml._parsed._entries) == 1  # the second read is the cache's
    assert toml.loads(REUSE_TOML)["annotations"][0]["precedence"] == "aggregate"


@pytest.mark.parametrize("text, fragment", [
    ("version = = 1", "Invalid value"),
    ("a = 1\na = 2", "Cannot overwrite a value"),
    ("x = nan\ny = [1, 'a']", None),  # valid TOML: parsed, not kept (nan is not JSON)
])
def test_invalid_toml_is_one_error_with_the_parsers_message(text: str, fragment: str | None) -> None:
    if fragment is None:
        value = toml.loads(text)
        assert value["y"] == [1, "a"] and not toml._json_exact(value)
        return
    with pytest.raises(toml.InvalidToml, match=fragment):
        toml.loads(text)
