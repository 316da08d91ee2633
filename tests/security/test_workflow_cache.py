"""The workflow cache: the same facts from a cold and a warm run, a damaged entry ignored."""
from __future__ import annotations

from dpgcheck.collect.facts import collect_repository

WORKFLOW = "on: push\npermissions: read-all\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n      - run: echo ${{ github.event.head_commit.message }}\n"


def test_warm_run_gives_the_same_facts_and_a_damaged_entry_is_recomputed(make_repo, tmp_path, monkeypatch):
    monkeypatch.setenv("DPGCHECK_CACHE_DIR", str(tmp_path / "cache"))
    # Another directory's conftest may have switched the caches off for the whole process
    # (tests/licensing sets DPGCHECK_NO_CACHE=1): this test is about the cache being on.
    monkeypatch.delenv("DPGCHECK_NO_CACHE", raising=False)
    repo = make_repo({".github/workflows/a.yml": WORKFLOW, ".github/workflows/b.yml": WORKFLOW, ".github/workflows/bad.yml": "on: [\n"})
    cold = collect_repository(repo)["security"]
    entries = sorted((tmp_path / "cache").rglob("*.json"))
    # a.yml and b.yml have the same bytes: one entry, one for bad.yml, and one for the set of three.
    assert len([e for e in entries if not e.name.startswith("set-")]) == 2 and len(entries) == 3
    warm = collect_repository(repo)["security"]
    assert warm == cold
    assert [a["path"] for a in warm["actions"]] == [".github/workflows/a.yml", ".github/workflows/b.yml"]
    for entry in entries:
        entry.write_text("{not json")
    assert collect_repository(repo)["security"] == cold


def test_cache_off(make_repo, tmp_path, monkeypatch):
    monkeypatch.setenv("DPGCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("DPGCHECK_NO_CACHE", "1")
    repo = make_repo({".github/workflows/a.yml": WORKFLOW})
    assert collect_repository(repo)["security"]["expressions"][0]["context"] == "github.event.head_commit.message"
    assert not (tmp_path / "cache").exists()
