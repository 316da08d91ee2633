"""mypy, with the configuration in pyproject.toml ([tool.mypy]), is clean on dpgcheck/.

Cheap: one subprocess with a cache in the test's temporary directory (about 15 s cold).
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_mypy_is_clean(tmp_path: Path) -> None:
    pytest.importorskip("mypy", reason="mypy is in the `test` extra: pip install -e '.[test]'")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "dpgcheck", "--cache-dir", str(tmp_path / "mypy-cache"), "--no-error-summary"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert result.stdout.strip() == "" and result.returncode == 0, result.stdout + result.stderr
