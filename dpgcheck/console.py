"""The installed ``dpgcheck`` command: :func:`dpgcheck.cli.main` as a one-shot process.

Two things a one-shot run does not need, and which cost a pre-commit run (about 0.4 s)
some 40-50 ms, are left out here, and only here: in-process callers (the tests, a program
that imports dpgcheck, a batch worker) use :func:`dpgcheck.cli.main` and keep both.

* The cycle collector, switched off before the package's imports: a run allocates its
  objects once, and the 30-odd collections during start-up and collection took ~12 ms.
  ``dpgcheck batch``, which runs for long, switches it back on.
* The interpreter's teardown: after the report is written, freeing some 300 modules one
  by one took 30-40 ms. The exit handlers (the caches' flush, temporary folders) and the
  streams' flush run here, then the process ends.
"""
from __future__ import annotations

import gc

gc.disable()

import atexit  # noqa: E402 - after gc.disable(): these imports are what it speeds up
import os  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402

from dpgcheck.cli import main  # noqa: E402


def run() -> None:
    try:
        main()
        code = 0
    except SystemExit as stop:
        if stop.code is None or isinstance(stop.code, int):
            code = stop.code or 0
        else:  # as the interpreter does with `raise SystemExit("message")`
            sys.stderr.write(f"{stop.code}\n")
            code = 1
    for thread in threading.enumerate():  # as the interpreter's shutdown would, before the exit handlers
        if thread is not threading.current_thread() and not thread.daemon:
            thread.join()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: nothing more can reach it
            pass
    os._exit(code)
