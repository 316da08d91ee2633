"""JUnit timing and warnings, the GitHub job summary, the JSON report's ids and clock."""
from __future__ import annotations

import json
from xml.etree import ElementTree as ET

from tests.conftest import ROOT, run_dpgcheck

NOW = "2026-06-01T00:00:00Z"
NON_COMPLIANT = ROOT / "examples" / "non-compliant"


def test_junit_has_times_and_tells_warnings_from_passes(tmp_path):
    result = run_dpgcheck("check", NON_COMPLIANT, "--format", "junit", "--now", NOW)
    assert result.returncode == 1
    root = ET.fromstring(result.stdout)
    suite = root.find("testsuite")
    assert float(root.get("time")) > 0
    assert suite.get("time") == root.get("time")
    cases = {c.get("name").split(":")[0]: c for c in suite.findall("testcase")}

    def status(rule_id: str) -> str:
        return cases[rule_id].find("properties/property[@name='dpgcheck.status']").get("value")

    assert status("license-file") == "failure"
    assert cases["license-file"].find("failure") is not None
    assert status("changelog-maintained") == "warning"
    assert cases["changelog-maintained"].find("failure") is None
    assert cases["changelog-maintained"].find("system-out").text.startswith("WARNING: passes below --fail-on error, with findings\n")
    passed = [rule_id for rule_id, case in cases.items() if status(rule_id) == "pass"]
    assert passed and all(cases[r].find("system-out") is None and cases[r].find("failure") is None for r in passed)
    warned = sum(1 for rule_id in cases if status(rule_id) in ("warning", "error"))
    assert suite.find("properties/property[@name='dpgcheck.warnings']").get("value") == str(warned)


def test_github_format_writes_the_markdown_summary_to_the_job_summary(tmp_path):
    summary = tmp_path / "step_summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    result = run_dpgcheck("check", NON_COMPLIANT, "--format", "github", "--now", NOW, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 1
    assert "::error " in result.stdout
    markdown = run_dpgcheck("check", NON_COMPLIANT, "--format", "markdown", "--now", NOW).stdout
    assert summary.read_text(encoding="utf-8") == "earlier step\n" + markdown


def test_github_format_without_the_variable_writes_no_summary(tmp_path):
    result = run_dpgcheck("check", NON_COMPLIANT, "--format", "github", "--now", NOW, env={"GITHUB_STEP_SUMMARY": ""}, cwd=tmp_path)
    assert result.returncode == 1
    assert list(tmp_path.iterdir()) == []


def test_unwritable_job_summary_is_a_one_line_error(tmp_path):
    result = run_dpgcheck("check", NON_COMPLIANT, "--format", "github", "--now", NOW, env={"GITHUB_STEP_SUMMARY": str(tmp_path / "no" / "such.md")})
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"dpgcheck: error: {tmp_path / 'no' / 'such.md'}: cannot append the job summary: No such file or directory; "
        "unset GITHUB_STEP_SUMMARY or fix its path"
    )


def test_json_findings_have_stable_ids_and_the_report_records_its_clock(make_repo):
    repo = make_repo({"README.md": "x"})
    first = json.loads(run_dpgcheck("check", repo, "--format", "json", "--now", NOW).stdout)
    second = json.loads(run_dpgcheck("check", repo, "--format", "json", "--now", "2026-07-01T00:00:00Z").stdout)
    ids = [f["id"] for f in first["findings"]]
    assert len(set(ids)) == len(ids)
    assert all(f["id"].startswith(f["rule_id"] + "/") for f in first["findings"])
    assert {f["id"] for f in second["findings"]} == set(ids)
    evaluation = first["evaluation"]
    assert evaluation["clock"] == NOW
    assert evaluation["started_at"] <= evaluation["finished_at"]
    assert 0 < evaluation["duration_seconds"] < 60
    assert first["artifacts"] == {"anchor": "README.md", "missing": sorted({f["location"]["path"] for f in first["findings"] if f["location"]} - {"README.md"})}
