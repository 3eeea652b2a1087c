"""Loading: the bytes of a cards file → a YAML node tree with positions, or diagnostics.

- :mod:`.loader`: decoding, limits, syntax errors as diagnostics;
- :mod:`.compose`: the bounded, non-recursive composer;
- :mod:`.nodes`: the slotted node classes;
- :mod:`.include`: included files, found and loaded once each.

This package's names are the load stage's face: the check stage imports them
from here. Besides them, :mod:`.nodes` (the node tree, the stage's output) and
:mod:`.include` (the files a cards list includes) are public
(``tests/project/test_layers.py``).
"""

from generator.load.compose import Stop, Watch, compose
from generator.load.loader import Document, Prepared, load_file, load_text, read_file

__all__ = [
    "Document",
    "Prepared",
    "Stop",
    "Watch",
    "compose",
    "load_file",
    "load_text",
    "read_file",
]
