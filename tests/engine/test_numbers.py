"""Whole numbers come out of every engine as integers, read once at the engine's boundary."""
from __future__ import annotations

import json

from dpgcheck.engine.normalise import canonical_numbers, parse_answer
from dpgcheck.engine.regorus_engine import value_of

ODD_NUMBERS = '{"a": 1.0, "b": [2.5, 3e0, -4.0, 1e300, 7], "c": {"d": 0.0, "e": "1.0"}}'


def test_an_answer_is_read_with_whole_numbers_as_integers():
    value = parse_answer(ODD_NUMBERS)
    assert value == {"a": 1, "b": [2.5, 3, -4, 1e300, 7], "c": {"d": 0, "e": "1.0"}}
    assert [type(n) for n in value["b"]] == [float, int, int, float, int]
    assert type(value["a"]) is int and type(value["c"]["d"]) is int


def test_reading_gives_what_the_walk_over_a_parsed_answer_gives():
    assert json.dumps(parse_answer(ODD_NUMBERS)) == json.dumps(canonical_numbers(json.loads(ODD_NUMBERS)))


def test_regorus_answers_are_read_that_way():
    answer = '{"result": [{"expressions": [{"value": {"share": 2.0, "ratio": 0.5}, "text": "x"}]}]}'
    value = value_of(answer)
    assert value == {"share": 2, "ratio": 0.5} and type(value["share"]) is int
