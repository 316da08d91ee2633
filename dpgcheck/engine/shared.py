"""Embedded engines kept open for the next run in the same process.

Opening an engine costs more than an evaluation: regorus reads the data and prepares itself
on its first query (tens of milliseconds; the modules are parsed once per process, see
regorus_engine._parsed); OPA's Go engine compiles the policies on its first query (about 450 ms). A process that judges many repositories in turn (a
test run, a program that imports dpgcheck) opens one per engine and policy set. The key
is the engine's name, the set's revision (a digest of its modules and data) and the thread
(an engine evaluates one query at a time); the few most recent are kept.

A run with an evaluation budget on regorus borrows a kept engine child instead
(:func:`shared_evaluator`): one forked process per kept engine and budget that evaluates run
after run under the budget, as a batch worker's does. The alternative, a watchdog forked for
each evaluation (dpgcheck.engine.budget.run), costs more as the process grows: in the test
suite, whose processes reach 0.5-1.3 GB, those forks took about 90 s of CPU time in all.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import TYPE_CHECKING, Any

from dpgcheck.bundle.loader import PolicySet

if TYPE_CHECKING:
    from dpgcheck.engine.budget import Budget
    from dpgcheck.engine.evaluator_process import EvaluatorProcess

#: Engines kept, most recently used last.
_SHARED: "OrderedDict[tuple[str, str, int], Any]" = OrderedDict()
SHARED_ENGINES = 4
#: The engines that run in this process and can be kept (an OPA server has a process of its own).
SHAREABLE = ("regorus", "opa-go")


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
    key = (name, policy_set.revision, threading.get_ident())
    engine = _SHARED.pop(key, None)
    if engine is None:
        from dpgcheck.engine.factory import open_engine

        engine = open_engine(name, policy_set)
    _SHARED[key] = engine
    while len(_SHARED) > SHARED_ENGINES:
        _SHARED.popitem(last=False)  # a run that still holds it keeps it; it closes when dropped
    return engine


#: Engine children kept, most recently used last: (revision, thread id, budget) -> the thread
#: that owns the child, and the child.
_EVALUATORS: "OrderedDict[tuple[str, int, Budget], tuple[threading.Thread, EvaluatorProcess]]" = OrderedDict()
#: Kept per thread: a thread ends only its own children (another thread's may be evaluating),
#: and the children of threads that have ended.
SHARED_EVALUATORS = 4
_EVALUATORS_LOCK = threading.Lock()
_closed_at_exit = False


class BorrowedEvaluator(Borrowed):
    """A kept engine child lent to one run; it keeps the run's budget itself (see evaluate.bounded_query)."""

    def __init__(self, evaluator: "EvaluatorProcess") -> None:
        super().__init__(evaluator)
        self.local_engine = evaluator.local_engine


def shared_evaluator(policy_set: PolicySet, budget: "Budget") -> BorrowedEvaluator:
    """A regorus engine child of ``policy_set`` under ``budget``, kept for later runs in this process and thread.

    The child is forked at its first query from the kept engine of the same policies (it
    inherits a prepared engine), and again after an evaluation broke the budget (the parent
    kills it then). A thread keeps its few most recent children; those of a thread that has
    ended are ended at the next call, the rest at exit (or when their pipe closes because
    this process is gone).
    """
    global _closed_at_exit
    from dpgcheck.engine.evaluator_process import WARM_UP_QUERY, EvaluatorProcess

    thread = threading.current_thread()
    key = (policy_set.revision, threading.get_ident(), budget)
    with _EVALUATORS_LOCK:  # other threads look up and evict their own meanwhile
        ending = [_EVALUATORS.pop(k)[1] for k, (owner, _) in list(_EVALUATORS.items()) if not owner.is_alive()]
        owner, evaluator = _EVALUATORS.pop(key, (thread, None))
        if evaluator is not None and owner is not thread:  # an ended thread's id, given to a new one
            ending.append(evaluator)
            evaluator = None
        if not _closed_at_exit:
            import atexit

            atexit.register(close_evaluators)
            _closed_at_exit = True
    if evaluator is None:
        engine = _kept_engine("regorus", policy_set)
        engine.query(WARM_UP_QUERY)  # prepared here once: each child forked from it inherits that
        evaluator = EvaluatorProcess(lambda: policy_set, budget, start=False, engine=engine)
    with _EVALUATORS_LOCK:
        _EVALUATORS[key] = (thread, evaluator)
        own = [k for k, (owner, _) in _EVALUATORS.items() if owner is thread]
        ending += [_EVALUATORS.pop(k)[1] for k in own[:-SHARED_EVALUATORS]]
    for child in ending:
        child.close()
    return BorrowedEvaluator(evaluator)


def close_evaluators() -> None:
    """End every kept engine child (each is waited for)."""
    with _EVALUATORS_LOCK:
        ending = [child for _, child in _EVALUATORS.values()]
        _EVALUATORS.clear()
    for child in ending:
        child.close()
