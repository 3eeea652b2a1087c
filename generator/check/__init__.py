"""Checking a cards file: load → structure → rules, every problem as a diagnostic.

- :mod:`.structure` (with :mod:`.reader` and :mod:`.schema`): the node tree
  read into model values, every shape problem reported;
- :mod:`.rules`: the rules on meaning, one module a family;
- :mod:`.fast`: the work shared with a helper process on a second core, for large files.

This package's names are the check stage's face: a later stage (compile,
report, the command line) imports them from here, never from a module of the
stage (``tests/project/test_layers.py``).
"""

from generator.check.ahead import Ahead, check_ahead
from generator.check.decknames import name_problem
from generator.check.fast import DEFAULT as DEFAULT_TUNING
from generator.check.fast import Tuning
from generator.check.project import Found, check_all, find_decks
from generator.check.rules.mediafiles import media_problem
from generator.check.run import check, check_document
from generator.check.schema import included_schema, json_schema

__all__ = [
    "DEFAULT_TUNING",
    "Ahead",
    "Found",
    "Tuning",
    "check",
    "check_ahead",
    "check_all",
    "check_document",
    "find_decks",
    "included_schema",
    "json_schema",
    "media_problem",
    "name_problem",
]
