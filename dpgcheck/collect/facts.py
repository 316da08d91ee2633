"""Assemble the facts document: the ``input`` every policy reads."""
from __future__ import annotations

import hashlib
import json
import os
import signal
import threading
from pathlib import Path
from typing import Any

from dpgcheck import FACTS_VERSION, forking
from dpgcheck.errors import DpgcheckError
from dpgcheck.collect.options import CollectOptions
from dpgcheck.collect.collector_index import Collector, collector_names, load_collector, section_of
from dpgcheck.collect.repo_view import RepoView
from dpgcheck.timing import note, timed

#: Collected beside the others, which run one after another on the calling thread: they wait
#: on git most of their time (``git log``; rev-parse, show and remote). In a process with no
#: other thread both are forked into processes of their own: the history's parsing of
#: ``git log`` (26 ms of Python for 3,000 commits) and the repository's six git calls then
#: take neither the interpreter lock nor a turn from the collectors here (a staged run of a
#: 175-file repository: 336 -> 320 ms, median of 21, with the history forked; a fork costs
#: ~2 ms). Otherwise they run on threads, the repository only in a small tree: in a large one
#: its subprocesses, started beside the file scans, cost more than they overlap (200
#: workflows added 32-57 ms of CPU with it aside, 4-24 ms without).
SIDE = ("history", "repository")
SIDE_THREAD_LARGE_TREE = ("history",)
SMALL_TREE_FILES = 300


def open_view(path: Path, options: CollectOptions) -> RepoView:
    if options.staged:
        from dpgcheck.collect.staged_view import StagedView

        return StagedView.open_index(path)
    return RepoView.open(path, refuse_outside_git=options.refuse_outside_git)


def collect_repository(path: Path, options: CollectOptions | None = None, *, concurrent: bool = True) -> dict[str, Any]:
    """The facts of the repository at ``path`` (its working tree, or its index with ``options.staged``).

    With ``concurrent`` the history and the repository are collected beside the others, each
    in a forked process or on a thread (see SIDE). Each collector has its own list
    of problems; the document is the same either way (sections in registry order, problems
    sorted).
    """
    options = options or CollectOptions()
    with timed("open repository"):
        view = open_view(path, options)
    try:
        side = _side(len(view.files)) if concurrent else {}
        facts: dict[str, Any] = {"facts_version": FACTS_VERSION, "subject": {"kind": "repository"}}
        problems = list(view.problems)
        for section, (outcome, collector_view) in _sections(view, options, side).items():
            facts[section] = outcome
            problems.extend(collector_view.problems)
    finally:
        view.close()
    facts["problems"] = sorted(problems, key=lambda p: (p.get("source", ""), p.get("path", ""), p.get("code", ""), p.get("message", "")))
    return facts


def _side(files: int) -> dict[str, type[_OnThread] | type[_InChild]]:
    """The collectors to run beside the others, and how (decided once: a fork leaves one thread)."""
    if forking.can_fork():
        return {section: _InChild for section in SIDE}
    return {section: _OnThread for section in (SIDE if files <= SMALL_TREE_FILES else SIDE_THREAD_LARGE_TREE)}


def _sections(view: RepoView, options: CollectOptions,
              side: dict[str, type[_OnThread] | type[_InChild]]) -> dict[str, tuple[dict[str, Any], RepoView]]:
    """Every collector's section (with the view it read, for its problems), in registry order.

    The collectors named in ``side`` are imported and started first, each in a forked process
    or on a thread of its own, as ``side`` says; each of the others is imported just before it
    runs, so their imports overlap the history's ``git log`` too. A collector that raises is a bug (or the user's bad input,
    DpgcheckError): it ends the run, and the first in registry order is the one reported, as
    in a serial run.
    """
    names = collector_names()
    aside: dict[str, _OnThread | _InChild] = {}
    for name in names:
        runner = side.get(section_of(name))
        if runner is not None:
            aside[name] = runner(load_collector(name), view.for_collector(), options)
    outcomes: dict[str, tuple[dict[str, Any] | BaseException, RepoView]] = {}
    for name in names:  # an interruption (Ctrl-C) leaves here at once: a side thread is a daemon, a child ends on its own
        if name in aside:
            continue
        collector_view = view.for_collector()
        try:
            outcomes[name] = (_run(load_collector(name), collector_view, options), collector_view)
        except Exception as exc:  # noqa: BLE001 - raised below, in registry order
            outcomes[name] = (exc, collector_view)
    for name, running in aside.items():
        outcomes[name] = (running.outcome(), running.view)
    sections: dict[str, tuple[dict[str, Any], RepoView]] = {}
    for name in names:
        outcome, collector_view = outcomes[name]
        if isinstance(outcome, BaseException):
            raise outcome
        sections[section_of(name)] = (outcome, collector_view)
    return sections


class _OnThread:
    """One collector run on a thread of its own; ``outcome()`` waits for its section or exception."""

    def __init__(self, collector: Collector, view: RepoView, options: CollectOptions) -> None:
        self.view = view
        self._outcome: dict[str, Any] | BaseException | None = None
        # A daemon: Ctrl-C during a long `git log` ends the run without waiting for it.
        self._thread = threading.Thread(target=self._work, args=(collector, options), name=f"dpgcheck-collect-{collector.section}", daemon=True)
        self._thread.start()

    def _work(self, collector: Collector, options: CollectOptions) -> None:
        try:
            self._outcome = _run(collector, self.view, options)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller by outcome()
            self._outcome = exc

    def outcome(self) -> dict[str, Any] | BaseException:
        self._thread.join()
        assert self._outcome is not None
        return self._outcome


class _InChild:
    """One collector run in a forked child process; ``outcome()`` waits for its section or exception.

    Forked only with no other thread running (:func:`dpgcheck.forking.can_fork`), so the
    view's readers are not shared with a running thread: a staged view's ``git cat-file``
    starts a watchdog thread when it first reads, which rules the fork out. The child sends
    its section and its view's problems back as JSON and ends with ``os._exit``.
    """

    def __init__(self, collector: Collector, view: RepoView, options: CollectOptions) -> None:
        self.view = view
        self._section = collector.section
        read_end, write_end = os.pipe()
        self._pid = os.fork()
        if self._pid == 0:  # pragma: no cover - runs in the child, measured through the parent
            os.close(read_end)
            _collect_and_send(collector, view, options, write_end)
        os.close(write_end)
        self._read = read_end
        note(f"collector {collector.section} in a process of its own")

    def outcome(self) -> dict[str, Any] | BaseException:
        chunks = []
        while True:
            chunk = os.read(self._read, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
        os.close(self._read)
        os.waitpid(self._pid, 0)
        try:
            kind, *payload = json.loads(b"".join(chunks))
        except ValueError:
            kind, payload = "crash", ["its process ended without an answer"]
        if kind == "ok":
            section, problems = payload
            self.view.problems.extend(problems)
            return section  # type: ignore[no-any-return]
        if kind == "error":
            return DpgcheckError(payload[0], path=payload[1])
        return RuntimeError(f"the {self._section} collector failed: {payload[0]}")


def _collect_and_send(collector: Collector, view: RepoView, options: CollectOptions, fd: int) -> None:  # pragma: no cover
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C reaches the parent, which ends the run
        try:
            answer: list[Any] = ["ok", _run(collector, view, options), view.problems]
        except DpgcheckError as exc:
            answer = ["error", exc.message, exc.path]
        except BaseException as exc:  # noqa: BLE001 - the parent reports it as the collector's failure
            answer = ["crash", f"{type(exc).__name__}: {exc}"[:500]]
        data = memoryview(json.dumps(answer).encode("utf-8"))
        while data:
            data = data[os.write(fd, data):]
    except BaseException:  # noqa: BLE001 - the parent finds no answer and says so
        code = 1
    finally:
        os._exit(code)


def _run(collector: Collector, view: RepoView, options: CollectOptions) -> dict[str, Any]:
    with timed(f"collector {collector.section}"):
        return collector.collect(view, options)


def facts_digest(facts: dict[str, Any]) -> str:
    """A stable hash of a facts document, for caches and audit records."""
    canonical = json.dumps(facts, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()
