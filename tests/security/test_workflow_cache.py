"""The workflow cache: the same facts from a cold and a warm run, a damaged entry ignored."""
from __future__ import annotations

import json

from dpgcheck.collect.facts import collect_repository
from tests.conftest import run_dpgcheck

WORKFLOW = "on: push\npermissions: read-all\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n      - run: echo ${{ github.event.head_commit.message }}\n"


def test_warm_run_gives_the_same_facts_and_a_damaged_entry_is_recomputed(make_repo, tmp_path):
    # The real command in processes of their own: the answers' file is written as a run ends.
    env = {"DPGCHECK_CACHE_DIR": str(tmp_path / "cache"), "DPGCHECK_NO_CACHE": ""}
    repo = make_repo({".github/workflows/a.yml": WORKFLOW, ".github/workflows/b.yml": WORKFLOW, ".github/workflows/bad.yml": "on: [\n"})

    def security() -> dict:
        result = run_dpgcheck("facts", repo, in_process=False, env=env)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)["security"]

    cold = security()
    entries = sorted((tmp_path / "cache").rglob("*.json"))
    # a.yml and b.yml have the same bytes: two answers (that one and bad.yml's) in one file, and
    # one entry for the set of three.
    assert sorted(e.name.startswith("set-") for e in entries) == [False, True]
    answers = next(e for e in entries if e.name == "answers.json")
    assert len(json.loads(answers.read_text())) == 2
    warm = security()
    assert warm == cold
    assert [a["path"] for a in warm["actions"]] == [".github/workflows/a.yml", ".github/workflows/b.yml"]
    for entry in entries:
        entry.write_text("{not json")
    assert security() == cold
    assert len(json.loads(answers.read_text())) == 2  # written again


def test_one_changed_workflow_is_the_only_one_parsed_again(make_repo, tmp_path, monkeypatch):
    from dpgcheck.security import workflows

    monkeypatch.setenv("DPGCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("DPGCHECK_NO_CACHE", raising=False)
    monkeypatch.setattr(workflows, "_answers", workflows.cache.DiskMap("security-workflows", "yaml", workflows.__file__, "answers.json", 10,
                                                                       directory=workflows._answers_directory))
    parsed = []
    real = workflows.read_workflow
    monkeypatch.setattr(workflows, "read_workflow", lambda system, data: parsed.append(data) or real(system, data))
    files = {f".github/workflows/w{n}.yml": WORKFLOW.replace("a:", f"j{n}:") for n in range(4)}
    repo = make_repo(files)
    first = collect_repository(repo)["security"]
    assert len(parsed) == 4
    (repo / ".github/workflows/w2.yml").write_text(WORKFLOW.replace("a:", "changed:"))
    second = collect_repository(repo)["security"]
    assert parsed[4:] == [WORKFLOW.replace("a:", "changed:").encode()]
    assert [j["id"] for w in second["workflows"] for j in w["jobs"]] == ["j0", "j1", "changed", "j3"]
    assert first["workflows"][0] == second["workflows"][0]


def test_cache_off(make_repo, tmp_path, monkeypatch):
    monkeypatch.setenv("DPGCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("DPGCHECK_NO_CACHE", "1")
    repo = make_repo({".github/workflows/a.yml": WORKFLOW})
    assert collect_repository(repo)["security"]["expressions"][0]["context"] == "github.event.head_commit.message"
    assert not (tmp_path / "cache").exists()
