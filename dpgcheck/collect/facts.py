"""Assemble the facts document: the ``input`` every policy reads."""
from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from dpgcheck import FACTS_VERSION
from dpgcheck.collect.options import CollectOptions
from dpgcheck.collect.registry import all_collectors
from dpgcheck.collect.repo_view import RepoView


def collect_repository(path: Path, options: CollectOptions | None = None) -> dict[str, Any]:
    options = options or CollectOptions()
    view = RepoView.open(path, refuse_outside_git=options.refuse_outside_git)
    facts: dict[str, Any] = {"facts_version": FACTS_VERSION, "subject": {"kind": "repository"}}
    timings = os.environ.get("DPGCHECK_TIMINGS") == "1"
    for collector in all_collectors():
        started = time.perf_counter()
        # A collector that raises is a bug: it ends the run as an internal error (exit 3)
        # rather than letting the policies judge facts with a section missing.
        facts[collector.section] = collector.collect(view, options)
        if timings:
            sys.stderr.write(f"dpgcheck: collector {collector.section}: {(time.perf_counter() - started) * 1000:.1f} ms\n")
    facts["problems"] = sorted(view.problems, key=lambda p: (p.get("source", ""), p.get("path", ""), p.get("code", ""), p.get("message", "")))
    return facts


def facts_digest(facts: dict[str, Any]) -> str:
    """A stable hash of a facts document, for caches and audit records."""
    canonical = json.dumps(facts, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()
