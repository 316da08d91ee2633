"""Waivers from a repository's .dpgcheck.yaml, judged in Rego against the pinned clock; effective_on grace periods."""
from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET

import pytest

from tests.conftest import ENGINES, ROOT, run_dpgcheck, run_json

NOW = "2026-06-01T00:00:00Z"
REASON = "licence file being agreed with the ministry's legal team"


@pytest.fixture
def repo(tmp_path):
    target = tmp_path / "repo"
    shutil.copytree(ROOT / "examples" / "non-compliant", target)
    (target / "SECURITY.md").write_text("# Security\n\nReport problems in the public issue tracker.\n")
    return target


def configure(repo, **settings):
    import yaml

    (repo / ".dpgcheck.yaml").write_text(yaml.safe_dump(settings, sort_keys=False))


def waiver(rule, expires, **extra):
    return {"rule": rule, "reason": REASON, "owner": "platform-team", "expires": expires, **extra}


def run(repo, *args, engine="regorus"):
    return run_json("check", repo, "--profile", "procurement-minimum", "--format", "json", "--now", NOW, "--engine", engine, *args)


def by_rule(report, rule_id):
    found = [f for f in report["findings"] if f["rule_id"] == rule_id]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("engine", ENGINES)
def test_valid_expired_and_expiring_waivers(repo, engine):
    configure(repo, waivers=[waiver("license-file", "2026-12-31"), waiver("release-tags", "2026-05-31"), waiver("actively-maintained", "2026-06-10")])
    code, report = run(repo, engine=engine)
    valid = by_rule(report, "license-file")
    assert valid["outcome"] == "waived"
    assert valid["waiver"] == {**waiver("license-file", "2026-12-31"), "status": "active"}
    assert report["rules"]["license-file"]["status"] == "warn" and report["rules"]["license-file"]["blocking"] is False
    expired = by_rule(report, "release-tags")
    assert expired["outcome"] == "insufficient_evidence" and expired["waiver"]["status"] == "expired"
    assert report["rules"]["release-tags"]["blocking"] is True
    soon = by_rule(report, "actively-maintained")
    assert soon["outcome"] == "waived" and soon["waiver"]["status"] == "expiring"
    assert sorted(report["warnings"]) == [
        'the waiver of "actively-maintained" (owner platform-team) expires on 2026-06-10, in 9 days: renew it or fix the findings',
        'the waiver of "release-tags" (owner platform-team) expired on 2026-05-31: its findings count again',
    ]
    assert code == 1


@pytest.mark.parametrize("engine", ENGINES)
def test_waiving_every_blocking_finding_passes_and_the_waivers_stay_visible(repo, engine):
    blocking = ["actively-maintained", "license-file", "release-tags", "security-policy", "security-private-reporting"]
    code, before = run(repo, engine=engine)
    assert sorted({f["rule_id"] for f in before["findings"] if report_blocks(before, f)}) == ["actively-maintained", "license-file", "release-tags", "security-private-reporting"]
    configure(repo, waivers=[waiver(rule, "2027-01-31") for rule in blocking if rule != "security-policy"])
    code, after = run(repo, engine=engine)
    assert code == 0 and after["verdict"] == "pass" and after["summary"]["blocking"] == 0
    assert len(after["findings"]) == len(before["findings"])
    assert sorted(f["rule_id"] for f in after["findings"] if f["outcome"] == "waived") == ["actively-maintained", "license-file", "release-tags", "security-private-reporting"]


def report_blocks(report, finding):
    return report["rules"][finding["rule_id"]]["blocking"]


@pytest.mark.parametrize("engine", ENGINES)
def test_a_path_scoped_waiver_applies_only_to_that_path(repo, engine):
    configure(repo, waivers=[waiver("security-private-reporting", "2026-12-31", path="docs/*")])
    code, report = run(repo, engine=engine)
    assert "waiver" not in by_rule(report, "security-private-reporting")
    configure(repo, waivers=[waiver("security-private-reporting", "2026-12-31", path="SECURITY.md")])
    code, report = run(repo, engine=engine)
    finding = by_rule(report, "security-private-reporting")
    assert finding["location"]["path"] == "SECURITY.md" and finding["outcome"] == "waived"


@pytest.mark.parametrize("engine", ENGINES)
def test_a_bundle_can_mark_a_rule_not_waivable(repo, tmp_path, engine):
    bundle = tmp_path / "strict"
    (bundle / "dpgcheck" / "config").mkdir(parents=True)
    (bundle / "dpgcheck" / "config" / "data.json").write_text(json.dumps({"waivers": {"not_waivable": ["license-file"]}}))
    configure(repo, waivers=[waiver("license-file", "2026-12-31")])
    code, report = run(repo, "--bundle", bundle, engine=engine)
    finding = by_rule(report, "license-file")
    assert finding["outcome"] == "fail" and finding["waiver"]["status"] == "not_waivable"
    assert report["rules"]["license-file"]["blocking"] is True
    assert report["warnings"] == ['rule "license-file" may not be waived (the policy bundle says so): its waiver is ignored']


def test_waived_findings_show_in_every_format(repo):
    configure(repo, waivers=[waiver("license-file", "2026-12-31")])
    note = f"[WAIVED: {REASON}; owner platform-team; expires 2026-12-31]"

    def output(fmt):
        return run_dpgcheck("check", repo, "--profile", "procurement-minimum", "--now", NOW, "--format", fmt).stdout

    assert note in " ".join(output("text").split())  # wrapped at 100 columns
    assert note in output("markdown")
    sarif = json.loads(output("sarif"))
    [result] = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "license-file"]
    assert result["suppressions"] == [{"kind": "external", "status": "accepted", "justification": REASON}]
    assert result["properties"]["waiver"]["owner"] == "platform-team" and note in result["message"]["text"]
    junit = ET.fromstring(output("junit"))
    [case] = [c for c in junit.iter("testcase") if c.get("name").startswith("license-file:")]
    assert case.find("failure") is None and note in case.find("system-out").text
    github = [line for line in output("github").splitlines() if "license-file" in line]
    assert len(github) == 1 and github[0].startswith("::notice ") and note in github[0]
    assert by_rule(json.loads(output("json")), "license-file")["waiver"]["reason"] == REASON


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("profile: default\nfail_onn: never\n", "unknown key 'fail_onn' (known: profile, fail_on, format, bundles, verification_keys, require_signature, waivers)"),
        ("waivers:\n  - {rule: readme, reason: r, expires: '2026-12-31'}\n", "waivers[0] has no owner: every waiver needs rule, reason, owner, expires"),
        ("waivers:\n  - {rule: readme, reason: r, owner: o, expires: soon}\n", "waivers[0].expires must be a date YYYY-MM-DD, not 'soon'"),
        ("waivers:\n  - {rule: readme, reason: r, owner: o, expires: '2026-12-31', ticket: 1}\n", "unknown key 'ticket' in waivers[0] (known: rule, path, reason, owner, expires)"),
        ("a: &a [*a]\n", "alias *a refers to a value that contains it (line 1)"),
    ],
)
def test_a_bad_config_file_is_a_one_line_error_naming_the_problem(repo, content, message):
    (repo / ".dpgcheck.yaml").write_text(content)
    result = run_dpgcheck("check", repo, "--now", NOW)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"dpgcheck: error: {repo / '.dpgcheck.yaml'}: ")
    assert message in result.stderr


def test_a_waiver_of_an_unknown_rule_is_an_error(repo):
    configure(repo, waivers=[waiver("licence-file", "2026-12-31")])
    result = run_dpgcheck("check", repo, "--now", NOW)
    assert result.returncode == 2
    assert result.stderr == 'dpgcheck: error: the waiver of "licence-file" names no loaded rule\n'


def test_the_config_file_sets_profile_fail_on_and_format_and_the_command_line_wins(repo):
    configure(repo, profile="procurement-minimum", fail_on="never", format="json")
    result = run_dpgcheck("check", repo, "--now", NOW)
    report = json.loads(result.stdout)
    assert (result.returncode, report["profile"], report["fail_on"]) == (0, "procurement-minimum", "never")
    result = run_dpgcheck("check", repo, "--now", NOW, "--fail-on", "error", "--format", "text")
    assert result.returncode == 1 and result.stdout.startswith("dpgcheck ")


GRACE_RULE = """# METADATA
# title: A national contact is named
# description: New criterion, enforced from July 2026.
# custom:
#   severity: error
#   effective_on: 2026-07-01
#   remediation: Add CONTACT.md.
package dpgcheck.rules.gov["gov.contact"]

findings contains {"message": "No CONTACT.md", "evidence": {}} if true
"""


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("now", "severity", "code"), [("2026-06-30T23:00:00Z", "warning", 0), ("2026-07-01T00:00:00Z", "error", 1)])
def test_a_rule_only_warns_before_its_effective_on_date(tmp_path, engine, now, severity, code):
    bundle = tmp_path / "gov"
    (bundle / "rules").mkdir(parents=True)
    (bundle / ".manifest").write_text(json.dumps({"revision": "1", "metadata": {"namespace": "gov"}}))
    (bundle / "rules" / "contact.rego").write_text(GRACE_RULE)
    exit_code, report = run_json("check", ROOT / "examples" / "compliant", "--bundle", bundle, "--disable", "area:maintenance",
                                 "--now", now, "--format", "json", "--engine", engine)
    assert by_rule(report, "gov.contact")["severity"] == severity
    assert report["rules"]["gov.contact"]["effective_on"] == "2026-07-01"
    assert exit_code == code
