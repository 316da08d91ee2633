"""The cache entry for all of a repository's workflows gives what parsing each one gives."""
from __future__ import annotations

from dpgcheck.security import workflows

FLOW = "on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v{n}\n      - run: echo ${{{{ github.event.issue.title }}}}\n"


def test_the_set_entry_answers_as_each_workflow_does_and_follows_a_change(monkeypatch, tmp_path):
    monkeypatch.setenv("DPGCHECK_CACHE_DIR", str(tmp_path / "cache"))
    items = [("github-actions", FLOW.format(n=n).encode()) for n in range(5)] + [("github-actions", b"on: [push\n")]
    fresh = [workflows.read_workflow(system, data) for system, data in items]
    assert workflows.cached_read_all(items) == fresh  # fills the cache
    assert workflows.cached_read_all(items) == fresh  # read from the set's entry
    assert fresh[-1]["refused"] is not None and fresh[0]["actions"]
    items[2] = ("github-actions", FLOW.format(n=9).encode())
    changed = workflows.cached_read_all(items)
    assert changed[2] == workflows.read_workflow(*items[2]) != fresh[2]
    assert changed[:2] + changed[3:] == fresh[:2] + fresh[3:]
    monkeypatch.setenv("DPGCHECK_NO_CACHE", "1")
    assert workflows.cached_read_all(items) == changed
