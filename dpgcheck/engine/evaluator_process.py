"""The embedded engine in a child process that gets ready while the facts are collected.

A one-shot ``dpgcheck check`` spends about as long loading the policies and opening
regorus (parsing some 240 kB of Rego and 0.5 MB of data, then the engine's own
preparation on its first query) as it does collecting the facts. regorus holds the
interpreter lock while it works, so in a thread the two only take turns; in a child
process forked before any thread starts they use two cores. The child:

1. loads the policy set and opens the engine, then asks it one small query so that the
   engine's one-off preparation is done before the facts arrive;
2. tells the parent it is ready, with what the report needs to know about the policy
   set (revision, bundles, catalogue);
3. answers queries on facts documents, under the evaluation budget: an address-space
   limit set after loading, and the parent's deadline (it kills the child when the time
   budget runs out, as :mod:`dpgcheck.engine.budget` does).

The child is forked where this process has no other thread. Where it has (a test runner,
a program that embeds dpgcheck, a Dask worker's task thread), a forked copy inherits every
lock another thread held at that moment, held for good, and Python 3.12 warns on such a fork: the child is
then a new interpreter (posix_spawn, about 0.1 s more), started with this process's import
path and sent the loaded policy set as its first message. It serves the same way.

Messages are length-prefixed byte strings: JSON for facts and answers (what regorus
reads and writes anyway), pickle only for the policy set sent to a spawned child, the
policy-set summary and errors. Anything
that goes wrong in the child comes back to the parent as the same error it would have
raised in process, so the two ways of running give the same messages and exit codes.
"""
from __future__ import annotations

import json
import os
import pickle
import select
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from dpgcheck.bundle.loader import PolicySet
from dpgcheck.engine.budget import Budget, BudgetExceeded, _describe, _limit_memory
from dpgcheck.forking import can_fork
from dpgcheck.errors import DpgcheckError
from dpgcheck.timing import note, timed

#: A cheap query that makes regorus prepare the loaded modules (about 40 ms the first time).
WARM_UP_QUERY = "data.dpgcheck.decision.decision_version"


#: The child forked by :func:`fork_early` at the start of a one-shot ``dpgcheck check``, until adopted.
_EARLY: "EvaluatorProcess | None" = None


def fork_early() -> None:
    """Fork the engine child for the built-in policies now, before the command line is parsed.

    The installed command calls this first thing when it is asked to ``check`` (see
    :mod:`dpgcheck.console`): the child then loads the policies and opens regorus while this
    process imports click and the commands, 40-60 ms sooner than the command itself could
    start it. :func:`adopt_early` hands it to the run if the run turns out to want exactly
    that engine (the embedded one, the built-in bundle alone, the default memory budget);
    any other run ends it and starts its own, as before.
    """
    global _EARLY
    if _EARLY is None and can_fork():
        _EARLY = EvaluatorProcess(_builtin_only, Budget())


def _builtin_only() -> PolicySet:
    from dpgcheck.bundle.cache import cached_policies

    with timed("load policies"):
        return cached_policies((), include_builtin=True)


def adopt_early(*, bundles: tuple[object, ...], builtin: bool, budget: Budget) -> "EvaluatorProcess | None":
    """The early child, if it serves a run with these bundles and budget; else None (and it is ended)."""
    global _EARLY
    early, _EARLY = _EARLY, None
    if early is None:
        return None
    assert early._budget is not None
    if bundles or not builtin or budget.memory_mb != early._budget.memory_mb or early._owner != os.getpid():
        note("the engine child forked at the start is not this run's: ended")
        early.close()
        return None
    early._budget = budget  # its time budget is kept here, by the parent
    note("the engine child forked at the start is adopted")
    return early


def discard_early() -> None:
    """End the early child if no run adopted it."""
    global _EARLY
    early, _EARLY = _EARLY, None
    if early is not None:
        early.close()


class EvaluatorProcess:
    """An :class:`~dpgcheck.engine.base.Engine` whose regorus engine lives in a forked child."""

    name = "regorus"
    #: The child keeps the budget itself; evaluate.bounded_query must not fork again.
    in_process_budget = False
    keeps_budget = True

    def __init__(self, load: Callable[[], PolicySet], budget: Budget | None, *, start: bool = True, engine: Any = None) -> None:
        """``engine``: a RegorusEngine of the same policy set already open here, which the child
        then uses (its forked copy) instead of opening one."""
        self._load = load
        self._engine = engine
        self._budget = budget
        self._policy_set: PolicySet | None = None
        self._pid: int | None = None  # None: no child (not yet, or the last one is gone)
        self._owner = os.getpid()
        self._to_child = self._from_child = -1
        self._buffer = b""
        self._ready = False
        if start:
            self._start()

    def _start(self) -> None:
        """Start the child: the first time, again after one broke its budget, anew in a process forked since."""
        if self._owner != os.getpid():
            # A copy inherited by a forked process (a batch worker): the child and its pipes are
            # the parent's; this process closes its copies of the pipes and opens a child of its own.
            for fd in (self._to_child, self._from_child):
                if fd >= 0:
                    os.close(fd)
            self._owner, self._pid, self._to_child, self._from_child = os.getpid(), None, -1, -1
        if self._pid is not None:
            return
        self._buffer = b""
        self._ready = False
        # With other threads running, a forked copy of this process would inherit their locks as
        # they are, held or not (and Python 3.12 warns): the child is then a new interpreter, sent
        # the policies. Where none can be started (no interpreter to run), it is forked as before.
        policy_set = None if can_fork() else self._load()
        to_child_read, to_child = os.pipe()
        try:
            from_child, from_child_write = os.pipe()
        except BaseException:
            os.close(to_child_read)
            os.close(to_child)
            raise
        try:
            pid = _spawn(to_child_read, from_child_write, self._budget) if policy_set is not None else None
            spawned = pid is not None
            if pid is None:
                pid = os.fork()
        except BaseException:  # out of processes, or interrupted: nothing is left open
            for fd in (to_child_read, to_child, from_child, from_child_write):
                os.close(fd)
            raise
        if pid == 0:  # pragma: no cover - runs in the child, measured through the parent
            os.close(to_child)
            os.close(from_child)
            _serve(self._load, self._budget, to_child_read, from_child_write, self._engine)
        os.close(to_child_read)
        os.close(from_child_write)
        self._pid, self._to_child, self._from_child = pid, to_child, from_child
        if spawned:
            note("the engine child was spawned: this process has other threads")
            try:
                _write_message(to_child, pickle.dumps(policy_set, protocol=pickle.HIGHEST_PROTOCOL))
            except BrokenPipeError:  # it ended before reading them: policy_set() reports how
                pass

    # -- the parent's side ---------------------------------------------------

    def policy_set(self) -> PolicySet:
        """What the child loaded, as far as the report needs it; the child's loading error, raised here."""
        try:
            self._start()
            answer = None if self._ready else self._receive(None, "loading the policies")
        except BaseException:
            # Interrupted (Ctrl-C, a batch target's timeout) while the policies were sent or
            # loaded: a half-started child is never asked again; the next query starts another.
            self.close()
            raise
        if answer is not None:
            kind, *payload = pickle.loads(answer)  # noqa: S301 - our own child
            if kind != "ready":
                self.close()
                if kind == "error":
                    raise DpgcheckError(payload[0], path=payload[1])
                raise RuntimeError(f"the policy engine failed while loading: {payload[0]}")
            self._ready = True
            self._policy_set = payload[0]
        assert self._policy_set is not None
        return self._policy_set

    def query(self, ref: str, input: Any = None) -> Any:
        self.policy_set()
        # The reference, a newline, then the input as JSON (none: no input): the child hands
        # that text to regorus as it is, instead of parsing and writing it again.
        request = ref.encode("utf-8") + b"\n" + (json.dumps(input).encode("utf-8") if input is not None else b"")
        seconds = self._budget.seconds if self._budget is not None else None
        try:
            self._send(request)
            answer = self._receive(seconds, "evaluating")
        except BaseException:
            # Over budget, or interrupted (a batch target's timeout, Ctrl-C): the child may still be
            # working on this query, and its late answer must never be read as the next one's.
            self.close()
            raise
        if answer[:1] == b"{":
            from dpgcheck.engine.regorus_engine import value_of

            return value_of(answer.decode("utf-8"))
        kind, *payload = pickle.loads(answer)  # noqa: S301 - our own child
        if kind == "error":
            raise DpgcheckError(payload[0], path=payload[1])
        raise RuntimeError(f"policy evaluation failed in the engine process: {payload[0]}")

    def coverage(self) -> dict[str, Any] | None:
        return None

    def close(self) -> None:
        """End the child (a later query forks a new one)."""
        for fd in (self._to_child, self._from_child):
            if fd >= 0:
                os.close(fd)
        self._to_child = self._from_child = -1
        if self._pid is not None and os.getpid() == self._owner:  # never another process's child
            try:
                os.kill(self._pid, signal.SIGKILL)
            except ProcessLookupError:  # pragma: no cover - it ended on its own
                pass
            os.waitpid(self._pid, 0)
        self._pid = None
        self._ready = False

    def _send(self, payload: bytes) -> None:
        try:
            _write_message(self._to_child, payload)
        except BrokenPipeError:
            raise self._ended("evaluating") from None

    def _receive(self, seconds: float | None, doing: str) -> bytes:
        deadline = None if seconds is None else time.monotonic() + seconds
        while True:
            message, self._buffer = _take_message(self._buffer)
            if message is not None:
                return message
            remaining = None if deadline is None else deadline - time.monotonic()
            if remaining is not None and remaining <= 0:
                self.close()
                raise BudgetExceeded(f"ran past its time budget of {seconds:g} s")
            ready, _, _ = select.select([self._from_child], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(self._from_child, 1 << 20)
            if not chunk:
                raise self._ended(doing)
            self._buffer += chunk

    def _ended(self, doing: str) -> Exception:
        """The child is gone: over its memory budget, crashed, or killed."""
        assert self._pid is not None
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        self.close()
        budget = self._budget or Budget()
        if doing == "evaluating":
            return BudgetExceeded(_describe(status, budget))
        return RuntimeError(f"the policy engine process ended while {doing} ({_describe(status, budget)})")


# -- the child's side ---------------------------------------------------------


def _serve(load: Callable[[], PolicySet], budget: Budget | None, requests: int, answers: int, engine: Any = None,
           reader: "_Reader | None" = None) -> None:  # pragma: no cover
    """The child's whole life: load, get ready, answer until the parent closes the pipe."""
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)

        def send(payload: bytes) -> None:
            _write_message(answers, payload)

        try:
            from dpgcheck.engine.regorus_engine import RegorusEngine

            policy_set = load()
            if engine is None:
                with timed("open engine"):
                    engine = RegorusEngine(policy_set)
            with timed("prepare engine"):
                engine.query(WARM_UP_QUERY)
        except DpgcheckError as exc:
            send(pickle.dumps(("error", exc.message, exc.path)))
            return
        except BaseException as exc:  # noqa: BLE001 - reported to the parent as an internal error
            send(pickle.dumps(("crash", f"{type(exc).__name__}: {exc}"[:500])))
            return
        send(pickle.dumps(("ready", _summary(policy_set))))
        # From here on the child only evaluates: its messages would be a second line on the
        # user's terminal (an allocator's "memory allocation failed"); the parent reports.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
        if budget is not None:
            _limit_memory(budget.memory_mb)
        reader = reader or _Reader(requests)
        while True:
            request = reader.next()
            if request is None:
                return
            ref, _, input_json = request.partition(b"\n")
            try:
                send(engine.query_json(ref.decode("utf-8"), input_json.decode("utf-8") if input_json else None).encode("utf-8"))
            except DpgcheckError as exc:
                send(pickle.dumps(("error", exc.message, exc.path)))
    except MemoryError:
        code = 70
    except RecursionError:
        code = 71
    except BaseException:  # noqa: BLE001 - the parent sees the child end and reports it
        code = 1
    finally:
        os._exit(code)


#: The spawned child's ends of its two pipes.
_SPAWNED_REQUESTS, _SPAWNED_ANSWERS = 3, 4
#: What a spawned interpreter runs. Its first act is to replace its import path with this
#: process's (``import sys`` searches no path): ``-c`` puts the working directory first on it,
#: and a module in the folder the child starts in (a checked repository) must never stand in for
#: one it imports. It starts with SIGINT blocked and lets it in once its action is the default:
#: a Ctrl-C ends it quietly (the parent reports) instead of printing a traceback. Then it serves.
_SPAWNED_MAIN = ("import sys; sys.path[:] = sys.argv[2:]; import signal; signal.signal(signal.SIGINT, signal.SIG_DFL); "
                 "signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT}); "
                 "from dpgcheck.engine.evaluator_process import serve_spawned; serve_spawned(sys.argv[1])")


def _spawn(requests: int, answers: int, budget: Budget | None) -> int | None:
    """Start a new interpreter as the engine child (posix_spawn: safe with threads); None where none can be."""
    if not sys.executable or getattr(sys, "frozen", False) or not hasattr(os, "posix_spawn"):
        return None
    import fcntl

    # The pipes' ends go to fds 3 and 4 of the child; moved above 10 first, so that neither is already 3 or 4.
    high: list[int] = []
    try:
        for fd in (requests, answers):
            high.append(fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10))
        return os.posix_spawn(
            sys.executable, [sys.executable, *_interpreter_flags(), "-c", _SPAWNED_MAIN,
                             str(budget.memory_mb) if budget else "-", *_import_path()], os.environ,
            file_actions=[(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                          (os.POSIX_SPAWN_DUP2, high[0], _SPAWNED_REQUESTS), (os.POSIX_SPAWN_DUP2, high[1], _SPAWNED_ANSWERS)],
            setsigmask={signal.SIGINT})
    except OSError:
        return None
    finally:
        for fd in high:
            os.close(fd)


def _interpreter_flags() -> list[str]:
    """This interpreter's command-line settings (-B, -O, -W, -X, -E, -s...), as multiprocessing passes
    them on to the workers it spawns, and its byte-code folder."""
    import subprocess

    flags: list[str] = subprocess._args_from_interpreter_flags()  # type: ignore[attr-defined]
    if getattr(sys, "pycache_prefix", None) and not any(flag.startswith("pycache_prefix=") for flag in flags):
        flags += ["-X", f"pycache_prefix={sys.pycache_prefix}"]
    return flags


def _import_path() -> list[str]:
    """This process's import path, made absolute, without '' (the working directory as it is at
    each import); the folder that holds this dpgcheck goes first where the path does not name it
    (found through '', a relative entry or an editable install's hook), so the child imports the same one."""
    import dpgcheck

    entries = [os.path.abspath(entry) for entry in sys.path if isinstance(entry, str) and entry]
    home = os.path.dirname(os.path.dirname(os.path.abspath(dpgcheck.__file__)))
    return entries if home in entries else [home, *entries]


def serve_spawned(memory_mb: str) -> None:  # pragma: no cover - runs in the spawned child, measured through the parent
    """A spawned child's life: the first message is the pickled policy set, then as a forked child."""
    reader = _Reader(_SPAWNED_REQUESTS)
    first = reader.next()
    if first is None:
        os._exit(0)
    policy_set = pickle.loads(first)  # noqa: S301 - from our own parent, through a pipe of its own
    budget = Budget(memory_mb=int(memory_mb)) if memory_mb != "-" else None
    _serve(lambda: policy_set, budget, _SPAWNED_REQUESTS, _SPAWNED_ANSWERS, reader=reader)


class _Reader:
    def __init__(self, fd: int) -> None:
        self._fd = fd
        self._buffer = b""

    def next(self) -> bytes | None:
        while True:
            message, self._buffer = _take_message(self._buffer)
            if message is not None:
                return message
            chunk = os.read(self._fd, 1 << 20)
            if not chunk:
                return None
            self._buffer += chunk


# -- messages: an 8-byte big-endian length, then the payload -------------------


def _write_message(fd: int, payload: bytes) -> None:
    data = memoryview(len(payload).to_bytes(8, "big") + payload)
    while data:
        data = data[os.write(fd, data):]


def _take_message(buffer: bytes) -> tuple[bytes | None, bytes]:
    """The first whole message in ``buffer`` and what follows it, or (None, buffer)."""
    if len(buffer) >= 8:
        size = int.from_bytes(buffer[:8], "big")
        if len(buffer) >= 8 + size:
            return buffer[8:8 + size], buffer[8 + size:]
    return None, buffer


def _summary(policy_set: PolicySet) -> PolicySet:
    """The policy set without its modules and data, but with its catalogue and revision."""
    return replace(
        policy_set,
        modules={},
        test_modules={},
        data={"dpgcheck": {"catalog": {"rules": policy_set.catalog}}},
        data_text=None,
        known_revision=policy_set.revision,
    )
