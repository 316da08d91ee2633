"""The topics a governance document covers, from its headings and a few specific phrases."""
from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path

from dpgcheck.cache import read_json, write_json
from dpgcheck.patterns import lazy

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
    name: (lazy(h, re.IGNORECASE) if h else None, lazy(t) if t else None)  # text is lower-cased first
    for name, (h, t) in TOPICS.items()
}


def topics_of(text: str, heads: list[tuple[int, str]]) -> list[str]:
    """The topics of a document, remembered on disk by its digest (see :mod:`dpgcheck.cache`).

    Compiling the thirty patterns costs more than a hook run spends on all its documents;
    a README that has not changed since the last run is a file read.
    """
    heading_text = "\n".join(h for _, h in heads)
    digest = hashlib.sha256(f"{heading_text}\x00{text}".encode("utf-8", "surrogatepass")).hexdigest()
    directory = _cache_dir()
    if directory is not None:
        cached = read_json(directory / f"{digest}.json")
        if isinstance(cached, list) and all(name in TOPICS for name in cached):
            return cached
    found = _topics(text, heading_text)
    if directory is not None:
        write_json(directory / f"{digest}.json", found)
    return found


@functools.lru_cache(maxsize=1)
def _cache_dir() -> Path | None:
    from dpgcheck.cache import versioned_dir

    return versioned_dir("governance-topics", "dpgcheck", __file__)


def _topics(text: str, heading_text: str) -> list[str]:
    body = " ".join(text.lower().split())
    found = []
    for name, (heading_pattern, text_pattern) in _COMPILED.items():
        if heading_pattern is not None and heading_pattern.search(heading_text):
            found.append(name)
        elif text_pattern is not None and text_pattern.search(body):
            found.append(name)
    return sorted(found)
