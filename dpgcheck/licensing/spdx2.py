"""Facts about an SPDX 2 document, from its JSON-like dict, in one linear pass.

spdx-tools parses each package, file, snippet and relationship on its own (up to a budget), so
one broken element is reported and the rest survive; ``validate_full_spdx_document`` is never
called (it is quadratic). The checks the policies need are made here: SPDX version, identifiers
(syntax, duplicates, dangling references), namespace, creation info, undeclared ``LicenseRef-``
ids; the packages are tallied by :mod:`dpgcheck.licensing.sbom_tally`.
"""
from __future__ import annotations

from collections import Counter
from typing import Any

from dpgcheck.patterns import lazy
from dpgcheck.licensing.expression import MAX_EXPRESSION_LENGTH
from dpgcheck.licensing.sbom_problems import EXAMPLES, Messages, error_messages
from dpgcheck.licensing.sbom_tally import Creators, Tally, contact_kinds, reachable_from

SPDX_VERSIONS = ("SPDX-2.2", "SPDX-2.3")
OLD_VERSIONS = ("SPDX-2.0", "SPDX-2.1")

_ID = lazy(r"^SPDXRef-[A-Za-z0-9.\-]+$")
_SPECIAL = ("NOASSERTION", "NONE")
_ID_TYPES = ("purl", "cpe22type", "cpe23type", "swid", "swh", "gitoid")
# Relationship types that state a package's dependencies: from the dependent package
# (DEPENDS_ON ...), or to it (DEPENDENCY_OF ...); a target of NONE states "no dependencies".
_DEPENDS = {"DEPENDS_ON", "CONTAINS", "HAS_PREREQUISITE", "STATIC_LINK", "DYNAMIC_LINK"}
_DEPENDED = {"DEPENDENCY_OF", "CONTAINED_BY", "PREREQUISITE_FOR", "DEV_DEPENDENCY_OF", "BUILD_DEPENDENCY_OF",
             "RUNTIME_DEPENDENCY_OF", "OPTIONAL_DEPENDENCY_OF", "PROVIDED_DEPENDENCY_OF", "TEST_DEPENDENCY_OF"}
# The relationships along which packages are reachable from the described one (as
# ntia-conformance-checker follows them: packages not reached are "floating").
_COMPOSITION = {"DESCRIBES", "CONTAINS", "DEPENDS_ON", "DYNAMIC_LINK", "STATIC_LINK", "HAS_PREREQUISITE"}
_LICENCE_FIELDS = ("licenseDeclared", "licenseConcluded", "licenseInfoFromFiles", "licenseInfoInFiles")


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def _short(value: str | None, limit: int = 500) -> str | None:
    return value if value is None or len(value) <= limit else value[:limit] + "…"


def _licence_value(value: Any) -> str | None:
    """A licence field as text: an expression, NOASSERTION, NONE, or None when absent."""
    if isinstance(value, list):  # XML/YAML may give a one-item list
        value = value[0] if len(value) == 1 else None
    return _text(value)


def document_facts(raw: Any, messages: Messages, *, element_parse: bool = True) -> dict[str, Any]:
    """Facts about an SPDX document given as the JSON-like dict (SPDX JSON field names)."""
    if not isinstance(raw, dict):
        messages.add("not-a-document", "parse", "the top level is not an SPDX document object")
        raw = {}
    parsers = _budgeted(_element_parsers(), messages) if element_parse else None
    creation = raw.get("creationInfo") if isinstance(raw.get("creationInfo"), dict) else {}
    creators = [c.strip() for c in creation.get("creators") or [] if isinstance(c, str) and c.strip()] if isinstance(creation.get("creators"), list) else []
    version = _text(raw.get("spdxVersion"))
    people = Creators()
    for creator in creators:
        people.add_spdx2(creator)
    facts: dict[str, Any] = {
        "standard": "spdx-2",
        "spec_version": version,
        "name": _short(_text(raw.get("name"))),
        "namespace": _short(_text(raw.get("documentNamespace"))),
        "created": _short(_text(creation.get("created"))),
        **people.facts(),
        "lifecycles": [],
        "completeness": {},
    }
    if parsers is not None:
        try:
            parsers["creation"](raw)
        except Exception as exc:  # noqa: BLE001
            for message in error_messages(exc):
                messages.add("creation-info-invalid", "parse", "the creation information could not be parsed", message)
    if version is None:
        messages.add("missing-spdx-version", "validation", "the document has no spdxVersion")
    elif version in OLD_VERSIONS:
        messages.add("old-spdx-version", "validation", f"{version} is not supported; write SPDX-2.2 or SPDX-2.3", version)
    elif version not in SPDX_VERSIONS:
        messages.add("unsupported-spdx-version", "validation", f"unsupported spdxVersion {version!r}; write SPDX-2.2 or SPDX-2.3", version)
    if raw.get("SPDXID") != "SPDXRef-DOCUMENT":
        messages.add("document-id", "validation", "the document's SPDXID must be SPDXRef-DOCUMENT", _text(raw.get("SPDXID")))
    if not facts["namespace"]:
        messages.add("missing-namespace", "validation", "the document has no documentNamespace")
    elif "#" in facts["namespace"] or ":" not in facts["namespace"]:
        messages.add("invalid-namespace", "validation", "documentNamespace must be an absolute URI without '#'", facts["namespace"])
    if not facts["name"]:
        messages.add("missing-document-name", "validation", "the document has no name")
    if not facts["created"]:
        messages.add("missing-created", "validation", "creationInfo.created (the timestamp) is missing")
    if not creators:
        messages.add("missing-creators", "validation", "creationInfo.creators is empty")

    ids: Counter[str] = Counter()
    package_ids: set[str] = set()

    def element_id(element: dict[str, Any], kind: str) -> str | None:
        identifier = _text(element.get("SPDXID"))
        if identifier is None:
            messages.add("missing-spdx-id", "validation", f"{kind} without an SPDXID", _text(element.get("name")) or _text(element.get("fileName")))
            return None
        if not _ID.match(identifier):
            messages.add("invalid-spdx-id", "validation", "SPDXIDs must be SPDXRef- followed by letters, digits, '.' and '-'", identifier)
        ids[identifier] += 1
        return identifier

    packages = raw.get("packages") if isinstance(raw.get("packages"), list) else []
    tally = Tally(messages)
    for index, package in enumerate(packages):
        if not isinstance(package, dict):
            messages.add("parse-error", "parse", "elements that spdx-tools could not parse (left out)", f"packages[{index}] is not an object")
            continue
        identifier = element_id(package, "package")
        if identifier:
            package_ids.add(identifier)
    for kind, key, label_key in (("file", "files", "fileName"), ("snippet", "snippets", "name")):
        elements = raw.get(key) if isinstance(raw.get(key), list) else []
        for index, element in enumerate(elements):
            if not isinstance(element, dict):
                messages.add("parse-error", "parse", "elements that spdx-tools could not parse (left out)", f"{key}[{index}] is not an object")
                continue
            element_id(element, kind)
            _check_element(parsers, kind, _within_budget(element), str(_text(element.get(label_key)) or index), messages)

    duplicates = sorted(i for i, n in ids.items() if n > 1)
    for identifier in duplicates:
        messages.add("duplicate-spdx-id", "validation", "SPDXIDs that occur more than once", identifier)

    relationships = _relationships(raw, packages, messages, parsers)
    known = set(ids) | {"SPDXRef-DOCUMENT"}
    types: Counter[str] = Counter()
    described: set[str] = set()
    with_dependencies: set[str] = set()
    edges: dict[str, list[str]] = {}
    for source, kind, target in relationships:
        types[kind] += 1
        if kind in _COMPOSITION and source and target:
            edges.setdefault(source, []).append(target)
        for end in (source, target):
            if end and end not in known and end not in _SPECIAL and not end.startswith("DocumentRef-"):
                messages.add("dangling-reference", "validation", "relationships that name an SPDXID the document does not define", end)
        if kind == "DESCRIBES" and source == "SPDXRef-DOCUMENT":
            described.add(target)
        elif kind == "DESCRIBED_BY" and target == "SPDXRef-DOCUMENT":
            described.add(source)
        elif kind in _DEPENDS and source:
            with_dependencies.add(source)
        elif kind in _DEPENDED and target:
            with_dependencies.add(target)

    reachable = reachable_from(described, edges)
    for index, package in enumerate(packages):
        if isinstance(package, dict):
            _tally_package(tally, package, index, parsers, messages, with_dependencies, reachable)

    declared_refs = set()
    for info in raw.get("hasExtractedLicensingInfos") or []:
        if isinstance(info, dict) and _text(info.get("licenseId")):
            declared_refs.add(_text(info.get("licenseId")))
    facts.update({
        "counts": {
            "packages": len(packages),
            "files": len(raw.get("files") or []) if isinstance(raw.get("files"), list) else 0,
            "snippets": len(raw.get("snippets") or []) if isinstance(raw.get("snippets"), list) else 0,
            "relationships": len(relationships),
        },
        "describes": sorted(described)[:EXAMPLES],
        "describes_package": bool(described & package_ids),
        "relationship_types": dict(sorted(types.items())),
        **tally.facts(declared_refs),
    })
    return facts


def _tally_package(
    tally: Tally, package: dict[str, Any], index: int, parsers: dict[str, Any] | None, messages: Messages,
    with_dependencies: set[str], reachable: set[str],
) -> None:
    identifier = _text(package.get("SPDXID"))
    name = _text(package.get("name"))
    version_info = _text(package.get("versionInfo"))
    label = (f"{name or identifier or index}@{version_info}" if version_info else str(name or identifier or index))[:200]
    _check_element(parsers, "package", _within_budget(package), label, messages)
    supplier = _text(package.get("supplier"))
    refs = package.get("externalRefs") if isinstance(package.get("externalRefs"), list) else []
    checksums = package.get("checksums") if isinstance(package.get("checksums"), list) else []
    purpose = _text(package.get("primaryPackagePurpose"))
    tally.add(
        label, name=bool(name), version=bool(version_info),
        supplier=bool(supplier and supplier != "NOASSERTION"),
        supplier_contact=bool(supplier and supplier != "NOASSERTION" and any(contact_kinds(supplier))),
        external_id=any(isinstance(r, dict) and str(r.get("referenceType", "")).lower() in _ID_TYPES for r in refs),
        hashes=[str(c.get("algorithm")) for c in checksums if isinstance(c, dict) and c.get("algorithm") and c.get("checksumValue")],
        filename=bool(_text(package.get("packageFileName"))),
        dependencies=bool(identifier and identifier in with_dependencies),
        declared=_licence_value(package.get("licenseDeclared")), concluded=_licence_value(package.get("licenseConcluded")),
        purpose=purpose, reachable=bool(identifier and identifier in reachable),
    )


def _within_budget(element: dict[str, Any]) -> dict[str, Any]:
    """The element spdx-tools parses, with licence values too long to analyse replaced:
    license-expression's parser is superlinear, and a document of 900 packages each
    declaring 10,000 ORs took minutes. The licence is still reported (license-too-long)."""
    if not any(isinstance(element.get(k), str) and len(element[k]) > MAX_EXPRESSION_LENGTH for k in _LICENCE_FIELDS):
        return element
    return {k: ("NOASSERTION" if k in _LICENCE_FIELDS and isinstance(v, str) and len(v) > MAX_EXPRESSION_LENGTH else v) for k, v in element.items()}


def _relationships(raw: dict[str, Any], packages: list[Any], messages: Messages, parsers: dict[str, Any] | None) -> list[tuple[str | None, str, str | None]]:
    found: list[tuple[str | None, str, str | None]] = []
    for index, item in enumerate(raw.get("relationships") or [] if isinstance(raw.get("relationships"), list) else []):
        if not isinstance(item, dict):
            messages.add("parse-error", "parse", "elements that spdx-tools could not parse (left out)", f"relationships[{index}] is not an object")
            continue
        _check_element(parsers, "relationship", item, f"relationship {index}", messages)
        found.append((_text(item.get("spdxElementId")), str(_text(item.get("relationshipType")) or "").upper(), _text(item.get("relatedSpdxElement"))))
    describes = raw.get("documentDescribes")
    for target in describes if isinstance(describes, list) else []:
        found.append(("SPDXRef-DOCUMENT", "DESCRIBES", _text(target)))
    for package in packages:
        if isinstance(package, dict) and isinstance(package.get("hasFiles"), list):
            for target in package["hasFiles"]:
                found.append((_text(package.get("SPDXID")), "CONTAINS", _text(target)))
    return found


def _check_element(parsers: dict[str, Any] | None, kind: str, element: dict[str, Any], label: str, messages: Any) -> None:
    """Let spdx-tools parse one element; what it refuses is reported, and the element is kept."""
    if parsers is None:
        return
    try:
        parsers[kind](element)
    except Exception as exc:  # noqa: BLE001 - spdx-tools raises many kinds; each becomes a message
        for message in error_messages(exc):
            messages.add("parse-error", "parse", "elements that spdx-tools could not parse (kept with what could be read)", f"{label}: {message}")


#: Packages, files and snippets spdx-tools parses on their own per document (~0.3 ms each,
#: the bulk of the time on a big SBOM); the rest get dpgcheck's own checks only, and a
#: recovered problem says so.
ELEMENT_PARSE_BUDGET = 20_000


def _budgeted(parsers: dict[str, Any], messages: Messages) -> dict[str, Any]:
    left = [ELEMENT_PARSE_BUDGET]

    def wrap(parse: Any) -> Any:
        def checked(element: Any) -> Any:
            if left[0] <= 0:
                if left[0] == 0:
                    messages.add(
                        "element-check-budget", "recovered",
                        f"spdx-tools checked the first {ELEMENT_PARSE_BUDGET} packages, files and snippets only; the others were read with dpgcheck's own checks",
                    )
                    left[0] -= 1
                return None
            left[0] -= 1
            return parse(element)

        return checked

    return {kind: (wrap(parse) if kind in ("package", "file", "snippet") else parse) for kind, parse in parsers.items()}


def _element_parsers() -> dict[str, Any]:
    from spdx_tools.spdx.parser.jsonlikedict.creation_info_parser import CreationInfoParser
    from spdx_tools.spdx.parser.jsonlikedict.file_parser import FileParser
    from spdx_tools.spdx.parser.jsonlikedict.package_parser import PackageParser
    from spdx_tools.spdx.parser.jsonlikedict.relationship_parser import RelationshipParser
    from spdx_tools.spdx.parser.jsonlikedict.snippet_parser import SnippetParser

    return {
        "creation": CreationInfoParser().parse_creation_info,
        "package": lambda d: PackageParser().parse_package(d),
        "file": lambda d: FileParser().parse_file(d),
        "snippet": lambda d: SnippetParser().parse_snippet(d),
        "relationship": lambda d: RelationshipParser().parse_relationship(d),
    }
