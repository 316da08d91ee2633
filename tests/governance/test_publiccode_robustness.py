"""The validator and the facts never raise, whatever types a publiccode.yml holds."""
from __future__ import annotations

import copy
import json
import math
import random
from typing import Any

import jsonschema

from dpgcheck.collect.collectors.publiccode_facts import fields
from dpgcheck.publiccode import check
from dpgcheck.schemas import facts_schema
from tests.governance.helpers import FULL, dump

ODD_VALUES: list[Any] = [None, True, 0, -1, 1.5, math.inf, "", "x" * 300, [], [None], {}, {"k": [1, {"a": None}]}, ["a", 1, None], "2026-02-30"]


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += paths(value, prefix + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += paths(value, prefix + (index,))
    return found


def replaced(document: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    copied = copy.deepcopy(document)
    node: Any = copied
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return copied


def test_every_node_replaced_by_every_odd_value() -> None:
    section = facts_schema()["properties"]["publiccode"]
    fields_schema = {"$id": section["$id"], "$defs": section["$defs"], **section["properties"]["fields"]}
    # jsonschema.validate, with the schema checked against its meta-schema once, not for each document.
    validator_class = jsonschema.validators.validator_for(fields_schema)
    validator_class.check_schema(fields_schema)
    validator = validator_class(fields_schema)
    rng = random.Random(20260115)
    all_paths = paths(FULL)
    for path in all_paths:
        for value in rng.sample(ODD_VALUES, 3):
            document = replaced(FULL, path, value)
            result = check(dump(document), exists=lambda _: True)
            assert result.parsed
            for issue in result.issues:
                assert set(issue) == {"severity", "key", "code", "message", "line"}
                assert issue["line"] >= 1
            normalised = fields(result.document)
            validator.validate(normalised)
            json.dumps(normalised, allow_nan=False)


def test_root_of_every_type() -> None:
    for value in ODD_VALUES:
        result = check(dump(value))
        assert result.parsed
        if not isinstance(value, dict):
            assert [i["code"] for i in result.issues] == ["not-a-mapping"]
