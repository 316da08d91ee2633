"""Class 12 of issue 9: a reader that closes the pipe early (`dpgcheck policy list | head -1`)
is a normal end for every command and format: no traceback, no exit 3, nothing on stderr."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import GIT_ENV
from tests.hostile.helpers import NOW


def _closed_pipe(*args: str | Path) -> tuple[int, str]:
    """Run the CLI with its stdout into a pipe whose reader has already gone (deterministic EPIPE)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run([sys.executable, "-m", "dpgcheck", *map(str, args)], stdout=write_end,
                                stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env={**os.environ, **GIT_ENV}, timeout=60)
    finally:
        os.close(write_end)
    return result.returncode, result.stderr.decode()


def _head_one(*args: str | Path) -> tuple[int, str, str]:
    """As ``dpgcheck … | head -1``: the reader takes one line and closes the pipe."""
    process = subprocess.Popen([sys.executable, "-m", "dpgcheck", *map(str, args)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env={**os.environ, **GIT_ENV})
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline().decode()
    process.stdout.close()
    stderr = process.stderr.read().decode()
    return process.wait(timeout=60), first, stderr


@pytest.mark.parametrize(
    "args",
    [("policy", "list"), ("policy", "list", "--json"), ("policy", "doc"), ("facts", "--schema")],
)
def test_closed_pipe_after_one_line_is_a_normal_end(args: tuple[str, ...]) -> None:
    assert _closed_pipe(*args) == (0, "")
    code, first, stderr = _head_one(*args)
    assert first
    assert (code, stderr) == (0, "")


@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "junit", "markdown", "github"])
def test_closed_pipe_on_check_keeps_the_verdict(small_repo: Path, output_format: str) -> None:
    code, stderr = _closed_pipe("check", small_repo, "--format", output_format, *NOW)
    assert stderr == ""
    assert code in (0, 1)
