"""The history collector on real git repositories built here."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from dpgcheck.collect.collectors import history_facts as history_collector
from dpgcheck.collect.facts import collect_repository
from dpgcheck.collect.options import CollectOptions
from tests.conftest import git, run_dpgcheck, run_json
from tests.history.helpers import commit, validate

ADDRESSES = [
    ("ana@eng.ict.go.ke", "2026-01-05T10:00:00+00:00"),
    ("ben@ict.go.ke", "2026-02-05T10:00:00+00:00"),
    ("caio@dev.serpro.gov.br", "2026-03-05T10:00:00+00:00"),
    ("caio@dev.serpro.gov.br", "2026-04-05T10:00:00+00:00"),
    ("dana@gmail.com", "2026-05-05T10:00:00+00:00"),
    ("12345+eve@users.noreply.github.com", "2026-06-05T10:00:00+03:00"),
    ("finn@team.digital.gov.uk", "2026-07-05T10:00:00+00:00"),
    ("ana@eng.ict.go.ke", "2026-08-05T10:00:00+00:00"),
]


def history_of(repo: Path, **options) -> dict:
    facts = validate(collect_repository(repo, CollectOptions(**options)))
    return facts["history"]


@pytest.fixture
def governments(make_repo) -> Path:
    repo = make_repo({}, commit=False)
    for email, when in ADDRESSES:
        commit(repo, email, when)
    return repo


def test_organisations_collapse_subdomains_and_webmail_is_unknown(governments: Path) -> None:
    history = history_of(governments)
    assert history["available"] is True and history["reason"] is None and history["shallow"] is False
    assert history["commits_total"] == history["commits_read"] == 8
    assert history["cap_reached"] is False
    assert history["reference_time"] == "2026-08-05T10:00:00Z"
    assert history["first_commit_time"] == "2026-01-05T10:00:00Z"
    assert history["last_commit_time"] == "2026-08-05T10:00:00Z"
    assert history["lifetime"] == {
        "commits": 8, "merges": 0, "bot_commits": 0, "contributors": 6, "contributors_unknown_organisation": 2,
        "organisations_count": 3,
        "organisations": [
            {"name": "ict.go.ke", "commits": 3, "share": 0.5, "contributors": 2},
            {"name": "serpro.gov.br", "commits": 2, "share": 0.3333, "contributors": 1},
            {"name": "digital.gov.uk", "commits": 1, "share": 0.1667, "contributors": 1},
        ],
        "unknown_organisation_commits": 2, "unknown_organisation_share": 0.25, "top_organisation_share": 0.5,
        "commits_per_organisation": [{"commits": 3, "members": 1}, {"commits": 2, "members": 1}, {"commits": 1, "members": 1}],
        "commits_per_contributor": [{"commits": 2, "members": 2}, {"commits": 1, "members": 4}],
    }
    # The built-in bundle's windows: 90 and 365 days, shortest first.
    # 90 days back from HEAD (2026-08-05): 2026-06-05 (the +03:00 commit is 07:00 UTC) and later.
    short, year = history["windows"]
    assert (short["days"], short["commits"], short["active_months"], short["version_tags"]) == (90, 3, 3, 0)
    assert [o["name"] for o in short["organisations"]] == ["digital.gov.uk", "ict.go.ke"]
    assert (year["days"], year["commits"], year["active_months"]) == (365, 8, 8)
    assert {k: v for k, v in year.items() if k not in ("days", "active_months", "version_tags")} == history["lifetime"]
    assert history["tags"]["count"] == 0 and history["tags"]["version_tags"] == 0


def test_no_address_or_name_in_the_facts(governments: Path) -> None:
    facts = collect_repository(governments)
    text, history = json.dumps(facts), json.dumps(facts["history"])
    for email, _ in ADDRESSES:
        assert email not in text
        assert f'"{email.split("@")[0]}' not in history
    assert "gmail" not in history and "noreply" not in history


def test_facts_are_the_same_for_the_same_commit(governments: Path) -> None:
    assert collect_repository(governments)["history"] == collect_repository(governments)["history"]


def test_mailmap_merges_identities(make_repo) -> None:
    repo = make_repo({}, commit=False)
    commit(repo, "ana@gmail.com", "2026-01-05T10:00:00+00:00", name="Ana")
    commit(repo, "ana@ict.go.ke", "2026-02-05T10:00:00+00:00", name="Ana")
    commit(repo, "ana@ict.go.ke", "2026-03-05T10:00:00+00:00", name="Ana")
    before = history_of(repo)["lifetime"]
    assert (before["contributors"], before["unknown_organisation_commits"]) == (2, 1)
    (repo / ".mailmap").write_text("Ana <ana@ict.go.ke> <ana@gmail.com>\n", encoding="utf-8")
    git(repo, "add", ".mailmap")
    commit(repo, "ana@ict.go.ke", "2026-04-05T10:00:00+00:00", name="Ana")
    history = history_of(repo)
    assert history["mailmap"] is True
    assert history["lifetime"]["contributors"] == 1
    assert history["lifetime"]["unknown_organisation_commits"] == 0
    assert history["lifetime"]["organisations"] == [{"name": "ict.go.ke", "commits": 4, "share": 1.0, "contributors": 1}]


def test_merges_and_bots_are_counted_apart(make_repo) -> None:
    repo = make_repo({}, commit=False)
    commit(repo, "ana@ict.go.ke", "2026-01-05T10:00:00+00:00")
    git(repo, "checkout", "-q", "-b", "feature")
    commit(repo, "49699333+dependabot[bot]@users.noreply.github.com", "2026-01-06T10:00:00+00:00", name="dependabot[bot]")
    commit(repo, "caio@serpro.gov.br", "2026-01-07T10:00:00+00:00")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", "merge", "feature", env={"GIT_COMMITTER_DATE": "2026-01-08T10:00:00+00:00", "GIT_AUTHOR_DATE": "2026-01-08T10:00:00+00:00"})
    lifetime = history_of(repo)["lifetime"]
    assert (lifetime["commits"], lifetime["merges"], lifetime["bot_commits"], lifetime["contributors"]) == (2, 1, 1, 2)
    assert lifetime["commits_per_organisation"] == [{"commits": 1, "members": 2}]  # one of two organisations reaches half


def test_tags_and_version_schemes(make_repo) -> None:
    repo = make_repo({}, commit=False)
    commit(repo, "ana@ict.go.ke", "2024-01-05T10:00:00+00:00")
    git(repo, "tag", "v1.0.0")
    commit(repo, "ana@ict.go.ke", "2025-09-05T10:00:00+00:00")
    git(repo, "tag", "-a", "v1.1.0", "-m", "release", env={"GIT_COMMITTER_DATE": "2025-09-06T10:00:00+00:00"})
    git(repo, "tag", "deployed")
    commit(repo, "ana@ict.go.ke", "2026-02-05T10:00:00+00:00")
    git(repo, "checkout", "-q", "-b", "side", "HEAD~1")
    commit(repo, "ana@ict.go.ke", "2026-02-06T10:00:00+00:00")
    git(repo, "tag", "v9.9.9")  # on a maintenance branch that main never reaches: still a release
    git(repo, "checkout", "-q", "main")
    assert history_of(repo)["tags"] == {
        "count": 4, "version_tags": 3,
        "schemes": {"semver": 3, "calver": 0, "numeric": 0, "other": 1},
        "latest_version_tag": {"name": "v9.9.9", "time": "2026-02-06T10:00:00Z"},
    }
    # Version tags younger than HEAD (2026-02-05) minus each window: v9.9.9 (created after HEAD) and v1.1.0.
    assert [(w["days"], w["version_tags"]) for w in history_of(repo)["windows"]] == [(90, 1), (365, 2)]


def test_windows_are_those_asked_for(governments: Path) -> None:
    # Each length once, shortest first; a window from HEAD minus 31 days holds August (one commit of 2026-08-05).
    windows = history_of(governments, history_windows=(365, 31, 31, 1000))["windows"]
    assert [(w["days"], w["commits"], w["active_months"]) for w in windows] == [(31, 1, 1), (365, 8, 8), (1000, 8, 8)]
    assert history_of(governments, history_windows=())["windows"] == []


def test_shallow_clone_is_reported(governments: Path, tmp_path: Path) -> None:
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{governments}", str(clone))
    facts = validate(collect_repository(clone))
    history = facts["history"]
    assert history["shallow"] is True and history["available"] is True
    assert history["commits_read"] == 1 and history["last_commit_time"] == "2026-08-05T10:00:00Z"
    assert {"source": "history", "code": "shallow-clone"}.items() <= next(p for p in facts["problems"] if p["source"] == "history").items()


def test_directory_without_git(make_repo) -> None:
    repo = make_repo({"README.md": "# x\n", "MAINTAINERS": "Ana <ana@ict.go.ke>\nCaio <caio@serpro.gov.br>\n"}, use_git=False)
    facts = validate(collect_repository(repo))
    assert facts["history"] == {
        "available": False, "reason": "no-git", "shallow": False, "commit_cap": 50000, "cap_reached": False,
        "mailmap": False, "affiliation_map": {"given": False, "entries": 0},
        "maintainers": {"files": ["MAINTAINERS"], "addresses": 2, "handles": 0, "organisations": ["ict.go.ke", "serpro.gov.br"], "unknown_organisation": 0},
        "git_dir": None,
    }
    assert [p for p in facts["problems"] if p["source"] == "history"] == []


def test_repository_without_commits(make_repo) -> None:
    repo = make_repo({"README.md": "# x\n"}, commit=False)
    history = history_of(repo)
    assert (history["available"], history["reason"]) == (False, "no-commits")


def test_commit_cap_is_recorded(make_repo, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo({}, commit=False)
    for month in range(1, 9):
        commit(repo, f"dev{month}@ict.go.ke", f"2026-{month:02d}-05T10:00:00+00:00")
    monkeypatch.setattr(history_collector, "MAX_COMMITS", 5)
    history = history_of(repo)
    assert (history["commit_cap"], history["cap_reached"], history["commits_read"], history["commits_total"]) == (5, True, 5, 8)
    assert history["first_commit_time"] == "2026-01-05T10:00:00Z"  # from the root commit, beyond the cap
    assert history["lifetime"]["commits"] == 5


def test_declared_maintainers_from_codeowners(make_repo) -> None:
    repo = make_repo({
        ".github/CODEOWNERS": "# owners\n* @kenya-ict/maintainers ana@eng.ict.go.ke\n/docs/ caio@serpro.gov.br @someone\n",
        "MAINTAINERS.md": "- Dana <dana@gmail.com>\n- Bot <dependabot[bot]@users.noreply.github.com>\n",
    })
    assert history_of(repo)["maintainers"] == {
        "files": [".github/CODEOWNERS", "MAINTAINERS.md"], "addresses": 3, "handles": 2,
        "organisations": ["ict.go.ke", "serpro.gov.br"], "unknown_organisation": 1,
    }


def test_affiliation_map_through_the_cli(governments: Path, tmp_path: Path) -> None:
    affiliations = tmp_path / "affiliations.yaml"
    affiliations.write_text(
        "dana@gmail.com: Ministry of ICT, Kenya\nict.go.ke: Ministry of ICT, Kenya\n12345+eve@users.noreply.github.com: SERPRO\nserpro.gov.br: SERPRO\n",
        encoding="utf-8",
    )
    code, facts = run_json("facts", governments, "--affiliations", affiliations)
    assert code == 0
    validate(facts)
    lifetime = facts["history"]["lifetime"]
    assert facts["history"]["affiliation_map"] == {"given": True, "entries": 4}
    assert lifetime["organisations"] == [
        {"name": "Ministry of ICT, Kenya", "commits": 4, "share": 0.5, "contributors": 3},
        {"name": "SERPRO", "commits": 3, "share": 0.375, "contributors": 2},
        {"name": "digital.gov.uk", "commits": 1, "share": 0.125, "contributors": 1},
    ]
    assert lifetime["unknown_organisation_commits"] == 0
    assert lifetime["commits_per_organisation"] == [{"commits": 4, "members": 1}, {"commits": 3, "members": 1}, {"commits": 1, "members": 1}]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"- a\n- b\n", "the affiliation map must map e-mail addresses or domains (strings) to organisation names (strings)"),
        (b"\x00\x01binary", "the affiliation map is not usable: file contains NUL bytes"),
        (b"a: &x [1]\n" + b"".join(b"k%d: *x\n" % i for i in range(200)), "the affiliation map is not usable"),
        (b"x" * (4 * 1024 * 1024 + 1), "the affiliation map is 4194305 bytes, over the 4194304-byte limit; not read"),
    ],
)
def test_unusable_affiliation_map_is_an_input_error(governments: Path, tmp_path: Path, content: bytes, message: str) -> None:
    affiliations = tmp_path / "affiliations.yaml"
    affiliations.write_bytes(content)
    result = run_dpgcheck("facts", governments, "--affiliations", affiliations)
    assert result.returncode == 2
    assert result.stderr.startswith(f"dpgcheck: error: {affiliations}: {message}")
    assert "Traceback" not in result.stderr


def test_missing_git_program_is_a_problem_not_a_crash(governments: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "no-programs"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    facts = validate(collect_repository(governments))
    history = facts["history"]
    assert (history["available"], history["reason"]) == (False, "git-unavailable")
    assert [(p["code"], p["message"]) for p in facts["problems"] if p["source"] == "history"] == [
        ("git-unavailable", "git is not installed; history not read")
    ]
