"""The watchdog of dpgcheck.engine.budget on its own: answers, time, memory, one budget per item,
and evaluation in process when fork is not possible."""
from __future__ import annotations

import os
import time

import pytest

from dpgcheck.engine import budget
from dpgcheck.errors import DpgcheckError

SMALL = budget.Budget(seconds=1.0, memory_mb=64)


def test_answer_comes_back_from_the_child() -> None:
    assert budget.run(lambda: {"verdict": "pass", "n": [1, 2]}, SMALL) == {"verdict": "pass", "n": [1, 2]}


def test_input_error_in_the_child_is_raised_in_the_parent() -> None:
    def fails() -> None:
        raise DpgcheckError("bad input", path="x.json")

    with pytest.raises(DpgcheckError) as raised:
        budget.run(fails, SMALL)
    assert (raised.value.message, raised.value.path) == ("bad input", "x.json")


def test_time_and_memory_are_bounded() -> None:
    started = time.monotonic()
    with pytest.raises(budget.BudgetExceeded) as slow:
        budget.run(lambda: time.sleep(30), budget.Budget(seconds=0.5))
    assert slow.value.what == "ran past its time budget of 0.5 s"
    assert time.monotonic() - started < 5
    with pytest.raises(budget.BudgetExceeded) as hog:
        budget.run(lambda: len(bytearray(512 * 1024 * 1024)), SMALL)
    assert hog.value.what == "exceeded its memory budget of 64 MiB"


def test_each_item_has_its_own_budget_and_the_rest_still_run() -> None:
    def work(item: int) -> int:
        if item == 2:
            time.sleep(30)
        return item * 10

    assert list(budget.run_each([1, 2, 3], work, budget.Budget(seconds=0.5))) == [
        (1, 10, None), (2, None, "ran past its time budget of 0.5 s"), (3, 30, None)]


def test_culprit_is_the_candidate_that_breaks_the_budget() -> None:
    def evaluate(name: str) -> None:
        if name == "b":
            time.sleep(30)

    assert budget.culprit(["a", "b", "c"], evaluate, budget.Budget(seconds=0.5)) == "b"
    assert budget.culprit(["a", "c"], evaluate, budget.Budget(seconds=0.5)) is None


def test_without_fork_evaluation_is_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    assert budget.run(lambda: 7, SMALL) == 7
    assert list(budget.run_each([1, 2], lambda x: -x, SMALL)) == [(1, -1, None), (2, -2, None)]
