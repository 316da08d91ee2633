"""Every judgement moved out of Python (issue 10) is set by a bundle's data: change it, the verdict moves.

Each case builds a real repository (real git, real files), collects its facts once with the
real CLI, and judges them twice on the same engine: with the built-in bundle alone and with an
overlay bundle (a directory built here: ``.manifest`` with a namespace and
``dpgcheck/config/data.json`` setting one threshold). The rule's status (or, for the tag
scheme, which only describes a finding, the finding's evidence) must differ, on regorus and on
OPA's Go engine.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ENGINES, ROOT, git, run_dpgcheck, run_json
from tests.history.helpers import commit

NOW = "2026-11-25T00:00:00Z"
CORPUS = ROOT / "tests" / "licensing" / "corpus" / "files"


def overlay(tmp_path: Path, name: str, data: dict[str, Any], where: str = "config") -> Path:
    bundle = tmp_path / f"overlay-{name}"
    (bundle / "dpgcheck" / where).mkdir(parents=True)
    (bundle / ".manifest").write_text(json.dumps({"revision": "r1", "metadata": {"namespace": "gov"}}), encoding="utf-8")
    (bundle / "dpgcheck" / where / "data.json").write_text(json.dumps(data), encoding="utf-8")
    return bundle


def facts_file(repo: Path, tmp_path: Path) -> Path:
    code, facts = run_json("facts", repo)
    assert code == 0
    assert facts["facts_version"] == "3.0"
    path = tmp_path / f"{repo.name}.facts.json"
    path.write_text(json.dumps(facts), encoding="utf-8")
    return path


def judged(facts: Path, engine: str, *bundles: Path) -> dict[str, Any]:
    extra = [arg for bundle in bundles for arg in ("--bundle", str(bundle))]
    code, report = run_json("check", "--facts", facts, "--now", NOW, "--format", "json", "--fail-on", "never", "--engine", engine, *extra)
    assert code == 0, report
    return report


@pytest.fixture(scope="module")
def built_in(tmp_path_factory: pytest.TempPathFactory):
    """``judged(facts, engine)`` with the built-in bundle alone, once per facts file and engine for the whole module."""
    reports: dict[tuple[Path, str], dict[str, Any]] = {}

    def _judged(facts: Path, engine: str) -> dict[str, Any]:
        if (facts, engine) not in reports:
            reports[facts, engine] = judged(facts, engine)
        return json.loads(json.dumps(reports[facts, engine]))  # each test gets its own copy

    return _judged


def status(report: dict[str, Any], rule: str) -> str:
    return report["rules"][rule]["status"]


def evidence(report: dict[str, Any], rule: str) -> list[dict[str, Any]]:
    return [f["evidence"] for f in report["findings"] if f["rule_id"] == rule]


# --- git history: elephant factor, contributor absence factor, tag scheme ----------------------


@pytest.fixture(scope="module")
def history_facts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("history")
    repo = base / "three-governments"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    # 12 commits in January 2026: ana (ict.go.ke) 6, caio (serpro.gov.br) 3, finn (digital.gov.uk) 3.
    people = ["ana@ict.go.ke"] * 6 + ["caio@serpro.gov.br"] * 3 + ["finn@digital.gov.uk"] * 3
    for day, email in enumerate(people, start=1):
        commit(repo, email, f"2026-01-{day:02d}T10:00:00+00:00")
    # Four semantic versions and one calendar version: 80 % semver.
    for tag in ("v1.0.0", "v1.1.0", "v1.2.0", "v2.0.0", "2026.11"):
        git(repo, "tag", tag)
    return facts_file(repo, base)


@pytest.mark.parametrize("engine", ENGINES)
def test_elephant_factor_share_is_bundle_data(history_facts: Path, built_in, tmp_path: Path, engine: str) -> None:
    # One organisation makes exactly half of the commits: the factor is 1 at a share of one half ...
    base = built_in(history_facts, engine)
    assert status(base, "elephant-factor") == "warn"
    assert [e["elephant_factor"] for e in evidence(base, "elephant-factor")] == [1]
    # ... and 2 when a bundle asks for 60 % of the work.
    stricter = overlay(tmp_path, "elephant", {"thresholds": {"elephant_factor_share": 0.6}})
    assert status(judged(history_facts, engine, stricter), "elephant-factor") == "pass"


@pytest.mark.parametrize("engine", ENGINES)
def test_absence_factor_share_is_bundle_data(history_facts: Path, built_in, tmp_path: Path, engine: str) -> None:
    assert status(built_in(history_facts, engine), "contributor-absence-factor") == "warn"
    stricter = overlay(tmp_path, "absence", {"thresholds": {"absence_factor_share": 0.6}})
    assert status(judged(history_facts, engine, stricter), "contributor-absence-factor") == "pass"


@pytest.mark.parametrize("engine", ENGINES)
def test_tag_scheme_share_is_bundle_data(history_facts: Path, tmp_path: Path, engine: str) -> None:
    # The scheme describes the release-tags finding (it decides no status): ask for more tags so
    # that there is a finding, then see the scheme it reports move with the share.
    more_tags = overlay(tmp_path, "tags", {"thresholds": {"min_release_tags": 10}})
    assert [e["scheme"] for e in evidence(judged(history_facts, engine, more_tags), "release-tags")] == ["semver"]
    mixed = overlay(tmp_path, "tags-mixed", {"thresholds": {"min_release_tags": 10, "tag_scheme_min_share": 0.9}})
    assert [e["scheme"] for e in evidence(judged(history_facts, engine, mixed), "release-tags")] == ["mixed"]


# --- the lengths of the history windows ----------------------------------------------------


@pytest.fixture(scope="module")
def windowed_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three governments over the year up to HEAD (2026-06-30), but only one in its last 60 days."""
    repo = tmp_path_factory.mktemp("windows") / "three-governments-one-recently"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    for day in range(1, 5):
        commit(repo, "caio@serpro.gov.br", f"2026-01-{day:02d}T10:00:00+00:00")
    for day in range(1, 5):
        commit(repo, "finn@digital.gov.uk", f"2026-02-{day:02d}T10:00:00+00:00")
    for day in range(27, 31):
        commit(repo, "ana@ict.go.ke", f"2026-06-{day:02d}T10:00:00+00:00")
    return repo


def checked(repo: Path, engine: str, *bundles: Path) -> dict[str, Any]:
    """Collect and judge in one run, as a user does: the facts count the windows the bundles name."""
    extra = [arg for bundle in bundles for arg in ("--bundle", str(bundle))]
    code, report = run_json("check", repo, "--now", NOW, "--format", "json", "--fail-on", "never", "--engine", engine, *extra)
    assert code == 0, report
    return report


@pytest.mark.parametrize("engine", ENGINES)
def test_history_window_length_is_bundle_data(windowed_repo: Path, tmp_path: Path, engine: str) -> None:
    # Over 365 days the three organisations each made a third of the commits: elephant factor 2.
    assert status(checked(windowed_repo, engine), "elephant-factor") == "pass"
    # A bundle that makes the stewardship window 60 days long sees one organisation only.
    short = overlay(tmp_path, "window", {"thresholds": {"history_windows": {"last_12_months": 60}}})
    report = checked(windowed_repo, engine, short)
    assert status(report, "elephant-factor") == "warn"
    assert evidence(report, "elephant-factor") == [{
        "window": "last_12_months", "elephant_factor": 1, "min_elephant_factor": 2, "elephant_factor_share": 0.5,
        "organisations": [{"name": "ict.go.ke", "share": 1}], "commits": 4,
    }]
    # Facts counted for the built-in bundle's windows (90 and 365 days) cannot answer it: not a pass.
    default_facts = facts_file(windowed_repo, tmp_path)
    report = judged(default_facts, engine, short)
    assert status(report, "elephant-factor") == "insufficient_evidence"
    assert evidence(report, "elephant-factor") == [{"window": "last_12_months", "days": 60, "facts_window_days": [90, 365]}]
    # `dpgcheck facts --bundle` counts the bundle's windows for a judge that loads it (an OPA server).
    code, facts = run_json("facts", windowed_repo, "--bundle", short)
    assert code == 0
    assert [(w["days"], w["commits"], w["organisations_count"]) for w in facts["history"]["windows"]] == [(60, 4, 1), (90, 4, 1)]
    saved = tmp_path / "short.facts.json"
    saved.write_text(json.dumps(facts), encoding="utf-8")
    assert status(judged(saved, engine, short), "elephant-factor") == "warn"


@pytest.mark.parametrize("engine", ENGINES)
def test_a_profile_adds_a_window_and_a_rule_uses_it(windowed_repo: Path, tmp_path: Path, engine: str) -> None:
    # A profile of its own names a 150-day window (February to June) for the activity rule.
    profile = {"title": "Active in the last 150 days", "include": ["*"], "exclude": [], "severity": {},
               "thresholds": {"history_windows": {"last_150_days": 150}, "activity_window": "last_150_days", "min_commits_last_12_months": 9}}
    bundle = overlay(tmp_path, "profile", profile, where="profiles/gov-active")
    assert status(checked(windowed_repo, engine), "actively-maintained") == "pass"  # 12 commits in 365 days, 12 expected
    # Without the profile the window is not used, but it is counted: the collector cannot know the profile.
    assert status(checked(windowed_repo, engine, bundle), "actively-maintained") == "pass"
    code, report = run_json("check", windowed_repo, "--now", NOW, "--format", "json", "--fail-on", "never",
                            "--engine", engine, "--bundle", bundle, "--profile", "gov-active")
    assert code == 0
    assert status(report, "actively-maintained") == "warn"
    assert evidence(report, "actively-maintained") == [{
        "window": "last_150_days", "commits_last_12_months": 8, "min_commits_last_12_months": 9,
        "last_commit_time": "2026-06-30T10:00:00Z", "shallow": False,
    }]


def as_facts_2_0(facts: dict[str, Any]) -> dict[str, Any]:
    """The same observations in the shape a dpgcheck of facts 2.0 wrote: two fixed windows."""
    history = dict(facts["history"])
    windows = {w["days"]: {k: v for k, v in w.items() if k not in ("days", "active_months", "version_tags")} for w in history.pop("windows")}
    year = next(w for w in facts["history"]["windows"] if w["days"] == 365)
    history.update(last_90_days=windows[90], last_12_months=windows[365], active_months_last_12_months=year["active_months"])
    history["tags"] = {**history["tags"], "version_tags_last_12_months": year["version_tags"]}
    return {**facts, "facts_version": "2.0", "history": history}


@pytest.mark.parametrize("engine", ENGINES)
def test_facts_2_0_are_judged_by_their_fixed_windows(windowed_repo: Path, tmp_path: Path, engine: str) -> None:
    current = facts_file(windowed_repo, tmp_path)
    old = tmp_path / "facts-2.0.json"
    old.write_text(json.dumps(as_facts_2_0(json.loads(current.read_text(encoding="utf-8")))), encoding="utf-8")
    new_report, old_report = judged(current, engine), judged(old, engine)
    assert old_report["facts_version"] == "2.0"
    assert {k: r["status"] for k, r in old_report["rules"].items()} == {k: r["status"] for k, r in new_report["rules"].items()}
    assert old_report["findings"] == new_report["findings"]
    # A bundle asking for a window a 2.0 document cannot have: insufficient evidence, not a pass.
    short = overlay(tmp_path, "window", {"thresholds": {"history_windows": {"last_12_months": 60}}})
    assert evidence(judged(old, engine, short), "elephant-factor") == [{"window": "last_12_months", "days": 60, "facts_window_days": [90, 365]}]


def test_a_window_that_is_not_a_number_of_days_is_an_input_error(windowed_repo: Path, tmp_path: Path) -> None:
    bad = overlay(tmp_path, "bad", {"thresholds": {"history_windows": {"last_year": "365"}}})
    result = run_dpgcheck("check", windowed_repo, "--bundle", bad)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1].endswith(
        "data.dpgcheck.config.thresholds.history_windows.last_year must be a whole number of days from 1 to 36525, not '365'")


# --- REUSE adoption -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tagged_facts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """SPDX headers in two files (one of them invalid), but no LICENSES/, REUSE.toml or dep5."""
    base = tmp_path_factory.mktemp("reuse")
    repo = base / "tagged"
    (repo / "src").mkdir(parents=True)
    (repo / "src" / "a.py").write_text("# SPDX-License-Identifier: MIT\nprint('a')\n", encoding="utf-8")
    (repo / "src" / "b.py").write_text("# SPDX-License-Identifier: MIT OR (\nprint('b')\n", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "initial")
    return facts_file(repo, base)


@pytest.mark.parametrize("engine", ENGINES)
def test_reuse_adoption_signals_are_bundle_data(tagged_facts: Path, built_in, tmp_path: Path, engine: str) -> None:
    assert status(built_in(tagged_facts, engine), "reuse-header-valid") == "not_applicable"
    headers = overlay(tmp_path, "headers", {"thresholds": {"reuse_adoption_signals": ["licenses_dir", "file_headers"]}})
    assert status(judged(tagged_facts, engine, headers), "reuse-header-valid") == "warn"


@pytest.mark.parametrize("engine", ENGINES)
def test_reuse_adoption_min_header_files_is_bundle_data(tagged_facts: Path, tmp_path: Path, engine: str) -> None:
    two = overlay(tmp_path, "two", {"thresholds": {"reuse_adoption_signals": ["file_headers"], "reuse_adoption_min_header_files": 2}})
    assert status(judged(tagged_facts, engine, two), "reuse-header-valid") == "warn"
    three = overlay(tmp_path, "three", {"thresholds": {"reuse_adoption_signals": ["file_headers"], "reuse_adoption_min_header_files": 3}})
    assert status(judged(tagged_facts, engine, three), "reuse-header-valid") == "not_applicable"


# --- what licence files say together ------------------------------------------------------------


@pytest.fixture(scope="module")
def licensed_repo(tmp_path_factory: pytest.TempPathFactory):
    """``licensed_repo(name, files, declared)``: the facts file of a repository with those licence files; built once for both engines."""
    base = tmp_path_factory.mktemp("licensed")
    made: dict[str, tuple[dict[str, str], str, Path]] = {}

    def _licensed(name: str, files: dict[str, str], declared: str) -> Path:
        if name not in made:
            made[name] = (files, declared, _licensed_repo(base, name, files, declared))
        assert made[name][:2] == (files, declared), f"{name} was built with other files"
        return made[name][2]

    return _licensed


def _licensed_repo(base: Path, name: str, files: dict[str, str], declared: str) -> Path:
    repo = base / name
    repo.mkdir()
    for path, corpus in files.items():
        (repo / path).write_text((CORPUS / corpus).read_text(encoding="utf-8"), encoding="utf-8")
    (repo / "pyproject.toml").write_text(f'[project]\nname = "{name}"\nlicense = "{declared}"\n', encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "initial")
    return facts_file(repo, base)


@pytest.mark.parametrize("engine", ENGINES)
def test_or_later_notice_widening_is_bundle_data(licensed_repo, tmp_path: Path, engine: str) -> None:
    # The GPL text plus an "or any later version" notice say -or-later; the declaration says -only.
    facts = licensed_repo("gpl", {"COPYING": "gpl-3.0.debian.txt", "LICENSE": "gpl-3.0-or-later.notice.txt"}, "GPL-3.0-only")
    problems = [e.get("problem") for e in evidence(judged(facts, engine), "license-mismatch")]
    assert "only-vs-or-later" in problems
    literal = overlay(tmp_path, "literal", {"thresholds": {"license_or_later_notice_widens": False}})
    assert "only-vs-or-later" not in [e.get("problem") for e in evidence(judged(facts, engine, literal), "license-mismatch")]


@pytest.mark.parametrize("engine", ENGINES)
def test_incorporated_texts_are_bundle_data(licensed_repo, tmp_path: Path, engine: str) -> None:
    # COPYING (GPL-3.0) beside COPYING.LESSER (LGPL-3.0), as the LGPL asks: the project is LGPL-3.0.
    facts = licensed_repo("lgpl", {"COPYING": "gpl-3.0.debian.txt", "COPYING.LESSER": "lgpl-3.0.debian.txt"}, "LGPL-3.0-only")
    assert status(judged(facts, engine), "license-mismatch") == "pass"
    separate = overlay(tmp_path, "separate", {"thresholds": {"license_texts_incorporated": []}})
    assert status(judged(facts, engine, separate), "license-mismatch") == "warn"


# --- which DPGA schema errors are reported --------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_ignored_dpga_schema_errors_are_bundle_data(tmp_path: Path, engine: str) -> None:
    # GPL-3.0-or-later is a good SPDX id, but not in the nominee schema's licence enum of 2020-22.
    repo = tmp_path / "registry-candidate"
    repo.mkdir()
    (repo / "dpg.yaml").write_text(
        "name: Example Health Registry\ndescription: A registry of health facilities\n"
        "license:\n  - spdx: GPL-3.0-or-later\n    licenseURL: https://example.org/LICENSE\n"
        "SDGs:\n  - SDGNumber: 3\n    evidenceText: Helps ministries plan health services\n"
        "type: [software]\norganizations:\n  - name: Example Ministry\n    org_type: owner\n"
        "stage: nominee\nreleased: 2024-05-01\n", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "initial")
    facts = facts_file(repo, tmp_path)
    # The facts keep the error; the built-in bundle's dpga_schema_ignored_errors says not to report it.
    assert [(e["path"], e["keyword"]) for e in json.loads(facts.read_text(encoding="utf-8"))["dpg"]["errors"]] == [("$.license[0].spdx", "enum")]
    assert status(judged(facts, engine), "dpg-record-schema") == "pass"
    strict = overlay(tmp_path, "strict-schema", {"thresholds": {"dpga_schema_ignored_errors": []}})
    report = judged(facts, engine, strict)
    assert status(report, "dpg-record-schema") == "warn"
    assert [f["message"] for f in report["findings"] if f["rule_id"] == "dpg-record-schema"] == [
        "nominee record $.license[0].spdx: a 16-character string is not one of the 133 allowed values"]


# --- titles of indicators and areas -------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_an_overlay_retitles_an_indicator_and_names_an_area(tmp_path: Path, engine: str) -> None:
    repo = tmp_path / "bare"
    repo.mkdir()
    (repo / "README.md").write_text("# bare\n", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "initial")
    facts = facts_file(repo, tmp_path)
    base = judged(facts, engine)
    assert base["titles"]["indicators"]["2"] == "Use of approved open licenses"
    titles = overlay(tmp_path, "titles", {"indicators": {"2": "Licensed openly (national wording)"}, "areas": {"gov_extra": "National extras"}}, where="titles")
    report = judged(facts, engine, titles)
    assert report["titles"]["indicators"]["2"] == "Licensed openly (national wording)"
    assert report["titles"]["areas"]["gov_extra"] == "National extras"
    assert report["titles"]["areas"]["licensing"] == "Licensing"
    result = run_dpgcheck("check", "--facts", facts, "--now", NOW, "--fail-on", "never", "--engine", engine, "--bundle", titles)
    assert result.returncode == 0, result.stderr
    assert "DPG indicator 2: Licensed openly (national wording)" in result.stdout
