"""Read one SBOM file into facts, robustly and in linear time: the entry point, :func:`read_document`.

It recognises the format (:func:`detect_format`), refuses what is too large, empty or binary,
decodes the text, hands it to the reader of its standard and turns whatever that reader raises
into a recorded problem, so bad input never escapes as an exception:

* SPDX 2 (JSON, YAML, XML, tag-value, RDF/XML): :mod:`dpgcheck.licensing.spdx2_load` loads the
  serialisation into a JSON-like dict, :mod:`dpgcheck.licensing.spdx2` makes the facts;
* SPDX 3 JSON-LD: :mod:`dpgcheck.licensing.spdx3`; CycloneDX (JSON or XML):
  :mod:`dpgcheck.licensing.cyclonedx`.

All give the normalised facts of :mod:`dpgcheck.licensing.sbom_tally`, and their problems are
grouped by :class:`dpgcheck.licensing.sbom_problems.Messages`.
"""
from __future__ import annotations

from typing import Any, cast

from dpgcheck.licensing.sbom_problems import EXAMPLES, Messages, error_messages
from dpgcheck.licensing.spdx2 import document_facts
from dpgcheck.licensing.spdx2_load import XmlDtdRefused, load, strip_fractional_seconds
from dpgcheck.shapes import SbomReading

MAX_BYTES = 64 * 1024 * 1024
# YAML is the slowest serialisation to read: libyaml yields ~2 million events for 30 MB,
# each a Python object (about 5 s on an idle core, 20 s on a busy one). SBOMs that large are
# written as JSON in practice; over the limit, the problem asks for JSON.
MAX_BYTES_SLOW = {"tag-value": 24 * 1024 * 1024, "rdf": 24 * 1024 * 1024, "yaml": 8 * 1024 * 1024}


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


# --- the entry point --------------------------------------------------------------------------------


DTD_REFUSED = "the XML declares a DTD (DOCTYPE); refused: dpgcheck reads no DTDs or entities"
STANDARDS = {"cyclonedx": "cyclonedx", "json-ld": "spdx-3", "unknown": None}


def read_document(data: bytes, name: str) -> SbomReading:
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
    # Assembled from the readers' plain mappings; sbom.json is the schema they follow.
    return cast(SbomReading, facts)


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
            for message in error_messages(exc)[:EXAMPLES]:
                messages.add("syntax-error", "parse", f"the document is not valid {what}", message[:300])
        return {}
    found["readable"] = True
    return found


def _is_dtd_refusal(exc: BaseException | None) -> bool:
    from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, (XmlDtdRefused, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden)):
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


def _parse_text(text: str, document_format: str, messages: Messages) -> dict[str, Any]:
    text = strip_fractional_seconds(text, messages)
    try:
        raw, element_parse = load(text, document_format, messages)
    except RecursionError:
        messages.add("syntax-error", "parse", f"the {document_format} is nested too deeply to read")
        return {}
    except Exception as exc:  # noqa: BLE001 - every parser raises its own kind of error
        if _is_dtd_refusal(exc):
            messages.add("xml-dtd", "parse", DTD_REFUSED)
            return {}
        for message in error_messages(exc)[:EXAMPLES]:
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
