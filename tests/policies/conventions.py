"""The Rego conventions of dpgcheck's policies, checked over OPA's own parse of each module.

OPA's Go parser (``rego.parse_module``, evaluated on opa-golib-python-bindings) gives each
module's AST; the checks below read it. They are the compiler checks that ``opa check
--strict`` adds to OPA 1.x and that the bindings do not expose (unused imports, unused
function arguments, unused local assignments), and the house conventions written down in
docs/writing-rules.md (layout, METADATA, test names, ``_`` internals).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from dpgcheck.bundle.metadata import package_annotation, rule_identity

#: What a rule package exposes to the decision (through the generated dispatch module).
RULE_CONTRACT = frozenset({"findings", "not_applicable"})
#: What the decision package exposes: main, the parts main is made of, and what
#: ``dpgcheck policy`` queries (active, errors).
DECISION_CONTRACT = frozenset({
    "main", "active", "errors", "bundles", "warnings", "decision_version", "fail_on", "verdict",
    "findings", "rules", "indicators", "summary", "scorecard",
})
RULE_TEST_NAME = re.compile(r"^test_(fail|success|not_applicable|applicable)_[a-z0-9_]+$")
#: Generated from the catalogue (dpgcheck/bundle/dispatch.py), documented there.
GENERATED = frozenset({"dpgcheck/dispatch.rego"})


@dataclass
class Module:
    name: str  # "<bundle label>/<path in the bundle>", as the loader names it
    source: str
    ast: dict[str, Any]
    test: bool = field(init=False)

    def __post_init__(self) -> None:
        self.test = self.name.endswith("_test.rego")

    @property
    def package(self) -> tuple[str, ...]:
        return tuple(_segments(self.ast["package"]["path"])[1:])

    def source_package(self) -> str:
        match = re.search(r"^package\s+(\S+)", self.source, re.MULTILINE)
        return match.group(1) if match else ""

    def imports(self) -> dict[str, tuple[str, ...]]:
        """Import alias -> imported path (``data`` or ``input`` first)."""
        out = {}
        for imp in self.ast.get("imports") or []:
            path = tuple(_segments(imp["path"]["value"]))
            out[imp.get("alias") or path[-1]] = path
        return out

    def rules(self) -> list[dict[str, Any]]:
        return self.ast.get("rules") or []


def parse_modules(engine: Any, sources: dict[str, str]) -> dict[str, Module]:
    """Each module parsed by OPA's Go parser (an ``opa_bindings.OpaEngine``)."""
    modules = {}
    for name, source in sorted(sources.items()):
        rows = engine.eval_query("ast := rego.parse_module(input.name, input.source)", {"name": name, "source": source})
        modules[name] = Module(name, source, rows[0]["ast"])
    return modules


# --- AST walking -----------------------------------------------------------

def _segments(ref: list[dict[str, Any]]) -> list[str]:
    """The leading names of a ref: its head var, then string keys up to the first other term."""
    out = []
    for i, term in enumerate(ref):
        if (i == 0 and term["type"] == "var") or (i > 0 and term["type"] == "string"):
            out.append(term["value"])
        else:
            break
    return out


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    """The terms (objects with a type and a value) of OPA's parse, in document order."""
    return (d for d in _walk_dicts(node) if "type" in d and "value" in d)


def _vars(node: Any) -> Iterator[str]:
    for term in _walk(node):
        if term["type"] == "var" and not term["value"].startswith("$"):
            yield term["value"]


def _refs(node: Any) -> Iterator[list[dict[str, Any]]]:
    for term in _walk(node):
        if term["type"] == "ref":
            yield term["value"]


def rule_name(rule: dict[str, Any]) -> str:
    head = rule["head"]
    ref = head.get("ref")
    return _segments(ref)[0] if ref else head["name"]


def _without_name(rule: dict[str, Any]) -> dict[str, Any]:
    """The rule with its own name taken out of the head, so that what is left are its uses."""
    head = dict(rule["head"])
    head.pop("name", None)
    if head.get("ref"):
        head["ref"] = head["ref"][1:]
    return {**rule, "head": head}


def _without_args(scope: dict[str, Any]) -> dict[str, Any]:
    return {**scope, "head": {k: v for k, v in scope["head"].items() if k != "args"}}


def _scopes(rule: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """A rule and each of its else branches: the scopes of their local variables."""
    while rule:
        yield {k: v for k, v in rule.items() if k != "else"}
        rule = rule.get("else")


def _assigned(scope: dict[str, Any]) -> Iterator[str]:
    for node in _walk_dicts(scope.get("body")):
        terms = node.get("terms")
        if isinstance(terms, list) and len(terms) == 3 and terms[0].get("type") == "ref" and _segments(terms[0]["value"]) == ["assign"]:
            yield from _vars(terms[1])


def _walk_dicts(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk_dicts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk_dicts(value)


# --- strict checks (opa check --strict) -------------------------------------

def strict_problems(module: Module) -> list[str]:
    problems = []
    rules = module.rules()
    used = {name for rule in rules for name in _vars(_without_name(rule))}
    for alias, path in module.imports().items():
        if alias not in used:
            problems.append(f"{module.name}: unused import {'.'.join(path)}")
    for rule in rules:
        # Arguments: the else branches repeat them, and a use in any branch counts.
        chain = _without_name(rule)
        uses = {name for scope in _scopes(chain) for name in _vars(_without_args(scope))}
        for arg in _vars(rule["head"].get("args") or []):
            if arg not in uses:
                problems.append(f"{module.name}: {rule_name(rule)}: unused argument {arg}")
        for scope in _scopes(chain):
            counts: dict[str, int] = {}
            for name in _vars(_without_args(scope)):
                counts[name] = counts.get(name, 0) + 1
            for var in sorted(set(_assigned(scope))):
                if counts.get(var, 0) < 2:
                    problems.append(f"{module.name}: {rule_name(rule)}: unused local assignment {var}")
    return problems


# --- house conventions ------------------------------------------------------

def layout_problems(module: Module) -> list[str]:
    """Rules in rules/<area>/<rule-id>/rule.rego with rule_test.rego; other packages where they live."""
    label, _, relative = module.name.partition("/")
    parts = relative.split("/")
    package = module.source_package()
    base = package.removesuffix('_test"]').removesuffix("_test")
    if module.test:
        base = base + ('"]' if package.endswith('_test"]') else "")
    identity = rule_identity(base)
    if parts[0] == "rules":
        if len(parts) == 4 and parts[2] == "fixtures" and module.test:
            want = f"dpgcheck.test.{parts[1]}.fixtures"
            return [] if package == want else [f"{module.name}: test fixtures of area {parts[1]} belong in package {want}"]
        expected = "rule_test.rego" if module.test else "rule.rego"
        if len(parts) != 4 or parts[3] != expected:
            return [f"{module.name}: a rule lives in rules/<area>/<rule-id>/rule.rego, its tests in rule_test.rego beside it"]
        if identity is None:
            return [f"{module.name}: package {package} is not a rule package dpgcheck.rules.<area>[\"<rule-id>\"]"]
        area, rule_id = identity
        if area != parts[1] or rule_id.rpartition(".")[2] != parts[2]:
            return [f"{module.name}: package {package} does not match its place rules/{parts[1]}/{parts[2]}/"]
        return []
    if identity is not None:
        return [f"{module.name}: rule package {package} outside rules/<area>/<rule-id>/"]
    # Any other package is named after its place: lib/config.rego is dpgcheck.lib.config,
    # decision/decision.rego is dpgcheck.decision, and a test adds _test.
    stem = parts[-1].removesuffix(".rego").removesuffix("_test")
    place = parts[:-1] + ([] if parts[:-1] and parts[-2] == stem else [stem])
    want = ".".join(["dpgcheck", *place]) + ("_test" if module.test else "")
    return [] if package == want else [f"{module.name}: package {package} should be {want}, after the file's place"]


def metadata_problems(module: Module) -> list[str]:
    if module.test or module.name in GENERATED:
        return []
    annotation = package_annotation(module.source, where=module.name) or {}
    problems = [f"{module.name}: METADATA has no {key}" for key in ("title", "description") if not str(annotation.get(key) or "").strip()]
    if rule_identity(module.source_package()) is None:
        return problems
    custom = annotation.get("custom") or {}
    for key in ("severity", "remediation"):
        if not custom.get(key):
            problems.append(f"{module.name}: METADATA has no custom.{key}")
    resources = annotation.get("related_resources") or []
    if not resources or not all(isinstance(r, dict) and str(r.get("ref", "")).startswith("https://") and r.get("description") for r in resources):
        problems.append(f"{module.name}: METADATA related_resources must list the sources (description and an https ref)")
    return problems


def test_name_problems(module: Module, rule_module: Module | None) -> list[str]:
    """A rule's tests: test_fail_* and test_success_* (test_not_applicable_* / test_applicable_*
    for the not_applicable contract), each name once, and a test of not_applicable when the
    rule can be not applicable."""
    names = [rule_name(rule) for rule in module.rules() if rule_name(rule).startswith("test_")]
    problems = [f"{module.name}: test {name} is defined more than once" for name in sorted({n for n in names if names.count(n) > 1})]
    if rule_module is None:
        return problems
    problems += [f"{module.name}: {name} is neither test_fail_*, test_success_* nor test_not_applicable_*" for name in names if not RULE_TEST_NAME.match(name)]
    for kind in ("fail", "success"):
        if not any(name.startswith(f"test_{kind}_") for name in names):
            problems.append(f"{module.name}: no test_{kind}_* test")
    if "not_applicable" in defined_names(rule_module) and not any(
        _segments(ref)[-1:] == ["not_applicable"] for rule in module.rules() for ref in _refs(rule)
    ):
        problems.append(f"{module.name}: the rule can be not applicable but no test says when")
    return problems


def defined_names(module: Module) -> set[str]:
    return {rule_name(rule) for rule in module.rules()}


def internal_problems(modules: dict[str, Module]) -> list[str]:
    """Rule packages expose their contract only; `_` names stay in their package and are used there."""
    problems = []
    by_package: dict[tuple[str, ...], list[Module]] = {}
    for module in modules.values():
        if not module.test:
            by_package.setdefault(module.package, []).append(module)
    for package, members in sorted(by_package.items()):
        defined = set().union(*(defined_names(m) for m in members))
        contract = RULE_CONTRACT if package[:2] == ("dpgcheck", "rules") else DECISION_CONTRACT if package == ("dpgcheck", "decision") else None
        if contract is not None:
            for name in sorted(defined - contract):
                if not name.startswith("_"):
                    problems.append(f"{'.'.join(package)}: {name} is not part of the package's contract ({', '.join(sorted(contract))}): call it _{name}")
        used = {name for m in members for rule in m.rules() for name in _vars(_without_name(rule))}
        for name in sorted(n for n in defined if n.startswith("_") and n not in used):
            problems.append(f"{'.'.join(package)}: {name} is never used in its package")
        for module in members:
            problems += _foreign_internals(module)
    return problems


def _foreign_internals(module: Module) -> list[str]:
    imports = module.imports()
    problems = []
    for rule in module.rules():
        for ref in _refs(rule):
            names = _segments(ref)
            if not names:
                continue
            if names[0] in imports:
                names = list(imports[names[0]]) + names[1:]
            if names[0] != "data":
                continue
            for i, name in enumerate(names[1:], start=1):
                if name.startswith("_") and tuple(names[1:i]) != module.package:
                    problems.append(f"{module.name}: {rule_name(rule)} reads {'.'.join(names[: i + 1])}, an internal of another package")
    return problems


def import_problems(module: Module) -> list[str]:
    return [f"{module.name}: import {'.'.join(path)}: import data packages only, read input where it is used"
            for path in module.imports().values() if path[0] != "data"]
