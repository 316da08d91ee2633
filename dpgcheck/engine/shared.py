"""Embedded engines kept open for the next run in the same process.

Opening an engine costs more than an evaluation: regorus reads the data and prepares itself
on its first query (tens of milliseconds; the modules are parsed once per process, see
regorus_engine._parsed); OPA's Go engine compiles the policies on its first query (about 450 ms). A process that judges many repositories in turn (a
test run, a program that imports dpgcheck) opens one per engine and policy set. The key
is the engine's name, the set's revision (a digest of its modules and data) and the thread
(an engine evaluates one query at a time); the few most recent are kept.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from dpgcheck.bundle.loader import PolicySet

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
    return Borrowed(engine)
