"""Hostile CI files are bounded: refused with a recorded problem (and a collection-problems
finding), never a traceback or a hang."""
from __future__ import annotations

import time

import pytest

from dpgcheck.collect.facts import collect_repository
from tests.conftest import run_json

NOW = "2026-06-01T00:00:00Z"

BOMB = "on: push\na: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(8)
) + "jobs: {}\n"


@pytest.mark.parametrize(
    ("content", "code", "problem_code"),
    [
        (BOMB.encode(), "alias-bomb", "workflow-alias-bomb"),
        (b"on: push\njobs: " + b"[" * 100 + b"]" * 100 + b"\n", "too-deep", "workflow-too-deep"),
        # libyaml stops far deeper nesting itself, before the loader's own limit
        (b"on: push\njobs: " + b"[" * 50_000 + b"]" * 50_000 + b"\n", "yaml-syntax", "workflow-yaml-syntax"),
        (b"on: push\x00\x01\x02\njobs: {}\n", "binary-file", "workflow-binary-file"),
        (b"on: push\n---\non: pull_request\n", "multiple-documents", "workflow-multiple-documents"),
        (b"on: push\njobs:\n  build: [unclosed\n", "yaml-syntax", "workflow-yaml-syntax"),
        (b"on: !!python/object:os.system echo\n", "unsupported-tag", "workflow-unsupported-tag"),
        (b"on: push\n" + b"# padding\n" * 60_000, "file-too-large", "file-too-large"),
    ],
)
def test_hostile_workflow_is_refused_and_recorded(make_repo, content, code, problem_code):
    repo = make_repo({".github/workflows/evil.yml": content})
    started = time.perf_counter()
    facts = collect_repository(repo)
    assert time.perf_counter() - started < 5
    workflow = facts["security"]["workflows"][0]
    assert (workflow["path"], workflow["readable"], workflow["problem"]["code"]) == (".github/workflows/evil.yml", False, code)
    assert workflow["jobs"] == [] and facts["security"]["actions"] == []
    assert [p["code"] for p in facts["problems"] if p["source"] == "security"] == [problem_code]


def test_hostile_workflow_through_the_cli_is_a_finding_not_a_crash(make_repo):
    repo = make_repo({".github/workflows/evil.yml": BOMB, "README.md": "# x\n"})
    code, report = run_json("check", "--format", "json", "--profile", "security-posture", "--now", NOW, repo)
    assert code in (0, 1)
    problems = [f for f in report["findings"] if f["rule_id"] == "collection-problems" and (f["location"] or {}).get("path") == ".github/workflows/evil.yml"]
    assert len(problems) == 1, report["findings"]
    assert problems[0]["evidence"] == {"source": "security", "code": "workflow-alias-bomb"}
    assert problems[0]["message"].startswith("security: workflow not read: aliases expand to more than 50000 nodes")


def test_multiple_documents_message_names_workflows(make_repo):
    facts = collect_repository(make_repo({".github/workflows/two.yml": "on: push\n---\non: pull_request\n"}))
    assert facts["security"]["workflows"][0]["problem"] == {
        "code": "multiple-documents", "message": "file holds more than one YAML document; a CI workflow must be one", "line": 2,
    }
