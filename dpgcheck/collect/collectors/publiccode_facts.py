"""publiccode.yml: found at the root, parsed safely, validated offline against the standard.

The file is read only when it is at most 1 MB; it is parsed by
:mod:`dpgcheck.untrusted.yaml` (no alias bombs, YAML 1.2 scalars) and
checked by :mod:`dpgcheck.publiccode.validate`. Every error and warning keeps
its key path and line so a rule can point into the file. URLs are fetched only
with ``--network``. Contacts and contractors are counted, never copied.
"""
from __future__ import annotations

import posixpath
from typing import Any

from dpgcheck.collect.options import CollectOptions
from dpgcheck.problems import problem
from dpgcheck.collect.repo_view import RepoView
from dpgcheck.shapes import PubliccodeFacts, PubliccodeFields, PubliccodeIssue
# dpgcheck.publiccode (its YAML reader, validator and the standard's data) is imported when a
# repository has a publiccode.yml: most have none, and a pre-commit run should not pay for it.

SECTION = "publiccode"
FILE_NAMES = ("publiccode.yml", "publiccode.yaml")
#: At most this many errors and this many warnings are kept in the facts.
MAX_ISSUES = 200
#: Refusal codes that are also collection problems (the file could not be read as YAML).
_READ_PROBLEMS = {"file-too-large", "binary-file", "not-utf8", "yaml-syntax", "alias-bomb", "too-many-aliases",
                  "too-many-nodes", "too-deep", "recursive-alias", "multiple-documents", "unsupported-tag", "bad-tag", "complex-key"}


def empty() -> PubliccodeFacts:
    return {
        "present": False,
        "path": None,
        "candidates": [],
        "elsewhere": [],
        "parsed": False,
        "valid": False,
        "version": None,
        "version_supported": False,
        "version_latest": False,
        "network_checked": False,
        "error_count": 0,
        "warning_count": 0,
        "errors": [],
        "warnings": [],
        "fields": None,
    }


def collect(view: RepoView, options: CollectOptions) -> PubliccodeFacts:
    facts = empty()
    candidates = sorted(
        (entry for entry in view.files if "/" not in entry.path and entry.lower in FILE_NAMES),
        key=lambda e: (FILE_NAMES.index(e.lower), e.path != e.lower, e.path),
    )
    facts["candidates"] = [entry.path for entry in candidates]
    facts["elsewhere"] = sorted(
        entry.path for entry in view.files if "/" in entry.path and entry.lower.rpartition("/")[2] in FILE_NAMES
    )[:20]
    if not candidates:
        return facts
    entry = candidates[0]
    facts["present"] = True
    facts["path"] = entry.path
    if entry.is_symlink and not entry.link_inside:
        _refuse(facts, "symlink-outside", "publiccode.yml is a symbolic link to outside the repository; not read")
        return facts
    from dpgcheck.publiccode import MAX_BYTES, check

    if entry.size > MAX_BYTES:
        message = f"file is {entry.size} bytes, over the {MAX_BYTES}-byte limit for publiccode.yml; not read"
        view.problems.append(problem(SECTION, "file-too-large", message, entry.path))
        _refuse(facts, "file-too-large", message)
        return facts
    data = view.read_bytes(entry.path, source=SECTION, limit=MAX_BYTES)
    if data is None:
        _refuse(facts, "unreadable", "publiccode.yml could not be read")
        return facts
    base = posixpath.dirname(entry.path)

    def exists(relative: str) -> bool:
        found = view.get(posixpath.normpath(posixpath.join(base, relative)))
        return found is not None and not (found.is_symlink and not found.link_inside)

    result = check(data, exists=exists, network=options.network)
    facts["network_checked"] = bool(options.network and result.parsed)
    if not result.parsed:
        refusal = result.issues[0]
        if refusal["code"] in _READ_PROBLEMS:
            view.problems.append(problem(SECTION, refusal["code"], refusal["message"], entry.path))
    facts["parsed"] = result.parsed
    errors = [_issue(i) for i in result.errors]
    warnings = [_issue(i) for i in result.warnings]
    if len(candidates) > 1:
        warnings.insert(0, {"key": "", "code": "several-files", "message": f"several publiccode files at the root ({', '.join(facts['candidates'])}); {entry.path} was read", "line": 1})
    facts["error_count"], facts["warning_count"] = len(errors), len(warnings)
    facts["errors"], facts["warnings"] = errors[:MAX_ISSUES], warnings[:MAX_ISSUES]
    facts["valid"] = result.parsed and not errors
    if result.parsed and isinstance(result.document, dict):
        version = result.document.get("publiccodeYmlVersion")
        if isinstance(version, str):
            from dpgcheck.publiccode.standard import standard

            std = standard()
            facts["version"] = version[:40]
            facts["version_supported"] = version in std["versions"]
            facts["version_latest"] = version in std["latest_versions"]
        facts["fields"] = fields(result.document)
    return facts


def _refuse(facts: PubliccodeFacts, code: str, message: str) -> None:
    facts["errors"] = [{"key": "", "code": code, "message": message, "line": 1}]
    facts["error_count"] = 1


def _issue(issue: dict[str, Any]) -> PubliccodeIssue:
    return {"key": issue["key"], "code": issue["code"], "message": issue["message"], "line": int(issue["line"] or 1)}


def _text(value: Any, limit: int = 300) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (str, int, float)):
        return str(value)[:limit]
    return None


def _texts(value: Any, limit: int = 100) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return []
    return sorted({t for item in value if (t := _text(item, 200)) is not None})[:limit]


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def fields(doc: dict[str, Any]) -> PubliccodeFields:
    """The file's content normalised for rules; people (contacts, contractors) are only counted."""
    from dpgcheck.licensing.expression import analyse
    from dpgcheck.publiccode.validate import valid_date

    legal = _dict(doc.get("legal"))
    maintenance = _dict(doc.get("maintenance"))
    localisation = _dict(doc.get("localisation"))
    descriptions = _dict(doc.get("description"))
    license_text = _text(legal.get("license"), 2000)
    contractors = [c for c in _list(maintenance.get("contractors")) if isinstance(c, dict)]
    organisation = _dict(doc.get("organisation"))
    ready = localisation.get("localisationReady")
    return {
        "name": _text(doc.get("name")),
        "url": _text(doc.get("url")),
        "landing_url": _text(doc.get("landingURL")),
        "roadmap": _text(doc.get("roadmap")),
        "software_version": _text(doc.get("softwareVersion"), 100),
        "release_date": _text(doc.get("releaseDate"), 40),
        "development_status": _text(doc.get("developmentStatus"), 100),
        "software_type": _text(doc.get("softwareType"), 100),
        "platforms": _texts(doc.get("platforms")),
        "categories": _texts(doc.get("categories")),
        "description_languages": sorted(str(k)[:40] for k in descriptions)[:100],
        "available_languages": _texts(localisation.get("availableLanguages")),
        "localisation_ready": ready if isinstance(ready, bool) else None,
        "license": analyse(license_text) if license_text else None,
        "has_main_copyright_owner": _text(legal.get("mainCopyrightOwner")) is not None,
        "maintenance_type": _text(maintenance.get("type"), 100),
        "contractor_count": len(contractors),
        "contractors_until": sorted({c["until"] for c in contractors if valid_date(c.get("until"))}),
        "contact_count": len([c for c in _list(maintenance.get("contacts")) if isinstance(c, dict)]),
        "organisation": _text(organisation.get("uri")) is not None,
        "funded_by_count": len([f for f in _list(doc.get("fundedBy")) if isinstance(f, dict)]),
        "used_by_count": len(_texts(doc.get("usedBy"), 10_000)),
        "is_based_on_count": len(_texts(doc.get("isBasedOn"), 10_000)),
        "supports": sorted({t for s in _list(doc.get("supports")) if isinstance(s, dict) and (t := _text(s.get("id"), 200))})[:100],
    }
