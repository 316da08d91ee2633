"""TOML from the checked repository (``pyproject.toml``, ``REUSE.toml``), parsed once per content.

Importing the parser (:mod:`tomllib`, or ``tomli`` on Python 3.10) compiles its regular
expressions and :class:`string.Template`: 6-12 ms of a pre-commit run, for files that
rarely change between two commits. A parse is therefore kept on disk
(:class:`dpgcheck.cache.DiskMap`) under the SHA-256 of the text, and a run that finds it
does not import the parser. Only documents that JSON holds exactly are kept (TOML dates
and times, and non-finite floats, are parsed every time); the answer is a fresh copy, so a
caller may change it. As with every cache here, a missing or broken file only means a parse.
"""
from __future__ import annotations

import hashlib
import json
import math
import sys
from typing import Any

from dpgcheck.cache import DiskMap

PARSER = "tomllib" if sys.version_info >= (3, 11) else "tomli"
#: Documents kept; beyond, new ones are parsed every time.
CACHE_LIMIT = 500

_parsed = DiskMap("toml", PARSER, __file__, "parsed.json", CACHE_LIMIT)


class NoTomlParser(Exception):
    """Python 3.10 without the tomli package."""


class InvalidToml(ValueError):
    """The text is not TOML; the message is the parser's."""


def loads(text: str) -> dict[str, Any]:
    key = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    kept = _parsed.get(key)
    if isinstance(kept, str):
        try:
            value = json.loads(kept)
            if isinstance(value, dict):
                return value
        except ValueError:
            pass
    parser = _parser()
    try:
        document: dict[str, Any] = parser.loads(text)
    except parser.TOMLDecodeError as exc:
        raise InvalidToml(str(exc)) from None
    if _json_exact(document):
        _parsed.put(key, json.dumps(document, ensure_ascii=False, allow_nan=False))
    return document


def _parser() -> Any:
    try:
        import tomllib

        return tomllib
    except ModuleNotFoundError:  # Python 3.10
        try:
            import tomli

            return tomli
        except ModuleNotFoundError:
            raise NoTomlParser("reading TOML needs Python 3.11 or the tomli package") from None


def _json_exact(value: Any) -> bool:
    """Would ``json.loads(json.dumps(value))`` give ``value`` back, type for type?"""
    if isinstance(value, dict):
        return all(_json_exact(item) for item in value.values())
    if isinstance(value, list):
        return all(_json_exact(item) for item in value)
    if isinstance(value, float):
        return math.isfinite(value)
    return value is None or isinstance(value, (str, bool, int))
