"""Find the collectors.

A collector is a module ``<SECTION>_facts`` in :mod:`dpgcheck.collect.collectors` that defines

* ``SECTION: str`` — the key of the facts document it fills, and
* ``collect(view: RepoView, options: CollectOptions) -> dict`` — that section.

Its section's JSON Schema lives in ``dpgcheck/schemas/facts/<SECTION>.json``.
Adding a collector is adding those two files: nothing else changes.
"""
from __future__ import annotations

import importlib
import os
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


SUFFIX = "_facts"


def collector_names() -> list[str]:
    """The collectors' module names, in registry order (by name), none imported yet."""
    names: set[str] = set()
    for folder in collectors_package.__path__:
        try:
            entries = os.listdir(folder)
        except OSError:  # not a folder on disk (a zip import): ask the import system instead
            import pkgutil

            names.update(info.name for info in pkgutil.iter_modules([folder]))
            continue
        names.update(entry[: -len(".py")] for entry in entries if entry.endswith(".py"))
    return sorted(name for name in names if name.endswith(SUFFIX) and not name.startswith("_"))


def section_of(name: str) -> str:
    """The section a collector module fills, from its name (``history_facts`` fills ``history``)."""
    return name.removesuffix(SUFFIX)


def load_collector(name: str) -> Collector:
    collector = _load(importlib.import_module(f"{collectors_package.__name__}.{name}"))
    if collector.section != section_of(name):
        raise TypeError(f"{collector.module} fills {collector.section!r}: name it {collector.section}{SUFFIX}")
    return collector


def all_collectors() -> list[Collector]:
    """Every collector, imported (a module named for another section is refused, so no two fill one)."""
    return [load_collector(name) for name in collector_names()]
