"""Source documents: normalising, the quote index, sentences.

- :mod:`.normalise`: the text form quotes and documents are compared in;
- :mod:`.source`: a document with its normal form and quote lookups;
- :mod:`.pieces`: the piece index that finds many quotes in one long text;
- :mod:`.sentences`: splitting a document into sentences and headings.
"""

from generator.text.source import SourceText, Span, read_source

__all__ = ["SourceText", "Span", "read_source"]
