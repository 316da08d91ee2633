"""The import graph of the ``dpgcheck`` package, read with :mod:`ast` (nothing is imported).

Every ``import`` / ``from ... import`` statement counts, wherever it stands: at module level,
inside a function (a lazy import) or under ``if TYPE_CHECKING:``.  A lazy import still ties
two modules together for a maintainer, so a cycle through one is still a cycle.  An edge
``a -> b`` means module ``a`` imports module ``b`` (``from pkg import name`` counts as an
import of ``pkg.name`` when that is a module, else of ``pkg``).  Importing a submodule also
runs its package's ``__init__``, but that is not counted as an edge: packages that only hold
submodules would otherwise join every cycle.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "dpgcheck"


@dataclass(frozen=True)
class Module:
    name: str
    path: Path
    lines: int


def modules(root: Path) -> dict[str, Module]:
    """Every module of the package under *root* (the directory holding ``dpgcheck/``)."""
    found: dict[str, Module] = {}
    for path in sorted((root / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        text = path.read_text(encoding="utf-8")
        found[".".join(parts)] = Module(".".join(parts), path, len(text.splitlines()))
    return found


def _resolve(module: str, is_package: bool, level: int, target: str | None) -> str:
    if level == 0:
        return target or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    if level > 1:
        base = base[: len(base) - (level - 1)]
    return ".".join(base + ([target] if target else []))


def imports(root: Path) -> dict[str, set[str]]:
    """``{module: {imported dpgcheck modules}}`` for every module of the package."""
    known = modules(root)
    graph: dict[str, set[str]] = {name: set() for name in known}
    for name, module in known.items():
        is_package = module.path.name == "__init__.py"
        tree = ast.parse(module.path.read_text(encoding="utf-8"), str(module.path))
        for node in ast.walk(tree):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _resolve(name, is_package, node.level, node.module)
                for alias in node.names:
                    sub = f"{base}.{alias.name}"
                    targets.append(sub if sub in known else base)
            for target in targets:
                # ``import a.b.c`` imports a.b.c; keep the longest known prefix
                while target and target not in known:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph[name].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def visit(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for succ in sorted(graph.get(node, ())):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            component = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                component.append(item)
                if item == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def package_of(module: str) -> str:
    """The first-level area of a module: ``dpgcheck.collect.facts`` -> ``collect``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def upward(graph: dict[str, set[str]], layers: dict[str, set[str]]) -> list[tuple[str, str]]:
    """Edges from a module of an area to an area it must not import (``layers[area]``)."""
    bad = []
    for source, targets in sorted(graph.items()):
        forbidden = layers.get(package_of(source), set())
        bad.extend((source, t) for t in sorted(targets) if package_of(t) in forbidden)
    return bad


if __name__ == "__main__":  # a report for the closing note: python tests/architecture/import_graph.py
    import sys

    root = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    mods = modules(root)
    graph = imports(root)
    sizes = sorted(m.lines for m in mods.values())
    print(f"modules: {len(mods)}  lines: {sum(sizes)}  median: {sizes[len(sizes) // 2]}")
    print("largest:")
    for m in sorted(mods.values(), key=lambda m: -m.lines)[:10]:
        print(f"  {m.lines:5d}  {m.name}")
    print("cycles:")
    for c in cycles(graph):
        print("  " + " <-> ".join(c))
    areas: dict[tuple[str, str], int] = {}
    for s, ts in graph.items():
        for t in ts:
            a, b = package_of(s), package_of(t)
            if a != b:
                areas[(a, b)] = areas.get((a, b), 0) + 1
    print("area edges:")
    for (a, b), n in sorted(areas.items()):
        print(f"  {a or '(top)'} -> {b or '(top)'}: {n}")
