"""The package's import graph has no circle and respects its layers (read with ast: fast, nothing imported).

Rule: every import statement counts, module-level, inside a function (lazy) or under
TYPE_CHECKING, because each is a dependency a maintainer has to keep in mind. See
``docs/architecture.md`` ("Package map and layers") for the layers.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.architecture.import_graph import cycles, imports, modules, package_of, upward

ROOT = Path(__file__).resolve().parents[2]

#: Areas that gather or judge nothing on their own: they may import only the base layer.
BASE = {"errors", "untrusted", "problems", "gitcmd", "cache", "resources", "timing", "vocabulary", "shapes", "patterns", "forking", ""}
#: Domain packages: knowledge of one subject, used by collectors; never the layers above them.
DOMAIN = {"governance", "history", "licensing", "publiccode", "security"}
ABOVE_DOMAIN = {"collect", "commands", "report", "cli", "cli_options", "batch", "engine", "bundle", "evaluate",
                "policytest", "error_handler", "completion", "repo_config", "terminal", "output", "console"}

#: area -> areas it must never import.
LAYERS: dict[str, set[str]] = {
    **{area: ABOVE_DOMAIN | DOMAIN for area in BASE - {""}},
    **{area: ABOVE_DOMAIN for area in DOMAIN},
    "collect": {"commands", "report", "cli", "cli_options", "batch", "engine", "bundle", "evaluate", "policytest"},
    "bundle": {"collect", "commands", "report", "cli", "cli_options", "batch", "engine", "evaluate"} | DOMAIN,
    "engine": {"collect", "commands", "report", "cli", "cli_options", "batch", "evaluate"} | DOMAIN,
    "report": {"collect", "commands", "cli", "cli_options", "batch", "engine", "bundle", "evaluate"} | DOMAIN,
    "evaluate": {"collect", "commands", "report", "cli", "cli_options", "batch"} | DOMAIN,
    "commands": {"cli", "cli_options"},
}


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return imports(ROOT)


def test_the_graph_is_read(graph: dict[str, set[str]]) -> None:
    # the reader sees the edges it must see, lazy ones included
    assert "dpgcheck.engine.opa_options" in graph["dpgcheck.engine.opa_server"]
    assert "dpgcheck.engine.opa_server" in graph["dpgcheck.engine.factory"]  # a function-level import
    assert "dpgcheck.untrusted.yaml" in graph["dpgcheck.untrusted"]
    assert len(graph) == len(modules(ROOT)) > 100


def test_no_import_cycle(graph: dict[str, set[str]]) -> None:
    assert cycles(graph) == []


def test_cycle_finder_finds_cycles() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_layers(graph: dict[str, set[str]]) -> None:
    assert upward(graph, LAYERS) == []


def test_every_area_has_a_layer(graph: dict[str, set[str]]) -> None:
    # a new top-level module or package must be placed in a layer on purpose
    areas = {package_of(name) for name in graph}
    placed = BASE | DOMAIN | set(LAYERS) | {"batch", "cli", "cli_options", "policytest", "error_handler", "completion",
                                            "repo_config", "terminal", "output", "schemas", "__main__", "console"}
    assert areas - placed == set()


def test_one_untrusted_yaml_entry_point() -> None:
    # PyYAML is imported only inside dpgcheck/untrusted/: every YAML read gets the same bounds
    offenders = []
    for name, module in modules(ROOT).items():
        if name.startswith("dpgcheck.untrusted"):
            continue
        for node in ast.walk(ast.parse(module.path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""] if isinstance(node, ast.ImportFrom) and node.level == 0 else []
            offenders.extend(f"{name}: {n}" for n in names if n == "yaml" or n.startswith("yaml."))
    assert offenders == []
