"""The SBOM cache: a warm run gives the cold run's facts without importing a reader; a changed,
damaged or oversized document is read again."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from dpgcheck.collect.facts import collect_repository
from dpgcheck.licensing import sbom_cache
from tests.conftest import GIT_ENV, ROOT

SBOM = (ROOT / "examples" / "compliant" / "sbom.spdx.json").read_text(encoding="utf-8")
CYCLONEDX = json.dumps({"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "components": [
    {"type": "library", "name": "left-pad", "version": "1.3.0", "licenses": [{"license": {"id": "WTFPL"}}]}]})

#: Collects a repository's SBOM facts in a fresh interpreter and says which readers it imported.
PROBE = """
import json, pathlib, sys
from dpgcheck.collect.facts import collect_repository
facts = collect_repository(pathlib.Path(sys.argv[1]))["sbom"]
readers = sorted(m for m in ("spdx_tools.spdx.model", "cyclonedx.model") if m in sys.modules)
print(json.dumps({"sbom": facts, "readers": readers}))
"""


def probe(repo, cache_dir) -> dict:
    # The caller's environment (git where its PATH says), with this test's cache, turned on.
    env = {**os.environ, **GIT_ENV, "DPGCHECK_CACHE_DIR": str(cache_dir), "DPGCHECK_NO_CACHE": ""}
    result = subprocess.run([sys.executable, "-c", PROBE, str(repo)], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_warm_run_reads_no_sbom_and_gives_the_same_facts(make_repo, tmp_path):
    repo = make_repo({"sbom.spdx.json": SBOM, "bom.cdx.json": CYCLONEDX})
    cache_dir = tmp_path / "cache"
    cold = probe(repo, cache_dir)
    assert cold["readers"] == ["cyclonedx.model", "spdx_tools.spdx.model"]
    assert [(d["path"], d["standard"], d["readable"]) for d in cold["sbom"]["documents"]] == [
        ("bom.cdx.json", "cyclonedx", True), ("sbom.spdx.json", "spdx-2", True)]
    (answers,) = cache_dir.rglob("documents.json")
    assert len(json.loads(answers.read_text())) == 2
    warm = probe(repo, cache_dir)
    assert warm == {"sbom": cold["sbom"], "readers": []}
    # A damaged cache file is read as no cache: the documents are read again, with the same facts.
    answers.write_text("{not json", encoding="utf-8")
    assert probe(repo, cache_dir)["sbom"] == cold["sbom"]
    assert len(json.loads(answers.read_text())) == 2


def test_a_changed_document_is_read_again(make_repo, tmp_path, monkeypatch):
    monkeypatch.setenv("DPGCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("DPGCHECK_NO_CACHE", raising=False)
    monkeypatch.setattr(sbom_cache, "_answers", sbom_cache.cache.DiskMap(
        "sbom", "spdx_tools.spdx", sbom_cache.__file__, "documents.json", 10, directory=sbom_cache._directory))
    from dpgcheck.licensing import sbom

    read = []
    real = sbom.read_document
    monkeypatch.setattr(sbom, "read_document", lambda data, name: read.append(name) or real(data, name))
    repo = make_repo({"sbom.spdx.json": SBOM})
    first = collect_repository(repo)["sbom"]["documents"][0]
    assert collect_repository(repo)["sbom"]["documents"][0] == first and read == ["sbom.spdx.json"]
    # A damaged entry is no answer: the document is read again.
    sbom_cache._answers._entries[sbom_cache._key(SBOM.encode(), "sbom.spdx.json")] = {"format": 7}
    assert collect_repository(repo)["sbom"]["documents"][0] == first and read == ["sbom.spdx.json"] * 2
    document = json.loads(SBOM)
    document["packages"] = document["packages"][:1]
    (repo / "sbom.spdx.json").write_text(json.dumps(document), encoding="utf-8")
    changed = collect_repository(repo)["sbom"]["documents"][0]
    assert read == ["sbom.spdx.json"] * 3
    assert (first["counts"]["packages"], changed["counts"]["packages"]) == (2, 1)
    # The same bytes under another name are another document (the name tells the format).
    (repo / "sbom.spdx.json").rename(repo / "other.spdx.json")
    assert collect_repository(repo)["sbom"]["documents"][0]["counts"]["packages"] == 1
    assert read == ["sbom.spdx.json"] * 3 + ["other.spdx.json"]


def test_large_documents_and_a_cache_turned_off_are_never_kept(make_repo, tmp_path, monkeypatch):
    monkeypatch.setenv("DPGCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(sbom_cache, "MAX_CACHED_BYTES", len(SBOM) - 1)
    monkeypatch.setattr(sbom_cache, "_answers", sbom_cache.cache.DiskMap(
        "sbom", "spdx_tools.spdx", sbom_cache.__file__, "documents.json", 10, directory=sbom_cache._directory))
    repo = make_repo({"sbom.spdx.json": SBOM})
    assert collect_repository(repo)["sbom"]["readable_count"] == 1
    assert sbom_cache._answers.get(sbom_cache._key(SBOM.encode(), "sbom.spdx.json")) is None
    monkeypatch.setattr(sbom_cache, "MAX_CACHED_BYTES", 1024 * 1024)
    monkeypatch.setenv("DPGCHECK_NO_CACHE", "1")
    assert collect_repository(repo)["sbom"]["readable_count"] == 1
    assert sbom_cache._answers.get(sbom_cache._key(SBOM.encode(), "sbom.spdx.json")) is None
    assert not (tmp_path / "cache").exists()
