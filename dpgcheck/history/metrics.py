"""Per-window commit counts by contributor and organisation, the raw material of CHAOSS metrics.

The metrics themselves are judgements with a configurable share, computed in Rego
(``policies/lib/history.rego``):

* Elephant factor: the fewest organisations whose commits reach ``elephant_factor_share``
  (default a half) of all commits by known organisations.
* Contributor absence factor (formerly "bus factor"): the same over contributors
  (``absence_factor_share``).

This module gives them what they need and nothing that names a person: how many
organisations (and contributors) made each number of commits
(``commits_per_organisation``, ``commits_per_contributor``: ``[{commits, members}]``,
largest first). Its size is bounded by the number of distinct counts, at most about
``sqrt(2 * commits)``. Organisational diversity: the organisations, their shares and the
largest share. Shares are undefined on an empty window: None, never 0.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from dpgcheck.history.domains import UNKNOWN
from dpgcheck.shapes import CommitGroup, WindowCounts

#: How many organisations a window lists by name (the count is always complete).
MAX_LISTED_ORGANISATIONS = 50


def commit_groups(counts: Iterable[int]) -> list[CommitGroup]:
    """How many members made each number of commits, largest number first (zeros left out)."""
    tally = Counter(c for c in counts if c > 0)
    return [{"commits": commits, "members": tally[commits]} for commits in sorted(tally, reverse=True)]


@dataclass
class Window:
    """Commits (merges and bots apart) by contributor and organisation in one time window."""

    commits: int = 0
    merges: int = 0
    bot_commits: int = 0
    by_contributor: Counter[str] = field(default_factory=Counter)  # key: an opaque per-run identity
    by_organisation: Counter[str] = field(default_factory=Counter)
    contributors_by_organisation: dict[str, set[str]] = field(default_factory=dict)

    def add(self, identity: str, organisation: str, commits: int = 1) -> None:
        self.commits += commits
        self.by_contributor[identity] += commits
        self.by_organisation[organisation] += commits
        self.contributors_by_organisation.setdefault(organisation, set()).add(identity)

    def facts(self) -> WindowCounts:
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
            "commits_per_organisation": commit_groups(known.values()),
            "commits_per_contributor": commit_groups(self.by_contributor.values()),
        }
