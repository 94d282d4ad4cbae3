"""No import cycles in the shipped tree (DESIGN.md: "No import cycles, lazy imports included").

The graph is built with `ast` from every import statement in app/ db/ printing/ cardreader/ wallets/ console/ ui/ cli/
bench/, bootstrap.py and main.py, including the ones inside functions: a function-level import only hides a cycle until the
day someone moves it to the top of the file. Imports under `if TYPE_CHECKING:` never run and are left out.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("app", "db", "printing", "cardreader", "wallets", "console", "ui", "cli", "bench")

# Cycles that lie in code another engineer owns and is changing; each names its owner. A found cycle
# is excused when all its modules are in one entry; the test also fails when an entry no longer
# matches any cycle, so the list cannot go stale.
# (db.central project ↔ push was one until the sync branch broke it.)
KNOWN_CYCLES: dict[frozenset[str], str] = {}


def known(cycle: list[str]) -> bool:
    return any(set(cycle) <= modules for modules in KNOWN_CYCLES)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def source_files() -> list[Path]:
    out = [ROOT / "main.py", ROOT / "bootstrap.py"]
    for package in PACKAGES:
        out += sorted((ROOT / package).rglob("*.py"))
    return out


def _type_checking_only(node: ast.AST) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and (
        (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
        or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")
    )


def _runtime_imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    found: list[ast.Import | ast.ImportFrom] = []

    def visit(node: ast.AST) -> None:
        if _type_checking_only(node):
            for child in getattr(node, "orelse", []):
                visit(child)
            return
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def _resolve(name: str, modules: set[str]) -> str | None:
    """The module of ours that importing `name` runs: the name itself or its nearest package."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def import_graph(files: list[Path] | None = None, root: Path = ROOT) -> dict[str, set[str]]:
    files = source_files() if files is None else files
    names = {
        module_name(p) if root == ROOT else ".".join(p.relative_to(root).with_suffix("").parts): p
        for p in files
    }
    modules = set(names)
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for mod, path in names.items():
        is_package = path.name == "__init__.py"
        for node in _runtime_imports(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                base = node.module or ""
                if node.level:
                    package = mod.split(".") if is_package else mod.split(".")[:-1]
                    package = package[: len(package) - (node.level - 1)]
                    base = ".".join([*package, base] if base else package)
                targets = [
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                    for alias in node.names
                ]
            for target in targets:
                hit = _resolve(target, modules)
                if hit is not None and hit != mod:
                    graph[mod].add(hit)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One named cycle per strongly connected component (Tarjan), each as a → b → … → a."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[set[str]] = []
    counter = 0

    def strong(v: str) -> None:  # recursion depth is bounded by the module count (a few hundred)
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.add(w)
                if w == v:
                    break
            if len(comp) > 1:
                components.append(comp)

    for v in sorted(graph):
        if v not in index:
            strong(v)
    return [_one_cycle(graph, comp) for comp in components]


def _one_cycle(graph: dict[str, set[str]], comp: set[str]) -> list[str]:
    start = min(comp)
    paths = {start: [start]}
    todo = [start]
    while todo:  # breadth first inside the component, back to start: the shortest cycle through it
        v = todo.pop(0)
        for w in sorted(graph[v] & comp):
            if w == start:
                return [*paths[v], start]
            if w not in paths:
                paths[w] = [*paths[v], w]
                todo.append(w)
    raise AssertionError(f"no cycle found in component {sorted(comp)}")


def test_no_import_cycles_lazy_imports_included() -> None:
    found = cycles(import_graph())
    unexpected = [" → ".join(c) for c in found if not known(c)]
    assert unexpected == [], "import cycles:\n" + "\n".join(unexpected)


def test_known_cycles_are_still_there() -> None:
    """Remove an entry from KNOWN_CYCLES when its owner breaks the cycle."""
    found = [set(c) for c in cycles(import_graph())]
    gone = [f"{sorted(k)} ({owner})" for k, owner in KNOWN_CYCLES.items() if not any(c <= k for c in found)]
    assert gone == []


def test_the_checker_names_a_cycle_hidden_in_a_function(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from pkg.b import thing\n")
    (pkg / "b.py").write_text("def thing():\n    from pkg import a\n    return a\n")
    (pkg / "c.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg import a\n")
    graph = import_graph(sorted(pkg.rglob("*.py")), root=tmp_path)
    assert graph["pkg.c"] == set()
    assert cycles(graph) == [["pkg.a", "pkg.b", "pkg.a"]]
