"""Git history: activity, contributors, organisations, release tags, declared maintainers.

From local git only (no forge API). One ``git log`` over at most
``MAX_COMMITS`` commits reachable from HEAD, streamed and parsed here; the cap
and whether it was reached are in the facts. Time windows are measured back from
the HEAD commit's committer time, which is also recorded (``reference_time``), so
the facts are the same for a given commit and windows whenever they are collected;
a rule that needs "today" compares ``last_commit_time`` with the evaluation clock
``input.options.now``. Which windows there are is bundle data (the threshold
``history_windows``): the collector counts one window (``history.windows``, with its
length in ``days``) for each length it is given in ``CollectOptions.history_windows``.

Merge commits are counted apart and are not contributions; bot commits
(``dependabot[bot]`` …) likewise. ``.mailmap`` is honoured (git applies it).
Organisations are registrable e-mail domains, webmail is ``unknown``, and an
affiliation map (``--affiliations``) wins over both. No address or name is kept.
"""
from __future__ import annotations

import re
from collections import Counter
from dpgcheck.collect.file_kinds import classify
from dpgcheck.gitcmd import GitUnavailable, git
from dpgcheck.collect.options import CollectOptions
from dpgcheck.problems import problem
from dpgcheck.collect.repo_view import RepoView
from dpgcheck.errors import DpgcheckError
from dpgcheck.history.domains import UNKNOWN, AffiliationMap, is_bot, load_affiliations, organisation_of
from dpgcheck.history.gitlog import stream_log
from dpgcheck.history.metrics import Window
from dpgcheck.history.tags import summarise
from dpgcheck.history.timefmt import rfc3339
from dpgcheck.history.windows import builtin_window_days
from dpgcheck.shapes import DeclaredMaintainers, HistoryFacts, HistoryWindow, TagFacts

SECTION = "history"

#: At most this many commits (newest first) are read; the facts say when the cap was hit.
MAX_COMMITS = 50_000
DAY = 86_400

_EMAIL = re.compile(r"[A-Za-z0-9._%+\-\[\]]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
_HANDLE = re.compile(r"(?<![\w.@])@[A-Za-z0-9][A-Za-z0-9\-]*(?:/[A-Za-z0-9_.\-]+)?")
#: The patterns run on one token at a time: searching a 300 KB token for an address
#: was quadratic (every start position scanned the whole run). No address (254
#: characters at most) or handle is longer than this; longer tokens are skipped.
_TOKEN_SPLIT = re.compile(r"[\s<>(),;\"'`]+")
MAX_TOKEN = 320


def _contacts(line: str) -> tuple[list[str], list[str]]:
    """The e-mail addresses and @handles on one line, token by token (linear in the line)."""
    addresses: list[str] = []
    handles: list[str] = []
    for token in _TOKEN_SPLIT.split(line):
        if not token or len(token) > MAX_TOKEN or "@" not in token:
            continue
        addresses.extend(_EMAIL.findall(token))
        handles.extend(_HANDLE.findall(_EMAIL.sub(" ", token)))
    return addresses, handles


def collect(view: RepoView, options: CollectOptions) -> HistoryFacts:
    cap = int(getattr(options, "history_max_commits", None) or MAX_COMMITS)
    affiliations = _affiliations(view, options)
    facts: HistoryFacts = {
        "available": False,
        "reason": None,
        "shallow": False,
        "commit_cap": cap,
        "cap_reached": False,
        "mailmap": view.get(".mailmap") is not None,
        "affiliation_map": {"given": options.affiliations_path is not None, "entries": len(affiliations)},
        "maintainers": _declared_maintainers(view, affiliations),
        # Where the history comes from: a .git file or link may lead outside the checked directory.
        "git_dir": view.git_location.as_facts() if view.git_location is not None else None,
    }
    if view.git_dir is None:
        facts["reason"] = view.git_refused or "no-git"
        return facts
    try:
        head, shallow = view.head()
    except GitUnavailable as exc:
        if "failed: 1" in str(exc) and _unborn_head(view):
            facts["reason"] = "no-commits"
        elif "failed: 1" in str(exc) or "not a git repository" in str(exc):
            facts["reason"] = "broken-repository"
            view.problems.append(problem(SECTION, "broken-repository", "HEAD does not name a commit or a branch yet to be born: the repository is broken; history not read", ".git/HEAD"))
        else:
            facts["reason"] = "git-unavailable"
            view.problems.append(problem(SECTION, "git-unavailable", f"{exc}; history not read"))
        return facts
    try:
        facts["shallow"] = shallow
        days = options.history_windows if options.history_windows is not None else builtin_window_days()
        reference = _read_history(view, cap, affiliations, sorted(set(days)), facts)
        windows = facts["windows"]
        facts["tags"], recent = _tags(view, reference, [window["days"] * DAY for window in windows])
        for window, tags in zip(windows, recent):
            window["version_tags"] = tags
    except GitUnavailable as exc:
        view.problems.append(problem(SECTION, "git-unavailable", f"{exc}; history not read"))
        return {
            "available": False, "reason": "git-unavailable", "shallow": facts["shallow"], "commit_cap": facts["commit_cap"],
            "cap_reached": facts["cap_reached"], "mailmap": facts["mailmap"], "affiliation_map": facts["affiliation_map"],
            "maintainers": facts["maintainers"], "git_dir": facts["git_dir"],
        }
    facts["available"] = bool(head)
    if facts["shallow"]:
        view.problems.append(
            problem(SECTION, "shallow-clone", "shallow clone: only part of the history is present, so contributor and "
                    "organisation counts are incomplete; fetch the full history (git fetch --unshallow)")
        )
    return facts


_UNBORN = re.compile(r"ref: refs/heads/[^\s\x00-\x1f]{1,255}")


def _unborn_head(view: RepoView) -> bool:
    """HEAD is a symbolic reference to a branch (which has no commit yet), not garbage."""
    from dpgcheck.untrusted import Refused, read_regular

    location = view.git_location
    if location is None:
        return False
    try:
        text = read_regular(location.path / "HEAD", max_bytes=4096).decode("utf-8", "replace").strip()
    except Refused:
        return False
    return bool(_UNBORN.fullmatch(text))


def _affiliations(view: RepoView, options: CollectOptions) -> AffiliationMap:
    if options.affiliations_path is None:
        return AffiliationMap()
    try:
        return load_affiliations(options.affiliations_path)
    except ValueError as exc:
        # The user gave this file: an unusable one is an input error, not a fact about the repository.
        raise DpgcheckError(f"{exc}; give a YAML or JSON map of e-mail address or domain to organisation", path=str(options.affiliations_path)) from None


def _read_history(view: RepoView, cap: int, affiliations: AffiliationMap, window_days: list[int], facts: HistoryFacts) -> int | None:
    """Fill ``facts`` with what ``git log`` says; return HEAD's commit time (unix), where windows end."""
    lifetime = Window()
    windows = {days: Window() for days in window_days}
    # The windows all end at HEAD's time, so they nest: a commit is in every window longer than
    # its age. Commits are tallied by "band" (the shortest window holding them; len(order) for
    # none), and each window adds up the bands it holds: a few additions per commit, not one
    # Window.add per window and commit.
    order = sorted(set(window_days))
    spans = [days * DAY for days in order]
    bands = len(order) + 1
    merges = [0] * bands
    bots = [0] * bands
    commits: Counter[tuple[str, str, int]] = Counter()  # (identity, organisation, band) -> commits
    months: list[set[str]] = [set() for _ in range(bands)]
    month_of_day: dict[int, str] = {}
    reference: int | None = None
    first = last = None
    read = 0
    identities: dict[tuple[str, str], tuple[str, str] | None] = {}  # (address, name) -> (identity, organisation), None for a bot
    # The fields: committer time, author e-mail and name (mailmap applied), parents.
    for fields in stream_log(view.root, max_count=cap + 1, fields="%ct%x1f%aE%x1f%aN%x1f%P"):
        if len(fields) < 4:
            continue
        read += 1
        if read > cap:
            break
        when = int(fields[0]) if fields[0].isdigit() else 0
        if reference is None:
            reference = when  # the first commit listed is HEAD
        first = when if first is None or when < first else first
        last = when if last is None or when > last else last
        age = reference - when
        band = 0
        while band < len(spans) and age >= spans[band]:
            band += 1
        if " " in fields[3].strip():  # more than one parent: a merge
            merges[band] += 1
            continue
        key = (fields[1], fields[2])
        if key not in identities:
            email = fields[1].strip().lower()
            identities[key] = None if is_bot(email, fields[2]) else (email, organisation_of(email, affiliations))
        who = identities[key]
        if who is None:
            bots[band] += 1
            continue
        commits[(who[0], who[1], band)] += 1
        if band < len(spans):
            day = when // DAY
            month = month_of_day.get(day)
            if month is None:
                month = month_of_day[day] = rfc3339(when)[:7]
            months[band].add(month)
    for (identity, organisation, band), count in commits.items():
        lifetime.add(identity, organisation, count)
        for index in range(band, len(order)):
            windows[order[index]].add(identity, organisation, count)
    lifetime.merges, lifetime.bot_commits = sum(merges), sum(bots)
    active_months: dict[int, set[str]] = {}
    for index, days in enumerate(order):
        windows[days].merges, windows[days].bot_commits = sum(merges[: index + 1]), sum(bots[: index + 1])
        active_months[days] = set().union(*months[: index + 1])
    cap_reached = read > cap
    read = min(read, cap)
    total = read
    if cap_reached:
        total = int(git(view.root, "rev-list", "--count", "HEAD").strip() or 0)
        roots = [int(t) for t in git(view.root, "log", "--max-parents=0", "--format=%ct", "HEAD").split() if t.isdigit()]
        if roots:
            first = min(roots)
    facts["reference_time"] = rfc3339(reference) if reference is not None else None
    facts["first_commit_time"] = rfc3339(first) if first is not None else None
    facts["last_commit_time"] = rfc3339(last) if last is not None else None
    facts["commits_total"] = total
    facts["commits_read"] = read
    facts["cap_reached"] = cap_reached
    facts["lifetime"] = lifetime.facts()
    # Shortest first; the version tags of each are counted once the tags are read.
    facts["windows"] = [window_facts(days, window, len(active_months[days])) for days, window in windows.items()]
    return reference


def window_facts(days: int, window: Window, active_months: int) -> HistoryWindow:
    return {"days": days, **window.facts(), "active_months": active_months, "version_tags": 0}


def _tags(view: RepoView, reference: int | None, windows: list[int]) -> tuple[TagFacts, list[int]]:
    # Every tag, not only those reachable from HEAD: projects that release from maintenance
    # branches (DHIS2, OpenMRS) tag commits the default branch never reaches (issue 17).
    output = git(view.root, "for-each-ref", "--format=%(refname:strip=2)%09%(creatordate:unix)", "refs/tags")
    tags = []
    for line in output.splitlines():
        name, _, when = line.rpartition("\t")
        if name:
            tags.append((name, int(when) if when.isdigit() else 0))
    return summarise(tags, reference, windows)


def _declared_maintainers(view: RepoView, affiliations: AffiliationMap) -> DeclaredMaintainers:
    """Organisations of the e-mail addresses in CODEOWNERS / MAINTAINERS / OWNERS files."""
    paths = []
    for entry in view.files:
        found = classify(entry)
        if found and found[0] in ("codeowners", "maintainers") and not (entry.is_symlink and not entry.link_inside):
            paths.append(entry.path)
    addresses: set[str] = set()
    handles: set[str] = set()
    for path in sorted(paths):
        text = view.read_text(path, source=SECTION, limit=1024 * 1024)
        if text is None:
            continue
        for line in text.splitlines():
            line = line.split("#", 1)[0] if path.lower().endswith("codeowners") else line
            listed, named = _contacts(line)
            addresses.update(a.lower() for a in listed)
            handles.update(h.lower() for h in named)
    by_organisation = Counter(organisation_of(a, affiliations) for a in addresses if not is_bot(a))
    return {
        "files": sorted(paths),
        "addresses": sum(by_organisation.values()),
        "handles": len(handles),
        "organisations": sorted(org for org in by_organisation if org != UNKNOWN),
        "unknown_organisation": by_organisation.get(UNKNOWN, 0),
    }
