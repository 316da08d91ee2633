"""The publiccode.yml standard's vocabularies and code lists, shipped as data files."""
from __future__ import annotations

import functools
import json
from typing import Any

from dpgcheck.resources import package_file


def _data(name: str) -> Any:
    return json.loads(package_file(__package__, "data", name).read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def standard() -> dict[str, Any]:
    """Versions, enums, categories, scopes, aliases and length limits (v0.7)."""
    return _data("standard.json")


@functools.lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes, upper case."""
    return frozenset(_data("iso3166-1.json")["codes"])


@functools.lru_cache(maxsize=1)
def languages() -> tuple[frozenset[str], frozenset[str]]:
    """(ISO 639-1 two-letter codes, ISO 639-2/3 three-letter codes), lower case."""
    data = _data("iso639.json")
    return frozenset(data["alpha2"]), frozenset(data["alpha3"])
