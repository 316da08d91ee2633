"""The funding platforms a ``.github/FUNDING.yml`` names (GitHub's sponsor-button file)."""
from __future__ import annotations

from typing import NamedTuple

#: The platform keys GitHub documents for FUNDING.yml; any other key counts as "other".
FUNDING_KEYS = {"github", "patreon", "open_collective", "ko_fi", "tidelift", "community_bridge", "liberapay",
                "issuehunt", "otechie", "lfx_crowdfunding", "polar", "buy_me_a_coffee", "thanks_dev", "custom"}
#: Bounds on the untrusted file: bytes read, YAML nodes, aliases and nesting.
MAX_BYTES = 64 * 1024
_MAX_NODES = 2000
_MAX_ALIASES = 10
_MAX_DEPTH = 8


class Funding(NamedTuple):
    """``platforms`` is None when the file could not be read as a mapping; ``problem`` then says why (code, message)."""

    platforms: list[str] | None
    problem: tuple[str, str] | None = None


def read_funding(data: bytes) -> Funding:
    """The platforms with an account given, sorted, each once; an empty file names none."""
    from dpgcheck.untrusted.yaml import YamlRefused, load  # only for a FUNDING.yml: YAML costs ~30 ms to import

    try:
        loaded = load(data, max_bytes=MAX_BYTES, max_nodes=_MAX_NODES, max_aliases=_MAX_ALIASES, max_depth=_MAX_DEPTH)
    except YamlRefused as refused:
        return Funding(None, (refused.code, f"FUNDING.yml: {refused.message}"))
    if loaded.value is None:
        return Funding([])
    if not isinstance(loaded.value, dict):
        return Funding(None, ("bad-yaml", "FUNDING.yml must be a mapping of platform to account"))
    return Funding(sorted({
        key.lower() if key.lower() in FUNDING_KEYS else "other"
        for key, value in loaded.value.items()
        if value not in (None, "", [], {})
    }))
