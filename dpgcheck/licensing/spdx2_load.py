"""SPDX 2 serialisations read into the JSON-like dict (SPDX JSON field names) that spdx-tools'
own parsers use, without ever handing spdx-tools a whole document (see :mod:`dpgcheck.licensing.sbom`).

JSON with the standard library; YAML built from parser events without aliases
(:mod:`dpgcheck.untrusted.large_yaml`); XML by an expat parser that refuses any DTD or entity
declaration; tag-value through spdx-tools' grammar with one shared licensing object; RDF/XML
through spdx-tools' graph translation, element by element, with rdflib's parser made to refuse
DTDs and entities too. Timestamps with fractional seconds are truncated first.
"""
from __future__ import annotations

import functools
import json
from typing import Any, Callable

from dpgcheck.patterns import lazy
from dpgcheck.licensing.sbom_problems import Messages

_FRACTION = lazy(r"\.\d+Z")
_WHOLE_SECONDS = lazy(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\Z")


def strip_fractional_seconds(text: str, messages: Messages) -> str:
    """``2026-01-15T10:00:00.129Z`` -> ``2026-01-15T10:00:00Z`` (a literal-led scan: fast)."""
    pieces: list[str] = []
    last = 0
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


def load(text: str, document_format: str, messages: Messages) -> tuple[Any, bool]:
    """The document as a JSON-like dict, and whether its elements still need spdx-tools' own
    parse (tag-value and RDF/XML went through spdx-tools already). Raises what the parser raises."""
    if document_format == "json":
        return load_json(text), True
    if document_format == "yaml":
        return load_yaml(text), True
    if document_format == "xml":
        return load_xml(text), True
    if document_format == "tag-value":
        return load_tag_value(text, messages), False
    return load_rdf(text, messages), False


def load_json(text: str) -> Any:
    return json.loads(text)


def load_yaml(text: str) -> Any:
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


def load_xml(data: bytes | str) -> Any:
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


def load_tag_value(text: str, messages: Messages) -> dict[str, Any]:
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


def load_rdf(text: str, messages: Messages) -> dict[str, Any]:
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
