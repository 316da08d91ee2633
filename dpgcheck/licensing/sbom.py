"""Read SPDX 2.x documents (SBOMs) into facts, robustly and in linear time.

spdx-tools (Apache-2.0) does the element parsing, but never on a whole document at
once: one broken package (a free-text licence, a bad checksum) would lose all the
others. Instead:

* JSON, YAML and XML are loaded into the JSON-like dict spdx-tools' own parsers use
  (safely: no YAML aliases, no XML DTD or entities), then every package, file,
  snippet and relationship goes through spdx-tools' parser on its own, so an error is
  recorded against that element and the rest of the document survives;
* tag-value goes through spdx-tools' tag-value grammar with its licence parser bound to
  the shared licensing object (spdx-tools 0.8.5 rebuilds the whole SPDX licence index
  for every licence line, which made a 1,600-package document take minutes), keeping
  the elements that parsed;
* RDF/XML goes through spdx-tools' graph translation element by element.

``validate_full_spdx_document`` is never called: it is quadratic (a 16,000-package
document takes minutes). The checks the policies need are done here in one pass:
SPDX version, identifiers (syntax, duplicates, dangling references), namespace,
creation info, undeclared ``LicenseRef-`` ids.

Timestamps with fractional seconds (npm writes them) are truncated to whole seconds
and recorded as a recovered problem, instead of failing the document.
"""
from __future__ import annotations

import functools
import json
import re
from collections import Counter
from typing import Any, Callable

from dpgcheck.licensing.expression import analyse

MAX_BYTES = 64 * 1024 * 1024
MAX_BYTES_SLOW = {"tag-value": 24 * 1024 * 1024, "rdf": 24 * 1024 * 1024, "yaml": 32 * 1024 * 1024}
EXAMPLES = 10
EXAMPLE_POOL = 5000
SPDX_VERSIONS = ("SPDX-2.2", "SPDX-2.3")
OLD_VERSIONS = ("SPDX-2.0", "SPDX-2.1")

_ID = re.compile(r"^SPDXRef-[A-Za-z0-9.\-]+$")
_FRACTION = re.compile(r"\.\d+Z")
_WHOLE_SECONDS = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\Z")
_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
_DATE_KEYS = ("created", "annotationDate", "releaseDate", "builtDate", "validUntilDate")
_SPECIAL = ("NOASSERTION", "NONE")
NTIA_FIELDS = ("name", "version", "supplier", "external_id", "checksum", "license")


class Messages:
    """Problems found in a document, grouped by code so a 16,000-package SBOM stays small."""

    def __init__(self) -> None:
        self._groups: dict[str, dict[str, Any]] = {}

    def add(self, code: str, kind: str, message: str, example: str | None = None) -> None:
        group = self._groups.get(code)
        if group is None:
            group = self._groups[code] = {"code": code, "kind": kind, "message": message, "count": 0, "examples": []}
        group["count"] += 1
        if example is not None and len(group["examples"]) < EXAMPLE_POOL:
            group["examples"].append(example[:300])

    def codes(self) -> set[str]:
        return set(self._groups)

    def as_list(self) -> list[dict[str, Any]]:
        # The first examples in sorted order, so that RDF (whose elements have no order)
        # gives the same facts on every run.
        return [{**self._groups[c], "examples": sorted(set(self._groups[c]["examples"]))[:EXAMPLES]} for c in sorted(self._groups)]


# --- format detection ------------------------------------------------------------


def detect_format(name: str, data: bytes) -> str:
    """``json``, ``yaml``, ``xml``, ``rdf``, ``tag-value``, ``cyclonedx`` or ``unknown``."""
    lower = name.lower()
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if lower.endswith((".cdx.json", ".cdx.xml")) or b"CycloneDX" in head[:2048] or b"cyclonedx.org/schema" in head:
        return "cyclonedx"
    if lower.endswith((".rdf", ".rdf.xml")) or (head.startswith(b"<") and b"rdf:RDF" in head):
        return "rdf"
    if lower.endswith(".json"):
        return "json"
    if lower.endswith((".yaml", ".yml")):
        return "yaml"
    if lower.endswith(".xml"):
        return "xml"
    if lower.endswith((".spdx", ".tag", ".tv")):
        return "tag-value"
    if head.startswith((b"{", b"[")):
        return "json"
    if head.startswith(b"<"):
        return "xml"
    if head.startswith(b"SPDXVersion:") or b"\nSPDXVersion:" in head:
        return "tag-value"
    if head.startswith(b"spdxVersion:") or b"\nspdxVersion:" in head:
        return "yaml"
    return "unknown"


def _decode(data: bytes, messages: Messages) -> str | None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        messages.add("not-utf8", "recovered", "the document is UTF-16; SPDX documents should be UTF-8")
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            messages.add("unreadable-encoding", "parse", "the document is neither UTF-8 nor valid UTF-16")
            return None
    if b"\x00" in data[:8192]:
        messages.add("binary", "parse", "the file is binary (it contains NUL bytes), not an SPDX document")
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        messages.add("not-utf8", "recovered", f"the document is not valid UTF-8 (byte {exc.start}); read as Latin-1")
        return data.decode("latin-1")


def _strip_fractional_seconds(text: str, messages: Messages) -> str:
    """``2026-01-15T10:00:00.129Z`` -> ``2026-01-15T10:00:00Z`` (a literal-led scan: fast)."""
    pieces, last = [], 0
    for match in _FRACTION.finditer(text):
        start = match.start()
        if start >= 19 and _WHOLE_SECONDS.match(text, start - 19, start):
            if not pieces:
                messages.add(
                    "fractional-seconds", "recovered",
                    "timestamps have fractional seconds; SPDX 2 requires YYYY-MM-DDThh:mm:ssZ (truncated to whole seconds)",
                    text[start - 19 : match.end()],
                )
            pieces.append(text[last:start])
            pieces.append("Z")
            last = match.end()
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


# --- loading each serialisation into a JSON-like dict -----------------------------------


def _load_json(text: str) -> Any:
    return json.loads(text)


def _load_yaml(text: str) -> Any:
    """Safe YAML without aliases (they make "billion laughs" documents); libyaml when present."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.AliasEvent):
            raise yaml.YAMLError("YAML aliases (*name) are not allowed in an SPDX document")
    return yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader


def _load_xml(text: str) -> Any:
    import xmltodict
    from spdx_tools.spdx.parser.xml.xml_parser import _fix_list_like_fields

    parsed = xmltodict.parse(text, disable_entities=True)
    document = _fix_list_like_fields(parsed).get("Document") if isinstance(parsed, dict) else None
    if not isinstance(document, dict):
        raise ValueError('no top-level "Document" element')
    return document


@functools.lru_cache(maxsize=1)
def _patch_tag_value_licensing() -> None:
    """Make spdx-tools' tag-value parser reuse one licensing object (see module doc)."""
    from spdx_tools.common.spdx_licensing import spdx_licensing
    from spdx_tools.spdx.parser.tagvalue import parser as tagvalue_parser

    tagvalue_parser.get_spdx_licensing = lambda: spdx_licensing


def _document_to_dict(parts: dict[str, Any], creation: Any) -> dict[str, Any]:
    from spdx_tools.spdx.jsonschema.document_converter import DocumentConverter
    from spdx_tools.spdx.model import Document

    document = Document(creation_info=creation, **{k: v for k, v in parts.items() if k != "creation_info"})
    return DocumentConverter().convert(document)


def _placeholder_creation(fields: dict[str, Any]) -> Any:
    from datetime import datetime

    from spdx_tools.spdx.model import CreationInfo

    return CreationInfo(
        spdx_version=str(fields.get("spdx_version") or ""), spdx_id=str(fields.get("spdx_id") or "SPDXRef-DOCUMENT"),
        name=str(fields.get("name") or ""), document_namespace=str(fields.get("document_namespace") or ""),
        creators=[], created=datetime(1970, 1, 1),
    )


def _load_tag_value(text: str, messages: Messages) -> dict[str, Any]:
    _patch_tag_value_licensing()
    from spdx_tools.spdx.model import CreationInfo
    from spdx_tools.spdx.parser.error import SPDXParsingError
    from spdx_tools.spdx.parser.parsing_functions import construct_or_raise_parsing_error
    from spdx_tools.spdx.parser.tagvalue.parser import Parser

    parser = Parser(write_tables=False, debug=False, errorlog=_SilentLog())
    parser.yacc.parse(text, lexer=parser.lex)
    parser.construct_current_element()
    for message in parser.logger.get_messages():
        messages.add("parse-error", "parse", "elements that spdx-tools could not parse (left out)", str(message))
    fields = {k: v for k, v in parser.creation_info.items() if k != "logger"}
    creation_logger = parser.creation_info.get("logger")
    broken_creation = bool(creation_logger and creation_logger.has_messages())
    if broken_creation:
        for message in creation_logger.get_messages():
            messages.add("creation-info-invalid", "parse", "the creation information could not be parsed", str(message))
    try:
        creation = None if broken_creation else construct_or_raise_parsing_error(CreationInfo, fields)
    except SPDXParsingError as err:
        for message in err.get_messages():
            messages.add("creation-info-invalid", "parse", "the creation information could not be parsed", str(message))
        creation = None
    document = _document_to_dict(parser.elements_built, creation or _placeholder_creation(fields))
    if creation is None:
        _blank_creation(document, fields)
    return document


class _SilentLog:
    def warning(self, *args: Any, **kwargs: Any) -> None: ...

    error = info = debug = critical = warning


def _blank_creation(document: dict[str, Any], fields: dict[str, Any]) -> None:
    document["creationInfo"] = {"creators": [], "created": None}
    document["spdxVersion"] = fields.get("spdx_version")
    document["name"] = fields.get("name")
    document["documentNamespace"] = fields.get("document_namespace")


def _load_rdf(text: str, messages: Messages) -> dict[str, Any]:
    from rdflib import RDF, Graph
    from spdx_tools.spdx.model import RelationshipType
    from spdx_tools.spdx.parser.error import SPDXParsingError
    from spdx_tools.spdx.parser.logger import Logger
    from spdx_tools.spdx.parser.rdf.creation_info_parser import parse_creation_info
    from spdx_tools.spdx.parser.rdf.extracted_licensing_info_parser import parse_extracted_licensing_info
    from spdx_tools.spdx.parser.rdf.file_parser import parse_file
    from spdx_tools.spdx.parser.rdf.graph_parsing_functions import get_correctly_typed_triples
    from spdx_tools.spdx.parser.rdf.package_parser import parse_package
    from spdx_tools.spdx.parser.rdf.relationship_parser import parse_implicit_relationship, parse_relationship
    from spdx_tools.spdx.parser.rdf.snippet_parser import parse_snippet
    from spdx_tools.spdx.rdfschema.namespace import SPDX_NAMESPACE

    graph = Graph()
    graph.parse(data=text, format="xml")
    creation, _ = parse_creation_info(graph)
    namespace = creation.document_namespace
    logger = Logger()
    parts: dict[str, list[Any]] = {}

    def attempt(kind: str, build: Callable[[], Any]) -> None:
        try:
            parts.setdefault(kind, []).append(build())
        except SPDXParsingError as err:
            for message in err.get_messages():
                messages.add("parse-error", "parse", "elements that spdx-tools could not parse (left out)", f"{kind}: {message}")
        except Exception as exc:  # noqa: BLE001 - one odd element must not lose the document
            messages.add("parse-error", "parse", "elements that spdx-tools could not parse (left out)", f"{kind}: {type(exc).__name__}: {exc}")

    for kind, node_type, parse in (
        ("packages", SPDX_NAMESPACE.Package, parse_package),
        ("files", SPDX_NAMESPACE.File, parse_file),
        ("snippets", SPDX_NAMESPACE.Snippet, parse_snippet),
    ):
        for node, _, _ in get_correctly_typed_triples(logger, graph, None, RDF.type, node_type):
            attempt(kind, lambda node=node, parse=parse: parse(node, graph, namespace))
    for parent, _, node in graph.triples((None, SPDX_NAMESPACE.relationship, None)):
        attempt("relationships", lambda parent=parent, node=node: parse_relationship(node, graph, parent, namespace))
    for predicate, relationship_type in ((SPDX_NAMESPACE.hasFile, RelationshipType.CONTAINS), (SPDX_NAMESPACE.describesPackage, RelationshipType.DESCRIBES)):
        for parent, _, node in get_correctly_typed_triples(logger, graph, None, predicate):
            attempt("relationships", lambda parent=parent, node=node, t=relationship_type: parse_implicit_relationship(parent, t, node, graph, namespace))
    for _, _, node in get_correctly_typed_triples(logger, graph, None, SPDX_NAMESPACE.hasExtractedLicensingInfo):
        attempt("extracted_licensing_info", lambda node=node: parse_extracted_licensing_info(node, graph, namespace))
    for message in logger.get_messages():
        messages.add("parse-error", "parse", "elements that spdx-tools could not parse (left out)", str(message))
    unique: dict[tuple[Any, ...], Any] = {}
    for relationship in parts.get("relationships", []):
        key = (relationship.spdx_element_id, relationship.relationship_type, str(relationship.related_spdx_element_id), relationship.comment)
        unique.setdefault(key, relationship)
    parts["relationships"] = list(unique.values())
    return _document_to_dict(parts, creation)


# --- facts from the JSON-like dict -------------------------------------------------------------


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


@functools.lru_cache(maxsize=4096)
def _cached_analysis(expression: str) -> dict[str, Any]:
    return analyse(expression)


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
    parsers = _element_parsers() if element_parse else None
    creation = raw.get("creationInfo") if isinstance(raw.get("creationInfo"), dict) else {}
    creators = [c.strip() for c in creation.get("creators") or [] if isinstance(c, str) and c.strip()] if isinstance(creation.get("creators"), list) else []
    version = _text(raw.get("spdxVersion"))
    facts: dict[str, Any] = {
        "spec_version": version,
        "name": _short(_text(raw.get("name"))),
        "namespace": _short(_text(raw.get("documentNamespace"))),
        "created": _short(_text(creation.get("created"))),
        "creators": sorted({c[:300] for c in creators})[:50],
        "creator_types": {
            kind: sum(1 for c in creators if c.lower().startswith(kind + ":")) for kind in ("person", "organization", "tool")
        },
    }
    if parsers is not None:
        try:
            parsers["creation"](raw)
        except Exception as exc:  # noqa: BLE001
            for message in _error_messages(exc):
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
    missing = {field: {"count": 0, "examples": []} for field in NTIA_FIELDS}
    licence_rows: dict[str, dict[str, Any]] = {}
    special = {"declared": Counter(), "concluded": Counter(), "effective": Counter()}

    def note_missing(field: str, label: str) -> None:
        entry = missing[field]
        entry["count"] += 1
        entry["examples"].append(label)

    for index, package in enumerate(packages):
        if not isinstance(package, dict):
            messages.add("parse-error", "parse", "elements that spdx-tools could not parse (left out)", f"packages[{index}] is not an object")
            continue
        identifier = element_id(package, "package")
        name = _text(package.get("name"))
        version_info = _text(package.get("versionInfo"))
        label = (f"{name or identifier or index}@{version_info}" if version_info else str(name or identifier or index))[:200]
        _check_element(parsers, "package", package, label, messages)
        if identifier:
            package_ids.add(identifier)
        if not name:
            note_missing("name", identifier or str(index))
        if not version_info:
            note_missing("version", label)
        supplier = _text(package.get("supplier"))
        if not supplier or supplier == "NOASSERTION":
            note_missing("supplier", label)
        refs = package.get("externalRefs") if isinstance(package.get("externalRefs"), list) else []
        if not any(isinstance(r, dict) and str(r.get("referenceType", "")).lower() in ("purl", "cpe22type", "cpe23type", "swid", "swh", "gitoid") for r in refs):
            note_missing("external_id", label)
        if not package.get("checksums"):
            note_missing("checksum", label)
        values = {"declared": _licence_value(package.get("licenseDeclared")), "concluded": _licence_value(package.get("licenseConcluded"))}
        concluded, declared = values["concluded"], values["declared"]
        values["effective"] = concluded if concluded not in (None, *_SPECIAL) else declared if declared not in (None, *_SPECIAL) else None
        if values["effective"] is None:
            note_missing("license", label)
            special["effective"]["noassertion" if "NOASSERTION" in (declared, concluded) else "none" if "NONE" in (declared, concluded) else "absent"] += 1
        for field in ("declared", "concluded", "effective"):
            value = values[field]
            if value is None:
                if field != "effective":
                    special[field]["absent"] += 1
            elif value in _SPECIAL:
                special[field][value.lower()] += 1
            else:
                row = licence_rows.get(value)
                if row is None:
                    row = licence_rows[value] = {"expression": value, "declared": 0, "concluded": 0, "effective": 0, "examples": []}
                row[field] += 1
                if field == "effective":
                    row["examples"].append(label)

    for kind, key, label_key in (("file", "files", "fileName"), ("snippet", "snippets", "name")):
        elements = raw.get(key) if isinstance(raw.get(key), list) else []
        for index, element in enumerate(elements):
            if not isinstance(element, dict):
                messages.add("parse-error", "parse", "elements that spdx-tools could not parse (left out)", f"{key}[{index}] is not an object")
                continue
            element_id(element, kind)
            _check_element(parsers, kind, element, str(_text(element.get(label_key)) or index), messages)

    duplicates = sorted(i for i, n in ids.items() if n > 1)
    for identifier in duplicates:
        messages.add("duplicate-spdx-id", "validation", "SPDXIDs that occur more than once", identifier)

    relationships = _relationships(raw, packages, messages, parsers)
    known = set(ids) | {"SPDXRef-DOCUMENT"}
    types: Counter[str] = Counter()
    described: set[str] = set()
    for source, kind, target in relationships:
        types[kind] += 1
        for end in (source, target):
            if end and end not in known and end not in _SPECIAL and not end.startswith("DocumentRef-"):
                messages.add("dangling-reference", "validation", "relationships that name an SPDXID the document does not define", end)
        if kind == "DESCRIBES" and source == "SPDXRef-DOCUMENT":
            described.add(target)
        elif kind == "DESCRIBED_BY" and target == "SPDXRef-DOCUMENT":
            described.add(source)

    declared_refs = set()
    for info in raw.get("hasExtractedLicensingInfos") or []:
        if isinstance(info, dict) and _text(info.get("licenseId")):
            declared_refs.add(_text(info.get("licenseId")))
    # Examples are the first ones in sorted order, so every serialisation (RDF has no
    # element order) gives the same facts.
    for entry in missing.values():
        entry["examples"] = sorted(set(entry["examples"]))[:EXAMPLES]
    licences = []
    for expression in sorted(licence_rows):
        row = licence_rows[expression]
        row["examples"] = sorted(set(row["examples"]))[:EXAMPLES]
        # analyse() refuses expressions over 2,000 characters; hand it no more than that.
        row["analysis"] = _cached_analysis(expression if len(expression) <= 2000 else expression[:2001])
        row["expression"] = _short(expression, 2000)
        for ref in row["analysis"]["license_refs"]:
            if ref.startswith("LicenseRef-") and ref not in declared_refs:
                messages.add("undeclared-license-ref", "validation", "LicenseRef- ids used but not defined in hasExtractedLicensingInfos", ref)
        licences.append(row)

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
        "packages_missing": missing,
        "license_values": {
            field: {"noassertion": special[field]["noassertion"], "none": special[field]["none"], "absent": special[field]["absent"]}
            for field in ("declared", "concluded", "effective")
        },
        "licenses": licences,
    })
    return facts


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
        for message in _error_messages(exc):
            messages.add("parse-error", "parse", "elements that spdx-tools could not parse (kept with what could be read)", f"{label}: {message}")


def _error_messages(exc: Exception) -> list[str]:
    get = getattr(exc, "get_messages", None)
    if callable(get):
        flat: list[str] = []
        for message in get():
            flat.extend(message if isinstance(message, list) else [message])
        return [str(m) for m in flat] or [type(exc).__name__]
    return [f"{type(exc).__name__}: {exc}"]


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


# --- the entry point --------------------------------------------------------------------------------


def read_document(data: bytes, name: str) -> dict[str, Any]:
    """Facts about one SBOM file; never raises on bad input."""
    messages = Messages()
    document_format = detect_format(name, data)
    facts: dict[str, Any] = {"format": document_format, "spdx": document_format not in ("cyclonedx", "unknown"), "readable": False}
    limit = MAX_BYTES_SLOW.get(document_format, MAX_BYTES)
    if len(data) > limit:
        messages.add("too-large", "parse", f"the document is {len(data)} bytes, over the {limit}-byte limit for {document_format}; not parsed")
    elif not data.strip():
        messages.add("empty", "parse", "the file is empty")
    elif document_format == "cyclonedx":
        messages.add("not-spdx", "unsupported", "a CycloneDX document: dpgcheck reads SPDX 2.x only, so its contents are not checked")
    elif document_format == "unknown":
        messages.add("unknown-format", "parse", "not recognisable as SPDX JSON, YAML, XML, RDF/XML or tag-value (name it *.spdx.json, *.spdx, …)")
    elif document_format in ("xml", "rdf") and _DTD.search(data[:65536]):
        messages.add("xml-dtd", "parse", "the XML has a DOCTYPE or ENTITY declaration; refused (entities are not resolved)")
    else:
        text = _decode(data, messages)
        if text is not None:
            facts.update(_parse_text(text, document_format, messages))
    facts["problems"] = messages.as_list()
    return facts


def _parse_text(text: str, document_format: str, messages: Messages) -> dict[str, Any]:
    text = _strip_fractional_seconds(text, messages)
    try:
        if document_format == "json":
            raw, element_parse = _load_json(text), True
        elif document_format == "yaml":
            raw, element_parse = _load_yaml(text), True
        elif document_format == "xml":
            raw, element_parse = _load_xml(text), True
        elif document_format == "tag-value":
            raw, element_parse = _load_tag_value(text, messages), False
        else:
            raw, element_parse = _load_rdf(text, messages), False
    except RecursionError:
        messages.add("syntax-error", "parse", f"the {document_format} is nested too deeply to read")
        return {}
    except Exception as exc:  # noqa: BLE001 - every parser raises its own kind of error
        for message in _error_messages(exc)[:EXAMPLES]:
            messages.add("syntax-error", "parse", f"the document is not valid {document_format}", message)
        return {}
    if not isinstance(raw, dict) or not any(k in raw for k in ("spdxVersion", "SPDXID", "packages", "creationInfo")):
        messages.add("not-a-document", "parse", "the file parses but is not an SPDX 2 document (no spdxVersion, SPDXID, creationInfo or packages)")
        return {}
    try:
        found = document_facts(raw, messages, element_parse=element_parse)
    except RecursionError:
        messages.add("syntax-error", "parse", "the document is nested too deeply to read")
        return {}
    found["readable"] = True
    return found
