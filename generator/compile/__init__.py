"""Building a deck: notes, markup, note type, manifest, package.

- :mod:`.notes`: the checked model → each note's fields, tags and GUID;
- :mod:`.markup`: card text → safe HTML;
- :mod:`.notetype`: the note type (names, templates, CSS);
- :mod:`.manifest`: what each note held and when it changed, between builds;
- :mod:`.package`: notes → ``.apkg`` bytes (the only module that knows genanki);
- :mod:`.pipeline`: one deck's build, those steps in order, then writing it;
- :mod:`.decks`: :func:`build_decks` (and :func:`build`, for one deck), which
  runs the pipeline for every deck given and writes all of them or none;
- :mod:`.preflight`: :func:`refusals`, what a build would refuse in its output
  folder, found without building (``deckgen check`` reports it).

This package's names are the compile stage's face: a later stage imports them
from here. Besides them, the modules that make a card's note (:mod:`.notes`,
:mod:`.notetype`, :mod:`.notetypes`, :mod:`.medianames`) are public, so the
preview shows exactly what a build writes (``tests/project/test_layers.py``).
"""

from generator.compile.decks import BuildResult, build, build_decks
from generator.compile.pipeline import BuildError, BuiltDeck, Options, RemovedNotes
from generator.compile.preflight import refusals

__all__ = [
    "BuildError",
    "BuildResult",
    "BuiltDeck",
    "Options",
    "RemovedNotes",
    "build",
    "build_decks",
    "refusals",
]
