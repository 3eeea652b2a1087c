"""The package's layers, and the faces its stages meet through.

Two rules, each shown below to fail on a wrong import:

1. **Data moves one way.** A module imports only from its own stage or an
   earlier one: load ← check ← compile ← report ← sync ← cli, then the library's face
   (``generator/__init__.py``, ``__main__.py``). Below them all is the shared
   layer: text/, assets/ and the top-level modules (model, diagnostics, codes,
   collector, files, deckid, starter, mediaformat, urls, tags, slugs, twocore).
2. **A stage is met through its face.** A module imports another stage only
   through that stage's package (``generator.check``: the names its
   ``__init__`` exports), never through one of its modules
   (``generator.check.rules.tags``); what two stages share moves down to the
   shared layer, which anyone may import module by module. A few modules are
   public besides their package, each for a reason (:data:`PUBLIC`):

   - ``generator.load.nodes``: the node tree, the load stage's output, which
     the check stage reads node by node;
   - ``generator.load.include``: included files, which the check stage's cards
     list asks the load stage to find and load;
   - ``generator.compile.notes``, ``.notetype``, ``.notetypes``,
     ``.medianames``: what a build makes of each card (its note's fields and
     tags, the note types, the media names), so the preview shows exactly what
     a build writes;
   - ``generator.report.reference`` and ``generator.report.summary``: the codes
     reference and what a build or coverage report says, line by line, which
     the command line prints.

``from generator.check import x`` imports the package's ``x`` when its
``__init__`` binds that name (as Python does), else the submodule
``generator.check.x``.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT
from tests.imports import modules

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
    "urls",
    "tags",
    "slugs",
    "twocore",
    "assets",
    "text",
}
STAGES = ["load", "check", "compile", "report", "sync", "cli"]
PUBLIC = {
    "generator.load.nodes",
    "generator.load.include",
    "generator.compile.notes",
    "generator.compile.notetype",
    "generator.compile.notetypes",
    "generator.compile.medianames",
    "generator.report.reference",
    "generator.report.summary",
}
"""Modules another stage may import besides the stage's package (the docstring says why each)."""
KNOWN = modules(PACKAGE)


def layer(module: str) -> str:
    """``shared``, the stage (``load`` to ``cli``), or ``generator`` for the library's face."""
    part = module.split(".")[1] if "." in module else ""
    if part in SHARED:
        return "shared"
    if part in STAGES:
        return part
    return "generator"  # generator/__init__.py, __main__.py


def rank(module: str) -> int:
    """0 for shared modules, then 1 (load) to 6 (cli); the library's face comes last."""
    found = layer(module)
    if found == "shared":
        return 0
    if found in STAGES:
        return 1 + STAGES.index(found)
    return len(STAGES) + 1


def bound(package: str) -> dict[str, str]:
    """The names a package's ``__init__`` binds, each with the module it is (``""`` if it is no module).

    ``from package import name`` gets that binding, as Python does: the package's
    ``preview()`` function, or its submodule when ``__init__`` imported that.
    """
    path = KNOWN.get(package)
    if path is None or path.name != "__init__.py":
        return {}
    names: dict[str, str] = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom):
            for a in node.names:
                sub = f"{node.module}.{a.name}"
                names[a.asname or a.name] = sub if sub in KNOWN else ""
        elif isinstance(node, ast.Import):
            names.update({(a.asname or a.name).split(".")[0]: "" for a in node.names})
        elif isinstance(node, ast.FunctionDef | ast.ClassDef):
            names[node.name] = ""
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update({t.id: "" for t in targets if isinstance(t, ast.Name)})
    return names


def imports(path: Path) -> list[tuple[str, int]]:
    """Every ``generator`` module or package ``path`` imports, with the line (deferred imports too)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}:{node.lineno}: relative import; the package imports absolutely"
            base = node.module or ""
            faces = bound(base)
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                face = alias.name in faces and faces[alias.name] != sub
                found.append((sub if sub in KNOWN and not face else base, node.lineno))
        elif isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
    return [(name, line) for name, line in found if name.split(".")[0] == "generator"]


def wrong(module: str, target: str) -> str | None:
    """Which rule ``module`` importing ``target`` breaks, or None."""
    if rank(target) > rank(module):
        return "imports from a later stage"
    stage = layer(target)
    if stage in STAGES and stage != layer(module) and target != f"generator.{stage}" and target not in PUBLIC:
        return f"reaches into a module of {stage}/; import it from generator.{stage}"
    return None


def test_every_import_follows_the_layers() -> None:
    found = []
    for module, path in KNOWN.items():
        for target, line in imports(path):
            problem = wrong(module, target)
            if problem is not None:
                found.append(f"{path.relative_to(ROOT)}:{line} {problem}: {target}")
    assert found == []


def test_stages_meet_through_their_faces() -> None:
    edges = {(layer(module), target) for module, path in KNOWN.items() for target, _ in imports(path)}
    assert ("compile", "generator.check") in edges
    assert ("report", "generator.check") in edges
    assert ("check", "generator.load") in edges
    assert ("cli", "generator.report") in edges
    # No arrow from compile/ or report/ into check/'s modules, nor from anywhere but check/ itself.
    into_check = {
        (stage, target) for stage, target in edges if stage != "check" and "generator.check." in target
    }
    assert into_check == set()
    assert set(KNOWN) >= PUBLIC


def test_the_rules_can_fail(tmp_path: Path) -> None:
    upward = tmp_path / "upward.py"
    upward.write_text(
        "from generator.compile.pipeline import build\n"
        "from generator import cli\n"
        "from generator.check.rules import tags\n"
        "from generator.check import check, schema\n"
        "def late():\n"
        "    from generator.report import preview, summary\n",
        encoding="utf-8",
    )
    assert imports(upward) == [
        ("generator.compile.pipeline", 1),
        ("generator.cli", 2),
        ("generator.check.rules.tags", 3),
        ("generator.check", 4),
        ("generator.check.schema", 4),
        ("generator.report", 6),  # the package's preview(), not the module
        ("generator.report.summary", 6),
    ]
    assert rank("generator.load.loader") < rank("generator.check.run") < rank("generator.compile.pipeline")
    assert rank("generator.report.preview") < rank("generator.cli") < rank("generator")
    assert rank("generator.files") == rank("generator.text.source") == rank("generator.tags") == 0

    assert wrong("generator.check.run", "generator.compile") == "imports from a later stage"
    assert wrong("generator.text.cloze", "generator.check") == "imports from a later stage"
    face = "reaches into a module of check/; import it from generator.check"
    assert wrong("generator.compile.pipeline", "generator.check.rules.tags") == face
    assert wrong("generator.report.coverage", "generator.check.rules.ignores") == face
    assert wrong("generator.cli", "generator.check.schema") == face
    assert wrong("generator", "generator.report.coverage") == (
        "reaches into a module of report/; import it from generator.report"
    )
    assert wrong("generator.compile.pipeline", "generator.check") is None
    assert wrong("generator.check.rules.tags", "generator.check.schema") is None  # its own stage
    assert wrong("generator.compile.notes", "generator.text.cloze") is None  # the shared layer
    assert wrong("generator.report.preview", "generator.compile.notes") is None  # public
