"""The published JSON Schemas: the facts document (composed from one file per section), the
JSON report, and the official SARIF 2.1.0 schema that the SARIF report follows."""
from __future__ import annotations

import functools
import json
from typing import Any

from dpgcheck.resources import package_file


def _load(*parts: str) -> dict[str, Any]:
    return json.loads(package_file(__name__, *parts).read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def facts_validator() -> Any:
    """A validator of facts documents, made once per process with the schema's references
    resolved up front: without a crawled registry each validation crawled the 58 kB schema
    again (~0.3 s a document)."""
    import jsonschema
    from referencing import Registry
    from referencing.jsonschema import DRAFT202012

    schema = facts_schema()
    registry = Registry().with_resource(schema["$id"], DRAFT202012.create_resource(schema)).crawl()
    return jsonschema.Draft202012Validator(schema, registry=registry)


def facts_schema() -> dict[str, Any]:
    """The facts schema with every collector's section schema merged in."""
    schema = _load("facts.schema.json")
    sections = package_file(__name__, "facts")
    for item in sorted(sections.iterdir(), key=lambda i: i.name):
        if item.name.endswith(".json"):
            section = json.loads(item.read_text(encoding="utf-8"))
            # Its own $id makes "#/$defs/..." inside the section resolve within the section.
            section.setdefault("$id", f"https://dpgcheck.dev/schemas/facts-1.1/{item.name}")
            schema["properties"][item.name[: -len(".json")]] = section
    return schema


def sarif_schema() -> dict[str, Any]:
    """The OASIS SARIF 2.1.0 JSON Schema (errata 01), shipped so reports can be checked offline."""
    return _load("sarif-schema-2.1.0.json")
