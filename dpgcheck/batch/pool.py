"""The local executor: N worker processes, each loading the policies once.

The parent hands one target at a time to each worker and watches the clock: a
worker that has not answered by the target's deadline (the worker's own alarm
should have fired first, so it is stuck in native code or a system call) is
killed and replaced, and the target gets a timeout row. A worker that dies
gives its target an error row. Nothing a target does stops the batch.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from dpgcheck.batch.targets import Target
from dpgcheck.batch.worker import BatchConfig, audit, error_line, prepare, timeout_message
from dpgcheck.errors import DpgcheckError

#: Seconds the parent waits beyond --timeout before it kills a worker.
KILL_GRACE_SECONDS = 5.0


def _peak_rss_kib() -> int:
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak


def _serve(conn: Connection, config: BatchConfig, inherited: list[Connection]) -> None:
    """A worker's life: load the policies (unless inherited), then audit targets until told to stop."""
    if hasattr(os, "setpgid"):
        os.setpgid(0, 0)  # its own process group: killing the worker also ends the git it waits for
    for other in inherited:
        # A forked worker holds copies of the parent's ends of every pipe; closed here so that
        # each worker sees end-of-file when the parent dies (kill -9) and exits.
        other.close()
    try:
        prepare(config)
    except Exception:  # noqa: BLE001 - audit() turns the same failure into error rows
        pass
    conn.send(("ready", None))
    while True:
        try:
            target = conn.recv()
        except EOFError:
            return
        if target is None:
            from dpgcheck.batch import worker

            worker.release()
            conn.send(("stats", {"peak_rss_kib": _peak_rss_kib(), "policy_loads": worker.policy_loads}))
            return
        conn.send(("line", audit(target, config)))


def _context(engine: str) -> Any:
    """fork where there is one: workers start at once with the policies the parent loaded.

    `dpgcheck batch` runs no other thread (the progress bar refreshes from the main loop),
    so forking it is safe. A program that runs a pool beside threads of its own (a test
    runner, an embedding program) gets spawned workers, as do platforms without fork and
    OPA's Go engine (a Go runtime does not survive fork); each spawned worker loads the policies once.
    """
    from dpgcheck.forking import can_fork

    if engine == "regorus" and "fork" in multiprocessing.get_all_start_methods() and can_fork():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


@dataclass
class _Worker:
    """One worker process of the pool and the target it is working on."""

    process: Any
    conn: Connection
    ready: bool = False
    target: Target | None = None
    deadline: float = 0.0


@dataclass
class PoolStats:
    """What the pool measured of its workers, for the benchmarks and the summary."""

    #: Peak resident memory of each worker process that finished normally, in KiB.
    worker_peak_rss_kib: list[int] = field(default_factory=list)
    #: Times each of those workers loaded the policies (1: once for the whole batch).
    policy_loads: list[int] = field(default_factory=list)
    workers_replaced: int = 0


def _start_process(process: Any, method: str) -> None:
    """Start a worker. A spawned one is a new interpreter run with ``-c``, which puts the working
    directory first on its import path, ahead of the standard library: with PYTHONSAFEPATH set
    (read by Python 3.11 and later) it does not, so a module in the folder the batch runs in (a
    checked repository, say) cannot stand in for one the worker imports. Set only while no other
    thread runs (as in `dpgcheck batch`): beside threads, changing the environment would race with
    them and would change how a Python program that one of them starts finds its own modules."""
    from dpgcheck.forking import can_fork

    if method != "spawn" or not can_fork():
        process.start()
        return
    previous = os.environ.get("PYTHONSAFEPATH")
    os.environ["PYTHONSAFEPATH"] = "1"
    try:
        process.start()
    finally:
        if previous is None:
            del os.environ["PYTHONSAFEPATH"]
        else:
            os.environ["PYTHONSAFEPATH"] = previous


class LocalPool:
    def __init__(self, jobs: int, config: BatchConfig) -> None:
        self.jobs = max(1, jobs)
        self.config = config
        self.stats = PoolStats()
        self._context = _context(config.engine)
        self._workers: list[_Worker] = []
        self._failed_starts = 0

    def _start(self) -> _Worker:
        parent, child = self._context.Pipe(duplex=True)
        inherited = [parent, *(w.conn for w in self._workers)] if self._context.get_start_method() == "fork" else []
        process = self._context.Process(target=_serve, args=(child, self.config, inherited), daemon=True)
        _start_process(process, self._context.get_start_method())
        child.close()
        return _Worker(process, parent)

    def _replace(self, index: int, *, kill: bool) -> None:
        worker = self._workers[index]
        self._stop(worker, kill=kill)
        if worker.target is None and not worker.ready:
            self._failed_starts += 1
            if self._failed_starts > 3 * self.jobs:
                raise DpgcheckError(f"the batch's worker processes exit as they start (exit code {worker.process.exitcode})")
        self._workers[index] = self._start()
        self.stats.workers_replaced += 1

    def _stop(self, worker: _Worker, *, kill: bool) -> None:
        if kill:
            try:
                os.killpg(worker.process.pid, signal.SIGKILL)
            except (AttributeError, ProcessLookupError, PermissionError):
                worker.process.kill()
        worker.process.join(timeout=10)
        worker.conn.close()

    def run(self, targets: Iterable[Target]) -> Iterator[str]:
        """Result lines, in the order the targets finish."""
        pending = deque(targets)
        if self._context.get_start_method() == "fork":
            prepare(self.config)  # once, inherited by every worker
        workers = self._workers
        for _ in range(min(self.jobs, len(pending))):
            workers.append(self._start())
        grace = self.config.timeout + KILL_GRACE_SECONDS

        def feed(worker: _Worker) -> None:
            if worker.ready and worker.target is None and pending:
                worker.target = pending.popleft()
                worker.deadline = time.monotonic() + grace
                worker.conn.send(worker.target)

        try:
            while pending or any(w.target is not None for w in workers):
                for worker in workers:
                    feed(worker)
                busy = [w.deadline for w in workers if w.target is not None]
                wait_for = max(0.0, min(busy) - time.monotonic()) if busy else None
                ready = wait([w.conn for w in workers], timeout=wait_for)
                for index, worker in enumerate(workers):
                    if worker.conn in ready:
                        try:
                            kind, value = worker.conn.recv()
                        except (EOFError, OSError):
                            self._replace(index, kill=True)
                            code = worker.process.exitcode
                            if worker.target is not None:
                                yield error_line(worker.target, self.config, "error", f"the worker process died (exit code {code})")
                            continue
                        if kind == "ready":
                            worker.ready = True
                            self._failed_starts = 0
                            feed(worker)
                        elif kind == "line":
                            worker.target = None
                            feed(worker)  # its next target first: the worker does not wait while the line is written
                            yield value
                    elif worker.target is not None and time.monotonic() >= worker.deadline:
                        target = worker.target
                        self._replace(index, kill=True)
                        yield error_line(target, self.config, "timeout", timeout_message(self.config.timeout))
        finally:
            for worker in workers:
                self._shutdown(worker)
            self._workers = []

    def _shutdown(self, worker: _Worker) -> None:
        try:
            if worker.target is None and worker.process.is_alive():
                worker.conn.send(None)
                if worker.conn.poll(10):
                    message = worker.conn.recv()
                    while message[0] != "stats" and worker.conn.poll(10):
                        message = worker.conn.recv()
                    if message[0] == "stats":
                        self.stats.worker_peak_rss_kib.append(int(message[1]["peak_rss_kib"]))
                        self.stats.policy_loads.append(int(message[1]["policy_loads"]))
                self._stop(worker, kill=False)
            else:
                self._stop(worker, kill=True)
        except (OSError, EOFError, ValueError):
            self._stop(worker, kill=True)


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1
