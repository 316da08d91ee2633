"""regorus evaluates the decision as a rule path; whatever that cannot answer is asked as a query.

Each case is a real regorus engine on a small decision package, compared with what the
query gives (the way every reference was evaluated before).
"""
from __future__ import annotations

import json

import pytest

from dpgcheck.bundle.loader import PolicySet
from dpgcheck.engine.base import DECISION_REF, UNDEFINED
from dpgcheck.engine.regorus_engine import RegorusEngine, _first_line, value_of
from dpgcheck.errors import DpgcheckError
from dpgcheck.evaluate import RunOptions, decide


def engine_of(source: str) -> RegorusEngine:
    return RegorusEngine(PolicySet(modules={"decision.rego": source}))


def as_query(engine: RegorusEngine, ref: str, input_json: str) -> object:
    engine._engine.set_input_json(input_json)
    return value_of(engine._engine.eval_query_as_json(ref))


@pytest.mark.parametrize("body, expected", [
    ('main := {"verdict": "pass", "n": input.n, "set": {3, 1, 2}}', {"verdict": "pass", "n": 7, "set": [1, 2, 3]}),
    ('main := "<undefined>"', "<undefined>"),  # a string, not regorus's word for undefined
    ("main := input.n * 2", 14),
    ('main := x if { x := input.missing }', UNDEFINED),
])
def test_the_decision_rule_answers_as_the_query_does(body, expected):
    engine = engine_of(f"package dpgcheck.decision\n\n{body}\n")
    answer = value_of(engine.query_json(DECISION_REF, json.dumps({"n": 7})))
    assert answer == expected
    assert answer == as_query(engine, DECISION_REF, json.dumps({"n": 7}))


def test_without_the_decision_package_the_check_says_the_base_bundle_is_missing():
    engine = engine_of("package somewhere.else\n\nmain := 1\n")
    assert value_of(engine.query_json(DECISION_REF, "{}")) is UNDEFINED
    with pytest.raises(DpgcheckError, match=r"the policies gave no decision \(data\.dpgcheck\.decision\.main is undefined\)"):
        decide(engine, {"facts_version": "3.0"}, RunOptions(now="2026-06-01T00:00:00Z"))


def test_a_decision_that_fails_to_evaluate_gives_the_query_error():
    engine = engine_of('package dpgcheck.decision\n\nmain := 1 if input.a\n\nmain := 2 if input.b\n')
    with pytest.raises(DpgcheckError, match="^policy evaluation failed: ") as raised:
        engine.query(DECISION_REF, {"a": True, "b": True})
    with pytest.raises(RuntimeError) as direct:
        engine._engine.set_input_json('{"a": true, "b": true}')
        engine._engine.eval_query_as_json(DECISION_REF)
    assert raised.value.message == f"policy evaluation failed: {_first_line(direct.value)}"
