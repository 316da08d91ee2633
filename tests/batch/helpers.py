"""Shared helpers of the batch tests: the vendored registry snapshot and the real CLI."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import ROOT, run_dpgcheck

NOW = "2026-06-01T00:00:00Z"
REGISTRY = ROOT / "tests" / "data" / "dpga" / "publicgoods-candidates"


def batch(*args: str | Path, timeout: float = 300, **kwargs: Any):
    """``dpgcheck batch`` in a real process, as a user runs it: one with no other thread, where the
    local executor forks its workers. In the test process (xdist's threads, OPA's Go runtime, a
    Dask cluster's event loop) a fork could deadlock in the child, so a pool there spawns them."""
    kwargs.setdefault("in_process", False)
    return run_dpgcheck("batch", *args, timeout=timeout, **kwargs)


def read_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def raw_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def by_target(path: Path) -> dict[str, dict[str, Any]]:
    lines = read_lines(path)
    found = {line["target"]: line for line in lines}
    assert len(found) == len(lines), "a target has two lines"
    return found
