"""Find the collectors.

A collector is a module ``<SECTION>_facts`` in :mod:`dpgcheck.collect.collectors` that defines

* ``SECTION: str`` — the key of the facts document it fills, and
* ``collect(view: RepoView, options: CollectOptions) -> dict`` — that section.

Its section's JSON Schema lives in ``dpgcheck/schemas/facts/<SECTION>.json``.
Adding a collector is adding those two files: nothing else changes.
"""
from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from types import ModuleType
from typing import Any, NamedTuple

from dpgcheck.collect import collectors as collectors_package
from dpgcheck.collect.options import CollectOptions
from dpgcheck.collect.repo_view import RepoView

CollectFunction = Callable[[RepoView, CollectOptions], dict[str, Any]]


class Collector(NamedTuple):
    section: str
    collect: CollectFunction
    module: str


def _load(module: ModuleType) -> Collector:
    section = getattr(module, "SECTION", None)
    collect = getattr(module, "collect", None)
    if not isinstance(section, str) or not callable(collect):
        raise TypeError(f"{module.__name__} must define SECTION and collect()")
    return Collector(section, collect, module.__name__)


def all_collectors() -> list[Collector]:
    found = []
    for info in sorted(pkgutil.iter_modules(collectors_package.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{collectors_package.__name__}.{info.name}")
        found.append(_load(module))
    sections = [c.section for c in found]
    duplicates = {s for s in sections if sections.count(s) > 1}
    if duplicates:
        raise TypeError(f"two collectors fill the same section: {sorted(duplicates)}")
    return found
