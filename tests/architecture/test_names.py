"""Names that say what a module is: a collector is ``<section>_facts``, and no other module shares its name.

A collector gathers one section of the facts; the domain package of the same subject
(``dpgcheck/history/``, ``dpgcheck/security/``, ``dpgcheck/licensing/sbom.py`` …) holds the
knowledge it calls. Before the suffix the two shared names (``collectors/history.py`` beside
``history/``), and a reader had to open a file to know which of the two it was.
"""
from __future__ import annotations

from pathlib import Path

from dpgcheck.collect.collector_index import all_collectors
from tests.architecture.import_graph import modules

ROOT = Path(__file__).resolve().parents[2]
COLLECTORS = "dpgcheck.collect.collectors."


def test_each_collector_is_named_for_its_section() -> None:
    found = {c.module: c.section for c in all_collectors()}
    assert len(found) >= 10
    assert {module for module, section in found.items() if module != f"{COLLECTORS}{section}_facts"} == set()


def test_no_other_module_or_package_shares_a_collectors_name() -> None:
    names = modules(ROOT)
    collectors = {name.rpartition(".")[2] for name in names if name.startswith(COLLECTORS)}
    others = {part for name in names if not name.startswith(COLLECTORS) for part in name.split(".")}
    assert collectors & others == set()
    # and the check would see a clash: the collectors' sections are names of domain packages
    assert {name.removesuffix("_facts") for name in collectors} & others >= {"governance", "history", "publiccode", "security", "sbom"}
