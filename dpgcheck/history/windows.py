"""The lengths of the history windows when nobody says which: those the built-in bundle names.

Which windows a rule looks at, and how long each is, is bundle data (the threshold
``history_windows``: a window's name and its length in days). The command layer reads it
from the bundles it loads (:mod:`dpgcheck.bundle.windows`) and passes the lengths in
:class:`~dpgcheck.collect.options.CollectOptions`; this is the fallback for a caller
that collects facts without a bundle at hand (a library user, a test).
"""
from __future__ import annotations

import functools
import json


@functools.lru_cache(maxsize=1)
def builtin_window_days() -> tuple[int, ...]:
    """The lengths in the built-in bundle's ``data.dpgcheck.config.thresholds.history_windows``."""
    from dpgcheck.resources import builtin_policies

    config = json.loads((builtin_policies() / "dpgcheck" / "config" / "data.json").read_text(encoding="utf-8"))
    return tuple(sorted(set(config["thresholds"]["history_windows"].values())))
