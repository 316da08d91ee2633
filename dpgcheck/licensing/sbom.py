"""Read SBOMs into facts, robustly and in linear time: SPDX 2.x here, SPDX 3 JSON-LD
(:mod:`dpgcheck.licensing.spdx3`) and CycloneDX (:mod:`dpgcheck.licensing.cyclonedx`)
dispatched from :func:`read_document`; all give the normalised facts of
:mod:`dpgcheck.licensing.sbom_tally`.

spdx-tools (Apache-2.0) does the element parsing, but never on a whole document at
once: one broken package (a free-text licence, a bad checksum) would lose all the
others. Instead:

* JSON, YAML and XML are loaded into the JSON-like dict spdx-tools' own parsers use
  (safely: YAML built from parser events without aliases; XML by a parser that refuses
  any DTD or entity declaration, as RDF/XML is), then every package, file,
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
from collections import Counter
from typing import Any, Callable

from dpgcheck.patterns import lazy
from dpgcheck.licensing.expression import MAX_EXPRESSION_LENGTH
from dpgcheck.licensing.sbom_tally import Creators, Tally, contact_kinds, reachable_from

MAX_BYTES = 64 * 1024 * 1024
# YAML is the slowest serialisation to read: libyaml yields ~2 million events for 30 MB,
# each a Python object (about 5 s on an idle core, 20 s on a busy one). SBOMs that large are
# written as JSON in practice; over the limit, the problem asks for JSON.
MAX_BYTES_SLOW = {"tag-value": 24 * 1024 * 1024, "rdf": 24 * 1024 * 1024, "yaml": 8 * 1024 * 1024}
EXAMPLES = 10
EXAMPLE_POOL = 5000
SPDX_VERSIONS = ("SPDX-2.2", "SPDX-2.3")
OLD_VERSIONS = ("SPDX-2.0", "SPDX-2.1")

_ID = lazy(r"^SPDXRef-[A-Za-z0-9.\-]+$")
_FRACTION = lazy(r"\.\d+Z")
_WHOLE_SECONDS = lazy(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\Z")
_DATE_KEYS = ("created", "annotationDate", "releaseDate", "builtDate", "validUntilDate")
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
    """``json``, ``yaml``, ``xml``, ``rdf``, ``tag-value`` (SPDX 2), ``json-ld`` (SPDX 3),
    ``cyclonedx`` or ``unknown``."""
    lower = name.lower()
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if lower.endswith((".cdx.json", ".cdx.xml")) or b"CycloneDX" in head[:2048] or b"cyclonedx.org/schema" in head:
        return "cyclonedx"
    if lower.endswith((".spdx3.json", ".jsonld")) or (head.startswith(b"{") and b"spdx.org/rdf/3." in head and b"@context" in head):
        return "json-ld"
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
    from dpgcheck.untrusted.large_yaml import load_large

    return load_large(text)


class XmlDtdRefused(ValueError):
    """The XML declares a DTD: refused before any entity is defined or expanded."""


def _refuse(*_: Any) -> None:
    raise XmlDtdRefused("DOCTYPE")


class _NoDtdExpat:
    """``xml.parsers.expat`` for xmltodict, with parsers that refuse a DOCTYPE or an entity
    declaration wherever it is in the document and whatever its encoding (defusedxml's
    forbid_dtd / forbid_entities, on the parser itself)."""

    ExpatError = __import__("xml.parsers.expat", fromlist=["ExpatError"]).ExpatError
    errors = __import__("xml.parsers.expat", fromlist=["errors"]).errors

    @staticmethod
    def ParserCreate(*args: Any, **kwargs: Any) -> Any:  # noqa: N802 - the expat name
        from xml.parsers import expat

        parser = expat.ParserCreate(*args, **kwargs)
        parser.StartDoctypeDeclHandler = _refuse
        parser.EntityDeclHandler = _refuse
        parser.UnparsedEntityDeclHandler = _refuse
        parser.ExternalEntityRefHandler = _refuse
        return parser


def _load_xml(data: bytes | str) -> Any:
    import xmltodict
    from spdx_tools.spdx.parser.xml.xml_parser import _fix_list_like_fields

    parsed = xmltodict.parse(data, expat=_NoDtdExpat, disable_entities=True)
    document = _fix_list_like_fields(parsed).get("Document") if isinstance(parsed, dict) else None
    if not isinstance(document, dict):
        raise ValueError('no top-level "Document" element')
    return document


@functools.lru_cache(maxsize=1)
def _patch_rdflib_parser() -> None:
    """Make rdflib's RDF/XML parser a defusedxml reader that refuses DTDs and entities."""
    from defusedxml.expatreader import DefusedExpatParser
    from rdflib.plugins.parsers import rdfxml

    rdfxml.make_parser = lambda: DefusedExpatParser(forbid_dtd=True, forbid_entities=True, forbid_external=True)


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

    _patch_rdflib_parser()
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


# --- the entry point --------------------------------------------------------------------------------


DTD_REFUSED = "the XML declares a DTD (DOCTYPE); refused: dpgcheck reads no DTDs or entities"
STANDARDS = {"cyclonedx": "cyclonedx", "json-ld": "spdx-3", "unknown": None}


def read_document(data: bytes, name: str) -> dict[str, Any]:
    """Facts about one SBOM file (SPDX 2, SPDX 3 or CycloneDX); never raises on bad input."""
    messages = Messages()
    document_format = detect_format(name, data)
    standard = STANDARDS.get(document_format, "spdx-2")
    facts: dict[str, Any] = {
        "format": document_format, "standard": standard, "serialisation": _serialisation(document_format, data),
        "spdx": standard in ("spdx-2", "spdx-3"), "readable": False,
    }
    limit = MAX_BYTES_SLOW.get(document_format, MAX_BYTES)
    if len(data) > limit:
        hint = "; write it as JSON" if document_format == "yaml" else ""
        messages.add("too-large", "parse", f"the document is {len(data)} bytes, over the {limit}-byte limit for {document_format}; not parsed{hint}")
    elif not data.strip():
        messages.add("empty", "parse", "the file is empty")
    elif document_format == "unknown":
        messages.add("unknown-format", "parse", "not recognisable as SPDX 2 (JSON, YAML, XML, RDF/XML, tag-value), SPDX 3 JSON-LD or CycloneDX (name it *.spdx.json, *.cdx.json, …)")
    elif document_format == "cyclonedx" and facts["serialisation"] == "xml":
        facts.update(_parse_other(data, None, document_format, messages))
    else:
        text = _decode(data, messages)
        if text is not None:
            facts.update(_parse_text(text, document_format, messages) if standard == "spdx-2" else _parse_other(data, text, document_format, messages))
    facts["problems"] = messages.as_list()
    return facts


def _serialisation(document_format: str, data: bytes) -> str:
    if document_format == "cyclonedx":
        return "xml" if data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"<", b"\xff\xfe", b"\xfe\xff")) else "json"
    return document_format


def _parse_other(data: bytes, text: str | None, document_format: str, messages: Messages) -> dict[str, Any]:
    """CycloneDX (JSON or XML) and SPDX 3 JSON-LD."""
    from dpgcheck.licensing import cyclonedx, spdx3

    try:
        if document_format == "cyclonedx":
            found = cyclonedx.read(data, text, _serialisation(document_format, data), messages)
        else:
            found = spdx3.read(text or "", messages)
    except RecursionError:
        messages.add("syntax-error", "parse", "the document is nested too deeply to read")
        return {}
    except Exception as exc:  # noqa: BLE001 - every parser raises its own kind of error
        if _is_dtd_refusal(exc):
            messages.add("xml-dtd", "parse", DTD_REFUSED)
        elif isinstance(exc, cyclonedx.NotCycloneDX):
            messages.add("not-a-document", "parse", f"the file parses but is not a CycloneDX BOM: {exc}")
        else:
            what = "CycloneDX" if document_format == "cyclonedx" else "SPDX 3 JSON-LD"
            for message in _error_messages(exc)[:EXAMPLES]:
                messages.add("syntax-error", "parse", f"the document is not valid {what}", message[:300])
        return {}
    found["readable"] = True
    return found


def _is_dtd_refusal(exc: BaseException) -> bool:
    from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, (XmlDtdRefused, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden)):
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


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
        if _is_dtd_refusal(exc):
            messages.add("xml-dtd", "parse", DTD_REFUSED)
            return {}
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
