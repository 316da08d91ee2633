"""DPGA nominee and screening records checked against copies of the DPGA's JSON Schemas.

A small checker of the draft-07 keywords those schemas use: several times faster than a
general validator, and its errors carry the JSON path of the problem, never the offending
(possibly personal) value. ``tests/dpg/test_collect.py`` checks that it finds the same
errors as ``jsonschema``'s Draft7Validator on variants of real records.
"""
from __future__ import annotations

import functools
import json
from typing import Any

from dpgcheck.resources import package_file
from dpgcheck.shapes import DpgaError

MAX_ERRORS_PER_DOCUMENT = 50


@functools.lru_cache(maxsize=2)
def _schema(kind: str) -> dict[str, Any]:
    text = package_file("dpgcheck", "schemas", "dpga", f"{kind}-schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def json_path(parts: Any) -> str:
    path = "$"
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def _shown(value: Any) -> str:
    """How a wrong value is named in a message: never its text, which may be personal data."""
    if isinstance(value, str):
        return f"a {len(value)}-character string"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return repr(value) if abs(value) < 1e6 else "a large number"
    return json_type(value)


_TYPES = {
    "string": lambda v: isinstance(v, str),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool) or isinstance(v, float) and v.is_integer(),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def _is_type(value: Any, expected: Any) -> bool:
    if isinstance(expected, str):  # the usual case: one type name (a record holds ~60 values to check)
        test = _TYPES.get(expected)
        return test is None or test(value)
    return any(_TYPES.get(name, _any_value)(value) for name in expected)


def _any_value(value: Any) -> bool:
    return True


def _equal(one: Any, other: Any) -> bool:
    """JSON equality: true is not 1, 1 is 1.0."""
    if isinstance(one, bool) or isinstance(other, bool):
        return isinstance(one, bool) and isinstance(other, bool) and one == other
    return one == other


def _type_message(expected: Any, value: Any) -> str:
    wanted = expected if isinstance(expected, str) else " or ".join(expected)
    article = "an" if wanted[:1] in "aeiou" else "a"
    return f"must be {article} {wanted}, not {json_type(value)}"


def _check(schema: dict[str, Any], value: Any, path: tuple, out: list[tuple[tuple, str, str]]) -> None:
    """The draft-07 keywords the DPGA schemas use: type, enum, required, properties,
    items, minItems, uniqueItems, anyOf (checked as jsonschema checks them; a test
    compares the two on mutated records)."""
    expected = schema.get("type")
    if expected is not None and not _is_type(value, expected):
        out.append((path, "type", _type_message(expected, value)))
    if "enum" in schema and not any(_equal(value, option) for option in schema["enum"]):
        options = schema["enum"]
        if len(options) <= 10:
            out.append((path, "enum", f"{_shown(value)} is not one of {', '.join(map(str, options))}"))
        else:
            out.append((path, "enum", f"{_shown(value)} is not one of the {len(options)} allowed values"))
    if "anyOf" in schema:
        if not any(_valid(option, value) for option in schema["anyOf"]):
            types = [option.get("type") for option in schema["anyOf"]]
            if all(isinstance(t, str) for t in types):
                out.append((path, "anyOf", _type_message(types, value)))
            else:
                out.append((path, "anyOf", "does not satisfy the schema's 'anyOf' check"))
    if isinstance(value, dict):
        for name in schema.get("required", ()):
            if name not in value:
                out.append((path, "required", f"missing required field {name!r}"))
        for name, subschema in schema.get("properties", {}).items():
            if name in value:
                _check(subschema, value[name], path + (name,), out)
    elif isinstance(value, list):
        minimum = schema.get("minItems")
        if minimum is not None and len(value) < minimum:
            out.append((path, "minItems", f"must have at least {minimum} item{'s' if minimum != 1 else ''}"))
        if schema.get("uniqueItems") and _has_duplicates(value):
            out.append((path, "uniqueItems", "has duplicate items"))
        items = schema.get("items")
        if isinstance(items, dict):
            for index, item in enumerate(value):
                _check(items, item, path + (index,), out)


def _valid(schema: dict[str, Any], value: Any) -> bool:
    found: list[tuple[tuple, str, str]] = []
    _check(schema, value, (), found)
    return not found


def _has_duplicates(items: list[Any]) -> bool:
    seen = set()
    for item in items:
        canonical = json.dumps(item, sort_keys=True)
        if canonical in seen:
            return True
        seen.add(canonical)
    return False


def schema_errors(document: Any, kind: str) -> list[tuple[tuple, str, str]]:
    """(path parts, keyword, message) for every schema error of a ``nominee`` or ``screening`` record.

    Every one, the licence enum's too (the nominee schema lists only the SPDX ids of
    2020-22): which errors are reported is the policies' call (``dpg-record-schema``,
    threshold ``dpga_schema_ignored_errors``).
    """
    found: list[tuple[tuple, str, str]] = []
    _check(_schema(kind), document, (), found)
    return found


def validate(document: Any, kind: str, file: str) -> list[DpgaError]:
    """Schema errors of a ``nominee`` or ``screening`` record, with JSON paths and the keyword that failed."""
    errors: list[DpgaError] = [
        {"document": kind, "file": file, "path": json_path(path), "keyword": keyword, "message": message}
        for path, keyword, message in schema_errors(document, kind)
    ]
    errors.sort(key=lambda e: (e["path"], e["message"]))
    if len(errors) > MAX_ERRORS_PER_DOCUMENT:
        dropped = len(errors) - MAX_ERRORS_PER_DOCUMENT
        errors = errors[:MAX_ERRORS_PER_DOCUMENT] + [
            {"document": kind, "file": file, "path": "$", "message": f"{dropped} more schema errors not shown"}
        ]
    return errors
