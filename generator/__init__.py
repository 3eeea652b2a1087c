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

from generator.check import check
from generator.compile import BuildError, BuildResult, Options, build
from generator.diagnostics import Diagnostic, Severity
from generator.report import coverage

__all__ = ["BuildError", "BuildResult", "Diagnostic", "Options", "Severity", "build", "check", "coverage"]
