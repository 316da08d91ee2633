"""docs/rules/<id>.md: one generated page per rule, and every report links to it."""
from __future__ import annotations

import json

import pytest

from dpgcheck.bundle.loader import load_policies
from dpgcheck.commands.rule_docs import REGENERATE, render_pages, stale_pages, examples_from_tests
from dpgcheck.report.model import RULE_DOCS_BASE
from tests.conftest import ROOT, run_dpgcheck

PAGES = ROOT / "docs" / "rules"
NOW = "2026-06-01T00:00:00Z"


@pytest.fixture(scope="module")
def generated() -> dict[str, str]:
    policy_set = load_policies()
    return render_pages(policy_set.catalog, policy_set.data["dpgcheck"]["profiles"], policy_set.test_modules,
                        policy_set.data["dpgcheck"]["titles"]["indicators"])


def test_every_rule_has_a_page_and_no_page_is_stale(generated):
    assert stale_pages(PAGES, generated) == [], f"docs/rules is out of date: run `{REGENERATE}`"
    assert set(generated) == {f"{rule_id}.md" for rule_id in load_policies().catalog} | {"README.md"}


def test_stale_missing_and_orphaned_pages_are_each_named(generated, tmp_path):
    for name, text in generated.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "readme.md").write_text(generated["readme.md"].replace("front door", "back door"), encoding="utf-8")
    (tmp_path / "license-file.md").unlink()
    (tmp_path / "retired-rule.md").write_text("# gone\n", encoding="utf-8")
    assert stale_pages(tmp_path, generated) == ["license-file.md (missing)", "readme.md (out of date)", "retired-rule.md (no such rule)"]


def test_a_page_says_what_why_source_fix_and_examples(generated):
    page = generated["license-file.md"]
    for heading in ("## What it checks", "## Why", "## Sources", "## How to fix", "## Examples", "## Configuration"):
        assert f"\n{heading}\n" in page
    assert page.startswith("# `license-file`: A licence file is present\n")
    assert "| DPG Standard indicator | 2 (Use of approved open licenses) |" in page
    assert "- [OpenSSF Scorecard License check](https://github.com/ossf/scorecard/blob/main/docs/checks.md#license)" in page
    assert '- Reported (no licence anywhere): "No licence file at the repository root: add LICENSE with the full text of an open licence"' in page
    assert "- Not reported (root licence)" in page
    assert "[`policies/rules/licensing/license-file/rule.rego`](../../policies/rules/licensing/license-file/rule.rego)" in page


def test_examples_come_from_the_tests_names_and_asserted_messages():
    source = (
        'test_fail_missing if {\n\trule.findings == {{"message": "No \\"README\\" found", "evidence": {}}}\n}\n'
        "test_success_present if {\n\trule.findings == set()\n}\n"
        "test_fail_built_message if {\n\tcount(rule.findings) == 1\n}\n"
    )
    assert examples_from_tests(source) == [
        ("fail", "missing", 'No "README" found'),
        ("success", "present", None),
        ("fail", "built message", None),
    ]


def test_cli_check_mode_fails_on_a_stale_directory_and_passes_once_written(tmp_path):
    target = tmp_path / "rules"
    result = run_dpgcheck("policy", "doc", "--rules-dir", target, "--check")
    assert result.returncode == 1
    assert f"run `{REGENERATE}`" in result.stderr
    assert "license-file.md (missing)" in result.stderr
    assert run_dpgcheck("policy", "doc", "--rules-dir", target).returncode == 0
    assert run_dpgcheck("policy", "doc", "--rules-dir", target, "--check").returncode == 0
    assert (target / "license-file.md").read_text(encoding="utf-8") == (PAGES / "license-file.md").read_text(encoding="utf-8")


def test_every_report_points_at_the_rule_page():
    result = run_dpgcheck("check", ROOT / "examples" / "non-compliant", "--format", "json", "--now", NOW)
    report = json.loads(result.stdout)
    for rule_id, rule in report["rules"].items():
        assert rule["docs_uri"] == f"{RULE_DOCS_BASE}{rule_id}.md"
        assert (PAGES / f"{rule_id}.md").is_file()
    text = run_dpgcheck("check", ROOT / "examples" / "non-compliant", "--now", NOW).stdout
    assert f"docs: {RULE_DOCS_BASE}license-file.md" in text
    markdown = run_dpgcheck("check", ROOT / "examples" / "non-compliant", "--format", "markdown", "--now", NOW).stdout
    assert f"([rule documentation]({RULE_DOCS_BASE}license-file.md))" in markdown


def test_a_bundle_rule_keeps_its_own_reference(tmp_path):
    from dpgcheck.report.model import rule_docs_uri

    assert rule_docs_uri({"id": "x", "source": "gov/rules/a/x/rule.rego", "help_uri": "https://gov.example/x"}) == "https://gov.example/x"
    assert rule_docs_uri({"id": "readme", "source": "dpgcheck/rules/community/readme/rule.rego", "help_uri": None}) == f"{RULE_DOCS_BASE}readme.md"
