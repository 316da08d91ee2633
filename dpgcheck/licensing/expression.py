"""Parse and normalise SPDX licence expressions into facts the policies can look up.

``license-expression`` does the parsing (it knows the SPDX list and its aliases,
so ``GPL-2.0+`` becomes ``GPL-2.0-or-later``). The result carries the expression in
disjunctive normal form: a list of alternatives, each a list of licence ids that
must all hold. "Is this expression approved?" is then, in Rego, "is there an
alternative whose every id is approved?": a lookup, not a parse.
"""
from __future__ import annotations

import functools
import json
from typing import Any

from dpgcheck.cache import DiskMap

from dpgcheck.shapes import DeprecatedId, LicenceAnalysis

MAX_EXPRESSION_LENGTH = 2000
MAX_ALTERNATIVES = 256


@functools.lru_cache(maxsize=1)
def _licensing() -> Any:
    from license_expression import get_spdx_licensing

    return get_spdx_licensing()


def _dnf(node: Any) -> list[list[str]]:
    from license_expression import LicenseSymbol, LicenseWithExceptionSymbol

    if isinstance(node, LicenseWithExceptionSymbol):
        return [[node.license_symbol.key]]
    if isinstance(node, LicenseSymbol):
        return [[node.key]]
    operator = type(node).__name__.upper()
    parts = [_dnf(arg) for arg in node.args]
    if operator == "OR":
        alternatives = [alt for part in parts for alt in part]
    else:  # AND: every combination of one alternative per operand
        alternatives = [[]]
        for part in parts:
            alternatives = [a + b for a in alternatives for b in part]
            if len(alternatives) > MAX_ALTERNATIVES:
                raise ValueError("expression has too many alternatives")
    unique = {tuple(sorted(set(alt))) for alt in alternatives}
    if len(unique) > MAX_ALTERNATIVES:
        raise ValueError("expression has too many alternatives")
    return [list(alt) for alt in sorted(unique)]


#: Expressions kept in the on-disk cache (one JSON file); beyond this, new ones are not added.
DISK_CACHE_LIMIT = 2000
_memo: dict[str, str] = {}
_disk = DiskMap("expressions", "license_expression", __file__, "analyses.json", DISK_CACHE_LIMIT)


def analyse(expression: str) -> LicenceAnalysis:
    """Facts about one SPDX licence expression; never raises on bad input.

    Answers are memoised in the process and cached on disk (see
    :mod:`dpgcheck.cache`): building license-expression's index costs ~0.2 s,
    which a pre-commit run on unchanged metadata should not pay.
    """
    text = " ".join(str(expression).split())
    if text in _memo:
        return json.loads(_memo[text])
    facts: Any = _disk.get(text)
    if not isinstance(facts, dict):
        facts = _analyse(text)
        _disk.put(text, facts)
    _memo[text] = json.dumps(facts)
    return json.loads(_memo[text])


def _analyse(text: str) -> LicenceAnalysis:
    facts: LicenceAnalysis = {
        "expression": text,
        "normalized": None,
        "valid": False,
        "error": None,
        "ids": [],
        "exceptions": [],
        "unknown": [],
        "license_refs": [],
        "deprecated": [],
        "dnf": [],
    }
    if not text:
        facts["error"] = "empty licence expression"
        return facts
    if len(text) > MAX_EXPRESSION_LENGTH:
        facts["error"] = f"licence expression longer than {MAX_EXPRESSION_LENGTH} characters"
        return facts
    from license_expression import ExpressionError, LicenseWithExceptionSymbol

    licensing = _licensing()
    try:
        parsed = licensing.parse(text, validate=False)
    except (ExpressionError, ValueError, TypeError) as exc:
        facts["error"] = f"not a valid SPDX expression: {exc}"
        return facts
    if parsed is None:
        facts["error"] = "empty licence expression"
        return facts
    try:
        facts["dnf"] = _dnf(parsed)
    except ValueError as exc:
        facts["error"] = str(exc)
        return facts
    ids, exceptions = set(), set()
    for symbol in licensing.license_symbols(parsed, unique=True, decompose=False):
        if isinstance(symbol, LicenseWithExceptionSymbol):
            ids.add(symbol.license_symbol.key)
            exceptions.add(symbol.exception_symbol.key)
        else:
            ids.add(symbol.key)
    known = licensing.known_symbols
    facts["ids"] = sorted(ids)
    facts["exceptions"] = sorted(exceptions)
    facts["license_refs"] = sorted(i for i in ids if i.startswith(("LicenseRef-", "DocumentRef-")))
    facts["unknown"] = sorted(
        i for i in ids | exceptions if i not in known and not i.startswith(("LicenseRef-", "DocumentRef-"))
    )
    facts["deprecated"] = _deprecated_tokens(text, known)
    facts["normalized"] = str(parsed)
    facts["valid"] = not facts["unknown"]
    return facts


@functools.lru_cache(maxsize=1)
def _spdx_replacements() -> dict[str, str]:
    """Deprecated SPDX ids that license-expression keeps as they are (``wxWindows``,
    ``GPL-2.0-with-classpath-exception``) and the expression SPDX replaced them with,
    from the generated licence data (``data.dpgcheck.licenses.spdx``)."""
    try:
        from dpgcheck.licensing.spdx_names import spdx_license_data

        licenses = spdx_license_data()["licenses"]
    except (OSError, ValueError, KeyError):
        return {}
    return {i: rec["replacement"] for i, rec in licenses.items() if rec.get("deprecated") and rec.get("replacement")}


def _deprecated_tokens(text: str, known: dict[str, Any]) -> list[DeprecatedId]:
    """Ids written in an old or alias form (``GPL-2.0+``, ``GPL-3.0``) and what they became."""
    found: list[DeprecatedId] = []
    for token in text.replace("(", " ").replace(")", " ").split():
        if token.upper() in ("AND", "OR", "WITH"):
            continue
        symbol = known.get(token) or _alias(token)
        if symbol is None:
            continue
        if symbol.key.lower() != token.lower():
            found.append({"id": token, "replacement": symbol.key})
        elif symbol.key in _spdx_replacements():
            found.append({"id": token, "replacement": _spdx_replacements()[symbol.key]})
    return sorted({(d["id"], d["replacement"]): d for d in found}.values(), key=lambda d: d["id"])


def _alias(token: str) -> Any:
    licensing = _licensing()
    try:
        parsed = licensing.parse(token, validate=False)
    except Exception:  # noqa: BLE001 - an unparsable token is simply not an alias
        return None
    key = getattr(parsed, "key", None)
    return licensing.known_symbols.get(key) if key else None
