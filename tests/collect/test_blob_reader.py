"""The long-lived ``git cat-file --batch`` reader: answers, and a deadline when git stops answering."""
from __future__ import annotations

import os
import stat
import subprocess
import time
from pathlib import Path

import pytest

from dpgcheck.gitcmd import BlobReader, GitUnavailable
from tests.conftest import GIT_ENV


def _repository(tmp_path: Path) -> tuple[Path, str]:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "a.txt").write_bytes(b"first\nsecond\n")
    env = {**os.environ, **GIT_ENV}
    subprocess.run(["git", "init", "-q", str(root)], check=True, env=env)
    blob = subprocess.run(["git", "-C", str(root), "hash-object", "-w", "a.txt"], check=True, env=env, capture_output=True, text=True)
    return root, blob.stdout.strip()


def test_reads_many_objects_through_one_process(tmp_path):
    root, blob = _repository(tmp_path)
    reader = BlobReader(root)
    try:
        assert [reader.read(blob) for _ in range(200)] == [b"first\nsecond\n"] * 200
        with pytest.raises(GitUnavailable, match="missing"):
            reader.read("0" * 40)
        assert reader.read(blob) == b"first\nsecond\n"  # a missing object does not break the reader
    finally:
        reader.close()


def test_a_git_that_stops_answering_is_killed_at_the_deadline(tmp_path, monkeypatch):
    root, blob = _repository(tmp_path)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    hanging = bin_dir / "git"
    hanging.write_text("#!/bin/sh\nexec sleep 600\n")  # reads nothing, answers nothing
    hanging.chmod(hanging.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    reader = BlobReader(root, timeout=0.5)
    started = time.monotonic()
    try:
        with pytest.raises(GitUnavailable):
            reader.read(blob)
        with pytest.raises(GitUnavailable):  # and stays refused, without waiting again
            reader.read(blob)
    finally:
        reader.close()
    assert time.monotonic() - started < 15  # the default deadline is 60 s


def test_the_staged_view_gives_small_and_large_blobs_as_git_has_them(tmp_path):
    from dpgcheck.collect.staged_view import PREFETCH_BLOB_BYTES, StagedView

    root, _ = _repository(tmp_path)
    env = {**os.environ, **GIT_ENV}
    big = bytes(range(256)) * (PREFETCH_BLOB_BYTES // 256 + 10)  # read on its own, not in the batch
    (root / "big.bin").write_bytes(big)
    (root / "same.txt").write_bytes(b"first\nsecond\n")  # the same blob as a.txt
    subprocess.run(["git", "-C", str(root), "add", "a.txt", "big.bin", "same.txt"], check=True, env=env)
    (root / "a.txt").write_bytes(b"changed, not staged\n")
    view = StagedView.open_index(root)
    try:
        assert view.prefetch is not None
        assert view.read_bytes("big.bin", source="test", limit=len(big) + 1) == big
        assert view.read_bytes("a.txt", source="test") == b"first\nsecond\n"
        assert view.read_bytes("same.txt", source="test") == b"first\nsecond\n"
    finally:
        view.close()
