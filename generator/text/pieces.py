"""Finding many needles in one long text without scanning it once per needle.

A :class:`PieceIndex` holds the hashes of the text's ``gram``-character
pieces at every ``step``-th position. Any occurrence of a needle of
``gram + step - 1`` characters or more covers one indexed piece entirely,
at one of ``step`` shifts from the needle's start: a lookup hashes those
``step`` pieces of the needle and checks the few places where one is indexed.
"""

from __future__ import annotations

_FEW = 8
"""A piece indexed at more places than this is common: a rarer piece of the needle is looked for."""
_NONE: list[int] = []


class PieceIndex:
    """The pieces of ``text`` of ``gram`` characters at every ``step``-th position, by hash."""

    def __init__(self, text: str, gram: int, step: int) -> None:
        self.text = text
        self.gram = gram
        self.step = step
        self.shortest = gram + step - 1
        """Needles shorter than this may miss every indexed piece: :meth:`search` refuses them."""
        first: dict[int, int] = {}
        more: dict[int, list[int]] = {}
        for at in range(0, len(text) - gram + 1, step):
            key = hash(text[at : at + gram])
            seen = first.setdefault(key, at)
            if seen != at:
                more.setdefault(key, []).append(at)
        self._first = first
        self._more = more

    def search(self, needle: str, anywhere: bool = False) -> int:
        """The first occurrence of ``needle`` in the text, or -1 (as ``str.find``).

        With ``anywhere``, some occurrence, whichever the index meets first.
        """
        if len(needle) < self.shortest:
            raise ValueError(f"needles of under {self.shortest} characters are not indexed")
        hay, gram, step, first, more = self.text, self.gram, self.step, self._first, self._more
        best = -1
        for shift in range(step):
            piece = hash(needle[shift : shift + gram])
            indexed = first.get(piece)
            if indexed is None:
                continue
            candidates = more.get(piece)
            if candidates is None:  # most pieces occur once
                at = indexed - shift
                if at >= 0 and (best < 0 or at < best) and hay.startswith(needle, at):
                    best = at
                    if anywhere:
                        return best
                continue
            # An occurrence at this shift holds every piece at shift + k * step:
            # when this piece is common, go by the rarest of them.
            offset, key, further, absent = shift, piece, shift + step, False
            while len(candidates) > _FEW and further + gram <= len(needle):
                other = hash(needle[further : further + gram])
                if other not in first:
                    absent = True
                    break
                if len(more.get(other, _NONE)) < len(candidates):
                    offset, key, candidates = further, other, more.get(other, _NONE)
                further += step
            if absent:
                continue
            for indexed in (first[key], *candidates):
                at = indexed - offset
                if best >= 0 and at >= best:
                    break
                if at >= 0 and hay.startswith(needle, at):
                    best = at
                    if anywhere:
                        return best
                    break
        return best
