"""A time and memory budget for policy evaluation, kept by a watchdog.

The embedded engine (regorus) offers no evaluation limit of its own, and a bundle's
rule may never end (a 10^10 comprehension), build a gigabyte string (the allocator
then aborts the process) or recurse until the stack overflows (a crash signal). So
on POSIX the evaluation runs in a forked child — a copy of the loaded engine, so
nothing is loaded twice — with an address-space limit; the parent waits at most the
time budget, kills the child when it runs over, and turns every way the child can
end (over time, over memory, a crash signal) into one :class:`BudgetExceeded`. The
parent never crashes. Where ``fork`` is missing (Windows) evaluation runs in process
without a budget.

:func:`culprit` names the rule: it evaluates the rules' findings one by one in
another child that reports each rule before starting it; the last one reported when
the child dies or runs out of time is the rule that broke the budget.
"""
from __future__ import annotations

import os
import pickle
import select
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from dpgcheck.errors import DpgcheckError

DEFAULT_SECONDS = 20.0
DEFAULT_MEMORY_MB = 1024


@dataclass(frozen=True)
class Budget:
    """The limits on one evaluation: wall time in seconds and address space in MiB."""

    seconds: float = DEFAULT_SECONDS
    memory_mb: int = DEFAULT_MEMORY_MB


class _NoWatchdog(Exception):
    """fork failed (out of processes or memory): evaluate in process instead."""


class BudgetExceeded(Exception):
    """The evaluation ran over its budget or crashed; ``what`` is a short phrase for the message."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


def available() -> bool:
    return hasattr(os, "fork") and hasattr(os, "waitpid")


def _limit_memory(memory_mb: int) -> None:
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as handle:
            current = int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (ImportError, OSError, ValueError):
        current = 0
    try:
        limit = current + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ValueError, OSError, NameError):  # pragma: no cover - a platform without RLIMIT_AS
        pass


def _child_setup(memory_mb: int) -> None:
    # The child's own messages (an allocator's "memory allocation failed") would be a
    # second line on the user's terminal: the parent reports for it.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    _limit_memory(memory_mb)


def _describe(status: int, budget: Budget) -> str:
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        if number == signal.SIGSEGV:
            return "crashed (stack overflow: is a function recursive?)"
        if number in (signal.SIGABRT, signal.SIGKILL, signal.SIGBUS):
            return f"exceeded its memory budget of {budget.memory_mb} MiB"
        return f"was ended by signal {number}"
    if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 70:
        return f"exceeded its memory budget of {budget.memory_mb} MiB"
    if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 71:
        return "crashed (recursion too deep: is a function recursive?)"
    return f"ended without an answer (exit status {os.WEXITSTATUS(status) if os.WIFEXITED(status) else status})"


def _stream(produce: Callable[[Callable[[Any], None]], None], budget: Budget, *, per_message: bool) -> Iterator[Any]:
    """Run ``produce(send)`` in a child; yield what it sends; raise BudgetExceeded when it fails.

    With ``per_message`` the time budget restarts at each message (one budget per test).
    """
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        raise _NoWatchdog() from None
    if pid == 0:  # pragma: no cover - runs in the child, measured through the parent
        code = 0
        try:
            os.close(read_end)
            _child_setup(budget.memory_mb)

            def send(value: Any) -> None:
                data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
                payload = len(data).to_bytes(8, "big") + data
                view = memoryview(payload)
                while view:
                    written = os.write(write_end, view)
                    view = view[written:]

            try:
                produce(send)
            except DpgcheckError as exc:
                send(("error", exc.message, exc.path))
            except MemoryError:
                code = 70
            except RecursionError:
                code = 71
            except BaseException as exc:  # noqa: BLE001 - reported to the parent as an internal error
                send(("crash", f"{type(exc).__name__}: {exc}"[:500]))
        finally:
            os._exit(code)
    os.close(write_end)
    buffer = b""
    deadline = time.monotonic() + budget.seconds
    status: int | None = None
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise BudgetExceeded(f"ran past its time budget of {budget.seconds:g} s")
            ready, _, _ = select.select([read_end], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(read_end, 1 << 20)
            if not chunk:
                break
            buffer += chunk
            while len(buffer) >= 8 and len(buffer) >= 8 + int.from_bytes(buffer[:8], "big"):
                size = int.from_bytes(buffer[:8], "big")
                message = pickle.loads(buffer[8 : 8 + size])  # noqa: S301 - our own child's data
                buffer = buffer[8 + size :]
                if per_message:
                    deadline = time.monotonic() + budget.seconds
                yield message
        _, status = os.waitpid(pid, 0)
        pid = 0
        if not (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0):
            raise BudgetExceeded(_describe(status, budget))
    finally:
        os.close(read_end)
        if pid:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:  # pragma: no cover - it ended on its own meanwhile
                pass
            os.waitpid(pid, 0)


def _unwrap(message: Any) -> Any:
    kind = message[0]
    if kind == "ok":
        return message[1]
    if kind == "error":
        raise DpgcheckError(message[1], path=message[2])
    raise RuntimeError(f"policy evaluation failed in the watchdog child: {message[1]}")


def run(function: Callable[[], Any], budget: Budget | None) -> Any:
    """``function()`` within ``budget`` (in a forked child); BudgetExceeded when it runs over."""
    if budget is None or not available():
        return function()
    messages = _stream(lambda send: send(("ok", function())), budget, per_message=False)
    try:
        for message in messages:
            result = _unwrap(message)
            for _ in messages:  # drain: the child ends after its one answer
                pass
            return result
    except _NoWatchdog:
        return function()
    raise BudgetExceeded("ended without an answer")  # pragma: no cover - the child always answers or fails


def run_each(items: list[Any], function: Callable[[Any], Any], budget: Budget | None) -> Iterator[tuple[Any, Any, str | None]]:
    """(item, result, None) for each item, or (item, None, why) for one that broke its own budget.

    One child runs the items in turn with one budget per item; when an item breaks it,
    a new child goes on from the next item.
    """
    if budget is None or not available():
        for item in items:
            yield item, function(item), None
        return
    start = 0
    while start < len(items):
        pending = items[start:]

        def produce(send: Callable[[Any], None], pending: list[Any] = pending) -> None:
            for item in pending:
                try:
                    send(("ok", function(item)))
                except DpgcheckError as exc:
                    send(("error", exc.message, exc.path))

        done = 0
        try:
            for message in _stream(produce, budget, per_message=True):
                item = items[start + done]
                done += 1
                if message[0] == "error":
                    yield item, DpgcheckError(message[1], path=message[2]), None
                else:
                    yield item, _unwrap(message), None
        except BudgetExceeded as exc:
            if start + done < len(items):
                yield items[start + done], None, exc.what
            done += 1
        except _NoWatchdog:
            for item in items[start + done:]:
                yield item, function(item), None
            return
        start += done


def culprit(candidates: Iterable[str], evaluate: Callable[[str], Any], budget: Budget) -> str | None:
    """The first candidate whose evaluation breaks ``budget`` (each reported before it starts)."""
    names = list(candidates)
    if not available() or not names:
        return None

    def produce(send: Callable[[Any], None]) -> None:
        for name in names:
            send(("start", name))
            try:
                evaluate(name)
            except DpgcheckError:
                pass

    last: str | None = None
    try:
        for message in _stream(produce, budget, per_message=True):
            last = message[1]
    except BudgetExceeded:
        return last
    except _NoWatchdog:
        return None
    return None
