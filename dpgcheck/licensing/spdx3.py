"""Read SPDX 3.0.1 JSON-LD documents into the normalised SBOM facts.

spdx-python-model (Apache-2.0, the bindings the SPDX project generates from the 3.0.1 model)
deserialises the JSON-LD graph into typed, linked objects; this module walks them: the
SpdxDocument and its creation info, software_Sbom types (the generation context), every
software_Package, and the relationships (dependencies and licences: ``hasDeclaredLicense`` /
``hasConcludedLicense`` to a licence expression or a listed licence).

Relationship types are given in SPDX 2 spelling (``dependsOn`` -> ``DEPENDS_ON``) so rules read
one vocabulary. The document's spdxId is its unique identifier (the SPDX 2 namespace).
"""
from __future__ import annotations

import io
import re
from collections import Counter
from typing import Any

from dpgcheck.licensing.sbom_tally import Creators, Tally, reachable_from

SUPPORTED = ("3.0.1",)
_DEPENDS = {"dependsOn", "contains", "hasStaticLink", "hasDynamicLink", "hasPrerequisite", "hasProvidedDependency",
            "hasOptionalDependency", "hasDependencyManifest"}
_COMPOSITION = {"contains", "hasOptionalComponent", "packagedBy", "dependsOn", "hasDynamicLink", "hasStaticLink",
                "hasPrerequisite", "hasOptionalDependency", "hasProvidedDependency"}
_ID_TYPES = {"cpe22", "cpe23", "packageUrl", "swid", "gitoid", "swhid"}
_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")


def is_spdx3(head: bytes) -> bool:
    return b"spdx.org/rdf/3." in head and b"@context" in head


def _tail(value: Any) -> str:
    text = str(value or "")
    return text.rsplit("/", 1)[-1]


def _spdx2_type(value: Any) -> str:
    return _CAMEL.sub("_", _tail(value)).upper()


def _id(element: Any) -> str | None:
    return str(element._id) if element is not None and getattr(element, "_id", None) else None


def read(text: str, messages: Any) -> dict[str, Any]:
    from spdx_python_model import v3_0_1 as model

    objects = model.SHACLObjectSet()
    model.JSONLDDeserializer().read(io.BytesIO(text.encode("utf-8")), objects)
    everything = list(objects.objects)
    documents = sorted((o for o in everything if isinstance(o, model.SpdxDocument)), key=lambda o: _id(o) or "")
    if not documents:
        raise ValueError("no SpdxDocument element in the graph")
    if len(documents) > 1:
        messages.add("several-documents", "validation", "the graph holds more than one SpdxDocument; the first is read", _id(documents[1]))
    document = documents[0]
    creation = document.creationInfo
    version = str(creation.specVersion) if creation is not None and creation.specVersion else None
    if version not in SUPPORTED:
        messages.add("unsupported-spdx-version", "validation", f"SPDX {version!r}; dpgcheck reads SPDX 3.0.1 JSON-LD", str(version))
    creators = Creators()
    created = None
    if creation is not None:
        created = creation.created.isoformat().replace("+00:00", "Z") if creation.created else None
        for agent in creation.createdBy or []:
            email, url = _contacts(agent)
            # A plain Agent may be a person: it is counted as an organisation, without its name.
            kind = "person" if isinstance(agent, model.Person) else "organization" if isinstance(agent, model.Organization) else "tool" if isinstance(agent, model.SoftwareAgent) else "agent"
            named = kind in ("organization", "tool")
            creators.add("organization" if kind == "agent" else kind, getattr(agent, "name", None) if named else None, email=email, url=url)
        for tool in creation.createdUsing or []:
            creators.add("tool", getattr(tool, "name", None))
    if created is None:
        messages.add("missing-created", "validation", "creationInfo.created (the timestamp) is missing")
    lifecycles = sorted({_tail(t).lower() for o in everything if isinstance(o, model.software_Sbom) for t in (o.software_sbomType or [])})

    packages = sorted((o for o in everything if isinstance(o, model.software_Package)), key=lambda o: _id(o) or "")
    package_ids = {_id(p) for p in packages}
    licences: dict[tuple[str, str], list[str]] = {}
    with_dependencies: set[str] = set()
    types: Counter[str] = Counter()
    completeness: Counter[str] = Counter()
    described = {_id(e) for e in document.rootElement or [] if _id(e)}
    edges: dict[str, list[str]] = {}
    for collection in (o for o in everything if isinstance(o, model.ElementCollection)):
        edges.setdefault(_id(collection) or "", []).extend(i for i in (_ref(e) for e in collection.rootElement or []) if i)
    relationships = 0
    extra_roots: set[str] = set()
    for relationship in (o for o in everything if isinstance(o, model.Relationship)):
        relationships += 1
        kind = _tail(relationship.relationshipType)
        source = _id(relationship.from_) if not isinstance(relationship.from_, str) else relationship.from_
        targets = list(relationship.to or [])
        types[_spdx2_type(kind)] += 1
        if source == _id(document):
            roots_from_document = {_ref(t) for t in targets} - {None}
            if kind == "describes":
                described.update(roots_from_document)
            extra_roots.update(roots_from_document)
        elif kind in _COMPOSITION and source:
            edges.setdefault(source, []).extend(i for i in (_ref(t) for t in targets) if i)
        if kind in _DEPENDS and source:
            with_dependencies.add(source)
            if relationship.completeness:
                completeness[_tail(relationship.completeness).lower()] += 1
        if kind in ("hasDeclaredLicense", "hasConcludedLicense") and source:
            field = "declared" if kind == "hasDeclaredLicense" else "concluded"
            licences.setdefault((source, field), []).extend(_licence_text(t, model) for t in targets)
    reachable = reachable_from(described | extra_roots, edges)
    tally = Tally(messages)
    for package in packages:
        identifier = _id(package)
        label = f"{package.name or identifier}@{package.software_packageVersion}" if package.software_packageVersion else str(package.name or identifier)
        supplier = package.suppliedBy
        identifiers = [_tail(e.externalIdentifierType) for e in package.externalIdentifier or []]
        tally.add(
            label, name=bool(package.name), version=bool(package.software_packageVersion),
            supplier=bool(supplier is not None and getattr(supplier, "name", None)),
            supplier_contact=supplier is not None and any(_contacts(supplier)),
            external_id=bool(package.software_packageUrl) or any(i in _ID_TYPES for i in identifiers),
            hashes=[_tail(h.algorithm) for h in package.verifiedUsing or [] if isinstance(h, model.Hash) and h.hashValue],
            filename=None,
            dependencies=identifier in with_dependencies,
            declared=_joined(licences.get((identifier, "declared"))), concluded=_joined(licences.get((identifier, "concluded"))),
            purpose=_tail(package.software_primaryPurpose) if package.software_primaryPurpose else None,
            reachable=identifier in reachable,
        )
    return {
        "standard": "spdx-3",
        "spec_version": version,
        "name": str(document.name)[:500] if document.name else None,
        "namespace": _id(document),
        "created": created,
        **creators.facts(),
        "lifecycles": lifecycles,
        "completeness": dict(sorted(completeness.items())),
        "counts": {"packages": len(packages), "files": sum(1 for o in everything if isinstance(o, model.software_File)),
                   "snippets": sum(1 for o in everything if isinstance(o, model.software_Snippet)), "relationships": relationships},
        "describes": sorted(d for d in described if d)[:10],
        "describes_package": bool(reachable & package_ids),
        "relationship_types": dict(sorted(types.items())),
        "not_recorded": ["filename"],
        **tally.facts(),
    }


def _ref(element: Any) -> str | None:
    return element if isinstance(element, str) else _id(element)


def _contacts(agent: Any) -> tuple[bool, bool]:
    kinds = {_tail(e.externalIdentifierType) for e in getattr(agent, "externalIdentifier", None) or []}
    refs = [r for r in getattr(agent, "externalRef", None) or []]
    url = any(str(loc).startswith(("http://", "https://")) for r in refs for loc in (getattr(r, "locator", None) or []))
    return "email" in kinds, url or "urlScheme" in kinds


def _licence_text(target: Any, model: Any) -> str:
    if isinstance(target, str):
        tail = _tail(target)
    elif isinstance(target, model.simplelicensing_LicenseExpression):
        return str(target.simplelicensing_licenseExpression or "")
    else:
        tail = _tail(_id(target))
    return {"NoAssertionLicense": "NOASSERTION", "NoneLicense": "NONE"}.get(tail, tail)


def _joined(parts: list[str] | None) -> str | None:
    parts = sorted({p for p in parts or [] if p})
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else " AND ".join(f"({p})" if " " in p else p for p in parts)
