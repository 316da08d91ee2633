"""The published JSON Schemas: the facts document (composed from one file per section)."""
from __future__ import annotations

from importlib import resources
import json
from typing import Any


def _load(*parts: str) -> dict[str, Any]:
    node = resources.files(__name__)
    for part in parts:
        node = node / part
    return json.loads(node.read_text(encoding="utf-8"))


def facts_schema() -> dict[str, Any]:
    """The facts schema with every collector's section schema merged in."""
    schema = _load("facts.schema.json")
    sections = resources.files(__name__) / "facts"
    for item in sorted(sections.iterdir(), key=lambda i: i.name):
        if item.name.endswith(".json"):
            section = json.loads(item.read_text(encoding="utf-8"))
            # Its own $id makes "#/$defs/..." inside the section resolve within the section.
            section.setdefault("$id", f"https://dpgcheck.dev/schemas/facts-1.0/{item.name}")
            schema["properties"][item.name[: -len(".json")]] = section
    return schema
