"""The security rules and the Scorecard-shaped view through the real CLI, on repositories
written to show each dangerous pattern and its safe twin, and on real DPG CI files."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import ENGINES, ROOT, git, run_json

NOW = "2026-06-01T00:00:00Z"
SHA = "b4ffde65f46336ab88eb53be808477a3936bae11"
DIGEST = "sha256:" + "ab" * 32
REAL = ROOT / "tests" / "data" / "security" / "real"

DANGEROUS = {
    ".github/workflows/pr.yml": (
        "on: pull_request_target\n"            # 1
        "permissions: write-all\n"             # 2
        "jobs:\n"                              # 3
        "  build:\n"                           # 4
        "    runs-on: ubuntu-latest\n"         # 5
        "    steps:\n"                         # 6
        "      - uses: actions/checkout@v4\n"  # 7
        "        with:\n"                      # 8
        "          ref: ${{ github.event.pull_request.head.ref }}\n"  # 9
        "      - run: echo \"${{ github.event.pull_request.title }}\"\n"  # 10
        "      - run: curl -sSL https://get.example.org | sh\n"  # 11
    ),
    ".github/workflows/ci.yml": "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: someone/setup@main\n",
    "Dockerfile": "FROM node:20\nRUN npm ci\n",
    "bin/helper": b"\x7fELF\x02\x01\x01" + b"\0" * 57,
    "tests/data/fixture.class": b"\xca\xfe\xba\xbe\x00\x00\x00\x3d" + b"\0" * 56,
}

SAFE = {
    ".github/workflows/pr.yml": (
        "on: pull_request\n"
        "permissions: read-all\n"
        "jobs:\n"
        "  build:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        f"      - uses: actions/checkout@{SHA} # v4\n"
        "        with:\n"
        "          ref: ${{ github.event.pull_request.head.ref }}\n"
        "      - env:\n"
        "          TITLE: ${{ github.event.pull_request.title }}\n"
        "        run: echo \"$TITLE\"\n"
        "      - run: curl -sSLo get.sh https://get.example.org && sha256sum -c get.sh.sha256 && sh get.sh\n"
    ),
    ".github/workflows/ci.yml": f"on: push\npermissions:\n  contents: read\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: someone/setup@{SHA}\n",
    "Dockerfile": f"FROM node:20@{DIGEST}\nRUN npm ci\n",
    ".github/dependabot.yml": "version: 2\nupdates:\n  - package-ecosystem: github-actions\n    directory: /\n    schedule: {interval: weekly}\n",
    "fuzz/parse_test.go": "package fuzz\n\nimport \"testing\"\n\nfunc FuzzParse(f *testing.F) {}\n",
}


def security_findings(report: dict) -> list[tuple[str, str, str | None, int | None]]:
    return sorted(
        (f["rule_id"], f["severity"], (f["location"] or {}).get("path"), (f["location"] or {}).get("line"))
        for f in report["findings"] if f["area"] == "security"
    )


def report_schema() -> dict:
    return json.loads((ROOT / "dpgcheck" / "schemas" / "report.schema.json").read_text())


def check(repo: Path, *extra: str) -> tuple[int, dict]:
    code, report = run_json("check", "--format", "json", "--profile", "security-posture", "--now", NOW, *extra, repo)
    jsonschema.Draft202012Validator(report_schema()).validate(report)
    return code, report


@pytest.mark.parametrize("engine", ENGINES)
def test_dangerous_patterns_each_give_a_finding_at_file_and_line(make_repo, engine):
    code, report = check(make_repo(DANGEROUS), "--engine", engine)
    assert code == 1  # dangerous-workflow is an error
    assert security_findings(report) == [
        ("binary-artifacts", "warning", "bin/helper", None),
        ("binary-artifacts-set-apart", "info", "tests/data/fixture.class", None),
        ("dangerous-workflow", "error", ".github/workflows/pr.yml", 9),
        ("dangerous-workflow", "error", ".github/workflows/pr.yml", 10),
        ("dependency-update-tool", "warning", None, None),
        ("download-then-execute", "warning", ".github/workflows/pr.yml", 11),
        ("fuzzing", "info", None, None),
        ("pinned-actions", "warning", ".github/workflows/ci.yml", 6),
        ("pinned-actions", "warning", ".github/workflows/pr.yml", 7),
        ("pinned-container-images", "warning", "Dockerfile", 1),
        ("token-permissions", "warning", ".github/workflows/ci.yml", 1),
        ("token-permissions", "warning", ".github/workflows/pr.yml", 2),
    ]
    messages = {f["message"] for f in report["findings"] if f["rule_id"] == "dangerous-workflow"}
    assert messages == {
        ".github/workflows/pr.yml checks out pull request code (ref: ${{ github.event.pull_request.head.ref }}) in a workflow started by pull_request_target, which runs with the repository's secrets and write token",
        ".github/workflows/pr.yml pastes ${{ github.event.pull_request.title }}, text an outsider controls, into a run script (job build): pass it through an environment variable instead",
    }
    scores = {c["name"]: c["score"] for c in report["scorecard"]["checks"]}
    assert scores == {
        "Binary-Artifacts": 8,  # two binaries (Scorecard counts test fixtures too)
        "Dangerous-Workflow": 0,
        "Dependency-Update-Tool": 0,
        "Fuzzing": 0,
        "License": 0,
        "Maintained": 0,  # first commit less than 90 days before the head
        # actions: 0/1 GitHub-owned (weight 2) + 0/1 third-party (weight 8); Dockerfile 0/1; one download
        "Pinned-Dependencies": 0,
        "SBOM": 0,
        "Token-Permissions": 0,  # write-all at the top and an undeclared job elsewhere
    }



@pytest.mark.parametrize("engine", ENGINES)
def test_a_run_that_shows_no_scorecard_view_decides_the_same_without_it(make_repo, engine):
    from dpgcheck.bundle.loader import load_policies
    from dpgcheck.collect.facts import collect_repository
    from dpgcheck.engine.shared import shared_engine
    from dpgcheck.evaluate import RunOptions, decide

    facts = collect_repository(make_repo(DANGEROUS))
    policies = shared_engine(engine, load_policies())
    full = decide(policies, facts, RunOptions(now=NOW, profile="security-posture"))
    without = decide(policies, facts, RunOptions(now=NOW, profile="security-posture", scorecard=False))
    assert full["scorecard"]["checks"] and without["scorecard"] is None
    assert {k: v for k, v in without.items() if k != "scorecard"} == {k: v for k, v in full.items() if k != "scorecard"}


def test_only_the_json_report_asks_for_the_scorecard_view(tmp_path):
    from dpgcheck.collect.options import CollectOptions
    from dpgcheck.commands.check import CheckRequest, run_options
    from dpgcheck.engine.opa_options import OpaServerOptions
    from dpgcheck.evaluate import RunOptions
    from dpgcheck.vocabulary import FORMATS

    def asked(output_format: str | None) -> bool:
        request = CheckRequest(path=tmp_path, record=None, screening=None, facts_file=None, engine="regorus", output_format=output_format,
                               output=None, bundles=(), builtin=True, run=RunOptions(profile="security-posture"), collect=CollectOptions(),
                               opa=OpaServerOptions())
        options = run_options(request)
        assert options.profile == "security-posture"
        return options.scorecard

    assert {fmt: asked(fmt) for fmt in (None, *FORMATS)} == {fmt: fmt == "json" for fmt in (None, *FORMATS)}
    assert RunOptions(scorecard=False).as_input() == {"scorecard": False} and RunOptions().as_input() == {}

def test_safe_twins_give_no_security_finding(make_repo):
    code, report = check(make_repo(SAFE))
    assert security_findings(report) == []
    scores = {c["name"]: c["score"] for c in report["scorecard"]["checks"]}
    assert {k: scores[k] for k in ("Binary-Artifacts", "Dangerous-Workflow", "Dependency-Update-Tool", "Fuzzing", "Pinned-Dependencies", "Token-Permissions")} == {
        "Binary-Artifacts": 10, "Dangerous-Workflow": 10, "Dependency-Update-Tool": 10, "Fuzzing": 10, "Pinned-Dependencies": 10, "Token-Permissions": 10,
    }


def test_thresholds_are_bundle_data(make_repo, tmp_path):
    bundle = tmp_path / "gov"
    (bundle / "dpgcheck" / "config").mkdir(parents=True)
    (bundle / "dpgcheck" / "config" / "data.json").write_text(json.dumps({"thresholds": {"min_pinned_action_share": 0.5}}))
    files = dict(SAFE)
    files[".github/workflows/ci.yml"] = files[".github/workflows/ci.yml"] + "      - uses: other/tool@v1\n"
    repo = make_repo(files)
    _, strict = check(repo)
    assert [f[0] for f in security_findings(strict)] == ["pinned-actions"]
    _, relaxed = check(repo, "--bundle", bundle)
    assert security_findings(relaxed) == []


def test_procurement_profile_includes_the_security_posture(make_repo):
    code, report = run_json("check", "--format", "json", "--profile", "procurement-minimum", "--now", NOW, make_repo(DANGEROUS))
    assert {"dangerous-workflow", "token-permissions", "pinned-actions", "binary-artifacts", "fuzzing"} <= set(report["rules"])
    assert report["verdict"] == "fail"


def copy_real(name: str, tmp_path: Path) -> Path:
    repo = tmp_path / name
    shutil.copytree(REAL / name, repo)
    for stored in repo.rglob("Dockerfile*.txt"):
        stored.rename(stored.with_name(stored.name[: -len(".txt")]))
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "import")
    return repo


REAL_FINDINGS = {
    "dhis2-core": [
        ("dangerous-workflow", "error", ".github/workflows/run-api-tests.yml", 64),
        ("fuzzing", "info", None, None),
        *[("pinned-actions", "warning", ".github/workflows/analyse-pr.yml", line) for line in (43, 48)],
        ("pinned-actions", "warning", ".github/workflows/dependabot.yml", 17),
        *[("pinned-actions", "warning", ".github/workflows/run-api-tests.yml", line) for line in (41, 43, 51, 103, 115, 130)],
        *[("pinned-actions", "warning", ".github/workflows/run-auth-idp-tests.yml", line) for line in (32, 35, 82, 98)],
        ("pinned-actions", "warning", ".github/workflows/stale-prs.yml", 13),
        *[("pinned-container-images", "warning", "dhis-2/dhis-test-performance/docker/Dockerfile.postgres", line) for line in (8, 22, 45)],
        ("token-permissions", "warning", ".github/workflows/dependabot.yml", 6),
        ("token-permissions", "warning", ".github/workflows/run-auth-idp-tests.yml", 1),
        ("token-permissions", "warning", ".github/workflows/stale-prs.yml", 6),
    ],
    "fineract": [
        ("fuzzing", "info", None, None),
        ("pinned-container-images", "warning", ".github/workflows/build-mariadb.yml", 12),
        ("pinned-container-images", "warning", ".github/workflows/build-mariadb.yml", 20),
    ],
    "mosip-commons": [
        ("dependency-update-tool", "warning", None, None),
        ("fuzzing", "info", None, None),
        ("pinned-actions", "warning", ".github/workflows/db-test.yml", 35),
        *[("pinned-actions", "warning", ".github/workflows/push-trigger.yml", line) for line in (26, 40, 54, 90)],
        ("pinned-container-images", "warning", "kernel/kernel-config-server/Dockerfile", 1),
        ("token-permissions", "warning", ".github/workflows/db-test.yml", 1),
        ("token-permissions", "warning", ".github/workflows/push-trigger.yml", 1),
    ],
}


@pytest.mark.parametrize("name", sorted(REAL_FINDINGS))
def test_real_dpg_ci_files(name, tmp_path):
    _, report = check(copy_real(name, tmp_path))
    assert security_findings(report) == sorted(REAL_FINDINGS[name])


def test_real_dhis2_script_injection_is_the_branch_name_in_a_run_script():
    line = (REAL / "dhis2-core" / ".github/workflows/run-api-tests.yml").read_text().splitlines()[63]
    assert "DHIS2_BUILD_BRANCH=${{github.head_ref}}" in line
