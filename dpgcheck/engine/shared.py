"""Embedded engines kept open for the next run in the same process.

Opening an engine costs more than an evaluation: regorus reads the data and prepares itself
on its first query (tens of milliseconds; the modules are parsed once per process, see
regorus_engine._parsed); OPA's Go engine compiles the policies on its first query (about 450 ms). A process that judges many repositories in turn (a
test run, a program that imports dpgcheck) opens one per engine and policy set. The key
is the engine's name and the set's revision (a digest of its modules and data); the few
most recent are kept, per thread: an engine evaluates one query at a time, and a regorus
engine may only be used, and dropped, on the thread that made it (pyo3 refuses it elsewhere,
and the engine is then never freed). What a thread keeps is in its thread-local storage,
which the thread itself clears when it ends.

A run with an evaluation budget on regorus borrows a kept engine child instead
(:func:`shared_evaluator`): one forked process per kept engine and budget that evaluates run
after run under the budget, as a batch worker's does; it is ended when it is evicted, when
its thread ends, or at exit. The alternative, a watchdog forked for
each evaluation (dpgcheck.engine.budget.run), costs more as the process grows: in the test
suite, whose processes reach 0.5-1.3 GB, those forks took about 90 s of CPU time in all.
"""
from __future__ import annotations

import atexit
import threading
from collections import OrderedDict
from typing import TYPE_CHECKING, Any

from dpgcheck.bundle.loader import PolicySet

if TYPE_CHECKING:
    from dpgcheck.engine.budget import Budget
    from dpgcheck.engine.evaluator_process import EvaluatorProcess

#: Engines kept per thread (and children per thread, below), most recently used last.
SHARED_ENGINES = 4
SHARED_EVALUATORS = 4
#: The engines that run in this process and can be kept (an OPA server has a process of its own).
SHAREABLE = ("regorus", "opa-go")


class _Kept:
    """What one thread keeps: its engines and its engine children."""

    def __init__(self) -> None:
        self.engines: OrderedDict[tuple[str, str], Any] = OrderedDict()
        self.evaluators: OrderedDict[tuple[str, Budget], EvaluatorProcess] = OrderedDict()

    def close_evaluators(self) -> None:
        while self.evaluators:
            self.evaluators.popitem()[1].close()

    def __del__(self) -> None:  # the thread has ended (or the interpreter is shutting down)
        self.close_evaluators()


_LOCAL = threading.local()


def _kept() -> _Kept:
    """This thread's engines and children."""
    kept: _Kept | None = getattr(_LOCAL, "kept", None)
    if kept is None:
        kept = _LOCAL.kept = _Kept()
    return kept


class Borrowed:
    """A shared engine lent to one run: closing it gives it back instead of dropping it."""

    def __init__(self, engine: Any) -> None:
        self._engine = engine
        self.name: str = engine.name
        #: Whether a forked watchdog may bound an evaluation (regorus yes; a Go runtime does not survive fork).
        self.in_process_budget: bool = getattr(engine, "in_process_budget", False)

    def query(self, ref: str, input: Any = None) -> Any:
        return self._engine.query(ref, input)

    def coverage(self) -> dict[str, Any] | None:
        return None

    def close(self) -> None:
        pass


def shared_engine(name: str, policy_set: PolicySet) -> Borrowed:
    """An engine ``name`` (one of :data:`SHAREABLE`) of ``policy_set`` that stays open for later runs in this process and thread."""
    return Borrowed(_kept_engine(name, policy_set))


def _kept_engine(name: str, policy_set: PolicySet) -> Any:
    if name not in SHAREABLE:
        raise ValueError(f"{name} engines are not kept in process")
    engines = _kept().engines
    key = (name, policy_set.revision)
    engine = engines.pop(key, None)
    if engine is None:
        from dpgcheck.engine.factory import open_engine

        engine = open_engine(name, policy_set)
    engines[key] = engine
    while len(engines) > SHARED_ENGINES:
        engines.popitem(last=False)  # a run that still holds it keeps it; it closes when dropped
    return engine


class BorrowedEvaluator(Borrowed):
    """A kept engine child lent to one run; it keeps the run's budget itself (see evaluate.bounded_query)."""

    keeps_budget = True


def shared_evaluator(policy_set: PolicySet, budget: "Budget", *, engine: Any = None) -> BorrowedEvaluator:
    """A regorus engine child of ``policy_set`` under ``budget``, kept for later runs in this process and thread.

    ``engine``: an open regorus engine of ``policy_set`` for a forked child to inherit (a batch
    worker's prepared one), instead of the kept one.

    The child starts at its first query, and again after an evaluation broke the budget (the
    parent kills it then). In a process with no other thread it is forked from the kept engine
    of the same policies (it inherits a prepared engine); with other threads it is a new
    interpreter (see EvaluatorProcess). A thread keeps its few most recent children; they end when they are
    evicted, when the thread ends, at exit, or when their pipe closes because this process is gone.
    """
    from dpgcheck.engine.evaluator_process import WARM_UP_QUERY, EvaluatorProcess
    from dpgcheck.forking import can_fork

    evaluators = _kept().evaluators
    key = (policy_set.revision, budget)
    evaluator = evaluators.pop(key, None)
    if evaluator is None:
        if not can_fork():
            engine = None  # the child is spawned, and opens its own
        elif engine is None:
            engine = _kept_engine("regorus", policy_set)
            engine.query(WARM_UP_QUERY)  # prepared here once: each child forked from it inherits that
        evaluator = EvaluatorProcess(lambda: policy_set, budget, start=False, engine=engine)
    evaluators[key] = evaluator
    while len(evaluators) > SHARED_EVALUATORS:
        evaluators.popitem(last=False)[1].close()
    return BorrowedEvaluator(evaluator)


def close_evaluators() -> None:
    """End this thread's kept engine children (each is waited for)."""
    _kept().close_evaluators()


# The main thread's children: its storage outlives the exit handlers (other threads have ended by then).
atexit.register(close_evaluators)
