"""Benchmark: reading SBOMs with dpgcheck against spdx-tools' bare parse.

Run on demand: ``python -m pytest tests/benchmarks/test_sbom_bench.py -s``.

* 16,000-package npm-shaped SPDX 2.3 JSON (~19 MB): ``dpgcheck.licensing.sbom.read_document``
  (read, per-element parse with spdx-tools, own checks, licence analysis: the facts the rules
  use) against ``spdx_tools...parse_file`` alone (no validation). Goal: under 1.5x.
* 1,600-package tag-value document: dpgcheck end to end. Goal: under 5 s (spdx-tools 0.8.5's
  own ``parse_file`` takes minutes on it; measured once here with a time limit).

Imports are warmed first for both, so the figures compare the work, not module loading.
"""
from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from dpgcheck.licensing import sbom
from tests.licensing.test_sbom_data import npm_sbom, write_with_spdx_tools

pytestmark = pytest.mark.benchmark


def best_of(runs: int, function) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best


def test_json_16000_packages_against_bare_parse(tmp_path):
    from spdx_tools.spdx.parser.parse_anything import parse_file

    path = tmp_path / "big.spdx.json"
    path.write_text(json.dumps(npm_sbom(16000)), encoding="utf-8")
    small = tmp_path / "small.spdx.json"
    small.write_text(json.dumps(npm_sbom(10)), encoding="utf-8")
    parse_file(str(small))
    sbom.read_document(small.read_bytes(), small.name)

    bare = best_of(3, lambda: parse_file(str(path)))
    ours = best_of(3, lambda: sbom.read_document(path.read_bytes(), path.name))
    facts = sbom.read_document(path.read_bytes(), path.name)
    assert facts["readable"] and facts["counts"]["packages"] == 16001 and facts["problems"] == []
    print(f"\n16,000-package JSON ({path.stat().st_size / 1e6:.1f} MB): spdx-tools parse_file {bare:.2f} s, "
          f"dpgcheck read_document {ours:.2f} s, ratio {ours / bare:.2f}x (goal < 1.5x)")
    assert ours / bare < 1.5


def test_tag_value_1600_packages(tmp_path):
    path = write_with_spdx_tools(npm_sbom(1600), tmp_path / "deps.spdx")
    sbom.read_document(write_with_spdx_tools(npm_sbom(5), tmp_path / "warm.spdx").read_bytes(), "warm.spdx")
    ours = best_of(3, lambda: sbom.read_document(path.read_bytes(), path.name))
    facts = sbom.read_document(path.read_bytes(), path.name)
    assert facts["readable"] and facts["counts"]["packages"] == 1601 and facts["problems"] == []
    limit = 120
    code = "import sys\nfrom spdx_tools.spdx.parser.parse_anything import parse_file\nparse_file(sys.argv[1])\n"
    started = time.perf_counter()
    try:
        subprocess.run([sys.executable, "-c", code, str(path)], timeout=limit, capture_output=True)
        theirs = f"{time.perf_counter() - started:.1f} s"
    except subprocess.TimeoutExpired:
        theirs = f"more than {limit} s (stopped)"
    print(f"\n1,600-package tag-value ({path.stat().st_size / 1e6:.1f} MB): dpgcheck {ours:.2f} s (goal < 5 s); "
          f"spdx-tools parse_file as shipped: {theirs}")
    assert ours < 5


def test_every_serialisation_1600_packages(tmp_path):
    from spdx_tools.spdx.parser.parse_anything import parse_file

    document = npm_sbom(1600)
    print()
    for ext in ("spdx.json", "spdx.yaml", "spdx.xml", "spdx.rdf.xml"):
        path = write_with_spdx_tools(document, tmp_path / f"deps.{ext}")
        bare = best_of(1, lambda: parse_file(str(path)))
        ours = best_of(1, lambda: sbom.read_document(path.read_bytes(), path.name))
        print(f"1,600 packages, {ext:<13}: spdx-tools {bare:.2f} s, dpgcheck {ours:.2f} s ({ours / bare:.2f}x)")


def test_cyclonedx_json_16000_components_against_bare_deserialisation(tmp_path):
    """16,000-component CycloneDX 1.6 JSON: dpgcheck end to end (``read_document``: JSON load,
    every component through cyclonedx-python-lib, the dependency graph, licence analysis)
    against cyclonedx-python-lib's own ``Bom.from_json`` of the loaded JSON. Goal: <= 1.5x."""
    from cyclonedx.model.bom import Bom

    from tests.licensing.test_sbom_data import npm_cyclonedx

    path = tmp_path / "big.cdx.json"
    path.write_text(json.dumps(npm_cyclonedx(16000)), encoding="utf-8")
    small = json.dumps(npm_cyclonedx(10))
    Bom.from_json(json.loads(small))
    sbom.read_document(small.encode(), "small.cdx.json")

    bare = best_of(1, lambda: Bom.from_json(json.loads(path.read_text(encoding="utf-8"))))
    ours = best_of(1, lambda: sbom.read_document(path.read_bytes(), path.name))
    facts = sbom.read_document(path.read_bytes(), path.name)
    assert facts["readable"] and facts["counts"]["packages"] == 16001 and facts["problems"] == []
    assert facts["packages_missing"]["dependencies"]["count"] == 0
    print(f"\n16,000-component CycloneDX JSON ({path.stat().st_size / 1e6:.1f} MB): cyclonedx-python-lib Bom.from_json {bare:.2f} s, "
          f"dpgcheck read_document {ours:.2f} s, ratio {ours / bare:.2f}x (goal <= 1.5x)")
    assert ours / bare <= 1.5
