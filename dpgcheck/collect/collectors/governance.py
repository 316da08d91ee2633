"""Governance documents and the signals a reviewer looks for in them.

Reads GOVERNANCE (and files under a top-level ``governance/`` folder),
CONTRIBUTING, CODE_OF_CONDUCT, SECURITY, SUPPORT, ROADMAP, MAINTAINERS,
CODEOWNERS, CHANGELOG, ``.github/FUNDING.yml`` and the README, where GitHub
and Scorecard look for them, and records

* where each document is (path, location, size) and which *topics* it covers,
  from its headings and a few specific phrases: decision making, roles, a
  steering body, membership, voting and voting thresholds, funding, mission,
  vision, values, roadmap, release process, amendments, conflict resolution,
  code-of-conduct enforcement;
* for the security policy: the kinds of private reporting channel it gives
  (e-mail, a forge security advisory, a bug-bounty platform or programme, a web
  form, service-desk portal or any link the text says is a private route) and
  whether it states a disclosure or response timeline;
* for the code of conduct: whether it names an enforcement contact, and of which
  kind, and whether a template placeholder was left in;
* FUNDING.yml platforms, CODEOWNERS counts, changelog entries.

Only kinds and counts are recorded, never an address or a name.
"""
from __future__ import annotations

import re
from typing import Any

from dpgcheck.collect.file_kinds import classify
from dpgcheck.collect.options import CollectOptions
from dpgcheck.collect.repo_view import FileEntry, RepoView
from dpgcheck.governance.contacts import PLACEHOLDER as _PLACEHOLDER
from dpgcheck.governance.contacts import URL as _URL
from dpgcheck.governance.contacts import contact_kinds as _contacts
from dpgcheck.governance.headings import headings
from dpgcheck.governance.headings import section as _section
from dpgcheck.governance.topics import TOPIC_NAMES, topics_of
from dpgcheck.problems import problem

SECTION = "governance"

#: Document kinds read here (files.py kinds, plus the governance/ folder).
KINDS = ("governance", "contributing", "code_of_conduct", "security_policy", "support", "roadmap", "maintainers",
         "codeowners", "changelog", "funding", "readme")
#: Text documents scanned for topics.
TEXT_KINDS = ("governance", "contributing", "code_of_conduct", "security_policy", "support", "roadmap", "maintainers", "readme")
READ_LIMIT = 512 * 1024
MAX_DOCUMENTS_PER_KIND = 20
#: Extensions of the documents read from a top-level governance/ folder.
_FOLDER_DOC_EXTENSIONS = (".md", ".markdown", ".rst", ".txt", ".adoc", ".asciidoc", ".org")


_TIMELINE = re.compile(
    r"\b(?:\d{1,3}|one|two|three|four|five|six|seven|ten|fourteen|thirty|sixty|ninety)[- ](?:business |working |calendar )?(?:hours?|days?|weeks?|months?)\b",
    re.IGNORECASE,
)
_DISCLOSURE = re.compile(r"\bdisclos|\bembargo\b|\brespon(?:d|se)\b|\backnowledg|\bfix(?:ed)?\b|\bpatch", re.IGNORECASE)
_SUPPORTED_VERSIONS = re.compile(r"supported versions|versions? (?:are|is) supported|security updates? (?:are|is) (?:provided|released)", re.IGNORECASE)
_PGP = re.compile(r"\bpgp\b|\bgpg\b|\bopenpgp\b|encrypt", re.IGNORECASE)
_VERSION_HEADING = re.compile(r"\bv?(\d+\.\d+(?:\.\d+)?(?:[-+.][0-9A-Za-z.-]+)?)\b")
_VERSION_LINE = re.compile(r"^[ \t]{0,20}(?:[*-][ \t]+)?(?:version[ \t]+|release[ \t]+|v)?(\d+\.\d+(?:\.\d+)?)\b(?:[ \t]{0,20}[-:(]|[ \t]{0,20}$)", re.IGNORECASE | re.MULTILINE)
_UNRELEASED = re.compile(r"\bunreleased\b", re.IGNORECASE)
#: News pages name a release after the product: ``ODK Central v2026.1.0`` on a line of its own.
_NAMED_VERSION_LINE = re.compile(r"^[ \t]{0,20}(?:[A-Za-z][\w.-]{0,30}[ \t]{1,5}){1,3}v(\d+\.\d+(?:\.\d+)?)[ \t]*$", re.IGNORECASE | re.MULTILINE)
#: Words in a link or just before it that say it leads to the release notes.
_RELEASE_NOTES = re.compile(r"releas|change[- ]?log|what'?s[- ]new", re.IGNORECASE)
FUNDING_KEYS = {"github", "patreon", "open_collective", "ko_fi", "tidelift", "community_bridge", "liberapay",
                "issuehunt", "otechie", "lfx_crowdfunding", "polar", "buy_me_a_coffee", "thanks_dev", "custom"}


_ENFORCEMENT_HEADING = re.compile(r"enforcement|reporting|report|contact|incident", re.IGNORECASE)


def _documents(view: RepoView) -> dict[str, list[FileEntry]]:
    found: dict[str, list[FileEntry]] = {kind: [] for kind in KINDS}
    for entry in view.files:
        if entry.is_symlink and not entry.link_inside:
            continue
        located = classify(entry)
        if located and located[0] in found:
            found[located[0]].append(entry)
            continue
        parts = entry.path.split("/")
        if len(parts) == 2 and parts[0].lower() == "governance" and parts[1].lower().endswith(_FOLDER_DOC_EXTENSIONS):
            found["governance"].append(entry)
    order = {"root": 0, ".github": 1, "docs": 2, "doc": 3}
    for kind, entries in found.items():
        entries.sort(key=lambda e: (order.get(_location(e), 4), e.path))
        del entries[MAX_DOCUMENTS_PER_KIND:]
    return found


def _location(entry: FileEntry) -> str:
    located = classify(entry)
    if located:
        return located[1]
    return entry.path.rpartition("/")[0] or "root"


def empty() -> dict[str, Any]:
    return {
        "documents": {kind: [] for kind in KINDS},
        "topics": {name: [] for name in TOPIC_NAMES},
        "security": {"path": None, "private_channels": [], "pgp": False, "disclosure_timeline": False, "supported_versions": False},
        "code_of_conduct": {"path": None, "enforcement_section": False, "enforcement_contacts": [], "placeholder": False},
        "funding": {"path": None, "parsed": False, "platforms": []},
        "codeowners": {"path": None, "rules": 0, "owners": 0, "teams": 0},
        "changelog": {"path": None, "entries": 0, "latest_version": None, "unreleased_section": False, "release_notes_link": False},
    }


def collect(view: RepoView, options: CollectOptions) -> dict[str, Any]:
    facts = empty()
    documents = _documents(view)
    topics: dict[str, set[str]] = {name: set() for name in TOPIC_NAMES}
    texts: dict[str, str] = {}
    for kind in KINDS:
        for entry in documents[kind]:
            record: dict[str, Any] = {"path": entry.path, "location": _location(entry), "size": entry.size, "topics": []}
            facts["documents"][kind].append(record)
            if kind not in TEXT_KINDS and kind != "changelog":
                continue
            text = _read(view, entry)
            if text is None:
                continue
            texts[entry.path] = text
            if kind in TEXT_KINDS:
                record["topics"] = topics_of(text, headings(text))
                for name in record["topics"]:
                    topics[name].add(entry.path)
    facts["topics"] = {name: sorted(paths) for name, paths in topics.items()}
    _security(facts, documents["security_policy"], texts)
    _code_of_conduct(facts, documents["code_of_conduct"], texts)
    _changelog(facts, documents["changelog"], texts)
    _funding(facts, documents["funding"], view)
    _codeowners(facts, documents["codeowners"], view)
    return facts


def _read(view: RepoView, entry: FileEntry) -> str | None:
    if entry.size > READ_LIMIT:
        view.problems.append(problem(SECTION, "file-too-large", f"file is {entry.size} bytes, over the {READ_LIMIT}-byte limit for a governance document; not read", entry.path))
        return None
    return view.read_text(entry.path, source=SECTION, limit=READ_LIMIT)


def _security(facts: dict[str, Any], entries: list[FileEntry], texts: dict[str, str]) -> None:
    for entry in entries:
        text = texts.get(entry.path)
        if text is None:
            continue
        security = facts["security"]
        security["path"] = entry.path
        security["private_channels"] = _contacts(text)
        security["pgp"] = bool(_PGP.search(text))
        body = " ".join(text.split())
        security["disclosure_timeline"] = any(_DISCLOSURE.search(body[max(0, m.start() - 200): m.end() + 200]) for m in _TIMELINE.finditer(body))
        security["supported_versions"] = bool(_SUPPORTED_VERSIONS.search(body))
        return


def _code_of_conduct(facts: dict[str, Any], entries: list[FileEntry], texts: dict[str, str]) -> None:
    for entry in entries:
        text = texts.get(entry.path)
        if text is None:
            continue
        conduct = facts["code_of_conduct"]
        conduct["path"] = entry.path
        heads = headings(text)
        section = _section(text, heads, _ENFORCEMENT_HEADING)
        conduct["enforcement_section"] = section is not None
        conduct["enforcement_contacts"] = _contacts(text)
        conduct["placeholder"] = bool(_PLACEHOLDER.search(text))
        return


def _changelog(facts: dict[str, Any], entries: list[FileEntry], texts: dict[str, str]) -> None:
    for entry in entries:
        text = texts.get(entry.path)
        if text is None:
            continue
        changelog = facts["changelog"]
        changelog["path"] = entry.path
        versions = []
        for _, heading in headings(text):
            if _UNRELEASED.search(heading):
                changelog["unreleased_section"] = True
                continue
            match = _VERSION_HEADING.search(heading)
            if match:
                versions.append(match.group(1)[:60])
        if not versions:  # plain-text NEWS/HISTORY files: version lines without heading markup
            versions = [m.group(1)[:60] for m in _VERSION_LINE.finditer(text)]
        if not versions:
            versions = [m.group(1)[:60] for m in _NAMED_VERSION_LINE.finditer(text)]
        # A changelog of no version and no section of its own that links to release notes
        # published elsewhere (a docs site, a wiki) is a pointer to them, not an empty changelog.
        changelog["release_notes_link"] = not versions and not changelog["unreleased_section"] and any(
            _RELEASE_NOTES.search(m.group(0)) or _RELEASE_NOTES.search(text[max(0, m.start() - 120):m.start()])
            for m in _URL.finditer(text)
        )
        changelog["entries"] = len(versions)
        changelog["latest_version"] = versions[0] if versions else None
        return


def _funding(facts: dict[str, Any], entries: list[FileEntry], view: RepoView) -> None:
    for entry in entries:
        from dpgcheck.untrusted.yaml import YamlRefused, load  # only for a FUNDING.yml: YAML costs ~30 ms to import

        funding = facts["funding"]
        funding["path"] = entry.path
        data = view.read_bytes(entry.path, source=SECTION, limit=64 * 1024)
        if data is None:
            return
        try:
            loaded = load(data, max_bytes=64 * 1024, max_nodes=2000, max_aliases=10, max_depth=8)
        except YamlRefused as refused:
            view.problems.append(problem(SECTION, refused.code, f"FUNDING.yml: {refused.message}", entry.path))
            return
        if loaded.value is None:
            funding["parsed"] = True
            return
        if not isinstance(loaded.value, dict):
            view.problems.append(problem(SECTION, "bad-yaml", "FUNDING.yml must be a mapping of platform to account", entry.path))
            return
        funding["parsed"] = True
        funding["platforms"] = sorted(
            key.lower() if key.lower() in FUNDING_KEYS else "other"
            for key, value in loaded.value.items()
            if value not in (None, "", [], {})
        )
        funding["platforms"] = sorted(set(funding["platforms"]))
        return


def _codeowners(facts: dict[str, Any], entries: list[FileEntry], view: RepoView) -> None:
    for entry in entries:
        text = view.read_text(entry.path, source=SECTION, limit=3 * 1024 * 1024)
        if text is None:
            return
        owners: set[str] = set()
        rules = 0
        for line in text.splitlines():
            line = line.split("#", 1)[0].strip()
            if not line or line.startswith("["):
                continue
            parts = line.split()
            rules += 1
            owners.update(p.lower() for p in parts[1:] if p.startswith("@") or "@" in p)
        facts["codeowners"] = {
            "path": entry.path,
            "rules": rules,
            "owners": len(owners),
            "teams": len({o for o in owners if o.startswith("@") and "/" in o}),
        }
        return
