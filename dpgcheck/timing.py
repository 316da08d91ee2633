"""Step timings on standard error when ``DPGCHECK_TIMINGS=1`` (for measuring, never for output)."""
from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

_ENABLED = os.environ.get("DPGCHECK_TIMINGS") == "1"
_STARTED = time.perf_counter()


@contextmanager
def timed(step: str) -> Iterator[None]:
    if not _ENABLED:
        yield
        return
    started = time.perf_counter()
    try:
        yield
    finally:
        ended = time.perf_counter()
        thread = threading.current_thread().name
        where = "" if thread == "MainThread" else f" [{thread}]"
        sys.stderr.write(
            f"dpgcheck: {step}: {(ended - started) * 1000:.1f} ms (from {(started - _STARTED) * 1000:.0f} to {(ended - _STARTED) * 1000:.0f} ms){where}\n"
        )


def note(text: str) -> None:
    """A one-line remark among the step timings (what a run chose, when that explains its times)."""
    if _ENABLED:
        sys.stderr.write(f"dpgcheck: {text} (at {(time.perf_counter() - _STARTED) * 1000:.0f} ms)\n")
