"""The package's layers: a module imports only from its own stage or an earlier one.

load ← check ← compile ← report ← cli, with text/, assets/ and the top-level modules (model,
diagnostics, codes, collector, files, deckid, starter, mediaformat, twocore) shared below them all.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "generator"
SHARED = {
    "model",
    "diagnostics",
    "codes",
    "collector",
    "files",
    "deckid",
    "starter",
    "mediaformat",
    "twocore",
    "assets",
    "text",
}
STAGES = ["load", "check", "compile", "report", "cli"]


def rank(module: str) -> int:
    """0 for shared modules, then 1 (load) to 5 (cli); the package's face comes last."""
    part = module.split(".")[1] if "." in module else ""
    if part in SHARED:
        return 0
    if part in STAGES:
        return 1 + STAGES.index(part)
    return len(STAGES) + 1  # generator/__init__.py, __main__.py


def imports(path: Path) -> list[tuple[str, int]]:
    """Every ``generator.*`` module ``path`` imports, with the line."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}:{node.lineno}: relative import; the package imports absolutely"
            base = node.module or ""
            names = [f"{base}.{a.name}" for a in node.names] if base == "generator" else [base]
            found += [(name, node.lineno) for name in names]
        elif isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
    return [(name, line) for name, line in found if name.split(".")[0] == "generator"]


def test_no_module_imports_from_a_later_stage() -> None:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for name, line in imports(path):
            if rank(name) > rank(module):
                wrong.append(f"{path.relative_to(ROOT)}:{line} imports {name}")
    assert wrong == []


def test_the_rule_can_fail(tmp_path: Path) -> None:
    upward = tmp_path / "upward.py"
    upward.write_text(
        "from generator.compile.pipeline import build\nfrom generator import cli\n", encoding="utf-8"
    )
    assert imports(upward) == [("generator.compile.pipeline", 1), ("generator.cli", 2)]
    assert rank("generator.load.loader") < rank("generator.check.run") < rank("generator.compile.pipeline")
    assert rank("generator.report.preview") < rank("generator.cli")
    assert rank("generator.files") == rank("generator.text.source") == 0
