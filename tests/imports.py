"""The ``generator`` package's imports as its source writes them, read with :mod:`ast`.

Every import statement counts, wherever it is (a function's deferred import
too), and so does ``importlib.import_module("name")`` or ``__import__("name")``
with the name written out. Relative imports are resolved, and ``from a import
b`` is the submodule ``a.b`` when there is one, else ``a``. An import under
``if TYPE_CHECKING:`` is marked: it is never run. Importing ``a.b`` runs
``a/__init__.py`` first, but that is not counted as ``a.b`` importing ``a``:
a package's modules may import one another while it is being initialised.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "generator"


@dataclass(frozen=True)
class Import:
    """One module importing another."""

    module: str
    """The importing module, such as ``generator.compile.manifest``."""
    target: str
    """The module imported, such as ``generator.compile.manifest_schema`` or ``click.testing``."""
    line: int
    typing_only: bool
    """Written under ``if TYPE_CHECKING:``, so never run."""

    @property
    def top(self) -> str:
        """The top-level package imported: ``click`` for ``click.testing``."""
        return self.target.partition(".")[0]

    def __str__(self) -> str:
        return f"{self.module} (line {self.line}) imports {self.target}"


def modules(package: Path = PACKAGE) -> dict[str, Path]:
    """Every module of the package by its dotted name (a package by its own name, not ``__init__``)."""
    found = {}
    for path in sorted(package.rglob("*.py")):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports(package: Path = PACKAGE) -> list[Import]:
    """Every import of every module of the package, in module and line order."""
    known = modules(package)
    return [
        i for name, path in known.items() for i in sorted(_imports(name, path, known), key=lambda i: i.line)
    ]


def _imports(name: str, path: Path, known: dict[str, Path]) -> Iterator[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    here = name if path.name == "__init__.py" else name.rpartition(".")[0]
    typing_only = _typing_only(tree)
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = here.split(".")[: len(here.split(".")) - node.level + 1]
                base = ".".join([*up, *([base] if base else [])])
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names
            ]
        elif isinstance(node, ast.Call) and (written := _dynamic(node)):
            targets = [written]
        for target in dict.fromkeys(targets):
            yield Import(name, target, node.lineno, id(node) in typing_only)


def _dynamic(call: ast.Call) -> str:
    """The name ``importlib.import_module("x")`` or ``__import__("x")`` imports ("" for other calls)."""
    func = call.func
    named = (isinstance(func, ast.Attribute) and func.attr == "import_module") or (
        isinstance(func, ast.Name) and func.id in {"import_module", "__import__"}
    )
    first = call.args[0] if named and call.args else None
    return first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else ""


def _typing_only(tree: ast.Module) -> set[int]:
    """The ids of the import nodes under an ``if TYPE_CHECKING:`` (or ``typing.TYPE_CHECKING``)."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) in {"TYPE_CHECKING", "typing.TYPE_CHECKING"}:
            for statement in node.body:
                found.update(id(n) for n in ast.walk(statement) if isinstance(n, ast.Import | ast.ImportFrom))
    return found


def cycles(edges: list[Import]) -> list[list[str]]:
    """Each cycle among the package's own modules, as a path from a module back to itself.

    One cycle is given for each strongly connected group of modules (Tarjan's
    algorithm), so a test names every tangle once.
    """
    graph: dict[str, list[str]] = {edge.module: [] for edge in edges}
    for edge in edges:
        if edge.target in graph:
            graph[edge.module].append(edge.target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1 or node in graph[node]:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_path(graph, set(group), group[0]) for group in sorted(groups)]


def _path(graph: dict[str, list[str]], group: set[str], start: str) -> list[str]:
    """A shortest path from ``start`` through ``group`` back to ``start``."""
    paths = {start: [start]}
    queue = [start]
    for node in queue:
        for nxt in graph[node]:
            if nxt == start:
                return [*paths[node], start]
            if nxt in group and nxt not in paths:
                paths[nxt] = [*paths[node], nxt]
                queue.append(nxt)
    raise AssertionError(f"no cycle through {start}")
