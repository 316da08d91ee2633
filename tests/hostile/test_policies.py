"""Class 5 of issue 9: policies that never end, exhaust memory or recurse, on `check` and on
`policy test`: a one-line error naming the rule (or a failed test), never a hang or a crash signal.
Subprocesses, because a crash signal and the peak memory are the point."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.hostile.helpers import BUDGET, NOW, assert_bounded, assert_input_error, run_cli, write_rule_bundle

SLOW = """findings contains f if {
	every a in numbers.range(1, 100000) { every b in numbers.range(1, 100000) { a + b > 0 } }
	f := {"message": "never"}
}"""
HUGE = """findings contains f if {
	n := count([x | some x in numbers.range(1, 10000000000)])
	f := {"message": sprintf("%d", [n])}
}"""
BIG_STRING = """findings contains f if {
	s := concat("", [z | some i in numbers.range(1, 100000000); z := "xxxxxxxxxx"])
	f := {"message": s}
}"""
RECURSIVE = """g(x) := y if { y := g(x + 1) }

findings contains f if {
	v := g(1)
	f := {"message": sprintf("%v", [v])}
}"""


@pytest.mark.parametrize(
    ("rule_id", "body", "what"),
    [
        ("slow", SLOW, "ran past its time budget of 1 s"),
        ("huge", HUGE, "exceeded its memory budget of 256 MiB"),
        ("big-string", BIG_STRING, "exceeded its memory budget of 256 MiB"),
        ("recursive", RECURSIVE, "crashed (stack overflow: is a function recursive?)"),
    ],
)
def test_runaway_rule_is_stopped_and_named(tmp_path: Path, small_repo: Path, rule_id: str, body: str, what: str) -> None:
    bundle = write_rule_bundle(tmp_path / "gov", rule_id, body)
    run = run_cli("check", small_repo, "--bundle", bundle, *BUDGET, *NOW)
    # An overlay's rule ids carry its namespace (the overlay contract): the rule is named hostile.<rule_id>.
    assert_input_error(run, f"gov/rules/hostile/{rule_id}/rule.rego: policy evaluation {what} in rule hostile.{rule_id}; ")


def test_runaway_rego_tests_fail_alone_and_the_others_still_run(tmp_path: Path) -> None:
    tests = tmp_path / "tests"
    tests.mkdir()
    # A bundle of tests alone holds no policy and is refused: the tests test a module beside them.
    (tests / "hostile.rego").write_text("package hostile\n\nanswer := 42\n", encoding="utf-8")
    (tests / "hostile_test.rego").write_text(
        "package hostile_test\n\n"
        "import data.hostile\n\n"
        "test_first if { hostile.answer == 42 }\n\n"
        "test_slow if {\n\tevery a in numbers.range(1, 100000) { every b in numbers.range(1, 100000) { a + b > 0 } }\n}\n\n"
        "g(x) := y if { y := g(x + 1) }\n\n"
        "test_recursive if { g(1) > 0 }\n\n"
        "test_huge if { count([x | some x in numbers.range(1, 10000000000)]) > 0 }\n\n"
        "test_last if { 2 == 2 }\n",
        encoding="utf-8",
    )
    run = run_cli("policy", "test", tests, "--no-builtin", *BUDGET)
    assert_bounded(run)
    assert run.returncode == 1
    lines = [re.sub(r" \(\d+\.\d ms\)", "", line) for line in run.stdout.splitlines()]
    assert lines == [
        "FAIL tests/hostile_test.rego: test_slow (the test ran past its time budget of 1 s)",
        "FAIL tests/hostile_test.rego: test_recursive (the test crashed (stack overflow: is a function recursive?))",
        "FAIL tests/hostile_test.rego: test_huge (the test exceeded its memory budget of 256 MiB)",
        "regorus: 2 passed, 3 failed",
    ]
    assert run.stderr == ""
