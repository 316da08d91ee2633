"""The generated dispatch module: a findings definition per rule, a not_applicable definition
per rule whose module may define one."""
from __future__ import annotations

import json
import re

import pytest

from dpgcheck.bundle.dispatch import dispatch_module
from dpgcheck.bundle.loader import load_policies
from tests.conftest import ENGINES, ROOT, run_json
from tests.hostile.helpers import write_rule_bundle

NOW = "2026-06-01T00:00:00Z"


def defined(module: str, name: str) -> set[str]:
    return set(re.findall(rf'^{name}\("([^"]+)"\)', module, re.MULTILINE))


def test_only_the_rules_whose_package_names_not_applicable_get_its_definition():
    policy_set = load_policies()
    module = policy_set.modules["dpgcheck/dispatch.rego"]
    rules = sorted((ROOT / "policies" / "rules").glob("*/*/rule.rego"))
    naming = {path.parent.name for path in rules if "not_applicable" in path.read_text(encoding="utf-8")}
    assert defined(module, "findings") == set(policy_set.catalog)
    assert defined(module, "not_applicable") == naming
    assert "license-file" not in naming and "publiccode-present" in naming
    # Without the modules to look at, every rule keeps both definitions.
    assert defined(dispatch_module(policy_set.catalog), "not_applicable") == set(policy_set.catalog)


@pytest.mark.parametrize("engine", ENGINES)
def test_an_overlay_rule_that_may_not_apply_is_reported_so_and_one_that_always_applies_passes(tmp_path, engine):
    never = "findings contains f if {\n\tfalse\n\tf := {\"message\": \"never\"}\n}"
    bundle = write_rule_bundle(tmp_path / "gov", "sometimes", never + "\n\nnot_applicable if not input.sbom")
    write_rule_bundle(tmp_path / "gov", "always", never)
    module = load_policies((bundle,)).modules["dpgcheck/dispatch.rego"]
    assert "hostile.sometimes" in defined(module, "not_applicable") and "hostile.always" not in defined(module, "not_applicable")
    facts = tmp_path / "facts.json"
    facts.write_text(json.dumps({"facts_version": "3.0", "subject": {"kind": "repository"}, "problems": []}), encoding="utf-8")
    code, report = run_json("check", "--facts", facts, "--bundle", bundle, "--engine", engine, "--now", NOW,
                            "--format", "json", "--fail-on", "never", "--profile", "default")
    assert code == 0, report
    assert {rule: report["rules"][rule]["status"] for rule in ("hostile.sometimes", "hostile.always")} == {
        "hostile.sometimes": "not_applicable", "hostile.always": "pass"}


def test_a_rule_of_the_catalogue_not_among_the_modules_keeps_its_definition():
    catalog = {"x": {"id": "x", "area": "a", "source": "elsewhere/rule.rego"}}
    assert defined(dispatch_module(catalog, {}), "not_applicable") == {"x"}

