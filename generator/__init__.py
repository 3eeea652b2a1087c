"""deckgen: check cards.yaml like a compiler and build Anki decks from it.

The library can be used without the command line::

    from pathlib import Path
    import generator

    cards_file, diagnostics = generator.check(Path("cards.yaml"))
    result = generator.build(Path("cards.yaml"), Path("decks"), generator.Options(strict=True))
    if result.deck is not None:
        print(result.deck.apkg, result.deck.changes.summary())
    if cards_file is not None:
        report = generator.coverage(cards_file)  # per source, or why a file can't be read

The stages, in the order data moves: :mod:`generator.load` (bytes → node
tree), :mod:`generator.check` (node tree → model and diagnostics),
:mod:`generator.compile` (model → notes → package; several decks at once with
:func:`generator.compile.build_decks`), :mod:`generator.report` (preview and
coverage). Only :mod:`generator.cli` knows the command line.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from generator.check import check
    from generator.compile import BuildError, BuildResult, Options, build
    from generator.diagnostics import Diagnostic, Severity
    from generator.report import coverage  # type: ignore[no-redef]  # mypy sees report.coverage, the module

__all__ = ["BuildError", "BuildResult", "Diagnostic", "Options", "Severity", "build", "check", "coverage"]

_FROM = {
    "check": "generator.check",
    "BuildError": "generator.compile",
    "BuildResult": "generator.compile",
    "Options": "generator.compile",
    "build": "generator.compile",
    "Diagnostic": "generator.diagnostics",
    "Severity": "generator.diagnostics",
    "coverage": "generator.report",
}
"""Where each name of the library API lives. They are imported when first used, not with the
package: the ``deckgen`` command starts in :mod:`generator.__main__`, which must be running (to
answer Ctrl-C) before the stages are imported."""


def __getattr__(name: str) -> Any:
    if name not in _FROM:
        raise AttributeError(f"module 'generator' has no attribute {name!r}")
    value = getattr(importlib.import_module(_FROM[name]), name)
    globals()[name] = value
    return value


class _Package(types.ModuleType):
    """This package, whose API names are never taken by its subpackages: importing the check stage
    (``generator.check``) binds it on its parent, and here ``generator.check`` stays the function."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _FROM and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
