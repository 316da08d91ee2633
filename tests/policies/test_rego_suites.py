"""Every Rego test of the built-in policies passes on regorus and on OPA's Go engine."""
from __future__ import annotations

import re

import pytest

from tests.conftest import ENGINES, run_dpgcheck


@pytest.mark.parametrize("engine", ENGINES)
def test_builtin_rego_tests_pass(engine):
    result = run_dpgcheck("policy", "test", "--engine", engine, in_process=False)
    assert result.returncode == 0, result.stdout + result.stderr
    match = re.search(rf"^{engine}: (\d+) passed, 0 failed$", result.stdout, re.MULTILINE)
    assert match and int(match.group(1)) >= 19, result.stdout


def test_every_rule_has_tests_beside_it_with_fail_and_success_cases():
    from dpgcheck.bundle.loader import load_policies

    policies = load_policies()
    for rule_id, entry in policies.catalog.items():
        test_module = entry["source"].replace("dpgcheck/", "dpgcheck/", 1)[: -len(".rego")] + "_test.rego"
        assert test_module in policies.test_modules, f"{rule_id}: no {test_module}"
        source = policies.test_modules[test_module]
        assert re.search(r"^test_fail_\w+", source, re.MULTILINE), f"{rule_id}: no test_fail_*"
        assert re.search(r"^test_success_\w+", source, re.MULTILINE), f"{rule_id}: no test_success_*"


def test_failing_rego_test_is_reported_and_exits_1(tmp_path):
    bundle = tmp_path / "b"
    (bundle / "x").mkdir(parents=True)
    (bundle / "x" / "p.rego").write_text("package mine\n\nanswer := 41\n")
    (bundle / "x" / "p_test.rego").write_text("package mine_test\n\nimport data.mine\n\ntest_fail_answer if mine.answer == 42\n\ntest_success_answer if mine.answer == 41\n")
    result = run_dpgcheck("policy", "test", "--no-builtin", bundle)
    assert result.returncode == 1
    assert "FAIL b/x/p_test.rego: test_fail_answer" in result.stdout
    assert result.stdout.strip().endswith("regorus: 1 passed, 1 failed")


def test_no_tests_is_an_error(tmp_path):
    (tmp_path / "p.rego").write_text("package only\n\nx := 1\n")
    result = run_dpgcheck("policy", "test", "--no-builtin", tmp_path)
    assert result.returncode == 2
    assert "no Rego test found" in result.stderr


def test_coverage_threshold(tmp_path):
    result = run_dpgcheck("policy", "test", "--coverage", "--threshold", "101")
    assert result.returncode == 1
    assert re.search(r"^coverage: \d+\.\d% of policy lines$", result.stdout, re.MULTILINE)
    assert "is below the threshold 101.0%" in result.stdout


def test_policy_list_and_profile():
    result = run_dpgcheck("policy", "list", in_process=False)
    assert result.returncode == 0
    assert re.search(r"^license-file\s+licensing\s+error\s+2\s+A licence file is present$", result.stdout, re.MULTILINE)
    unknown = run_dpgcheck("policy", "list", "--profile", "nope")
    assert unknown.returncode == 2
    assert 'unknown profile "nope"' in unknown.stderr
