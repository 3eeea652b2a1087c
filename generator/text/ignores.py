"""The passages of a source document its ``ignore`` entries cover.

An entry names a verbatim ``quote`` (every occurrence) or a range of
``lines``. The checker reports an entry that covers nothing (E310), and
source coverage leaves what the entries cover out of a source's content; both
read the spans from here.
"""

from __future__ import annotations

from generator.model import Ignore
from generator.text.source import SourceText, Span


def resolve(ignore: Ignore, text: SourceText) -> list[Span]:
    """The raw spans an entry ignores; empty when it matches nothing."""
    if ignore.quote is not None:
        return text.find_all(ignore.quote)
    if ignore.lines is not None:
        first, last = ignore.lines
        if last > text.line_count:
            return []
        return [text.lines_span(first, last)]
    return []
