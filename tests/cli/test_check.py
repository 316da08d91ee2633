"""dpgcheck check end to end: exit codes, messages and bad input."""
from __future__ import annotations

import json
import os

import pytest

from tests.conftest import ENGINES, ROOT, run_dpgcheck, run_json

NOW = "2026-06-01T00:00:00Z"


@pytest.mark.parametrize("engine", ENGINES)
def test_compliant_example_passes(engine):
    result = run_dpgcheck("check", ROOT / "examples" / "compliant", "--engine", engine, "--now", NOW, in_process=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "verdict PASS" in result.stdout


@pytest.mark.parametrize("engine", ENGINES)
def test_non_compliant_example_fails_naming_the_file_to_add(engine):
    result = run_dpgcheck("check", ROOT / "examples" / "non-compliant", "--engine", engine, "--now", NOW, in_process=False)
    assert result.returncode == 1, result.stderr
    assert "license-file" in result.stdout
    assert "add LICENSE with the full text of an open licence" in result.stdout
    assert "verdict FAIL" in result.stdout


def test_fail_on_never_turns_findings_into_exit_0():
    result = run_dpgcheck("check", ROOT / "examples" / "non-compliant", "--fail-on", "never", "--now", NOW)
    assert result.returncode == 0
    assert "license-file" in result.stdout


def test_fail_on_warning_fails_on_warnings(make_repo):
    repo = make_repo({"README.md": "x", "LICENSE": "MIT License"})
    code, report = run_json("check", repo, "--format", "json", "--fail-on", "warning", "--now", NOW)
    assert code == 1
    assert report["fail_on"] == "warning"
    assert report["summary"]["by_severity"]["error"] == 0


def test_disable_and_severity_override_are_applied_by_the_policies():
    code, report = run_json(
        "check", ROOT / "examples" / "non-compliant", "--format", "json", "--now", NOW,
        "--severity", "license-file=warning", "--disable", "area:community",
    )
    rule_ids = {f["rule_id"] for f in report["findings"]}
    assert "license-file" in rule_ids
    assert not any(f["area"] == "community" for f in report["findings"])
    assert report["rules"]["license-file"]["severity"] == "warning"
    assert [f["severity"] for f in report["findings"] if f["rule_id"] == "license-file"] == ["warning"]


def test_json_report_is_versioned_and_names_the_commit(make_repo):
    repo = make_repo({"README.md": "x"})
    code, report = run_json("check", repo, "--format", "json", "--now", NOW)
    assert code == 1
    assert report["report_version"] == "1.1"
    assert report["tool"]["name"] == "dpgcheck"
    assert report["dpg_standard_version"] == "1.1.7"
    assert report["policy"]["bundles"] == ["dpgcheck"]
    assert len(report["subject"]["commit"]) == 40
    assert report["verdict"] == "fail"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "/nonexistent/dir"], "/nonexistent/dir: no such directory"),
        (["check", "--profile", "no-such-profile", str(ROOT / "examples" / "compliant")], 'unknown profile "no-such-profile"'),
        (["check", "--now", "yesterday", "."], "--now 'yesterday' is not an RFC 3339 time"),
        (["check", "--severity", "readme=loud", "."], "--severity 'readme=loud': write RULE-ID=error|warning|info|off"),
        (["check", "--bundle", "/nonexistent/bundle", "."], "/nonexistent/bundle: no such policy bundle directory"),
        (["check", "--engine", "opa", "--opa-url", "ftp://x", "."], "must look like http://host:8181"),
        (["check", "--facts", "/nonexistent.json"], "no such facts file"),
        (["check", "--severity", "securty-policy=error", str(ROOT / "examples" / "compliant")], 'unknown rule "securty-policy" in the severity options'),
        (["check", "--disable", "area:nope", str(ROOT / "examples" / "compliant")], '"area:nope" in the disabled options (--disable) selects no rule'),
    ],
)
def test_usage_errors_exit_2_with_one_line(args, message):
    result = run_dpgcheck(*args)
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert message in lines[0]
    assert "Traceback" not in result.stderr


def test_a_file_instead_of_a_directory_exits_2(tmp_path):
    target = tmp_path / "README.md"
    target.write_text("x")
    result = run_dpgcheck("check", target)
    assert result.returncode == 2
    assert result.stderr.strip() == f"dpgcheck: error: {target}: is a file, not a directory; give the repository's top directory (use --record for a DPG registry record)"


def test_profile_that_selects_nothing_is_an_error_not_a_pass(tmp_path):
    bundle = tmp_path / "empty-profile"
    (bundle / "dpgcheck" / "profiles" / "nothing").mkdir(parents=True)
    (bundle / "dpgcheck" / "profiles" / "nothing" / "data.json").write_text(json.dumps({"include": []}))
    result = run_dpgcheck("check", ROOT / "examples" / "compliant", "--bundle", bundle, "--profile", "nothing")
    assert result.returncode == 2
    assert 'no rule was evaluated: profile "nothing" selects no loaded rule' in result.stderr


def test_symlink_outside_and_bad_names_become_findings_not_crashes(make_repo, tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("outside-content-7d41")  # a marker no rule text contains
    repo = make_repo({"README.md": "x", "LICENSE": "MIT"}, use_git=False)
    os.symlink(outside, repo / "CONTRIBUTING.md")
    with open(os.path.join(os.fsencode(repo), b"\xff\xfe.md"), "wb") as handle:
        handle.write(b"x")
    code, report = run_json("check", repo, "--format", "json", "--now", NOW)
    problems = [f for f in report["findings"] if f["rule_id"] == "collection-problems"]
    assert [(f["location"], f["evidence"]["code"]) for f in problems] == [
        ({"path": "CONTRIBUTING.md"}, "symlink-outside"),
        ({"path": "\\xff\\xfe.md"}, "non-utf8-name"),
    ]
    assert "outside-content-7d41" not in json.dumps(report)


def test_saved_facts_give_the_same_decision(make_repo, tmp_path):
    repo = make_repo({"README.md": "x"})
    facts_file = tmp_path / "facts.json"
    assert run_dpgcheck("facts", repo, "-o", facts_file).returncode == 0
    _, direct = run_json("check", repo, "--format", "json", "--now", NOW)
    _, replayed = run_json("check", "--facts", facts_file, "--format", "json", "--now", NOW)
    assert replayed["findings"] == direct["findings"]
    assert replayed["verdict"] == direct["verdict"]


def test_broken_facts_file_exits_2(tmp_path):
    broken = tmp_path / "facts.json"
    broken.write_text("{not json")
    result = run_dpgcheck("check", "--facts", broken)
    assert result.returncode == 2
    assert "facts file is not valid JSON (line 1" in result.stderr


def test_output_file_is_written(tmp_path):
    out = tmp_path / "report.md"
    result = run_dpgcheck("check", ROOT / "examples" / "compliant", "--format", "markdown", "-o", out, "--now", NOW)
    assert result.returncode == 0
    assert result.stdout == ""
    assert out.read_text().startswith("## dpgcheck ✅ passed")


def test_broken_rule_in_a_bundle_is_a_user_error(tmp_path):
    bundle = tmp_path / "bad"
    (bundle / "rules" / "x" / "broken").mkdir(parents=True)
    (bundle / ".manifest").write_text('{"metadata": {"namespace": "xx"}}')
    (bundle / "rules" / "x" / "broken" / "rule.rego").write_text("package dpgcheck.rules.xx[\"xx.broken\"]\nfindings contains f if {\n")
    result = run_dpgcheck("check", ROOT / "examples" / "compliant", "--bundle", bundle)
    assert result.returncode == 2
    assert "rule package has no METADATA annotation" in result.stderr


def test_unexpected_exception_exits_3_with_a_bug_report(capsys):
    from dpgcheck.error_handler import error_handler

    with pytest.raises(SystemExit) as exit_info:
        with error_handler():
            raise RuntimeError("boom")
    assert exit_info.value.code == 3
    err = capsys.readouterr().err
    assert err.startswith("### dpgcheck internal error")
    assert "RuntimeError: boom" in err


def test_proprietary_licence_fails_the_procurement_minimum(make_repo):
    repo = make_repo({
        "LICENSE": "Copyright 2024 Acme Corp. All rights reserved.\nUnauthorized copying of this software is strictly prohibited.\n",
        "README.md": "# tool\n\nInstall with pip.\n",
        "SECURITY.md": "Report vulnerabilities privately to security@acme.example; we answer within 3 days.\n",
    })
    code, report = run_json("check", repo, "--profile", "procurement-minimum", "--format", "json", "--now", NOW)
    assert code == 1
    finding = next(f for f in report["findings"] if f["rule_id"] == "declared-license-open")
    assert finding["severity"] == "error"
    assert finding["outcome"] == "insufficient_evidence"
    assert finding["location"] == {"path": "LICENSE"}


def test_empty_licence_and_readme_are_findings(make_repo):
    repo = make_repo({"LICENSE": "", "README.md": "", "package.json": '{"name": "x", "license": "MIT"}'})
    code, report = run_json("check", repo, "--format", "json", "--now", NOW)
    assert code == 1
    messages = {f["rule_id"]: f["message"] for f in report["findings"] if f["rule_id"] in ("license-file", "readme")}
    assert messages == {
        "license-file": "LICENSE is empty: put the full text of the project's licence in it",
        "readme": "README.md is empty: describe what the project does and how to install and run it",
    }


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"facts_version": 1}, "not a valid facts document at $"),
        ({"facts_version": "1.0", "subject": {"kind": "repository"}, "problems": [], "files": {"count": 1}}, "not a valid facts document at $.files"),
    ],
)
def test_incomplete_facts_file_is_refused_not_passed(tmp_path, document, message):
    facts_file = tmp_path / "facts.json"
    facts_file.write_text(json.dumps(document))
    result = run_dpgcheck("check", "--facts", facts_file)
    assert result.returncode == 2
    assert message in result.stderr


@pytest.mark.parametrize("engine", ENGINES)
def test_decision_refuses_input_that_is_not_facts(engine):
    """What an OPA user posting the wrong document gets: an error, not a pass."""
    from dpgcheck.bundle.loader import load_policies
    from dpgcheck.engine.factory import open_engine

    decision = open_engine(engine, load_policies()).query("data.dpgcheck.decision.main", {"repository": {}})
    assert decision["verdict"] == "error"
    assert decision["errors"] == [
        'the input is not a dpgcheck facts document of a supported version (facts_version null; supported: {"1.0", "1.1", "2.0", "3.0"})'
    ]


def test_bug_report_hides_the_opa_token():
    from dpgcheck.error_handler import redacted_command

    assert redacted_command(["dpgcheck", "check", "--opa-token", "s3cret", "--opa-token=other", "."]) == (
        "dpgcheck check --opa-token *** --opa-token=*** ."
    )
