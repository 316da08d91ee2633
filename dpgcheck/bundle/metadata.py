"""Read the METADATA annotations of rule packages into the rule catalogue.

Rules cannot call ``rego.metadata.*`` at run time (regorus lacks it), so the
catalogue is built here, once, and handed to the engine as
``data.dpgcheck.catalog``. ``dpgcheck bundle build`` bakes the same catalogue
into a bundle's data for OPA users.
"""
from __future__ import annotations

import re
from typing import Any

from dpgcheck.errors import DpgcheckError
from dpgcheck.vocabulary import SEVERITIES

#: What a rule's outcome may rest on besides the files of a commit (METADATA custom.depends_on):
#: ``history`` is the git history (activity, releases, contributors and their organisations).
#: A staged run (the pre-commit hook) reports such rules as notes: no commit can change them.
DEPENDS_ON = ("history",)

#: A METADATA block is a few dozen lines; these bound an alias bomb in a bundle's annotation.
MAX_METADATA_BYTES = 256 * 1024
MAX_METADATA_NODES = 20_000

_PACKAGE = re.compile(r"^package\s+(?P<path>[^#\n]+?)\s*(?:#.*)?$", re.MULTILINE)
_RULE_PACKAGE = re.compile(r'^dpgcheck\.rules\.(?P<area>[a-z0-9_-]+)(?:\["(?P<quoted>[^"]+)"\]|\.(?P<bare>[a-z0-9_]+))$')
# An overlay's rule ids carry its namespace ("de.bus-factor"); built-in ones never have a dot.
_ID = re.compile(r"^(?:[a-z][a-z0-9]{1,15}\.)?[a-z0-9]+(-[a-z0-9]+)*$")
_FINDINGS_RULE = re.compile(r"^findings\s+contains\b", re.MULTILINE)


def package_path(source: str) -> str | None:
    match = _PACKAGE.search(source)
    return match.group("path") if match else None


def package_annotation(source: str, *, where: str) -> dict[str, Any] | None:
    """The METADATA block that sits right above the ``package`` line, parsed as YAML."""
    lines = source.splitlines()
    package_line = next((i for i, line in enumerate(lines) if line.startswith("package ")), None)
    if package_line is None:
        return None
    start = None
    for i in range(package_line - 1, -1, -1):
        line = lines[i].strip()
        if not line.startswith("#"):
            break
        if line == "# METADATA":
            start = i
            break
    if start is None:
        return None
    body = []
    for line in lines[start + 1 : package_line]:
        text = line.strip()[1:]
        body.append(text[1:] if text.startswith(" ") else text)
    from dpgcheck.untrusted import Refused, parse_yaml

    try:
        # The one bounded YAML loader (libyaml events, aliases and nodes counted), as for every YAML.
        parsed = parse_yaml("\n".join(body).encode("utf-8"), max_bytes=MAX_METADATA_BYTES, max_nodes=MAX_METADATA_NODES)
    except Refused as exc:
        reason = exc.message.removeprefix("is not usable YAML")
        raise DpgcheckError(f"METADATA is not valid YAML{reason}; fix the annotation", path=where) from None
    if not isinstance(parsed, dict):
        raise DpgcheckError("METADATA must be a YAML mapping", path=where)
    return parsed


def _is_test_package(path: str) -> bool:
    return path.endswith(('_test"]', "_test"))


def rule_identity(path: str) -> tuple[str, str] | None:
    """(area, rule id) for a rule package path, or None for other packages."""
    match = _RULE_PACKAGE.match(path)
    if not match:
        return None
    rule_id = match.group("quoted") or match.group("bare")
    if rule_id.endswith("_test"):
        return None
    return match.group("area"), rule_id


def catalog_entry(source: str, *, where: str) -> dict[str, Any] | None:
    """The catalogue entry for a rule module, or None when the module is not a rule."""
    path = package_path(source)
    identity = rule_identity(path) if path else None
    if identity is None:
        if path and (path == "dpgcheck.rules" or path.startswith(("dpgcheck.rules.", "dpgcheck.rules["))) and not _is_test_package(path):
            # Under dpgcheck.rules but not in the rule form: it would never be evaluated.
            raise DpgcheckError(
                f"package {path} is under dpgcheck.rules but is not a rule package: write "
                'package dpgcheck.rules.<area>["<rule-id>"] with a lower-case area and a kebab-case id',
                path=where,
            )
        return None
    area, rule_id = identity
    if not _ID.match(rule_id):
        raise DpgcheckError(f"rule id {rule_id!r} must be kebab-case (a-z, 0-9 and single dashes)", path=where)
    if not _FINDINGS_RULE.search(source):
        raise DpgcheckError("rule package has no `findings contains ... if` rule; every rule must expose its findings", path=where)
    annotation = package_annotation(source, where=where)
    if annotation is None:
        raise DpgcheckError("rule package has no METADATA annotation above its package line; add title, description and custom.severity", path=where)
    custom = annotation.get("custom") or {}
    if not isinstance(custom, dict):
        raise DpgcheckError("METADATA custom must be a mapping", path=where)
    for key in ("title", "description"):
        if not isinstance(annotation.get(key), str) or not annotation[key].strip():
            raise DpgcheckError(f"METADATA has no {key}", path=where)
    severity = custom.get("severity")
    if severity not in SEVERITIES:
        raise DpgcheckError(f"METADATA custom.severity must be one of {', '.join(SEVERITIES)}, not {severity!r}", path=where)
    if not isinstance(custom.get("remediation"), str):
        raise DpgcheckError("METADATA custom.remediation is missing; say how to fix a finding", path=where)
    references = []
    for resource in annotation.get("related_resources") or []:
        if isinstance(resource, dict) and isinstance(resource.get("ref"), str):
            references.append({"ref": resource["ref"], "description": str(resource.get("description", ""))})
        elif isinstance(resource, str):
            references.append({"ref": resource, "description": ""})
    profiles = custom.get("profiles") or []
    if not isinstance(profiles, list) or not all(isinstance(p, str) for p in profiles):
        raise DpgcheckError("METADATA custom.profiles must be a list of profile names", path=where)
    entry: dict[str, Any] = {
        "id": rule_id,
        "area": area,
        "title": annotation["title"].strip(),
        "description": " ".join(annotation["description"].split()),
        "severity": severity,
        "remediation": " ".join(custom["remediation"].split()),
        "references": references,
        "help_uri": references[0]["ref"] if references else None,
        "profiles": sorted(profiles),
        "source": where,
    }
    if custom.get("indicator") is not None:
        entry["indicator"] = str(custom["indicator"])
    depends_on = custom.get("depends_on")
    if depends_on is not None:
        if not isinstance(depends_on, list) or not all(isinstance(d, str) and d in DEPENDS_ON for d in depends_on):
            raise DpgcheckError(f"METADATA custom.depends_on must be a list of {', '.join(DEPENDS_ON)}", path=where)
        entry["depends_on"] = sorted(set(depends_on))
    for extra in ("effective_on", "principle", "tags"):
        value = custom.get(extra)
        if value is not None:
            entry[extra] = value.isoformat() if hasattr(value, "isoformat") else value
    return entry
