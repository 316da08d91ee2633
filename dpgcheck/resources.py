"""Files that ship inside the package: the built-in policies, the JSON schemas and data files.

Installed as files (a wheel or a source checkout: the usual case) they are plain paths, so a
run does not import :mod:`importlib.resources` (which brings zipfile, tempfile and random:
some 10 ms of a pre-commit run's start); from a zip import they are importlib's views.
"""
from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:  # Python 3.10 keeps it in importlib.abc
        from importlib.abc import Traversable

__all__ = ["Traversable", "builtin_policies", "package_file", "schema"]


def package_file(package: str, *parts: str) -> Traversable:
    """``parts`` under ``package``'s folder (a data file or folder that ships with it)."""
    module = sys.modules.get(package) or importlib.import_module(package)
    origin = getattr(module, "__file__", None)
    node: Traversable
    folder = Path(origin).resolve().parent if origin else None
    if folder is not None and folder.is_dir():
        node = folder
    else:
        from importlib import resources

        node = resources.files(package)
    for part in parts:
        node = node / part
    return node


def builtin_policies() -> Traversable:
    """The base policy bundle.

    In a wheel it is ``dpgcheck/_policies``; in a source checkout (editable
    install or running from the tree) it is the top-level ``policies/``.
    """
    packaged = package_file("dpgcheck", "_policies")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "policies"


def schema(name: str) -> dict[str, Any]:
    return json.loads(package_file("dpgcheck", "schemas", name).read_text(encoding="utf-8"))
