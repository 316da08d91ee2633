"""Classes 1, 2, 3, 7 and 12 of issue 9 on policy bundles: alias bombs in data.yaml and METADATA,
JSON beyond the limits in data.json, FIFOs in a bundle directory, hostile archive entry names,
broken manifests. On `check` and on `bundle build`."""
from __future__ import annotations

import io
import json
import os
import tarfile
from pathlib import Path

import pytest

from tests.hostile.helpers import NOW, assert_input_error, run_cli, write_rule_bundle

BOMB = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"a{i}: &a{i} [{', '.join([f'*a{i-1}'] * 10)}]\n" for i in range(1, 9)
)


def _bundle(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "gov"
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    root.mkdir(exist_ok=True)
    return root


@pytest.mark.parametrize("command", ["check", "bundle"])
def test_alias_bomb_in_data_yaml_is_refused(tmp_path: Path, small_repo: Path, command: str) -> None:
    bundle = _bundle(tmp_path, {"gov/data.yaml": BOMB})
    args = ("check", small_repo, "--bundle", bundle, *NOW) if command == "check" else ("bundle", "build", "--bundle", bundle, "-o", tmp_path / "b.tar.gz")
    assert_input_error(run_cli(*args), "gov/gov/data.yaml: data file is not usable YAML (line 6): aliases expand to more than")


@pytest.mark.parametrize("command", ["check", "bundle"])
def test_alias_bomb_in_rule_metadata_is_refused(tmp_path: Path, small_repo: Path, command: str) -> None:
    lines = ["title: T", "description: D", "custom:", "  severity: warning", "  remediation: r"]
    lines += ["  " + line for line in BOMB.splitlines()] + ["  tags: *a8"]
    metadata = "# METADATA\n" + "".join(f"# {line}\n" for line in lines)
    bundle = write_rule_bundle(tmp_path / "gov", "bomb", "findings contains {} if false", metadata=metadata)
    args = ("check", small_repo, "--bundle", bundle, *NOW) if command == "check" else ("bundle", "build", "--bundle", bundle, "-o", tmp_path / "b.tar.gz")
    assert_input_error(run_cli(*args), "rules/hostile/bomb/rule.rego: METADATA is not valid YAML", "alias")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested deeper than 64 levels"),
        ('{"x": ' + "[" * 500 + "]" * 500 + "}", "nested deeper than 64 levels"),
        ('{"x": ' + "1" * 5000 + "}", "an integer has 5000 digits"),
        ('{"x": NaN}', "NaN is not a JSON number"),
        ('{"x": Infinity}', "Infinity is not a JSON number"),
        ('{"x": 1e400}', "the number 1e400 is out of range"),
    ],
)
def test_bundle_data_json_beyond_the_limits_is_refused(tmp_path: Path, small_repo: Path, text: str, fragment: str) -> None:
    bundle = _bundle(tmp_path, {"gov/data.json": text})
    assert_input_error(run_cli("check", small_repo, "--bundle", bundle, *NOW), "gov/gov/data.json: data file is not usable JSON", fragment)


@pytest.mark.parametrize("name", ["x.rego", "gov/data.json", ".manifest"])
def test_fifo_in_a_bundle_directory_is_refused(tmp_path: Path, small_repo: Path, name: str) -> None:
    bundle = _bundle(tmp_path, {"README.md": "a bundle\n"})
    (bundle / name).parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(bundle / name)
    assert_input_error(run_cli("check", small_repo, "--bundle", bundle, *NOW), f"gov/{name}: policy file is a named pipe (FIFO)")


def _archive(path: Path, entries: dict[str, bytes]) -> Path:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in entries.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    path.write_bytes(buffer.getvalue())
    return path


@pytest.mark.parametrize("name", ["..\\..\\evil.rego", "rules/a\nb.rego", "rules/\x1b]0;pwned\x07.rego", "rules/\x9bx.rego"])
def test_archive_entries_with_backslashes_or_control_characters_are_refused(tmp_path: Path, small_repo: Path, name: str) -> None:
    archive = _archive(tmp_path / "gov.tar.gz", {".manifest": b'{"roots": ["gov"]}', name: b"package gov.x\n"})
    for args in (("check", small_repo, "--bundle", archive, *NOW), ("bundle", "build", "--bundle", archive, "-o", tmp_path / "o.tar.gz")):
        line = assert_input_error(run_cli(*args), "has a backslash or a control character in its name; refused")
        assert "\x1b" not in line and "\x9b" not in line


@pytest.mark.parametrize(
    ("manifest", "fragment"),
    [
        ('{"roots": 5}', ".manifest field 'roots' must be an array, not int"),
        ('{"roots": [5]}', ".manifest roots must be an array of strings"),
        ('{"revision": {"a": 1}}', ".manifest field 'revision' must be a string, not dict"),
        ("{broken", ".manifest: data file is not valid JSON"),
        ("[1, 2]", ".manifest must be a JSON object"),
    ],
)
def test_broken_manifest_is_an_input_error_on_bundle_build(tmp_path: Path, manifest: str, fragment: str) -> None:
    bundle = _bundle(tmp_path, {".manifest": manifest})
    assert_input_error(run_cli("bundle", "build", "--bundle", bundle, "-o", tmp_path / "o.tar.gz"), fragment)
