"""Read CycloneDX 1.2-1.7 SBOMs (JSON and XML) into the normalised SBOM facts.

cyclonedx-python-lib (Apache-2.0) deserialises the metadata and every component, but one
component at a time, never the whole ``Bom``: its ``Bom.from_json`` keeps components in a
sorted set and took 17 s for 4,000 components here (it grows with the square of the count),
and one component it refuses would lose all the others. So:

* JSON is loaded with :mod:`json`; XML with defusedxml configured to refuse any DTD or entity
  declaration (``forbid_dtd``), whatever the encoding and wherever it sits in the document;
* nested components are flattened here (bounded depth) and each goes through
  ``Component.from_json`` / ``Component.from_xml`` on its own: an error is recorded against
  that component and the rest of the document survives;
* the dependency graph and compositions (which the library does not model) are read from the
  document itself.

Licences become SPDX expressions: a component's ``expression`` as written, its ``license``
entries (an SPDX id, else the name as given) joined with AND; entries acknowledged as
``concluded`` (CycloneDX 1.6) are the concluded licence, the others the declared one.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any, Iterator

from dpgcheck.licensing.sbom_tally import Creators, Tally, reachable_from

SUPPORTED = ("1.2", "1.3", "1.4", "1.5", "1.6", "1.7")
MAX_DEPTH = 64
_NAMESPACE = re.compile(r"^\{http://cyclonedx\.org/schema/bom/(\d+\.\d+)\}bom$")


class NotCycloneDX(ValueError):
    """The document parses but is not a CycloneDX BOM."""


def read(data: bytes, text: str | None, serialisation: str, messages: Any) -> dict[str, Any]:
    """Facts about one CycloneDX document (``text`` is the decoded JSON; XML is read from bytes)."""
    if serialisation == "json":
        document = _JsonDocument(json.loads(text or ""))
    else:
        document = _XmlDocument(data)
    return _facts(document, messages)


# --- the two serialisations behind one small interface --------------------------------------


class _JsonDocument:
    def __init__(self, raw: Any) -> None:
        if not isinstance(raw, dict) or raw.get("bomFormat") != "CycloneDX":
            raise NotCycloneDX("no bomFormat CycloneDX at the top level")
        self.raw = raw
        self.spec_version = str(raw.get("specVersion") or "") or None
        self.serial_number = raw.get("serialNumber") if isinstance(raw.get("serialNumber"), str) else None

    def metadata(self) -> Any:
        from cyclonedx.model.bom import BomMetaData

        meta = self.raw.get("metadata")
        if not isinstance(meta, dict):
            return None
        root = meta.get("component")
        return BomMetaData.from_json({k: v for k, v in meta.items() if k != "component"}), (
            self._component(root) if isinstance(root, dict) else None
        )

    def _component(self, raw: dict[str, Any]) -> Any:
        from cyclonedx.model.component import Component

        return Component.from_json({k: v for k, v in raw.items() if k != "components"})

    def timestamp(self) -> str | None:
        meta = self.raw.get("metadata")
        value = meta.get("timestamp") if isinstance(meta, dict) else None
        return value.strip()[:100] if isinstance(value, str) and value.strip() else None

    def components(self) -> Iterator[tuple[str, Any]]:
        """(label, parse function) for every component, nested ones included."""
        top = self.raw.get("components")
        stack = [(c, 0) for c in reversed(top)] if isinstance(top, list) else []
        while stack:
            raw, depth = stack.pop()
            if not isinstance(raw, dict):
                yield "a component that is not an object", _raiser(ValueError("not an object"))
                continue
            children = raw.get("components")
            if isinstance(children, list):
                if depth >= MAX_DEPTH:
                    yield _label(raw.get("name"), raw.get("version")), _raiser(ValueError(f"components nested more than {MAX_DEPTH} deep"))
                    continue
                stack.extend((c, depth + 1) for c in reversed(children))
            yield _label(raw.get("name"), raw.get("version")), (lambda raw=raw: self._component(raw))

    def dependencies(self) -> list[tuple[str, list[str]]]:
        found = []
        for entry in self.raw.get("dependencies") or [] if isinstance(self.raw.get("dependencies"), list) else []:
            if isinstance(entry, dict) and isinstance(entry.get("ref"), str):
                targets = entry.get("dependsOn") if isinstance(entry.get("dependsOn"), list) else []
                found.append((entry["ref"], [t for t in targets if isinstance(t, str)]))
        return found

    def aggregates(self) -> list[str]:
        compositions = self.raw.get("compositions") if isinstance(self.raw.get("compositions"), list) else []
        return [str(c.get("aggregate")) for c in compositions if isinstance(c, dict) and c.get("aggregate")]


class _XmlDocument:
    def __init__(self, data: bytes) -> None:
        from defusedxml import ElementTree

        root = ElementTree.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
        match = _NAMESPACE.match(root.tag)
        if not match:
            raise NotCycloneDX(f"the root element is {root.tag!r}, not a CycloneDX <bom>")
        self.ns = match.group(0)[1:].split("}")[0]
        self.root = root
        self.spec_version = match.group(1)
        self.serial_number = root.get("serialNumber")

    def _q(self, name: str) -> str:
        return f"{{{self.ns}}}{name}"

    def _shallow(self, element: Any) -> Any:
        from xml.etree.ElementTree import Element

        copy = Element(element.tag, element.attrib)
        copy.text = element.text
        copy.extend(child for child in element if child.tag != self._q("components"))
        return copy

    def _component(self, element: Any) -> Any:
        from cyclonedx.model.component import Component

        return Component.from_xml(self._shallow(element), self.ns)

    def metadata(self) -> Any:
        from cyclonedx.model.bom import BomMetaData

        meta = self.root.find(self._q("metadata"))
        if meta is None:
            return None
        root = meta.find(self._q("component"))
        from xml.etree.ElementTree import Element

        rest = Element(meta.tag, meta.attrib)
        rest.extend(child for child in meta if child.tag != self._q("component"))
        return BomMetaData.from_xml(rest, self.ns), (self._component(root) if root is not None else None)

    def timestamp(self) -> str | None:
        value = self.root.findtext(f"{self._q('metadata')}/{self._q('timestamp')}")
        return value.strip()[:100] if value and value.strip() else None

    def components(self) -> Iterator[tuple[str, Any]]:
        top = self.root.find(self._q("components"))
        stack = [(c, 0) for c in reversed(list(top))] if top is not None else []
        while stack:
            element, depth = stack.pop()
            if element.tag != self._q("component"):
                continue
            name, version = element.findtext(self._q("name")), element.findtext(self._q("version"))
            children = element.find(self._q("components"))
            if children is not None:
                if depth >= MAX_DEPTH:
                    yield _label(name, version), _raiser(ValueError(f"components nested more than {MAX_DEPTH} deep"))
                    continue
                stack.extend((c, depth + 1) for c in reversed(list(children)))
            yield _label(name, version), (lambda element=element: self._component(element))

    def dependencies(self) -> list[tuple[str, list[str]]]:
        top = self.root.find(self._q("dependencies"))
        found = []
        for entry in top.iter(self._q("dependency")) if top is not None else []:
            if entry.get("ref"):
                found.append((entry.get("ref"), [d.get("ref") for d in entry.findall(self._q("dependency")) if d.get("ref")]))
        return found

    def aggregates(self) -> list[str]:
        top = self.root.find(self._q("compositions"))
        return [a.text.strip() for a in (top.iter(self._q("aggregate")) if top is not None else []) if a.text and a.text.strip()]


def _raiser(exc: Exception) -> Any:
    def parse() -> Any:
        raise exc

    return parse


def _label(name: Any, version: Any) -> str:
    name = str(name or "?")[:150]
    return f"{name}@{str(version)[:50]}" if version else name


# --- facts ----------------------------------------------------------------------------------


def _facts(document: Any, messages: Any) -> dict[str, Any]:
    import warnings

    with warnings.catch_warnings():
        # the library warns about fields deprecated in newer versions: not the reader's business
        warnings.simplefilter("ignore")
        return _facts_quietly(document, messages)


def _facts_quietly(document: Any, messages: Any) -> dict[str, Any]:
    from cyclonedx.model.license import DisjunctiveLicense, LicenseAcknowledgement, LicenseExpression

    version = document.spec_version
    if version not in SUPPORTED:
        messages.add("unsupported-cyclonedx-version", "validation", f"CycloneDX specVersion {version!r}; dpgcheck reads 1.2 to 1.7", str(version))
    creators = Creators()
    lifecycles: set[str] = set()
    # As written: the library fills a missing timestamp with the current time.
    timestamp = document.timestamp()
    name = None
    root = None
    try:
        parsed = document.metadata()
    except Exception as exc:  # noqa: BLE001 - the library raises many kinds
        messages.add("parse-error", "parse", "elements that cyclonedx-python-lib could not parse (left out)", f"metadata: {_error(exc)}")
        parsed = None
    if parsed is not None:
        metadata, root = parsed
        for author in metadata.authors or []:
            creators.add("person", None, email=bool(author.email))
        for entity in (metadata.manufacturer, getattr(metadata, "manufacture", None)):
            if entity is not None:
                creators.add("organization", entity.name, email=any(c.email for c in entity.contacts or []), url=bool(entity.urls))
        tools = metadata.tools
        for tool in list(tools.tools or []):
            creators.add("tool", " ".join(str(p) for p in (tool.vendor and f"{tool.vendor}/", tool.name, tool.version) if p).replace("/ ", "/"))
        for tool in list(tools.components or []) + list(tools.services or []):
            creators.add("tool", " ".join(str(p) for p in ((f"{tool.group}/" if tool.group else "") + str(tool.name or ""), tool.version) if p))
        for lifecycle in metadata.lifecycles or []:
            phase = getattr(lifecycle, "phase", None)
            lifecycles.add(str(getattr(phase, "value", phase) or getattr(lifecycle, "name", "") or "").lower())
        if root is not None:
            name = _label(root.name, root.version)
    dependencies = document.dependencies()
    refs_with_entry = {ref for ref, _ in dependencies}
    edges = sum(len(targets) for _, targets in dependencies)
    root_ref = root.bom_ref.value if root is not None and root.bom_ref and root.bom_ref.value else None
    graph: dict[str, list[str]] = {}
    for ref, targets in dependencies:
        graph.setdefault(ref, []).extend(targets)
    reachable = reachable_from([root_ref] if root_ref else [], graph)
    tally = Tally(messages)
    bom_refs: Counter[str] = Counter()
    files = 0

    def add(label: str, component: Any) -> None:
        nonlocal files
        ref = component.bom_ref.value if component.bom_ref and component.bom_ref.value else None
        if ref:
            bom_refs[ref] += 1
        declared, concluded = [], []
        for licence in component.licenses or []:
            if isinstance(licence, LicenseExpression):
                text = licence.value
            elif isinstance(licence, DisjunctiveLicense):
                text = licence.id or licence.name
            else:
                continue
            if text:
                (concluded if licence.acknowledgement == LicenseAcknowledgement.CONCLUDED else declared).append(str(text))
        entities = [e for e in (component.supplier, getattr(component, "manufacturer", None)) if e is not None]
        kind = getattr(component.type, "value", str(component.type))
        files += kind == "file"
        tally.add(
            label, name=bool(component.name), version=bool(component.version),
            supplier=any(e.name for e in entities) or bool(component.publisher),
            supplier_contact=any(e.urls or any(c.email for c in e.contacts or []) for e in entities),
            external_id=bool(component.purl or component.cpe or component.swid or list(getattr(component, "omnibor_ids", []) or []) or list(getattr(component, "swhids", []) or [])),
            hashes=[getattr(h.alg, "value", str(h.alg)) for h in _hashes(component) if h.content],
            filename=None,
            dependencies=bool(ref and ref in refs_with_entry),
            declared=_conjunction(declared), concluded=_conjunction(concluded),
            properties=[p.name for p in component.properties or []], purpose=kind,
            reachable=component is root or bool(ref and ref in reachable),
        )

    if root is not None:
        add(name or "?", root)
    for label, parse in document.components():
        try:
            component = parse()
        except Exception as exc:  # noqa: BLE001 - one odd component must not lose the document
            messages.add("parse-error", "parse", "components that cyclonedx-python-lib could not parse (left out)", f"{label}: {_error(exc)}")
            continue
        if component is not None:
            add(label, component)
    for ref in sorted(r for r, n in bom_refs.items() if n > 1):
        messages.add("duplicate-bom-ref", "validation", "bom-refs that occur more than once", ref)
    known = set(bom_refs)
    for ref, targets in dependencies:
        for end in (ref, *targets):
            if end not in known:
                messages.add("dangling-reference", "validation", "dependencies that name a bom-ref the document does not define", end[:200])
    if timestamp is None:
        messages.add("missing-created", "validation", "metadata.timestamp is missing")
    facts: dict[str, Any] = {
        "standard": "cyclonedx",
        "spec_version": version,
        "name": name,
        "namespace": document.serial_number,
        "created": timestamp,
        **creators.facts(),
        "lifecycles": sorted(lifecycles - {""}),
        "completeness": dict(sorted(Counter(a.lower() for a in document.aggregates()).items())),
        "counts": {"packages": tally.packages, "files": files, "snippets": 0, "relationships": edges + (root is not None)},
        "describes": [root.bom_ref.value] if root is not None and root.bom_ref and root.bom_ref.value else [],
        "describes_package": root is not None,
        "relationship_types": {k: v for k, v in (("DEPENDS_ON", edges), ("DESCRIBES", int(root is not None))) if v},
        "not_recorded": ["filename"],
        **tally.facts(),
    }
    return facts


def _hashes(component: Any) -> list[Any]:
    """The component's hashes and those of its distribution references (where BSI TR-03183-2
    v2.1 asks for the hash of the deployable form)."""
    found = list(component.hashes or [])
    for reference in component.external_references or []:
        if str(getattr(reference.type, "value", reference.type)) in ("distribution", "distribution-intake"):
            found.extend(reference.hashes or [])
    return found


def _conjunction(parts: list[str]) -> str | None:
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    return " AND ".join(f"({p})" if " " in p.strip() else p for p in sorted(set(parts)))


def _error(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"[:300]
