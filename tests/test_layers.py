"""The layers of ARCHITECTURE.md hold: no import cycles, pages and API never import each
other, the matcher stays pure, views leave commits to the transaction boundary, and no module
grows past 350 lines. Read from the source with ast, so a regression fails here first."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "volunteer_match"
MAX_LINES = 350


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str) -> set[str]:
    """The volunteer_match modules ``name`` imports, at the top or inside functions."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name in MODULES}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            submodules = {f"{base}.{alias.name}" for alias in node.names} & MODULES.keys()
            found |= submodules or ({base} & MODULES.keys())
    return found


def cycles() -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    graph = {name: imports_of(name) for name in MODULES}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for name in graph:
        if name not in index:
            visit(name)
    return groups


def test_the_checker_sees_imports_inside_functions() -> None:
    assert "volunteer_match.cli" in imports_of("volunteer_match")  # register_commands


def test_no_import_cycle_anywhere() -> None:
    assert cycles() == []


@pytest.mark.parametrize(("layer", "never"), [("web", "api"), ("api", "web")])
def test_pages_and_api_never_import_each_other(layer: str, never: str) -> None:
    crossing = {
        (name, target)
        for name in MODULES
        if name.startswith(f"volunteer_match.{layer}")
        for target in imports_of(name)
        if target.startswith(f"volunteer_match.{never}")
    }
    assert crossing == set()


def test_the_matcher_imports_no_flask_sqlalchemy_or_app_code() -> None:
    for name, path in MODULES.items():
        if not name.startswith("volunteer_match.matching"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
                names += [alias.name for alias in getattr(node, "names", [])]
                for imported in names:
                    top = imported.split(".")[0]
                    assert top not in {"flask", "sqlalchemy", "flask_sqlalchemy"}, name
                    if imported.startswith("volunteer_match."):
                        assert imported.startswith("volunteer_match.matching"), name


def test_views_never_commit_or_roll_back() -> None:
    offenders = [
        f"{name}:{node.lineno}"
        for name, path in MODULES.items()
        if name.startswith(("volunteer_match.web", "volunteer_match.api"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute)
        and node.attr in {"commit", "rollback"}
        and isinstance(node.value, ast.Attribute)
        and node.value.attr == "session"
    ]
    assert offenders == []


def test_no_module_is_over_350_lines() -> None:
    long = {
        name: lines
        for name, path in MODULES.items()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}
