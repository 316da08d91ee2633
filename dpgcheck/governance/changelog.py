"""The releases a changelog (or NEWS/HISTORY file, or news page) lists, and whether it only points elsewhere."""
from __future__ import annotations

import re
from typing import TypedDict

from dpgcheck.patterns import lazy
from dpgcheck.governance.contacts import URL
from dpgcheck.governance.headings import headings

_VERSION_HEADING = lazy(r"\bv?(\d+\.\d+(?:\.\d+)?(?:[-+.][0-9A-Za-z.-]+)?)\b")
_VERSION_LINE = lazy(r"^[ \t]{0,20}(?:[*-][ \t]+)?(?:version[ \t]+|release[ \t]+|v)?(\d+\.\d+(?:\.\d+)?)\b(?:[ \t]{0,20}[-:(]|[ \t]{0,20}$)", re.IGNORECASE | re.MULTILINE)
_UNRELEASED = lazy(r"\bunreleased\b", re.IGNORECASE)
#: News pages name a release after the product: ``ODK Central v2026.1.0`` on a line of its own.
_NAMED_VERSION_LINE = lazy(r"^[ \t]{0,20}(?:[A-Za-z][\w.-]{0,30}[ \t]{1,5}){1,3}v(\d+\.\d+(?:\.\d+)?)[ \t]*$", re.IGNORECASE | re.MULTILINE)
#: Words in a link or just before it that say it leads to the release notes.
_RELEASE_NOTES = lazy(r"releas|change[- ]?log|what'?s[- ]new", re.IGNORECASE)
#: Characters before a link searched for such words.
_LINK_CONTEXT = 120
#: Longest version string kept.
_VERSION_CHARS = 60


class Changelog(TypedDict):
    entries: int
    latest_version: str | None
    unreleased_section: bool
    release_notes_link: bool


def read_changelog(text: str) -> Changelog:
    """The versions a changelog lists (from its headings; failing those, from version lines),
    the first of them, whether it has an "Unreleased" section, and, when it lists nothing,
    whether it links to release notes published elsewhere."""
    unreleased = False
    versions = []
    for _, heading in headings(text):
        if _UNRELEASED.search(heading):
            unreleased = True
            continue
        match = _VERSION_HEADING.search(heading)
        if match:
            versions.append(match.group(1)[:_VERSION_CHARS])
    if not versions:  # plain-text NEWS/HISTORY files: version lines without heading markup
        versions = [m.group(1)[:_VERSION_CHARS] for m in _VERSION_LINE.finditer(text)]
    if not versions:
        versions = [m.group(1)[:_VERSION_CHARS] for m in _NAMED_VERSION_LINE.finditer(text)]
    # A changelog of no version and no section of its own that links to release notes
    # published elsewhere (a docs site, a wiki) is a pointer to them, not an empty changelog.
    link = not versions and not unreleased and any(
        _RELEASE_NOTES.search(m.group(0)) or _RELEASE_NOTES.search(text[max(0, m.start() - _LINK_CONTEXT):m.start()])
        for m in URL.finditer(text)
    )
    return {
        "entries": len(versions),
        "latest_version": versions[0] if versions else None,
        "unreleased_section": unreleased,
        "release_notes_link": link,
    }
