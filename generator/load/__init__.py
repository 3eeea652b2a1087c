"""Loading: the bytes of a cards file → a YAML node tree with positions, or diagnostics.

- :mod:`.loader`: decoding, limits, syntax errors as diagnostics;
- :mod:`.compose`: the bounded, non-recursive composer;
- :mod:`.nodes`: the slotted node classes.
"""

from generator.load.loader import Document, load_file, load_text

__all__ = ["Document", "load_file", "load_text"]
