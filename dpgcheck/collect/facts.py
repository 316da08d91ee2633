"""Assemble the facts document: the ``input`` every policy reads."""
from __future__ import annotations

import hashlib
import json
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from dpgcheck import FACTS_VERSION
from dpgcheck.collect.options import CollectOptions
from dpgcheck.collect.collector_index import Collector, all_collectors
from dpgcheck.collect.repo_view import RepoView
from dpgcheck.timing import timed

#: Collected on a thread of their own while the others run one after another on the calling
#: thread: they wait on git most of their time (``git log``; rev-parse, show and remote).
#: Against three threads side by side (warm, median of 15): about the same on a staged run of a
#: 175-file repository, less CPU on 1,000-file working trees, where every file read releases
#: the interpreter lock and with three threads each release was a hand-off. The repository
#: collector joins the history only in a small tree: there its git calls are most of the work
#: (a batch of small repositories: 21 a second with two jobs, against 19 without), while in a
#: large one its subprocesses, started beside the file scans, cost more than they overlap
#: (200 workflows added 32-57 ms of CPU with it aside, 4-24 ms without).
SIDE_THREAD = ("history",)
SIDE_THREAD_SMALL_TREE = ("history", "repository")
SMALL_TREE_FILES = 300


def open_view(path: Path, options: CollectOptions) -> RepoView:
    if options.staged:
        from dpgcheck.collect.staged_view import StagedView

        return StagedView.open_index(path)
    return RepoView.open(path, refuse_outside_git=options.refuse_outside_git)


def collect_repository(path: Path, options: CollectOptions | None = None, *, concurrent: bool = True) -> dict[str, Any]:
    """The facts of the repository at ``path`` (its working tree, or its index with ``options.staged``).

    With ``concurrent`` the history (and in a small tree the repository) is collected on a
    thread of its own while the others run (see SIDE_THREAD). Each collector has its own list
    of problems; the document is the same either way (sections in registry order, problems
    sorted).
    """
    options = options or CollectOptions()
    with timed("open repository"):
        view = open_view(path, options)
    try:
        with timed("import collectors"):
            collectors = all_collectors()
        facts: dict[str, Any] = {"facts_version": FACTS_VERSION, "subject": {"kind": "repository"}}
        views = {c.section: view.for_collector() for c in collectors}
        side = SIDE_THREAD_SMALL_TREE if len(view.files) <= SMALL_TREE_FILES else SIDE_THREAD
        sections = _sections(collectors, views, options, side) if concurrent else {
            c.section: _run(c, views[c.section], options) for c in collectors}
        for collector in collectors:
            facts[collector.section] = sections[collector.section]
        problems = list(view.problems)
        for collector in collectors:
            problems.extend(views[collector.section].problems)
    finally:
        view.close()
    facts["problems"] = sorted(problems, key=lambda p: (p.get("source", ""), p.get("path", ""), p.get("code", ""), p.get("message", "")))
    return facts


def _sections(collectors: list[Collector], views: dict[str, RepoView], options: CollectOptions,
              side: tuple[str, ...]) -> dict[str, Any]:
    """Every collector's section, those named in ``side`` on a thread of their own.

    A collector that raises is a bug (or the user's bad input, DpgcheckError): it ends the
    run, and the first in registry order is the one reported, as in a serial run.
    """
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="dpgcheck-collect") as pool:
        aside: dict[str, Future[dict[str, Any]]] = {
            c.section: pool.submit(_run, c, views[c.section], options) for c in collectors if c.section in side
        }
        done: dict[str, dict[str, Any] | Exception] = {}
        for collector in collectors:
            if collector.section not in aside:
                try:
                    done[collector.section] = _run(collector, views[collector.section], options)
                except Exception as exc:  # noqa: BLE001 - raised below, in registry order
                    done[collector.section] = exc
        sections: dict[str, Any] = {}
        for collector in collectors:
            outcome = aside[collector.section].result() if collector.section in aside else done[collector.section]
            if isinstance(outcome, Exception):
                raise outcome
            sections[collector.section] = outcome
    return sections


def _run(collector: Collector, view: RepoView, options: CollectOptions) -> dict[str, Any]:
    with timed(f"collector {collector.section}"):
        return collector.collect(view, options)


def facts_digest(facts: dict[str, Any]) -> str:
    """A stable hash of a facts document, for caches and audit records."""
    canonical = json.dumps(facts, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()
