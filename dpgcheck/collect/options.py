"""What the user asked the collectors to do beyond reading the repository."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class CollectOptions:
    """The user's choices that change what is collected (extra inputs, network, history bounds, staged)."""

    #: SPDX documents given on the command line (``--sbom``), read in addition to those found.
    sbom_paths: tuple[Path, ...] = ()
    #: Organisation affiliations for contributors (``--affiliations``), a YAML/JSON map.
    affiliations_path: Path | None = None
    #: Network checks (URL reachability) happen only when this is true.
    network: bool = False
    #: Read at most this many commits of history (None: the collector's default, 50,000).
    history_max_commits: int | None = None
    #: The lengths, in days, of the history windows to count commits and tags in: every length
    #: the bundles' data names in the threshold ``history_windows`` (the command layer reads it,
    #: see dpgcheck/bundle/windows.py). None: the lengths the built-in bundle names.
    history_windows: tuple[int, ...] | None = None
    #: Read the git index (what the next commit holds) instead of the working tree (``--staged``).
    staged: bool = False
    #: Refuse (input error) a ``.git`` file or link that points at a repository outside the
    #: checked directory, instead of reading that repository's history (``--refuse-outside-git``).
    refuse_outside_git: bool = False
