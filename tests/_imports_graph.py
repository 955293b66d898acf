"""The package's import statements, read with ast: what the import tests walk.

:func:`imports` lists every import of a module that can run (anything under ``if
TYPE_CHECKING:`` never runs and is left out), relative imports resolved, each marked
whether it sits inside a function. ``tests/test_imports.py`` builds the import graph
from it and ``tests/test_function_imports.py`` checks what functions import.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "detente"
"""The package's folder."""


def module_name(path: Path) -> str:
    """Dotted name of a module file of the package (a package is its ``__init__``)."""
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    """Every module of the package by dotted name."""
    return {module_name(p): p for p in ROOT.rglob("*.py")}


@dataclass(frozen=True)
class Import:
    """One module named by an import statement."""

    line: int
    module: str
    """Absolute module name, a relative import resolved (``from m import x``: ``m``)."""
    names: tuple[str, ...]
    """What ``from m import ...`` names; empty for ``import m``."""
    in_function: bool
    """The statement sits inside a function (it runs when the function is called)."""


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _inside(tree: ast.Module, kind) -> set[int]:
    """Ids of every node nested in a node that ``kind`` accepts."""
    return {id(inner) for node in ast.walk(tree) if kind(node) for inner in ast.walk(node)}


def imports(path: Path) -> list[Import]:
    """Every import of ``path`` (a file of the package, or any other) that can run, in order."""
    package = package_of(path) if path.is_relative_to(ROOT) else ""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and _is_type_checking(node)
        for stmt in node.body
        for inner in ast.walk(stmt)
    }
    in_function = _inside(tree, lambda n: isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef))
    found = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        nested = id(node) in in_function
        if isinstance(node, ast.Import):
            found += [Import(node.lineno, a.name, (), nested) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            names = tuple(a.name for a in node.names)
            found.append(Import(node.lineno, base, names, nested))
    return sorted(found, key=lambda i: i.line)


def package_of(path: Path) -> str:
    """The package a module file's relative imports start from."""
    name = module_name(path)
    return name if path.name == "__init__.py" else name.rpartition(".")[0]


def import_graph() -> dict[str, set[str]]:
    """Module -> the package modules it imports (``from pkg import mod`` imports ``pkg.mod``).

    Importing a package's module also runs the package's ``__init__``; that implicit step
    is not an edge, only what a module names is.
    """
    known = modules()
    graph: dict[str, set[str]] = {}
    for name, path in known.items():
        edges: set[str] = set()
        for imp in imports(path):
            targets = [
                f"{imp.module}.{n}" if f"{imp.module}.{n}" in known else imp.module
                for n in imp.names
            ] or [imp.module]
            edges.update(t for t in targets if t in known and t != name)
        graph[name] = edges
    return graph
