"""The ``governance`` facts section: where the governance documents are and what they say.

Finds GOVERNANCE (and files under a top-level ``governance/`` folder), CONTRIBUTING,
CODE_OF_CONDUCT, SECURITY, SUPPORT, ROADMAP, MAINTAINERS, CODEOWNERS, CHANGELOG,
``.github/FUNDING.yml`` and the README where GitHub and Scorecard look for them, reads each
within its byte limit (an unreadable file is a problem, not an error) and hands the text to
the readers in :mod:`dpgcheck.governance`:

* ``topics`` and ``headings``: the topics each text document covers (decision making, roles,
  a steering body, voting, funding, mission, release process …);
* ``security_policy``: the kinds of private reporting channel and whether a timeline and
  supported versions are stated;
* ``code_of_conduct``: an enforcement section, the kinds of contact, a placeholder left in;
* ``changelog``, ``funding``, ``codeowners``: entries, platforms, counts.

Only kinds and counts are recorded, never an address or a name.
"""
from __future__ import annotations

from dpgcheck.collect.file_kinds import classify
from dpgcheck.collect.options import CollectOptions
from dpgcheck.collect.repo_view import FileEntry, RepoView
from dpgcheck.governance import codeowners, funding
from dpgcheck.governance.changelog import read_changelog
from dpgcheck.governance.code_of_conduct import read_code_of_conduct
from dpgcheck.governance.codeowners import count_codeowners
from dpgcheck.governance.funding import read_funding
from dpgcheck.governance.headings import headings
from dpgcheck.governance.security_policy import read_security_policy
from dpgcheck.governance.topics import TOPIC_NAMES, topics_of
from dpgcheck.problems import problem
from dpgcheck.shapes import GovernanceDocument, GovernanceFacts

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


def empty() -> GovernanceFacts:
    return {
        "documents": {kind: [] for kind in KINDS},
        "topics": {name: [] for name in TOPIC_NAMES},
        "security": {"path": None, "private_channels": [], "pgp": False, "disclosure_timeline": False, "supported_versions": False},
        "code_of_conduct": {"path": None, "enforcement_section": False, "enforcement_contacts": [], "placeholder": False},
        "funding": {"path": None, "parsed": False, "platforms": []},
        "codeowners": {"path": None, "rules": 0, "owners": 0, "teams": 0},
        "changelog": {"path": None, "entries": 0, "latest_version": None, "unreleased_section": False, "release_notes_link": False},
    }


def collect(view: RepoView, options: CollectOptions) -> GovernanceFacts:
    facts = empty()
    documents = _documents(view)
    topics: dict[str, set[str]] = {name: set() for name in TOPIC_NAMES}
    texts: dict[str, str] = {}
    for kind in KINDS:
        for entry in documents[kind]:
            record: GovernanceDocument = {"path": entry.path, "location": _location(entry), "size": entry.size, "topics": []}
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


def _security(facts: GovernanceFacts, entries: list[FileEntry], texts: dict[str, str]) -> None:
    """The first security policy that could be read."""
    for entry in entries:
        text = texts.get(entry.path)
        if text is not None:
            facts["security"] = {"path": entry.path, **read_security_policy(text)}
            return


def _code_of_conduct(facts: GovernanceFacts, entries: list[FileEntry], texts: dict[str, str]) -> None:
    """The first code of conduct that could be read."""
    for entry in entries:
        text = texts.get(entry.path)
        if text is not None:
            facts["code_of_conduct"] = {"path": entry.path, **read_code_of_conduct(text)}
            return


def _changelog(facts: GovernanceFacts, entries: list[FileEntry], texts: dict[str, str]) -> None:
    """The first changelog that could be read."""
    for entry in entries:
        text = texts.get(entry.path)
        if text is not None:
            facts["changelog"] = {"path": entry.path, **read_changelog(text)}
            return


def _funding(facts: GovernanceFacts, entries: list[FileEntry], view: RepoView) -> None:
    """The first FUNDING.yml: its path even when it cannot be read, its platforms when it parses."""
    if not entries:
        return
    entry = entries[0]
    facts["funding"]["path"] = entry.path
    data = view.read_bytes(entry.path, source=SECTION, limit=funding.MAX_BYTES)
    if data is None:
        return
    found = read_funding(data)
    if found.problem is not None:
        view.problems.append(problem(SECTION, found.problem[0], found.problem[1], entry.path))
    if found.platforms is not None:
        facts["funding"]["parsed"] = True
        facts["funding"]["platforms"] = found.platforms


def _codeowners(facts: GovernanceFacts, entries: list[FileEntry], view: RepoView) -> None:
    """The first CODEOWNERS file, when it can be read."""
    if not entries:
        return
    entry = entries[0]
    text = view.read_text(entry.path, source=SECTION, limit=codeowners.MAX_BYTES)
    if text is not None:
        facts["codeowners"] = {"path": entry.path, **count_codeowners(text)}
