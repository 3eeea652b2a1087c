"""Checking a cards file: load → structure → rules, every problem as a diagnostic.

- :mod:`.structure` (with :mod:`.reader` and :mod:`.schema`): the node tree
  read into model values, every shape problem reported;
- :mod:`.rules`: the rules on meaning, one module a family;
- :mod:`.fast`: the work shared with a helper process on a second core, for large files.
"""

from generator.check.run import check, check_document

__all__ = ["check", "check_document"]
