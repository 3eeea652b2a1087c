"""The characters YAML allows in a stream, and the quick way to the first it does not."""

from __future__ import annotations

import re

NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters YAML does not allow in a stream."""
_ASCII_CONTROLS = bytes(set(range(0x20)) - {0x09, 0x0A, 0x0D} | {0x7F})
_NOT_CONTROL = bytes(sorted(set(range(256)) - set(_ASCII_CONTROLS)))


def not_printable(text: str, data: bytes | None = None) -> re.Match[str] | None:
    """The first character YAML does not allow in ``text``, as :data:`NOT_PRINTABLE` finds it.
    ``data``: the UTF-8 bytes ``text`` was decoded from, when there are any.

    A text of ASCII alone is judged on its bytes first: deleting every byte but the control
    characters is one pass at C speed, where the pattern takes a step of its matcher a character,
    and only when one is there is it looked for to say where. (A BOM is not ASCII: such a text takes
    the pattern's way.)
    """
    if text.isascii():
        raw = data if data is not None else text.encode("ascii")
        if not raw.translate(None, _NOT_CONTROL):
            return None
    return NOT_PRINTABLE.search(text)
