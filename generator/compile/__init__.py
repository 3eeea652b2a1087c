"""Building a deck: notes, markup, note type, manifest, package.

- :mod:`.notes`: the checked model → each note's fields, tags and GUID;
- :mod:`.markup`: card text → safe HTML;
- :mod:`.notetype`: the note type (names, templates, CSS);
- :mod:`.manifest`: what each note held and when it changed, between builds;
- :mod:`.package`: notes → ``.apkg`` bytes (the only module that knows genanki);
- :mod:`.pipeline`: :func:`build`, which runs them in order;
- :mod:`.decks`: :func:`build_all`, several decks built together.

This package's names are the compile stage's face: a later stage imports them
from here. Besides them, the modules that make a card's note (:mod:`.notes`,
:mod:`.notetype`, :mod:`.notetypes`, :mod:`.medianames`) are public, so the
preview shows exactly what a build writes (``tests/project/test_layers.py``).
"""

from generator.compile.decks import build_all
from generator.compile.pipeline import BuildError, BuildResult, Options, build

__all__ = ["BuildError", "BuildResult", "Options", "build", "build_all"]
