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

And one thing it can start sooner: asked to ``check`` with the embedded engine and no
bundle of its own on the command line, it forks the engine child before the command line
is parsed (:func:`dpgcheck.engine.evaluator_process.fork_early`), so the policies load
while click and the commands are imported. The run adopts that child only if it wants
exactly that engine; otherwise the child is ended and the run starts its own.
"""
from __future__ import annotations

import gc

gc.disable()

import atexit  # noqa: E402 - after gc.disable(): these imports are what it speeds up
import os  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402

from dpgcheck.engine import evaluator_process  # noqa: E402


def wants_the_builtin_engine(args: list[str], environ: dict[str, str]) -> bool:
    """Does this command line look like a ``check`` that the built-in policies in regorus will judge?

    A guess from the words alone, before click parses them: a wrong "yes" costs a child
    that the run ends, a wrong "no" the head start.
    """
    words = [arg for arg in args if not arg.startswith("-")]
    if not words or words[0] != "check" or {"-h", "--help", "--no-builtin"} & set(args):
        return False
    if any(arg == "--bundle" or arg.startswith("--bundle=") for arg in args):
        return False
    if any(environ.get(name) for name in ("DPGCHECK_BUNDLE", "DPGCHECK_CHECK_BUNDLE", "DPGCHECK_CHECK_NO_BUILTIN")):
        return False
    engine = next((args[i + 1] for i, arg in enumerate(args[:-1]) if arg == "--engine"), None)
    engine = engine or next((arg.split("=", 1)[1] for arg in args if arg.startswith("--engine=")), None)
    engine = engine or environ.get("DPGCHECK_CHECK_ENGINE") or environ.get("DPGCHECK_ENGINE") or "regorus"
    return engine == "regorus"


def run() -> None:
    if wants_the_builtin_engine(sys.argv[1:], dict(os.environ)):
        evaluator_process.fork_early()
    from dpgcheck.cli import main

    try:
        main()
        code = 0
    except SystemExit as stop:
        if stop.code is None or isinstance(stop.code, int):
            code = stop.code or 0
        else:  # as the interpreter does with `raise SystemExit("message")`
            sys.stderr.write(f"{stop.code}\n")
            code = 1
    evaluator_process.discard_early()  # a run that did not adopt it (a usage error, --facts)
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
