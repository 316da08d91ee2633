"""Realistic SPDX 2.3 documents for tests and benchmarks (npm-SBOM shaped).

Not a test module by itself: it only builds documents. ``npm_sbom(n)`` returns the JSON
dict of an SBOM like ``npm sbom --sbom-format spdx`` writes: a root package DESCRIBED by
the document, ``n`` dependency packages with purls, DEPENDS_ON relationships, licences
drawn from the mix measured on a real lock file (MIT, Apache-2.0, ISC, BSD-3-Clause, …).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

LICENSE_MIX = ["MIT"] * 72 + ["Apache-2.0"] * 13 + ["ISC"] * 7 + ["BSD-3-Clause"] * 3 + [
    "BSD-2-Clause", "(MIT OR Apache-2.0)", "NOASSERTION", "0BSD", "MIT AND CC-BY-4.0"]


def npm_sbom(count: int, *, millis: bool = False, free_text_licence: bool = False) -> dict[str, Any]:
    packages = [{
        "name": "webapp",
        "SPDXID": "SPDXRef-Package-webapp-1.0.0",
        "versionInfo": "1.0.0",
        "packageFileName": "",
        "downloadLocation": "NOASSERTION",
        "filesAnalyzed": False,
        "supplier": "Organization: Example Org (dev@example.org)",
        "licenseDeclared": "Apache-2.0",
        "licenseConcluded": "NOASSERTION",
        "copyrightText": "NOASSERTION",
        "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": "pkg:npm/webapp@1.0.0"}],
    }]
    relationships = [{"spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES", "relatedSpdxElement": "SPDXRef-Package-webapp-1.0.0"}]
    for i in range(count):
        name = f"dep{i}"
        version = f"{i % 7}.{i % 13}.{i % 5}"
        spdx_id = f"SPDXRef-Package-{name}-{version}"
        licence = LICENSE_MIX[i % len(LICENSE_MIX)]
        package = {
            "name": name,
            "SPDXID": spdx_id,
            "versionInfo": version,
            "packageFileName": f"node_modules/{name}",
            "description": f"Dependency number {i}",
            "downloadLocation": f"https://registry.npmjs.org/{name}/-/{name}-{version}.tgz",
            "filesAnalyzed": False,
            "homepage": f"https://example.org/{name}",
            "licenseDeclared": licence,
            "licenseConcluded": "NOASSERTION",
            "copyrightText": "NOASSERTION",
            "checksums": [{"algorithm": "SHA512", "checksumValue": f"{i:0128x}"}],
            "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": f"pkg:npm/{name}@{version}"}],
        }
        if i % 4 != 0:
            package["supplier"] = "NOASSERTION" if i % 4 == 3 else f"Organization: Maintainer {i % 50}"
        packages.append(package)
        relationships.append({"spdxElementId": "SPDXRef-Package-webapp-1.0.0", "relationshipType": "DEPENDS_ON", "relatedSpdxElement": spdx_id})
        if i and i % 3 == 0:
            relationships.append({"spdxElementId": spdx_id, "relationshipType": "DEPENDS_ON", "relatedSpdxElement": packages[i]["SPDXID"]})
    if free_text_licence and count > 2:
        packages[2]["licenseDeclared"] = "Standard 'no charge' license: https://gsap.com/standard-license. Club GSAP members get more."
    return {
        "spdxVersion": "SPDX-2.3",
        "dataLicense": "CC0-1.0",
        "SPDXID": "SPDXRef-DOCUMENT",
        "name": "webapp@1.0.0",
        "documentNamespace": "http://spdx.org/spdxdocs/webapp-1.0.0-3f2e0c1a",
        "creationInfo": {
            "created": "2026-01-15T10:00:00.129Z" if millis else "2026-01-15T10:00:00Z",
            "creators": ["Tool: npm/cli-11.19.1"],
        },
        "documentDescribes": ["SPDXRef-Package-webapp-1.0.0"],
        "packages": packages,
        "relationships": relationships,
    }


def write_json(path: Path, document: dict[str, Any]) -> Path:
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    return path


def write_with_spdx_tools(document: dict[str, Any], path: Path) -> Path:
    """Write ``document`` in the serialisation ``path``'s name asks for, with spdx-tools."""
    from spdx_tools.spdx.parser.jsonlikedict.json_like_dict_parser import JsonLikeDictParser
    from spdx_tools.spdx.writer.write_anything import write_file

    write_file(JsonLikeDictParser().parse(document), str(path), validate=False)
    return path


def npm_cyclonedx(count: int, *, spec_version: str = "1.6") -> dict[str, Any]:
    """The same npm-shaped project as ``npm_sbom(count)``, as CycloneDX JSON like
    ``cyclonedx-npm`` writes it: a root component in metadata, ``count`` library
    components with purls, SHA-512 hashes and licences (an id, or an expression), and the
    dependency graph (every component has an entry, leaves with no ``dependsOn``)."""
    components = []
    dependencies = [{"ref": "webapp@1.0.0", "dependsOn": []}]
    for i in range(count):
        name = f"dep{i}"
        version = f"{i % 7}.{i % 13}.{i % 5}"
        ref = f"{name}@{version}"
        licence = LICENSE_MIX[i % len(LICENSE_MIX)]
        if licence == "NOASSERTION":
            licences: list[dict[str, Any]] = []
        elif " " in licence:
            licences = [{"expression": licence.strip("()")}]
        else:
            licences = [{"license": {"id": licence}}]
        component: dict[str, Any] = {
            "type": "library", "bom-ref": ref, "name": name, "version": version,
            "description": f"Dependency number {i}",
            "hashes": [{"alg": "SHA-512", "content": f"{i:0128x}"}],
            "licenses": licences,
            "purl": f"pkg:npm/{name}@{version}",
            "externalReferences": [{"type": "distribution", "url": f"https://registry.npmjs.org/{name}/-/{name}-{version}.tgz"}],
            "properties": [{"name": "cdx:npm:package:path", "value": f"node_modules/{name}"}],
        }
        if i % 4 != 0:
            component["supplier"] = {"name": f"Maintainer {i % 50}", "url": [f"https://example.org/m{i % 50}"]}
        components.append(component)
        dependencies[0]["dependsOn"].append(ref)
        dependencies.append({"ref": ref, "dependsOn": [components[i - 1]["bom-ref"]] if i and i % 3 == 0 else []})
    return {
        "$schema": f"http://cyclonedx.org/schema/bom-{spec_version}.schema.json",
        "bomFormat": "CycloneDX",
        "specVersion": spec_version,
        "serialNumber": "urn:uuid:3f2e0c1a-0000-4000-8000-000000000001",
        "version": 1,
        "metadata": {
            "timestamp": "2026-01-15T10:00:00Z",
            "lifecycles": [{"phase": "build"}],
            "tools": {"components": [{"type": "application", "name": "cyclonedx-npm", "version": "4.0.0"}]},
            "component": {
                "type": "application", "bom-ref": "webapp@1.0.0", "name": "webapp", "version": "1.0.0",
                "licenses": [{"license": {"id": "Apache-2.0"}}], "purl": "pkg:npm/webapp@1.0.0",
                "supplier": {"name": "Example Org", "url": ["https://example.org"]},
            },
        },
        "components": components,
        "dependencies": dependencies,
    }
