"""mypy, with the configuration in pyproject.toml ([tool.mypy]), is clean on dpgcheck/.

Cheap: one subprocess (about 15 s cold). Its incremental cache is kept in pytest's cache folder
(``.pytest_cache``) from one run to the next, where mypy rechecks only what changed, as it does
in a developer's ``.mypy_cache``; with ``-p no:cacheprovider``, in the test's temporary directory.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_mypy_is_clean(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    pytest.importorskip("mypy", reason="mypy is in the `test` extra: pip install -e '.[test]'")
    cache = getattr(request.config, "cache", None)
    cache_dir = cache.mkdir("mypy") if cache is not None else tmp_path / "mypy-cache"
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "dpgcheck", "--cache-dir", str(cache_dir), "--no-error-summary"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert result.stdout.strip() == "" and result.returncode == 0, result.stdout + result.stderr
