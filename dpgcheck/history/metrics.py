"""CHAOSS risk metrics over per-contributor and per-organisation commit counts.

* Elephant factor: the fewest organisations whose commits reach half of all
  commits by known organisations (``cumulative >= half``: eight organisations at
  12.5 % each give 4, one organisation at exactly 50 % gives 1).
* Contributor absence factor (formerly "bus factor"): the same over contributors.
* Organisational diversity: the organisations, their shares and the largest share.

Undefined on an empty window: None, never 0.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from dpgcheck.history.domains import UNKNOWN

#: How many organisations a window lists by name (the count is always complete).
MAX_LISTED_ORGANISATIONS = 50


def cumulative_factor(counts: Iterable[int], share: float = 0.5) -> int | None:
    """Smallest number of the largest counts whose sum reaches ``share`` of the total."""
    ordered = sorted((c for c in counts if c > 0), reverse=True)
    total = sum(ordered)
    if total == 0:
        return None
    running = 0
    for number, value in enumerate(ordered, start=1):
        running += value
        if running >= share * total:
            return number
    return len(ordered)  # pragma: no cover - the loop always returns


@dataclass
class Window:
    """Commits (merges and bots apart) by contributor and organisation in one time window."""

    commits: int = 0
    merges: int = 0
    bot_commits: int = 0
    by_contributor: Counter[str] = field(default_factory=Counter)  # key: an opaque per-run identity
    by_organisation: Counter[str] = field(default_factory=Counter)
    contributors_by_organisation: dict[str, set[str]] = field(default_factory=dict)

    def add(self, identity: str, organisation: str) -> None:
        self.commits += 1
        self.by_contributor[identity] += 1
        self.by_organisation[organisation] += 1
        self.contributors_by_organisation.setdefault(organisation, set()).add(identity)

    def facts(self) -> dict[str, object]:
        known = {org: n for org, n in self.by_organisation.items() if org != UNKNOWN}
        known_commits = sum(known.values())
        unknown_commits = self.by_organisation.get(UNKNOWN, 0)
        ordered = sorted(known.items(), key=lambda item: (-item[1], item[0]))
        unknown_contributors = len(self.contributors_by_organisation.get(UNKNOWN, ()))
        return {
            "commits": self.commits,
            "merges": self.merges,
            "bot_commits": self.bot_commits,
            "contributors": len(self.by_contributor),
            "contributors_unknown_organisation": unknown_contributors,
            "organisations_count": len(known),
            "organisations": [
                {
                    "name": org,
                    "commits": n,
                    "share": round(n / known_commits, 4),
                    "contributors": len(self.contributors_by_organisation[org]),
                }
                for org, n in ordered[:MAX_LISTED_ORGANISATIONS]
            ],
            "unknown_organisation_commits": unknown_commits,
            "unknown_organisation_share": round(unknown_commits / self.commits, 4) if self.commits else None,
            "top_organisation_share": round(ordered[0][1] / known_commits, 4) if ordered else None,
            "elephant_factor": cumulative_factor(known.values()),
            "absence_factor": cumulative_factor(self.by_contributor.values()),
        }
