"""A source's ``ignore`` entries: passages that are not content, checked like evidence.

An entry names a verbatim ``quote`` (every occurrence is ignored, so one entry
covers repeated chrome such as "ADVERTISEMENT") or a range of ``lines``, and
always a ``reason``. An entry that no longer matches its document is an error,
so ignores cannot rot when a source is re-captured. What an entry covers:
:mod:`generator.text.ignores`.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.rules.finding import Finding
from generator.model import Source
from generator.text.closest import closest
from generator.text.ignores import resolve
from generator.text.normalise import normalise
from generator.text.source import SourceText


def check_source(source: Source, text: SourceText) -> Iterator[Finding]:
    """E310 passages not found or lines outside the file; E311 no reason; E312 quote xor lines."""
    for entry in source.ignore:
        if (entry.quote is None) == (entry.lines is None):
            both = (
                "gives both quote and lines" if entry.quote is not None else "gives neither quote nor lines"
            )
            yield entry.pos, "E312", f"source {source.key!r}: ignore entry {both}; give exactly one"
        elif entry.quote is not None and not normalise(entry.quote):
            yield entry.pos, "E303", f"source {source.key!r}: ignore entry has an empty quote"
        elif not resolve(entry, text):
            if entry.lines is not None:
                first, last = entry.lines
                yield (
                    entry.pos,
                    "E310",
                    f"ignored lines {first}-{last} are outside {source.display}, "
                    f"which has {text.line_count} lines",
                )
            else:
                hint = closest(text, entry.quote or "")
                where = f"; closest passage, line {hint[0]}: {hint[1]!r}" if hint else ""
                yield entry.pos, "E310", f"ignored passage not found in {source.display}{where}"
        if not entry.reason.strip():
            yield (
                entry.pos,
                "E311",
                f"source {source.key!r}: ignore entry has no reason; say why it is not content",
            )
