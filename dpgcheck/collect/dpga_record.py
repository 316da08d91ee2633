"""DPG metadata in the DPGA's own record formats, turned into the ``dpg`` facts section.

The Digital Public Goods Alliance keeps two JSON records per solution
(github.com/DPGAlliance/publicgoods-candidates, Unlicense):

* the **nominee** record (``nominee-schema.json``): name, description, licences
  ``[{spdx, licenseURL}]``, SDGs ``[{SDGNumber, evidenceText, evidenceURL}]``,
  type, organisations, stage ...;
* the **screening** record (``screening-schema.json``): the answers for
  indicators 3 to 9 (``clearOwnership``, ``platformIndependence``, ...,
  ``doNoHarm.*``), each ``Yes`` / ``No`` / ``Unknown`` with its evidence.

A repository may carry the same data as ``dpg.json`` or ``dpg.yaml`` at its
root: a nominee record, optionally with the screening fields beside it.

The records are validated against copies of the DPGA schemas by
:mod:`dpgcheck.collect.dpga_schema`. This module parses them,
drops personal contact fields before anything else sees the record, and
reduces every answer to a lookup value for the policies: ``yes``, ``no``,
``unknown``, ``missing`` (absent or empty) or ``other`` (free text that is none
of these). Evidence is reduced to presence flags and counts. It judges
nothing: whether an answer is enough is decided in Rego.
"""
from __future__ import annotations

import datetime
import functools
import json
import math
import re
from typing import Any, TypeGuard

from dpgcheck.licensing.expression import analyse
from dpgcheck.shapes import DpgaError, DpgFacts, DpgLicence, DpgNominee, DpgOrganisation, DpgSdg

#: The upstream snapshot the schemas were copied from.
SCHEMA_SOURCE = "DPGAlliance/publicgoods-candidates@a1d99f08b175143bb562f7377beefb1de41a6186"

#: Top-level keys of a screening record (besides ``name``).
SCREENING_KEYS = ("clearOwnership", "platformIndependence", "documentation", "NonPII", "privacy", "standards", "doNoHarm", "locations")

#: Keys that hold personal contact details: dropped wherever they appear.
_PERSONAL_KEY = re.compile(r"contact|e-?mail|phone|telephone|mobile", re.IGNORECASE)

MAX_TEXT = 200

ANSWERS = ("yes", "no", "unknown")
VALID_TYPES = ("aimodel", "content", "data", "software", "standard")


# --- reading -----------------------------------------------------------------


def drop_personal(value: Any) -> Any:
    """A copy of ``value`` without any key that holds personal contact details."""
    if isinstance(value, dict):
        return {k: drop_personal(v) for k, v in value.items() if not (isinstance(k, str) and _PERSONAL_KEY.search(k))}
    if isinstance(value, list):
        return [drop_personal(v) for v in value]
    return value


def json_compatible(value: Any) -> Any:
    """YAML values as JSON values: dates become ISO strings, keys become strings."""
    if isinstance(value, dict):
        return {str(k): json_compatible(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_compatible(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


#: The largest dpg.yaml accepted, and its node budget (aliases expanded).
MAX_YAML_BYTES = 5 * 1024 * 1024
MAX_YAML_NODES = 200_000


def parse_json(text: str) -> tuple[Any, str | None]:
    """(value, None) or (None, a one-line reason naming line and column).

    The limits of :mod:`dpgcheck.untrusted` apply: no NaN/Infinity/1e400, no huge
    integers, no nesting deeper than its ``MAX_DEPTH``.
    """
    from dpgcheck.untrusted import Refused, parse_json as bounded

    try:
        return bounded(text), None
    except Refused as exc:
        reason = exc.message.removeprefix("is ")
        if reason.startswith("not usable JSON: "):
            reason = f"not valid JSON ({reason.removeprefix('not usable JSON: ')})"
        return None, reason


def parse_yaml(text: str) -> tuple[Any, str | None]:
    """As :func:`parse_json`, through the one bounded YAML loader (aliases, nodes, depth)."""
    from dpgcheck.untrusted.yaml import YamlRefused, load
    from dpgcheck.untrusted import Refused, check_value

    try:
        value = load(text.encode("utf-8"), max_bytes=MAX_YAML_BYTES, max_nodes=MAX_YAML_NODES).value
        check_value(value)
    except YamlRefused as exc:
        where = ""
        if exc.line is not None:
            where = f"line {exc.line}, column {exc.column}: " if exc.column is not None else f"line {exc.line}: "
        return None, f"not valid YAML ({where}{exc.message.removeprefix('not valid YAML: ')})"
    except Refused as exc:
        return None, f"not valid YAML ({exc.message})"
    return json_compatible(value), None


# --- validation --------------------------------------------------------------


# --- normalisation -----------------------------------------------------------


def answer(value: Any) -> str:
    """``yes``, ``no``, ``unknown``, ``missing`` (absent, empty or not a string) or ``other``."""
    if not isinstance(value, str) or not value.strip():
        return "missing"
    text = value.strip().lower()
    return text if text in ANSWERS else "other"


def has_text(value: Any) -> TypeGuard[str]:
    return isinstance(value, str) and bool(value.strip())


def count_texts(value: Any) -> int:
    """How many non-empty strings a list (or a single string) holds."""
    if isinstance(value, str):
        return 1 if value.strip() else 0
    if isinstance(value, list):
        return sum(1 for item in value if has_text(item))
    return 0


def _object(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _short(value: Any) -> str | None:
    if not has_text(value):
        return None
    text = " ".join(value.split())
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 3] + "..."


@functools.lru_cache(maxsize=2048)
def _analysis(expression: str) -> str:
    return json.dumps(analyse(expression))


def licence_facts(entry: Any) -> DpgLicence:
    if isinstance(entry, str):  # the pre-2020 format: a bare SPDX id
        entry = {"spdx": entry}
    entry = _object(entry)
    spdx = entry.get("spdx")
    expression = spdx.strip() if isinstance(spdx, str) else ""
    return {
        "spdx": expression or None,
        "url": has_text(entry.get("licenseURL")),
        "analysis": json.loads(_analysis(expression)),
    }


def sdg_facts(entry: Any) -> DpgSdg:
    if isinstance(entry, list) and entry:  # the old format: [number, "name"]
        entry = {"SDGNumber": entry[0]}
    elif isinstance(entry, (int, float)) and not isinstance(entry, bool):
        entry = {"SDGNumber": entry}
    entry = _object(entry)
    number = entry.get("SDGNumber")
    if (
        isinstance(number, bool)
        or not isinstance(number, (int, float))
        or (isinstance(number, float) and not math.isfinite(number))
        or number != int(number)
    ):
        number = None
    else:
        number = int(number)
    return {"number": number, "evidence_text": has_text(entry.get("evidenceText")), "evidence_url": has_text(entry.get("evidenceURL"))}


def organisation_facts(entry: Any) -> DpgOrganisation:
    entry = _object(entry)
    role = entry.get("org_type")
    return {
        "name": _short(entry.get("name")),
        "role": role.strip().lower() if has_text(role) else None,
        "website": has_text(entry.get("website")),
    }


def nominee_facts(document: dict[str, Any]) -> DpgNominee:
    licences = document.get("license")
    if isinstance(licences, str):
        licences = [licences]
    types = document.get("type")
    if isinstance(types, str):
        types = [types]
    organisations = [organisation_facts(o) for o in _list(document.get("organizations"))]
    stage = document.get("stage")
    return {
        "name": _short(document.get("name")),
        "stage": stage.strip() if has_text(stage) else None,
        "types": sorted({t.strip().lower() for t in _list(types) if has_text(t)}),
        "licenses": [licence_facts(entry) for entry in _list(licences)],
        "sdgs": [sdg_facts(entry) for entry in _list(document.get("SDGs"))],
        "organizations": organisations,
        "owners": sorted({o["name"] for o in organisations if o["role"] == "owner" and o["name"]}),
        "repositories": count_texts([_object(r).get("url") or _object(r).get("repositoryURL") for r in _list(document.get("repositories"))]),
        "website": has_text(document.get("website")),
    }


def screening_facts(document: dict[str, Any] | None) -> dict[str, Any]:
    """The answers of a screening record; every key is present, ``missing`` when not answered."""
    present = document is not None
    document = _object(document)
    ownership = _object(document.get("clearOwnership"))
    platform = _object(document.get("platformIndependence"))
    docs = _object(document.get("documentation"))
    non_pii = _object(document.get("NonPII"))
    privacy = _object(document.get("privacy"))
    standards = _object(document.get("standards"))
    harm = _object(document.get("doNoHarm"))
    prevent = _object(harm.get("preventHarm"))
    pii = _object(harm.get("dataPrivacySecurity"))
    content = _object(harm.get("inappropriateIllegalContent"))
    interaction = _object(harm.get("protectionFromHarassment"))
    return {
        "present": present,
        "ownership": {"explicit": answer(ownership.get("isOwnershipExplicit")), "evidence": count_texts(ownership.get("copyrightURL"))},
        "platform_independence": {
            "restrictive_dependencies": answer(platform.get("mandatoryDepsCreateMoreRestrictions")),
            "independent": answer(platform.get("isSoftwarePltIndependent")),
            "description": has_text(platform.get("pltIndependenceDesc")),
        },
        "documentation": {"available": answer(docs.get("isDocumentationAvailable")), "links": count_texts(docs.get("documentationURL"))},
        "non_pii": {
            "collects": answer(non_pii.get("collectsNonPII")),
            "extraction": answer(non_pii.get("checkNonPIIAccessMechanism")),
            "mechanism": has_text(non_pii.get("nonPIIAccessMechanism")),
        },
        "privacy": {
            "compliant": answer(privacy.get("isPrivacyCompliant")),
            "laws": count_texts(privacy.get("privacyComplianceList")),
            "adherence_steps": count_texts(privacy.get("adherenceSteps")),
        },
        "standards": {
            "supports": answer(standards.get("supportStandards")),
            "standards": count_texts(standards.get("standardsList")),
            "evidence": count_texts(standards.get("evidenceStandardSupport")),
            "best_practices": answer(standards.get("implementBestPractices")),
            "best_practices_list": count_texts(standards.get("bestPracticesList")),
        },
        "do_no_harm": {
            "prevent_harm": answer(prevent.get("stepsToPreventHarm")),
            "prevent_harm_details": has_text(prevent.get("additionalInfoMechanismProcessesPolicies")),
            "pii": {
                "collects": answer(pii.get("collectsPII")),
                "data_types": count_texts(pii.get("typesOfDataCollected")),
                "third_party_sharing": answer(pii.get("thirdPartyDataSharing")),
                "ensures_privacy_security": answer(pii.get("ensurePrivacySecurity")),
                "description": has_text(pii.get("privacySecurityDescription")),
            },
            "content": {
                "handles": answer(content.get("collectStoreDistribute")),
                "policy": answer(content.get("contentFilter")),
                "policy_link": has_text(content.get("policyGuidelinesDocumentationLink")),
                "detection": answer(content.get("illegalContentDetection")),
                "mechanism": has_text(content.get("illegalContentDetectionMechanism")),
            },
            "interaction": {
                "facilitates": answer(interaction.get("userInteraction")),
                "underage_safety": answer(interaction.get("addressSafetySecurityUnderageUsers")),
                "underage_steps": count_texts(interaction.get("stepsAddressRiskPreventSafetyUnderageUsers")),
                "harassment_protection": answer(interaction.get("griefAbuseHarassmentProtection")),
                "harassment_steps": count_texts(interaction.get("harassmentProtectionSteps")),
            },
        },
    }


def absent_section() -> DpgFacts:
    """The ``dpg`` section when there is no DPG metadata at all."""
    return build_section(None, None, files=[], errors=[], present=False)


def has_screening_fields(document: dict[str, Any]) -> bool:
    return any(key in document for key in SCREENING_KEYS)


def build_section(
    nominee: dict[str, Any] | None,
    screening: dict[str, Any] | None,
    *,
    files: list[str],
    errors: list[DpgaError],
    present: bool = True,
) -> DpgFacts:
    """The ``dpg`` facts section from already parsed, personal-data-free records."""
    facts = nominee_facts(nominee or {})
    return {
        "present": present,
        "files": files,
        "schema": SCHEMA_SOURCE,
        "valid": present and not errors,
        "errors": sorted(errors, key=lambda e: (e["file"], e["document"], e["path"], e["message"])),
        **facts,
        "screening": screening_facts(screening),
    }


def screening_name_mismatch(nominee: dict[str, Any], screening: dict[str, Any]) -> str | None:
    """A message when the two records name different solutions."""
    first, second = nominee.get("name"), screening.get("name")
    if not (has_text(first) and has_text(second)):
        return None
    if " ".join(first.split()).casefold() == " ".join(second.split()).casefold():
        return None
    return f"the screening record names {_short(second)!r} but the nominee record names {_short(first)!r}"
