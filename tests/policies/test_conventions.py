"""Every Rego module compiles on OPA's Go engine and follows docs/writing-rules.md.

The modules are the built-in policies, the generated dispatch module and the example
government bundle, tests included. OPA's parser gives the ASTs the conventions are read
from (tests/policies/conventions.py); each check is also shown failing on a module that
breaks it.
"""
from __future__ import annotations

import re

import pytest

from dpgcheck.bundle.loader import load_policies
from tests.conftest import ROOT, go_engine_available
from tests.policies import conventions as c

pytestmark = pytest.mark.skipif(not go_engine_available(), reason="opa-golib-python-bindings not installed")

EXAMPLE_BUNDLE = ROOT / "examples" / "bundles" / "de-opencode"


@pytest.fixture(scope="module")
def policy_set():
    return load_policies((EXAMPLE_BUNDLE,))


@pytest.fixture(scope="module")
def opa():
    from opa_bindings import OpaEngine

    engine = OpaEngine()
    yield engine
    engine.close()


@pytest.fixture(scope="module")
def modules(policy_set, opa):
    return c.parse_modules(opa, {**policy_set.modules, **policy_set.test_modules})


def parse_one(opa, name, source):
    return c.parse_modules(opa, {name: source})[name]


def test_every_module_is_checked(modules, policy_set):
    assert len(modules) == len(policy_set.modules) + len(policy_set.test_modules)
    assert {"dpgcheck/decision/decision.rego", "dpgcheck/dispatch.rego", "dpgcheck/lib/result.rego",
            "de-opencode/rules/de_forge/not-judged-offline/rule.rego"} <= set(modules)
    assert sum(1 for name in modules if name.endswith("/rule.rego")) == len(policy_set.catalog)


def test_every_module_compiles_on_opas_go_engine(policy_set):
    from dpgcheck.engine.golib_engine import GolibEngine

    engine = GolibEngine(policy_set, with_tests=True)
    try:
        # The first query compiles every module (type checks, safety, the 1.x defaults:
        # duplicate imports, input and data reserved, no deprecated built-ins).
        assert engine.query("data.dpgcheck.decision.decision_version") == "1.0"
    finally:
        engine.close()


def test_go_engine_refuses_what_strict_mode_became_in_opa_1(tmp_path):
    from dpgcheck.engine.golib_engine import GolibEngine
    from dpgcheck.errors import DpgcheckError

    cases = {
        "package p\n\nx := any([true])\n": "rego_type_error: deprecated built-in function calls in expression: any",
        "package p\n\nf(input) := 1\n": "rego_compile_error: args must not shadow input",
        "package p\n\nimport data.a\nimport data.b as a\n\nx := a.y\n": "rego_compile_error: import must not shadow import data.a",
    }
    for i, (source, error) in enumerate(cases.items()):
        bundle = tmp_path / f"b{i}"
        bundle.mkdir()
        (bundle / "p.rego").write_text(source)
        engine = GolibEngine(load_policies((bundle,), include_builtin=False))
        try:
            with pytest.raises(DpgcheckError, match=re.escape(error)):
                engine.query("data.p")
        finally:
            engine.close()


def test_a_scaffolded_bundle_follows_the_conventions(tmp_path, opa):
    from dpgcheck.commands.bundle_init import bundle_init

    bundle_init(tmp_path / "gov", namespace="gov", name=None, publisher="Ministry of Examples", jurisdiction="XX")
    policy_set = load_policies((tmp_path / "gov",))
    mine = {k: v for k, v in {**policy_set.modules, **policy_set.test_modules}.items() if k.startswith("gov/")}
    assert sorted(mine) == ["gov/rules/gov_community/codeowners/rule.rego", "gov/rules/gov_community/codeowners/rule_test.rego"]
    modules = c.parse_modules(opa, mine)
    rule, tests = modules["gov/rules/gov_community/codeowners/rule.rego"], modules["gov/rules/gov_community/codeowners/rule_test.rego"]
    problems = [p for m in modules.values() for p in c.strict_problems(m) + c.layout_problems(m) + c.metadata_problems(m)]
    assert problems + c.test_name_problems(tests, rule) + c.internal_problems(modules) == []


def test_strict_checks(modules):
    assert [p for m in modules.values() for p in c.strict_problems(m)] == []


def test_strict_checks_catch_unused_imports_arguments_and_assignments(opa):
    module = parse_one(opa, "x/p.rego", "package p\n\nimport data.lib.a\nimport data.lib.b as c\n\n"
                       "f(x, y) := y\n\ng(_) := 1\n\nz if {\n\tv := 1\n\tw := 2\n\tw > 1\n}\n\n"
                       "s contains n if {\n\tsome n in [1]\n\tm := {k | some k in c.ks; u := k}\n\tcount(m) > 0\n}\n")
    assert c.strict_problems(module) == [
        "x/p.rego: unused import data.lib.a",
        "x/p.rego: f: unused argument x",
        "x/p.rego: z: unused local assignment v",
        "x/p.rego: s: unused local assignment u",
    ]


def test_layout(modules):
    assert [p for m in modules.values() for p in c.layout_problems(m)] == []


def test_layout_catches_misplaced_modules(opa):
    cases = {
        "b/rules/community/readme/readme.rego": 'package dpgcheck.rules.community["readme"]\n',
        "b/rules/community/read-me/rule.rego": 'package dpgcheck.rules.community["readme"]\n',
        "b/rules/other/readme/rule.rego": 'package dpgcheck.rules.community["readme"]\n',
        "b/lib/config.rego": "package dpgcheck.lib.settings\n",
        "b/lib/x_test.rego": "package dpgcheck.lib.x\n",
        "b/decision/decision.rego": 'package dpgcheck.rules.community["readme"]\n',
    }
    problems = [p for name, source in cases.items() for p in c.layout_problems(parse_one(opa, name, source))]
    assert problems == [
        "b/rules/community/readme/readme.rego: a rule lives in rules/<area>/<rule-id>/rule.rego, its tests in rule_test.rego beside it",
        'b/rules/community/read-me/rule.rego: package dpgcheck.rules.community["readme"] does not match its place rules/community/read-me/',
        'b/rules/other/readme/rule.rego: package dpgcheck.rules.community["readme"] does not match its place rules/other/readme/',
        "b/lib/config.rego: package dpgcheck.lib.settings should be dpgcheck.lib.config, after the file's place",
        "b/lib/x_test.rego: package dpgcheck.lib.x should be dpgcheck.lib.x_test, after the file's place",
        'b/decision/decision.rego: rule package dpgcheck.rules.community["readme"] outside rules/<area>/<rule-id>/',
    ]


def test_every_rule_has_its_test_beside_it(modules):
    rules = [name for name in modules if name.endswith("/rule.rego")]
    assert [name for name in rules if name.removesuffix(".rego") + "_test.rego" not in modules] == []


def test_metadata(modules):
    assert [p for m in modules.values() for p in c.metadata_problems(m)] == []


def test_metadata_check_names_what_is_missing(opa):
    source = ('# METADATA\n# title: A title\n# related_resources:\n#   - ref: http://example.org\n'
              '# custom:\n#   severity: info\npackage dpgcheck.rules.community["x"]\n\nfindings := set()\n')
    assert c.metadata_problems(parse_one(opa, "b/rules/community/x/rule.rego", source)) == [
        "b/rules/community/x/rule.rego: METADATA has no description",
        "b/rules/community/x/rule.rego: METADATA has no custom.remediation",
        "b/rules/community/x/rule.rego: METADATA related_resources must list the sources (description and an https ref)",
    ]
    assert c.metadata_problems(parse_one(opa, "b/lib/y.rego", "package dpgcheck.lib.y\n\nv := 1\n")) == [
        "b/lib/y.rego: METADATA has no title", "b/lib/y.rego: METADATA has no description",
    ]


def test_test_names(modules):
    problems = []
    for name, module in modules.items():
        if module.test:
            beside = modules.get(name.removesuffix("_test.rego") + ".rego") if name.endswith("/rule_test.rego") else None
            problems += c.test_name_problems(module, beside)
    assert problems == []


def test_test_name_check_wants_pairs_and_not_applicable_cases(opa):
    rule = parse_one(opa, "b/rules/a/x/rule.rego", 'package dpgcheck.rules.a["x"]\n\nnot_applicable if input.n\n\nfindings := set()\n')
    tests = parse_one(opa, "b/rules/a/x/rule_test.rego", 'package dpgcheck.rules.a["x_test"]\n\n'
                      "test_fail_one if true\n\ntest_fail_one if true\n\ntest_works if true\n")
    assert c.test_name_problems(tests, rule) == [
        "b/rules/a/x/rule_test.rego: test test_fail_one is defined more than once",
        "b/rules/a/x/rule_test.rego: test_works is neither test_fail_*, test_success_* nor test_not_applicable_*",
        "b/rules/a/x/rule_test.rego: no test_success_* test",
        "b/rules/a/x/rule_test.rego: the rule can be not applicable but no test says when",
    ]


def test_internals(modules):
    assert c.internal_problems(modules) == []
    assert [p for m in modules.values() for p in c.import_problems(m)] == []


def test_internals_check_catches_public_helpers_foreign_reads_and_dead_ones(opa):
    sources = {
        "b/rules/a/x/rule.rego": 'package dpgcheck.rules.a["x"]\n\nimport data.dpgcheck.lib.l\n\n'
                                 "helper := 1\n\n_dead := 2\n\nfindings contains helper if l._inner\n\n"
                                 "not_applicable if data.dpgcheck.lib.l._inner\n",
        "b/lib/l.rego": "package dpgcheck.lib.l\n\n_inner := true\n\nouter := _inner\n",
        "b/lib/l_test.rego": "package dpgcheck.lib.l_test\n\nimport data.dpgcheck.lib.l\n\ntest_inner if l._inner\n",
        "b/lib/m.rego": "package dpgcheck.lib.m\n\nimport input.dpg\n\nv := dpg.x\n",
    }
    modules = c.parse_modules(opa, sources)
    assert c.internal_problems(modules) == [
        "dpgcheck.rules.a.x: helper is not part of the package's contract (findings, not_applicable): call it _helper",
        "dpgcheck.rules.a.x: _dead is never used in its package",
        "b/rules/a/x/rule.rego: findings reads data.dpgcheck.lib.l._inner, an internal of another package",
        "b/rules/a/x/rule.rego: not_applicable reads data.dpgcheck.lib.l._inner, an internal of another package",
    ]
    assert c.import_problems(modules["b/lib/m.rego"]) == [
        "b/lib/m.rego: import input.dpg: import data packages only, read input where it is used",
    ]
