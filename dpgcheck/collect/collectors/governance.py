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

import bisect
import re
from typing import Any

from dpgcheck.collect.file_kinds import classify
from dpgcheck.collect.options import CollectOptions
from dpgcheck.problems import problem
from dpgcheck.collect.repo_view import FileEntry, RepoView

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

#: topic -> (heading pattern, text pattern). Headings are matched case-insensitively on their words;
#: text patterns are deliberately specific phrases so that a passing mention does not count.
TOPICS: dict[str, tuple[str | None, str | None]] = {
    "governance": (r"\bgovernance\b|\bgoverning\b", None),
    "decision_making": (
        r"\bdecision[- ]?making\b|\bdecisions?\b|\bconsensus\b",
        r"\bdecision[- ]making\b|\bdecisions are (?:made|taken|reached)\b|\b(?:lazy )?consensus\b|\bdecided by\b|\bby consent\b|\bmake decisions\b|\bdecision process\b",
    ),
    "roles": (
        r"\broles?\b|\bresponsibilit|\bmaintainers?\b|\bcommitters?\b|\bcontributor ladder\b|\bteams?\b",
        r"\broles and responsibilities\b|\bthe following roles\b|\bcontributor ladder\b|\broles? (?:of|in) the project\b",
    ),
    "steering_body": (
        r"\bsteering\b|\bboard\b|\bcouncil\b|\bcommittee\b",
        r"\bsteering (?:committee|council|group|team|board)\b|\btechnical steering\b|\bboard of (?:directors|trustees)\b|\bgoverning (?:board|body|council)\b|\boversight (?:board|committee)\b|\btechnical (?:committee|council|oversight)\b|\badvisory (?:board|council)\b|\bproject management committee\b",
    ),
    "membership": (
        r"\bmembers(?:hip)?\b",
        r"\bmembership\b|\bone member (?:per|from|for) (?:each )?\w+|\bmembers of the (?:steering|board|committee|council|team)\b|\bbecom(?:e|ing) a (?:member|maintainer|committer)\b|\bnew members?\b|\bmembers? (?:are|is) (?:appointed|elected|nominated|added|removed)\b",
    ),
    "voting": (
        r"\bvot(?:e|es|ing)\b|\belections?\b",
        r"\bvot(?:e|es|ing|ed)\b|\bballot\b|\bquorum\b|\belected\b",
    ),
    "voting_thresholds": (
        None,
        r"\bsimple majority\b|\babsolute majority\b|\bsuper[- ]?majority\b|\b(?:two|three)[- ]thirds\b|\b[23]/3\b|\bunanim(?:ous|ity)\b|\bquorum\b|\b\d{1,3}\s?(?:%|percent)\s+(?:of|majority)\b|\bmajority (?:of|vote)\b",
    ),
    "funding": (
        r"\bfund(?:ing|ed|ers?)?\b|\bsponsor(?:s|ship)?\b|\bfinanc(?:e|es|ial|ing)\b|\bbudget\b|\bdonat(?:e|ions?)\b|\bbackers\b",
        r"\bfunded by\b|\bfunding (?:comes|is provided|from|model|sources?)\b|\bsponsored by\b|\bfiscal (?:host|sponsor)\b|\bopen ?collective\b|\bgrants? (?:from|by)\b|\bfinancially supported\b",
    ),
    "mission": (r"\bmission\b|\bpurpose\b|\bobjectives?\b|\bgoals?\b", r"\bour mission\b|\bmission statement\b|\bthe mission of\b|\bmission is to\b|\bon a mission to\b"),
    "vision": (r"\bvision\b", r"\bour vision\b|\bvision statement\b|\bthe vision of\b|\bvision is (?:to|of|a|that)\b"),
    "values": (r"\bvalues\b|\bprinciples\b", r"\bour values\b|\bcore values\b|\bvalues statement\b|\bguiding principles\b|\bour principles\b|\bshared values\b"),
    "roadmap": (r"\broadmap\b", r"\broadmap\b"),
    "release_process": (r"\breleas(?:e|es|ing)\b|\bversioning\b", r"\brelease (?:process|cycle|cadence|schedule|management)\b|\bsemantic versioning\b|\bsemver\b|\bcalver\b"),
    "amendments": (r"\bamend|\bchang(?:es|ing) (?:to )?(?:this|the) (?:governance|charter|document)", r"\bamend(?:ed|ing|ment|ments)? (?:to )?(?:this|the) (?:governance|charter|document|policy)\b|\bchanges to (?:this|the) (?:governance|charter)\b"),
    "conflict_resolution": (r"\bconflicts?\b|\bdisputes?\b|\bescalat", r"\bconflict resolution\b|\bresolv(?:e|ing) (?:conflicts|disputes)\b|\bescalat(?:e|ion)\b"),
    "code_of_conduct_enforcement": (r"\benforcement\b", r"\benforcement\b|\benforce(?:d|s)? (?:this|the) code\b|\breport(?:ing)? (?:an )?incidents?\b"),
}
TOPIC_NAMES = sorted(TOPICS)
_COMPILED = {
    name: (re.compile(h, re.IGNORECASE) if h else None, re.compile(t) if t else None)  # text is lower-cased first
    for name, (h, t) in TOPICS.items()
}

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}\b")
_URL = re.compile(r"https?://[^\s<>()\"'`\]]+", re.IGNORECASE)
_ADVISORY = re.compile(r"/security/advisories(?:/new)?\b|private vulnerability report|report a vulnerability\b.{0,80}\b(?:security tab|advisor)|\bsecurity advisor(?:y|ies)\b|\bsecurity tab\b|/-/issues/new\?[^\s]{0,200}confidential|confidential issue", re.IGNORECASE)
_PLATFORM = re.compile(r"hackerone\.com|bugcrowd\.com|huntr\.(?:dev|com)|intigriti\.com|yeswehack\.com|openbugbounty\.org|security\.txt", re.IGNORECASE)
_FORM_URL = re.compile(r"(?:form|report|contact|disclos|vulnerab|security|servicedesk|service-desk|helpdesk|help-desk|portal|ticket)", re.IGNORECASE)
#: A bug-bounty or vulnerability-reward programme, named in words (its page may be on any host).
_BOUNTY = re.compile(r"\bbug[- ]?bount(?:y|ies)\b|\bvulnerability rewards? program", re.IGNORECASE)
_NEGATION = re.compile(r"\b(?:no|not|never|without)\b|n't\b", re.IGNORECASE)
#: Words before a link that say the link is a private route (``reported privately to the [service desk](…)``).
#: ("private information", as in the Contributor Covenant, is not such a word.)
_PRIVATELY = re.compile(r"\bprivately\b|\bconfidential(?:ly)?\b|\bnon-public\b|\bprivate (?:report|channel|disclosure|submission|ticket|message)", re.IGNORECASE)
_LINK_CONTEXT = 160
#: ``info AT registry.example.org``: an address with only its ``@`` spelled out, in capitals
#: (in lower case, "at" is ordinary prose: "look at example.org").
_SHOUTED_AT = re.compile(r"[\w.+-] AT [\w-]{1,63}(?:\.[\w-]{1,63}){0,4}\.[A-Za-z]{2,24}\b")
_FORM_HOSTS = {"forms.gle", "typeform.com", "jotform.com", "airtable.com", "tally.so", "forms.office.com"}
_OBFUSCATED_EMAIL = re.compile(r"(?<=[\w.+-])(?:\s?\[at\]\s?|\s?\(at\)\s?|\s?\{at\}\s?|\sat\s)[\w-]{1,63}(?:\s?\[dot\]\s?|\s?\(dot\)\s?|\s?\{dot\}\s?|\sdot\s)\w|\bmailto:", re.IGNORECASE)
_TIMELINE = re.compile(
    r"\b(?:\d{1,3}|one|two|three|four|five|six|seven|ten|fourteen|thirty|sixty|ninety)[- ](?:business |working |calendar )?(?:hours?|days?|weeks?|months?)\b",
    re.IGNORECASE,
)
_DISCLOSURE = re.compile(r"\bdisclos|\bembargo\b|\brespon(?:d|se)\b|\backnowledg|\bfix(?:ed)?\b|\bpatch", re.IGNORECASE)
_SUPPORTED_VERSIONS = re.compile(r"supported versions|versions? (?:are|is) supported|security updates? (?:are|is) (?:provided|released)", re.IGNORECASE)
_PGP = re.compile(r"\bpgp\b|\bgpg\b|\bopenpgp\b|encrypt", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"\[\s{0,5}insert (?:contact|email)[^\]]{0,100}\]|\[INSERT [A-Z ]{1,60}\]|<\s*(?:insert )?(?:email|contact)(?: address)?\s*>|\byour-?email@|\bexample@example\b", re.IGNORECASE)
_ATX = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(\S.*)$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+|~+|\^+|\*+|\++)\s*$")
_ASCIIDOC = re.compile(r"^={1,6}[ \t]+(\S.*)$")
_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)([^*_]{2,80})(?:\*\*|__)\s*:?\s*$")
#: Bounded so that a line of unclosed tags cannot make the scan quadratic.
_HTML_HEADING = re.compile(r"<h[1-6](?:\s[^<>]{0,200})?>([^<>\n]{1,200})</h[1-6]>", re.IGNORECASE)
_VERSION_HEADING = re.compile(r"\bv?(\d+\.\d+(?:\.\d+)?(?:[-+.][0-9A-Za-z.-]+)?)\b")
_VERSION_LINE = re.compile(r"^[ \t]{0,20}(?:[*-][ \t]+)?(?:version[ \t]+|release[ \t]+|v)?(\d+\.\d+(?:\.\d+)?)\b(?:[ \t]{0,20}[-:(]|[ \t]{0,20}$)", re.IGNORECASE | re.MULTILINE)
_UNRELEASED = re.compile(r"\bunreleased\b", re.IGNORECASE)
#: News pages name a release after the product: ``ODK Central v2026.1.0`` on a line of its own.
_NAMED_VERSION_LINE = re.compile(r"^[ \t]{0,20}(?:[A-Za-z][\w.-]{0,30}[ \t]{1,5}){1,3}v(\d+\.\d+(?:\.\d+)?)[ \t]*$", re.IGNORECASE | re.MULTILINE)
#: Words in a link or just before it that say it leads to the release notes.
_RELEASE_NOTES = re.compile(r"releas|change[- ]?log|what'?s[- ]new", re.IGNORECASE)
FUNDING_KEYS = {"github", "patreon", "open_collective", "ko_fi", "tidelift", "community_bridge", "liberapay",
                "issuehunt", "otechie", "lfx_crowdfunding", "polar", "buy_me_a_coffee", "thanks_dev", "custom"}


def headings(text: str) -> list[tuple[int, str]]:
    """(line number, heading text) for Markdown (ATX, setext, bold lines, HTML), reStructuredText and AsciiDoc headings."""
    found: list[tuple[int, str]] = []
    lines = text.splitlines()
    in_fence = False
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        for pattern in (_ATX, _ASCIIDOC, _BOLD_LINE):
            match = pattern.match(line)
            if match:
                found.append((index + 1, match.group(1).rstrip().rstrip("#").strip()[:300]))
                break
        else:
            if index > 0 and _SETEXT.match(line) and lines[index - 1].strip() and len(stripped) >= min(3, len(lines[index - 1].strip())):
                previous = lines[index - 1].strip()
                if not _SETEXT.match(previous) and not previous.startswith(("-", "*", "|")):
                    found.append((index, previous))
    starts = None
    for match in _HTML_HEADING.finditer(text):
        if starts is None:
            starts = [i for i, c in enumerate(text) if c == "\n"]
        found.append((bisect.bisect_left(starts, match.start()) + 1, match.group(1).strip()))
    return found


def topics_of(text: str, heads: list[tuple[int, str]]) -> list[str]:
    heading_text = "\n".join(h for _, h in heads)
    body = " ".join(text.lower().split())
    found = []
    for name, (heading_pattern, text_pattern) in _COMPILED.items():
        if heading_pattern is not None and heading_pattern.search(heading_text):
            found.append(name)
        elif text_pattern is not None and text_pattern.search(body):
            found.append(name)
    return sorted(found)


def _contacts(text: str) -> list[str]:
    """Kinds of contact a text gives: email, advisory, platform, form. Never the contact itself."""
    kinds = set()
    if any(not _PLACEHOLDER.match(m.group(0)) for m in _EMAIL.finditer(text)) or _OBFUSCATED_EMAIL.search(text) or _SHOUTED_AT.search(text):
        kinds.add("email")
    if _ADVISORY.search(text):
        kinds.add("advisory")
    if _PLATFORM.search(text) or any(not _NEGATION.search(text[max(0, m.start() - 40):m.start()]) for m in _BOUNTY.finditer(text)):
        kinds.add("platform")
    for match in _URL.finditer(text):
        lower = match.group(0).lower()
        host, _, path = lower.split("://", 1)[-1].partition("/")
        if "/issues" in lower and "confidential" not in lower:
            continue  # a public issue tracker is not a private channel
        if "/security/advisories" in lower or "/security/policy" in lower or path.endswith((".md", ".rst", ".txt")):
            continue
        if host.split(":", 1)[0] in _FORM_HOSTS or host.startswith(("forms.", "servicedesk.", "helpdesk.")) or _FORM_URL.search(path):
            kinds.add("form")
        elif _PRIVATELY.search(text[max(0, match.start() - _LINK_CONTEXT):match.start()]):
            kinds.add("form")  # the words before the link say reports go through it privately
    return sorted(kinds)


def _section(text: str, heads: list[tuple[int, str]], pattern: re.Pattern[str]) -> str | None:
    """The text under the first heading matching ``pattern`` up to the next heading."""
    lines = text.splitlines()
    ordered = sorted(heads)
    for position, (line, heading) in enumerate(ordered):
        if pattern.search(heading):
            end = ordered[position + 1][0] - 1 if position + 1 < len(ordered) else len(lines)
            return "\n".join(lines[line:end])
    return None


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
