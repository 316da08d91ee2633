"""The progress bar (rich): counts, rate and ETA on a terminal, nothing otherwise."""
from __future__ import annotations

import sys
from typing import Any


class Progress:
    def __init__(self, total: int, *, enabled: bool) -> None:
        self._bar: Any = None
        if not enabled or not sys.stderr.isatty():
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn
        from rich.progress import Progress as RichProgress

        self._bar = RichProgress(
            TextColumn("[bold]batch"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} targets/s"),
            TextColumn("{task.fields[errors]} errors"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=False,
            auto_refresh=False,  # no refresh thread: the parent stays single-threaded, so forking workers is safe
        )
        self._task = self._bar.add_task("batch", total=total, rate="-", errors=0)
        self._errors = 0
        self._bar.start()

    def advance(self, status: str) -> None:
        if self._bar is None:
            return
        if status != "ok":
            self._errors += 1
        task = self._bar.tasks[0]
        speed = task.finished_speed or task.speed
        self._bar.update(self._task, advance=1, errors=self._errors, rate=f"{speed:.1f}" if speed else "-")
        self._bar.refresh()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
