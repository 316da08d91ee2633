"""Files that ship inside the package: the built-in policies and the JSON schemas."""
from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    from importlib.resources.abc import Traversable
else:  # Python 3.10 keeps it in importlib.abc
    from importlib.abc import Traversable

__all__ = ["Traversable", "builtin_policies", "schema"]


def builtin_policies() -> Traversable:
    """The base policy bundle.

    In a wheel it is ``dpgcheck/_policies``; in a source checkout (editable
    install or running from the tree) it is the top-level ``policies/``.
    """
    here = Path(__file__).resolve().parent
    if here.is_dir():  # installed as files (not in a zip): no need for importlib.resources and zipfile
        return here / "_policies" if (here / "_policies").is_dir() else here.parent / "policies"
    packaged = resources.files("dpgcheck") / "_policies"
    if packaged.is_dir():
        return packaged
    return here.parent / "policies"


def schema(name: str) -> dict[str, Any]:
    text = (resources.files("dpgcheck") / "schemas" / name).read_text(encoding="utf-8")
    return json.loads(text)
