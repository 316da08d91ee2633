"""Release tags and the version scheme of each.

Which scheme the tags follow *overall* (one name, or ``mixed`` when none holds enough of
them) is a judgement made in Rego (``policies/lib/history.rego``, threshold
``tag_scheme_min_share``) from the counts in ``schemes``.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from dpgcheck.shapes import TagFacts

# Calendar versions first: 2024.1.3 is also valid semver, but a year is not a major version.
_CALVER = re.compile(r"^(?:v|release[-_/]?|rel[-_])?(?:19|20)\d{2}[.\-_](?:0?[1-9]|1[0-2])(?:[.\-_]\d+)*(?:[-+][0-9a-z.\-]+)?$", re.I)
_SEMVER = re.compile(
    r"^(?:v|release[-_/]?|rel[-_]|version[-_]?)?(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)"
    r"(?:-[0-9a-z\-]+(?:\.[0-9a-z\-]+)*)?(?:\+[0-9a-z\-]+(?:\.[0-9a-z\-]+)*)?$",
    re.I,
)
_NUMERIC = re.compile(r"^(?:v|release[-_/]?|rel[-_]|version[-_]?)?\d+(?:[._]\d+)*(?:[-_.]?(?:rc|alpha|beta|a|b)\d*)?$", re.I)

SCHEMES = ("semver", "calver", "numeric", "other")
VERSION_SCHEMES = ("semver", "calver", "numeric")


def scheme_of(tag: str) -> str:
    """``semver`` (v1.2.3), ``calver`` (2024.05, 2024.05.1), ``numeric`` (v1, 1.2) or ``other``."""
    name = tag.rsplit("/", 1)[-1] if tag.count("/") == 1 and not tag.lower().startswith("release/") else tag
    if _CALVER.match(name):
        return "calver"
    if _SEMVER.match(name):
        return "semver"
    if _NUMERIC.match(name):
        return "numeric"
    return "other"


def summarise(tags: Iterable[tuple[str, int]], reference: int | None, windows: Sequence[int] = ()) -> tuple[TagFacts, list[int]]:
    """Facts for ``(name, unix time)`` tags, and how many version tags fall in each window.

    ``reference`` is the HEAD commit time; ``windows`` are window lengths in seconds, and
    the counts come back in the same order (a tag counts when it is younger than
    ``reference`` minus the length).
    """
    counts: Counter[str] = Counter()
    latest: tuple[int, str] | None = None
    recent = [0] * len(windows)
    total = 0
    for name, when in tags:
        total += 1
        scheme = scheme_of(name)
        counts[scheme] += 1
        if scheme in VERSION_SCHEMES:
            if latest is None or (when, name) > latest:
                latest = (when, name)
            if reference is not None:
                for index, span in enumerate(windows):
                    if when > reference - span:
                        recent[index] += 1
    from dpgcheck.history.timefmt import rfc3339

    facts: TagFacts = {
        "count": total,
        "version_tags": sum(counts[s] for s in VERSION_SCHEMES),
        "schemes": {s: counts.get(s, 0) for s in SCHEMES},
        "latest_version_tag": None if latest is None else {"name": latest[1], "time": rfc3339(latest[0])},
    }
    return facts, recent
