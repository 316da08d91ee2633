"""Classes 1, 2, 3 and 12 of issue 9 on the files a user names: --facts, --record, --screening,
--affiliations, --now. Each case: exit 2, one line naming the file, < 10 s, < 500 MB."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.hostile.helpers import NOW, assert_bounded, assert_input_error, run_cli

DEEP = "[" * 100_000 + "]" * 100_000


def _nested(depth: int) -> object:
    value: object = 1
    for _ in range(depth):
        value = {"x": [value]}
    return value


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.json"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize(
    ("name", "text", "fragment"),
    [
        ("deep-array", DEEP, "nested deeper than 64 levels"),
        ("nan", '{"facts_version": NaN}', "NaN is not a JSON number"),
        ("infinity", '{"facts_version": "1.1", "x": -Infinity}', "-Infinity is not a JSON number"),
        ("overflow", '{"facts_version": "1.1", "x": 1e400}', "the number 1e400 is out of range"),
        ("huge-int", '{"facts_version": "1.1", "x": ' + "7" * 5000 + "}", "an integer has 5000 digits"),
    ],
)
def test_facts_file_beyond_the_limits_is_an_input_error(tmp_path: Path, name: str, text: str, fragment: str) -> None:
    path = tmp_path / f"{name}.json"
    path.write_text(text, encoding="utf-8")
    line = assert_input_error(run_cli("check", "--facts", path, *NOW), str(path), fragment)
    assert line.startswith(f"dpgcheck: error: {path}: facts file is not usable JSON") or "not valid JSON" in line


def test_valid_facts_with_a_deep_extra_field_is_an_input_error(tmp_path: Path, facts_document: dict) -> None:
    path = tmp_path / "facts.json"
    path.write_text(json.dumps({**facts_document, "extra": _nested(300)}), encoding="utf-8")
    assert_input_error(run_cli("check", "--facts", path, *NOW), f"{path}: facts file is not usable JSON: nested deeper than 64 levels")


@pytest.mark.parametrize("flag", ["--record", "--facts", "--affiliations"])
def test_fifo_given_as_a_file_is_refused_without_blocking(small_repo: Path, fifo: Path, flag: str) -> None:
    args = ("facts", small_repo, flag, fifo) if flag == "--affiliations" else ("check", flag, fifo, *NOW)
    assert_input_error(run_cli(*args), str(fifo), "is a named pipe (FIFO), not a regular file")


def test_fifo_given_as_screening_is_refused(tmp_path: Path, fifo: Path) -> None:
    nominee = tmp_path / "nominee.json"
    nominee.write_text(json.dumps({"name": "X", "description": "d", "license": [], "SDGs": []}), encoding="utf-8")
    assert_input_error(run_cli("facts", "--record", nominee, "--screening", fifo), str(fifo), "named pipe")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
@pytest.mark.parametrize("flag", ["--record", "--facts"])
def test_devices_are_refused_before_reading(device: str, flag: str) -> None:
    assert_input_error(run_cli("check", flag, device, *NOW), f"{device}: ", "is a device, not a regular file")


def test_device_as_screening_is_refused(tmp_path: Path) -> None:
    nominee = tmp_path / "nominee.json"
    nominee.write_text(json.dumps({"name": "X"}), encoding="utf-8")
    assert_input_error(run_cli("facts", "--record", nominee, "--screening", "/dev/zero"), "/dev/zero: ", "is a device")


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        (lambda: {"name": "X", "extra": _nested(300)}, "nested deeper than 64 levels"),
        (lambda: '{"name": "X", "stage": ' + "9" * 5000 + "}", "an integer has 5000 digits"),
        (lambda: '{"name": NaN}', "NaN is not a JSON number"),
    ],
)
def test_record_beyond_the_limits_is_an_input_error(tmp_path: Path, value, fragment: str) -> None:
    path = tmp_path / "nominee.json"
    made = value()
    path.write_text(made if isinstance(made, str) else json.dumps(made), encoding="utf-8")
    assert_input_error(run_cli("check", "--record", path, *NOW), f"{path}: the nominee record file is not valid JSON", fragment)


@pytest.mark.parametrize("text", ['{"a@ministry.example": NaN}', '{"ministry.example": 1e400}', "[" * 50_000])
def test_affiliations_json_beyond_the_limits_is_an_input_error(small_repo: Path, tmp_path: Path, text: str) -> None:
    path = tmp_path / "affiliations.json"
    path.write_text(text, encoding="utf-8")
    assert_input_error(run_cli("facts", small_repo, "--affiliations", path), f"{path}: the affiliation map is not usable JSON")


@pytest.mark.parametrize("now", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"])
def test_extreme_clock_offsets_are_input_errors(small_repo: Path, now: str) -> None:
    assert_input_error(run_cli("check", small_repo, "--now", now), f"--now '{now}' is outside the years 1 to 9999")


def test_yaml_alias_bomb_in_dpg_yaml_is_a_recorded_error(tmp_path: Path) -> None:
    from tests.conftest import git

    root = tmp_path / "bomb"
    root.mkdir()
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}]" for i in range(1, 9)]
    (root / "dpg.yaml").write_text("\n".join(lines) + "\nname: *a8\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    facts = run_cli("facts", root)
    assert_bounded(facts)
    assert facts.returncode == 0
    errors = json.loads(facts.stdout)["dpg"]["errors"]
    assert [e["message"] for e in errors] == ["not valid YAML (line 6: aliases expand to more than 200000 nodes; refused as an alias bomb)"]
    checked = run_cli("check", root, *NOW)
    assert_bounded(checked)
    assert checked.returncode in (0, 1)


def test_dpg_json_with_huge_numbers_and_depth_is_a_recorded_error(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "dpg.json").write_text('{"name": "X", "extra": ' + "[" * 500 + "]" * 500 + "}", encoding="utf-8")
    run = run_cli("facts", root)
    assert_bounded(run)
    assert run.returncode == 0
    assert json.loads(run.stdout)["dpg"]["errors"][0]["message"] == "not valid JSON (nested deeper than 64 levels)"
