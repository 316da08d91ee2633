"""The facts document: schema-valid, deterministic, and git-aware."""
from __future__ import annotations

import json

import jsonschema
import pytest

from dpgcheck.collect.facts import collect_repository, facts_digest
from dpgcheck.schemas import facts_schema
from tests.conftest import ROOT, git, run_dpgcheck


def validate(facts):
    jsonschema.Draft202012Validator(facts_schema(), format_checker=jsonschema.FormatChecker()).validate(facts)


def test_facts_of_a_git_repository(make_repo):
    repo = make_repo({"README.md": "x"})
    git(repo, "remote", "add", "origin", "https://user:token@example.org/org/repo.git")
    facts = collect_repository(repo)
    validate(facts)
    commit = git(repo, "rev-parse", "HEAD").strip()
    assert facts["facts_version"] == "3.0"
    assert facts["subject"] == {"kind": "repository"}
    assert facts["repository"] == {
        "name": repo.name,
        "path": str(repo),
        "git": {
            "commit": commit,
            "commit_time": "2026-01-15T10:00:00+00:00",
            "branch": "main",
            "remote": "https://example.org/org/repo.git",
            "shallow": False,
        },
    }


def test_repository_without_commits(make_repo):
    repo = make_repo({"README.md": "x"}, commit=False)
    facts = collect_repository(repo)
    validate(facts)
    assert facts["repository"]["git"]["commit"] is None
    assert [p for p in facts["problems"] if p["source"] == "repository"] == []


def test_facts_are_deterministic(make_repo):
    repo = make_repo({"README.md": "x", "LICENSE": "MIT", "docs/CONTRIBUTING.md": "y"})
    assert facts_digest(collect_repository(repo)) == facts_digest(collect_repository(repo))


@pytest.mark.parametrize("example", ["compliant", "non-compliant"])
def test_examples_give_schema_valid_facts(example):
    facts = collect_repository(ROOT / "examples" / example)
    validate(facts)


def test_facts_command_prints_valid_json(make_repo):
    repo = make_repo({"README.md": "x"})
    result = run_dpgcheck("facts", repo)
    assert result.returncode == 0, result.stderr
    validate(json.loads(result.stdout))


@pytest.mark.parametrize(
    ("remote", "recorded"),
    [
        ("https://user:token@example.org/org/repo.git", "https://example.org/org/repo.git"),
        ("ssh://git@example.org/org/repo.git", "ssh://example.org/org/repo.git"),
        ("git@example.org:org/repo.git", "example.org:org/repo.git"),
        ("jane.secret@gmail.com@example.org:org/repo.git", "example.org:org/repo.git"),
        ("/srv/git/repo.git", "/srv/git/repo.git"),
    ],
)
def test_remote_credentials_and_user_names_are_dropped(remote, recorded):
    from dpgcheck.collect.collectors.repository_facts import strip_credentials

    assert strip_credentials(remote) == recorded


@pytest.mark.parametrize(
    ("section", "key", "value"),
    [("reuse", "adopted", True), ("licenses", "combined", {"ids": [], "inferences": [], "analysis": None})],
)
def test_facts_2_0_carry_no_judgement_of_the_1_x_collectors(make_repo, section, key, value):
    """reuse.adopted, licenses.combined, the CHAOSS factors and the tag scheme are the policies' to decide."""
    facts = collect_repository(make_repo({"README.md": "x", "LICENSES/MIT.txt": "MIT License\n"}))
    validate(facts)
    assert key not in facts[section]
    facts[section][key] = value
    with pytest.raises(jsonschema.ValidationError):
        validate(facts)
    validate({**facts, "facts_version": "1.1"})  # a 1.x document may hold it


def test_facts_2_0_windows_carry_commit_counts_not_factors(make_repo):
    facts = collect_repository(make_repo({"README.md": "x"}))
    lifetime = facts["history"]["lifetime"]
    assert (lifetime["commits_per_organisation"], lifetime["commits_per_contributor"]) == ([], [{"commits": 1, "members": 1}])
    lifetime["elephant_factor"] = 1
    with pytest.raises(jsonschema.ValidationError):
        validate(facts)
    facts["history"]["tags"]["scheme"] = "none"
    del lifetime["elephant_factor"]
    with pytest.raises(jsonschema.ValidationError):
        validate(facts)
