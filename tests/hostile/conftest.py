"""Fixtures of the hostile-input suite: a small real repository and its facts, built once."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import git, write_files


@pytest.fixture(scope="session")
def small_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile") / "small"
    root.mkdir()
    write_files(root, {"README.md": "# Small\n\nA project.\n", "LICENSE": "MIT License\n", "src/a.py": "# SPDX-License-Identifier: MIT\n"})
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "initial")
    return root


@pytest.fixture(scope="session")
def facts_document(small_repo: Path) -> dict:
    from dpgcheck.collect.facts import collect_repository

    return json.loads(json.dumps(collect_repository(small_repo)))
