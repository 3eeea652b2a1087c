"""The package's imports go one way: no module imports itself back through others.

A cycle works only while each module's imports are deferred or ordered just
so; the walk (:mod:`tests.imports`) reads every import statement, those inside
functions too, so a deferred import does not hide one.
"""

from __future__ import annotations

from pathlib import Path

from tests.imports import Import, cycles, imports


def test_no_module_imports_itself_back_through_others() -> None:
    found = imports()
    assert {i.module for i in found} >= {"generator", "generator.cli", "generator.compile.manifest"}
    assert cycles([i for i in found if not i.typing_only]) == []


def test_the_manifest_is_read_one_way() -> None:
    edges = {(i.module, i.target) for i in imports()}
    assert ("generator.compile.manifest", "generator.compile.manifest_schema") in edges
    assert ("generator.compile.manifest", "generator.compile.manifest_data") in edges
    assert ("generator.compile.manifest_schema", "generator.compile.manifest_data") in edges
    assert not {m for m, t in edges if t == "generator.compile.manifest"} & {
        "generator.compile.manifest_schema",
        "generator.compile.manifest_data",
    }


def package(tmp_path: Path, files: dict[str, str]) -> Path:
    """A package ``pkg`` of the given modules (name → source) in ``tmp_path``."""
    root = tmp_path / "pkg"
    root.mkdir()
    (root / "__init__.py").write_text("", encoding="utf-8")
    for name, source in files.items():
        (root / f"{name}.py").write_text(source, encoding="utf-8")
    return root


def test_the_walk_finds_a_cycle_through_a_deferred_or_relative_import(tmp_path: Path) -> None:
    root = package(
        tmp_path,
        {
            "a": "def f():\n    from pkg import b\n    return b\n",
            "b": "from . import a\n",
            "c": "import os, pkg.a\n",
        },
    )
    found = imports(root)
    assert [(i.module, i.target, i.line) for i in found] == [
        ("pkg.a", "pkg.b", 2),
        ("pkg.b", "pkg.a", 1),
        ("pkg.c", "os", 1),
        ("pkg.c", "pkg.a", 1),
    ]
    assert cycles(found) == [["pkg.a", "pkg.b", "pkg.a"]]


def test_the_walk_reads_dynamic_and_type_checking_imports(tmp_path: Path) -> None:
    root = package(
        tmp_path,
        {
            "d": "import importlib\n\ndef load():\n    return importlib.import_module('click')\n",
            "e": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg import f\n",
            "f": "from pkg import e\n",
        },
    )
    found = imports(root)
    assert Import("pkg.d", "click", 4, typing_only=False) in found
    assert Import("pkg.e", "pkg.f", 3, typing_only=True) in found
    assert cycles(found) == [["pkg.e", "pkg.f", "pkg.e"]]
    assert cycles([i for i in found if not i.typing_only]) == []  # never run, so no cycle
