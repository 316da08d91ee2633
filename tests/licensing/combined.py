"""What licence files mean together is decided in Rego (policies/lib/combined.rego): ask it."""
from __future__ import annotations

import functools
from typing import Any

from dpgcheck.bundle.loader import load_policies
from dpgcheck.engine.factory import open_engine


@functools.lru_cache(maxsize=None)
def _engine(name: str):
    return open_engine(name, load_policies(()))


def combined_in_rego(licenses: dict[str, Any], engine: str = "regorus") -> dict[str, Any]:
    """``data.dpgcheck.lib.combined.combined`` for a facts ``licenses`` section, on the real engine."""
    return _engine(engine).query("data.dpgcheck.lib.combined.combined", {"facts_version": "2.0", "licenses": licenses})
