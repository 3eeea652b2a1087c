"""Building a deck: notes, markup, note type, manifest, package.

- :mod:`.notes`: the checked model → each note's fields, tags and GUID;
- :mod:`.markup`: card text → safe HTML;
- :mod:`.notetype`: the note type (names, templates, CSS);
- :mod:`.manifest`: what each note held and when it changed, between builds;
- :mod:`.package`: notes → ``.apkg`` bytes (the only module that knows genanki);
- :mod:`.pipeline`: :func:`build`, which runs them in order.
"""

from generator.compile.pipeline import BuildError, BuildResult, build

__all__ = ["BuildError", "BuildResult", "build"]
