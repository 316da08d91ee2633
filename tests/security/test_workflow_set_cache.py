"""The cache entry for all of a repository's workflows gives what parsing each one gives."""
from __future__ import annotations

from dpgcheck.security import workflows

FLOW = "on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v{n}\n      - run: echo ${{{{ github.event.issue.title }}}}\n"


def parsed_one_by_one(items: list[tuple[str, str, bytes]]) -> dict:
    """What parsing each workflow afresh gives, paths filled in and the lists joined in order."""
    answers = [workflows.with_path(workflows.read_workflow(system, data), path) for path, system, data in items]
    joined = {"summaries": [a["summary"] for a in answers], "refused": [a["refused"] for a in answers]}
    for name in workflows.LISTS:
        joined[name] = [item for a in answers for item in a[name]]
    return joined


def test_the_set_entry_answers_as_each_workflow_does_and_follows_a_change(monkeypatch, tmp_path):
    monkeypatch.setenv("DPGCHECK_CACHE_DIR", str(tmp_path / "cache"))
    items = [(f".github/workflows/w{n}.yml", "github-actions", FLOW.format(n=n).encode()) for n in range(5)]
    items.append((".github/workflows/broken.yml", "github-actions", b"on: [push\n"))
    fresh = parsed_one_by_one(items)
    assert workflows.cached_read_set(items) == fresh  # fills the cache
    assert workflows.cached_read_set(items) == fresh  # read from the set's entry
    assert fresh["refused"][-1] is not None and fresh["summaries"][-1] is None
    assert [a["path"] for a in fresh["actions"]] == [path for path, _, _ in items[:5]]
    assert [e["path"] for e in fresh["expressions"]] == [path for path, _, _ in items[:5]]
    # A changed workflow: its own answer changes, the others' do not.
    items[2] = (items[2][0], "github-actions", FLOW.format(n=9).encode())
    changed = workflows.cached_read_set(items)
    assert changed == parsed_one_by_one(items) != fresh
    assert changed["actions"][2]["ref"] == "actions/checkout@v9" and changed["actions"][:2] == fresh["actions"][:2]
    # A renamed workflow, same bytes: the paths follow the name.
    items[0] = (".github/workflows/renamed.yml", *items[0][1:])
    renamed = workflows.cached_read_set(items)
    assert renamed == parsed_one_by_one(items)
    assert renamed["summaries"][0]["path"] == renamed["actions"][0]["path"] == ".github/workflows/renamed.yml"
    monkeypatch.setenv("DPGCHECK_NO_CACHE", "1")
    assert workflows.cached_read_set(items) == renamed


def test_a_damaged_set_entry_is_parsed_again(monkeypatch, tmp_path):
    monkeypatch.setenv("DPGCHECK_CACHE_DIR", str(tmp_path / "cache"))
    items = [(f".github/workflows/w{n}.yml", "github-actions", FLOW.format(n=n).encode()) for n in range(3)]
    fresh = parsed_one_by_one(items)
    assert workflows.cached_read_set(items) == fresh
    entries = sorted((tmp_path / "cache").rglob("set-*.json"))
    assert len(entries) == 1
    for damage in (b"", b"{\"summaries\": [], \"refused\": []}", b"\xff\xfe not json", b"[1, 2, 3]"):
        entries[0].write_bytes(damage)
        assert workflows.cached_read_set(items) == fresh
