"""Shared fixtures: real git repositories in temp dirs and the real CLI."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

# dpgcheck's caches (licences, loaded policy sets) go to a temporary directory during the
# tests, never to the user's ~/.cache; subprocesses inherit it.
if "DPGCHECK_CACHE_DIR" not in os.environ:
    import atexit
    import shutil

    os.environ["DPGCHECK_CACHE_DIR"] = tempfile.mkdtemp(prefix="dpgcheck-test-cache-")
    atexit.register(shutil.rmtree, os.environ["DPGCHECK_CACHE_DIR"], ignore_errors=True)

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test Author",
    "GIT_AUTHOR_EMAIL": "author@example.org",
    "GIT_COMMITTER_NAME": "Test Author",
    "GIT_COMMITTER_EMAIL": "author@example.org",
    "GIT_AUTHOR_DATE": "2026-01-15T10:00:00+00:00",
    "GIT_COMMITTER_DATE": "2026-01-15T10:00:00+00:00",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(repo: Path, *args: str, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        ["git", "-C", str(repo), *args],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, **GIT_ENV, **(env or {})},
    )
    return result.stdout


def write_files(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


@pytest.fixture
def make_repo(tmp_path: Path) -> Callable[..., Path]:
    """Build a repository: ``make_repo({"README.md": "..."}, git=True, commit=True)``."""
    counter = iter(range(1000))

    def _make(files: dict[str, str | bytes], *, use_git: bool = True, commit: bool = True, name: str | None = None) -> Path:
        root = tmp_path / (name or f"repo{next(counter)}")
        root.mkdir(parents=True)
        write_files(root, files)
        if use_git:
            git(root, "init", "-q", "-b", "main")
            if commit:
                git(root, "add", "-A")
                git(root, "commit", "-q", "-m", "initial", "--allow-empty")
        return root

    return _make


def run_dpgcheck(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run the real CLI in a subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "dpgcheck", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **GIT_ENV, **(env or {})},
        timeout=timeout,
    )


def run_json(*args: str | Path, **kwargs: Any) -> tuple[int, Any]:
    result = run_dpgcheck(*args, **kwargs)
    assert result.stdout, result.stderr
    return result.returncode, json.loads(result.stdout)


def go_engine_available() -> bool:
    from dpgcheck.engine.golib_engine import available

    return available()


ENGINES = ["regorus", pytest.param("opa-go", marks=pytest.mark.skipif(not go_engine_available(), reason="opa-golib-python-bindings not installed"))]
