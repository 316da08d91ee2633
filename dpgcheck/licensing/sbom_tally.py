"""The normalised SBOM facts every format is read into (SPDX 2, SPDX 3, CycloneDX).

A reader walks its document and hands each package (component) to a :class:`Tally`, which
keeps counts and a few sorted examples, never the whole list: a 16,000-package SBOM gives
the same few kilobytes of facts as a small one. The licence analysis is budgeted per
document, not only per expression: at most :data:`MAX_ANALYSED` distinct expressions and
:data:`MAX_ANALYSED_CHARS` characters of them are analysed; the rest are listed with an
analysis that says why they were not (so a rule still sees them as not checkable).

Creators are reduced to what is not personal: the kind of each creator (person,
organisation, tool), whether e-mail addresses or URLs are given, the names of tools and
organisations; the names and addresses of people are never kept.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from typing import Any, Iterable

from dpgcheck.patterns import lazy
from dpgcheck.licensing.expression import MAX_EXPRESSION_LENGTH, analyse
from dpgcheck.shapes import LicenceAnalysis

EXAMPLES = 10
MAX_ANALYSED = 2000
MAX_ANALYSED_CHARS = 1_000_000
MAX_NAMES = 200
SPECIAL = ("NOASSERTION", "NONE")
MISSING_FIELDS = (
    "name", "version", "supplier", "external_id", "checksum", "license",
    "supplier_contact", "filename", "dependencies",
)

_EMAIL = lazy(r"[^\s@()<>]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,63}")
_URL = lazy(r"\b(?:https?|ftp)://[^\s()<>]{1,2000}")
_PAREN_TAIL = lazy(r"\s*\([^()]{0,400}\)\s*\Z")


def normal_hash(name: str) -> str:
    """Hash algorithm names as CycloneDX writes them: ``SHA512``, ``sha512``, ``SHA_512`` ->
    ``SHA-512``; ``SHA3_256`` -> ``SHA3-256``; ``md5`` -> ``MD5``; ``BLAKE2b-256`` -> ``BLAKE2B-256``."""
    text = str(name).strip().upper().replace("_", "-")
    if text.startswith("SHA3"):
        return re.sub(r"^SHA3-?", "SHA3-", text)
    return re.sub(r"^SHA-?(\d)", r"SHA-\1", text)


def contact_kinds(text: str) -> tuple[bool, bool]:
    """Whether a free-text creator or supplier names an e-mail address, a URL."""
    return bool(_EMAIL.search(text)), bool(_URL.search(text))


class Creators:
    """The creators of an SBOM, without personal data."""

    def __init__(self) -> None:
        self.types: Counter[str] = Counter({"person": 0, "organization": 0, "tool": 0})
        self.contacts: Counter[str] = Counter({"email": 0, "url": 0})
        self.names: set[str] = set()
        self.tools: set[str] = set()

    def add(self, kind: str, name: str | None, *, email: bool = False, url: bool = False) -> None:
        self.types[kind] += 1
        self.contacts["email"] += bool(email)
        self.contacts["url"] += bool(url)
        shown = " ".join(str(name or "").split())[:200]
        if kind == "tool" and shown:
            shown = _without_contacts(shown)
            self.tools.add(shown)
            self.names.add(f"Tool: {shown}")
        elif kind == "organization" and shown:
            self.names.add(f"Organization: {_without_contacts(shown)}")

    def add_spdx2(self, creator: str) -> None:
        """``Person: NAME (EMAIL)``, ``Organization: NAME (EMAIL)``, ``Tool: NAME-VERSION``."""
        kind, _, rest = creator.partition(":")
        kind = kind.strip().lower()
        if kind not in ("person", "organization", "tool"):
            return
        email, url = contact_kinds(rest)
        self.add(kind, rest.strip() if kind == "tool" else _PAREN_TAIL.sub("", rest).strip(), email=email, url=url)

    def facts(self) -> dict[str, Any]:
        return {
            "creators": sorted(self.names)[:50],
            "creator_types": dict(sorted(self.types.items())),
            "creator_contacts": dict(sorted(self.contacts.items())),
            "tools": sorted(self.tools)[:50],
        }


def _without_contacts(text: str) -> str:
    stripped = re.sub(r"\(\s*\)|<\s*>|\[\s*\]", "", _URL.sub("", _EMAIL.sub("", text)))
    return " ".join(stripped.split()) or "(unnamed)"


@functools.lru_cache(maxsize=4096)
def _cached_analysis(expression: str) -> LicenceAnalysis:
    return analyse(expression)


def _not_analysed(expression: str, why: str) -> dict[str, Any]:
    return {
        "expression": expression, "normalized": None, "valid": False, "error": why, "ids": [], "exceptions": [],
        "unknown": [], "license_refs": [], "deprecated": [], "dnf": [],
    }


class Tally:
    """Counts over the packages of one document; see the module doc."""

    def __init__(self, messages: Any) -> None:
        self.messages = messages
        self.packages = 0
        self.missing = {field: {"count": 0, "examples": []} for field in MISSING_FIELDS}
        self.rows: dict[str, dict[str, Any]] = {}
        self.special = {"declared": Counter(), "concluded": Counter(), "effective": Counter()}
        self.hashes: Counter[str] = Counter()
        self.properties: Counter[str] = Counter()
        self.purposes: Counter[str] = Counter()
        self.reachable = 0
        self.floating = {"count": 0, "examples": []}
        self.missing_reachable = {field: {"count": 0, "examples": []} for field in MISSING_FIELDS}
        self.reachability_known = False

    def _note(self, field: str, label: str, reachable: bool | None = None) -> None:
        for entry in (self.missing[field], self.missing_reachable[field] if reachable else None):
            if entry is not None:
                entry["count"] += 1
                if len(entry["examples"]) < 5000:
                    entry["examples"].append(label)

    def add(
        self, label: str, *, name: bool, version: bool, supplier: bool, supplier_contact: bool, external_id: bool,
        hashes: Iterable[str], filename: bool | None, dependencies: bool, declared: str | None, concluded: str | None,
        properties: Iterable[str] = (), purpose: str | None = None, reachable: bool | None = None,
    ) -> None:
        """One package; ``reachable``: whether it can be reached from the described (root)
        package through composition and dependency relationships (None: not computed)."""
        self.packages += 1
        label = label[:200]
        if reachable is not None:
            self.reachability_known = True
            if reachable:
                self.reachable += 1
            else:
                self.floating["count"] += 1
                if len(self.floating["examples"]) < 5000:
                    self.floating["examples"].append(label)
        for field, present in (
            ("name", name), ("version", version), ("supplier", supplier), ("supplier_contact", supplier_contact),
            ("external_id", external_id), ("filename", filename), ("dependencies", dependencies),
        ):
            if present is False or (present is not None and not present):
                self._note(field, label, reachable)
        algorithms = {normal_hash(h) for h in hashes if h}
        if not algorithms:
            self._note("checksum", label, reachable)
        self.hashes.update(algorithms)
        self.properties.update({p[:200] for p in properties if p})
        if purpose:
            self.purposes[purpose.strip().lower()[:100]] += 1
        values = {"declared": declared, "concluded": concluded}
        values["effective"] = (
            concluded if concluded not in (None, *SPECIAL) else declared if declared not in (None, *SPECIAL) else None
        )
        if values["effective"] is None:
            self._note("license", label, reachable)
            self.special["effective"][
                "noassertion" if "NOASSERTION" in (declared, concluded) else "none" if "NONE" in (declared, concluded) else "absent"
            ] += 1
        for field in ("declared", "concluded", "effective"):
            value = values[field]
            if value is None:
                if field != "effective":
                    self.special[field]["absent"] += 1
            elif value in SPECIAL:
                self.special[field][value.lower()] += 1
            else:
                row = self.rows.get(value)
                if row is None:
                    row = self.rows[value] = {"expression": value, "declared": 0, "concluded": 0, "effective": 0, "examples": []}
                row[field] += 1
                if field == "effective" and len(row["examples"]) < 5000:
                    row["examples"].append(label)

    def licences(self, declared_refs: set[str] | None = None) -> list[dict[str, Any]]:
        """The licence rows, each analysed within the document's budget."""
        rows, budget, analysed, too_long, over_budget = [], MAX_ANALYSED_CHARS, 0, [], []
        for expression in sorted(self.rows):
            row = self.rows[expression]
            row["examples"] = sorted(set(row["examples"]))[:EXAMPLES]
            row["expression"] = _short(expression, MAX_EXPRESSION_LENGTH)
            if len(expression) > MAX_EXPRESSION_LENGTH:
                too_long.append(row["expression"][:60] + "…")
                row["analysis"] = _not_analysed(row["expression"], f"licence expression longer than {MAX_EXPRESSION_LENGTH} characters")
            elif analysed >= MAX_ANALYSED or len(expression) > budget:
                over_budget.append(expression[:60])
                row["analysis"] = _not_analysed(expression, "not analysed: the document's licence-analysis budget is spent")
            else:
                analysed += 1
                budget -= len(expression)
                row["analysis"] = _cached_analysis(expression)
            if declared_refs is not None:
                for ref in row["analysis"]["license_refs"]:
                    if ref.startswith("LicenseRef-") and ref not in declared_refs:
                        self.messages.add("undeclared-license-ref", "validation", "LicenseRef- ids used but not defined in hasExtractedLicensingInfos", ref)
            rows.append(row)
        for example in too_long:
            self.messages.add("license-too-long", "validation", f"licence expressions over {MAX_EXPRESSION_LENGTH} characters (not analysed)", example)
        for example in over_budget:
            self.messages.add(
                "license-budget", "recovered",
                f"more distinct licence expressions than dpgcheck analyses in one document ({MAX_ANALYSED}, {MAX_ANALYSED_CHARS} characters); the rest are listed unanalysed",
                example,
            )
        return rows

    def facts(self, declared_refs: set[str] | None = None) -> dict[str, Any]:
        for entry in (*self.missing.values(), *self.missing_reachable.values(), self.floating):
            entry["examples"] = sorted(set(entry["examples"]))[:EXAMPLES]
        reachability = {"reachable": {"packages": self.reachable, "floating": self.floating, "missing": self.missing_reachable}} if self.reachability_known else {}
        return {
            **reachability,
            "packages_missing": self.missing,
            "license_values": {
                field: {"noassertion": self.special[field]["noassertion"], "none": self.special[field]["none"], "absent": self.special[field]["absent"]}
                for field in ("declared", "concluded", "effective")
            },
            "licenses": self.licences(declared_refs),
            "hash_algorithms": dict(sorted(self.hashes.items())),
            "property_names": dict(sorted(self.properties.most_common(MAX_NAMES))),
            "purposes": dict(sorted(self.purposes.most_common(MAX_NAMES))),
        }


def _short(value: str, limit: int = 500) -> str:
    return value if len(value) <= limit else value[:limit] + "…"


def reachable_from(roots: Iterable[str], edges: dict[str, list[str]]) -> set[str]:
    """Every node reachable from ``roots`` along ``edges`` (the roots included)."""
    seen = {r for r in roots if r}
    queue = list(seen)
    while queue:
        node = queue.pop()
        for target in edges.get(node, ()):
            if target and target not in seen:
                seen.add(target)
                queue.append(target)
    return seen
