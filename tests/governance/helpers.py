"""Shared publiccode.yml fixtures for the governance tests (written for dpgcheck, not copied)."""
from __future__ import annotations

import copy
from typing import Any

import yaml

LONG_DESCRIPTION = (
    "Registry of civil events for municipalities: births, marriages and deaths are recorded once "
    "and shared with the national population register, with an audit trail for every change."
)
assert len(LONG_DESCRIPTION) >= 150

MINIMAL: dict[str, Any] = {
    "publiccodeYmlVersion": "0",
    "name": "Civil Registry",
    "url": "https://git.example.org/registry/civil-registry.git",
    "platforms": ["web"],
    "developmentStatus": "stable",
    "softwareType": "standalone/web",
    "description": {
        "en": {
            "shortDescription": "Civil registration for municipalities",
            "longDescription": LONG_DESCRIPTION,
            "features": ["Birth registration", "Marriage registration"],
        }
    },
    "legal": {"license": "EUPL-1.2 OR AGPL-3.0-or-later"},
    "maintenance": {"type": "community", "contacts": [{"name": "Registry Team Lead"}]},
    "localisation": {"localisationReady": True, "availableLanguages": ["en"]},
}

FULL: dict[str, Any] = {
    **copy.deepcopy(MINIMAL),
    "applicationSuite": "Municipal Suite",
    "landingURL": "https://registry.example.org",
    "isBasedOn": ["https://git.example.org/upstream/registry.git"],
    "softwareVersion": "2.4.1",
    "releaseDate": "2026-03-01",
    "logo": "docs/logo.svg",
    "platforms": ["web", "linux"],
    "categories": ["document-management", "digital-citizenship"],
    "usedBy": ["City of Example", "Example Province"],
    "fundedBy": [{"uri": "https://www.example.gov", "name": "Example Ministry"}, {"uri": "urn:x-example:fund:42"}],
    "roadmap": "https://registry.example.org/roadmap",
    "supports": [{"id": "alias:gdpr"}, {"id": "https://eur-lex.europa.eu/eli/reg/2014/910/oj"}],
    "organisation": {"uri": "https://www.example.gov", "name": "Example Ministry"},
    "intendedAudience": {"countries": ["IT", "NL"], "unsupportedCountries": ["US"], "scope": ["government", "society"]},
    "description": {
        "en": {
            "localisedName": "Civil Registry",
            "shortDescription": "Civil registration for municipalities",
            "longDescription": LONG_DESCRIPTION,
            "documentation": "https://registry.example.org/docs",
            "apiDocumentation": "https://registry.example.org/api",
            "features": ["Birth registration", "Marriage registration"],
            "screenshots": ["docs/screen.png"],
            "videos": ["https://www.youtube.com/watch?v=abcdefghijk"],
            "awards": ["Public Sector Award 2025"],
        },
        "pt-BR": {
            "shortDescription": "Registro civil para municípios",
            "longDescription": LONG_DESCRIPTION,
            "features": ["Registro de nascimentos"],
        },
    },
    "legal": {"license": "EUPL-1.2", "mainCopyrightOwner": "Example Ministry"},
    "maintenance": {"type": "contract", "contractors": [{"name": "Example Integrator Ltd", "until": "2027-12-31", "website": "https://integrator.example.com"}]},
    "localisation": {"localisationReady": True, "availableLanguages": ["en", "pt-BR", "it"]},
    "dependsOn": {"open": [{"name": "PostgreSQL", "versionMin": "14", "optional": False}], "proprietary": [], "hardware": []},
}


def dump(document: Any) -> bytes:
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True).encode("utf-8")


def mutate(base: dict[str, Any], path: str, value: Any = ..., *, delete: bool = False) -> dict[str, Any]:
    """A deep copy of ``base`` with the dotted ``path`` set to ``value`` (or deleted)."""
    document = copy.deepcopy(base)
    node: Any = document
    parts = path.split(".")
    for part in parts[:-1]:
        node = node[int(part)] if isinstance(node, list) else node.setdefault(part, {})
    last = parts[-1]
    if delete:
        del node[last]
    else:
        node[int(last) if isinstance(node, list) else last] = value
    return document


def billion_laughs(levels: int = 9, width: int = 9) -> bytes:
    lines = ["a0: &a0 [" + ", ".join(['"lol"'] * width) + "]"]
    for level in range(1, levels + 1):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * width) + "]")
    return ("\n".join(lines) + "\n").encode()
