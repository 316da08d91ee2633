"""When this process may fork: the engine child and a collector's own process both ask here."""
from __future__ import annotations

import os
import threading


def can_fork() -> bool:
    """Fork is safe only with no other thread running (a thread's locks would be copied held).

    Threads started by native code (a test runner's I/O, a Go or Rust runtime) are not in
    ``threading``'s count; on Linux the kernel's count of the process's threads is read too.
    """
    return hasattr(os, "fork") and hasattr(os, "waitpid") and threading.active_count() == 1 and _native_threads() <= 1


def _native_threads() -> int:
    try:
        with open("/proc/self/status", "rb") as status:
            for line in status:
                if line.startswith(b"Threads:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 1  # no /proc (macOS, BSD): threading's count is all there is
