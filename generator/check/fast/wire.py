"""Cards as plain tuples, to send from a helper process and back (:mod:`.parts`).

The plain way is to pickle the model's frozen dataclasses as they are; it is
the reference this is tested against (``decode(encode(cards))`` equals the
cards, field for field). It is slower: pickling a :class:`~generator.model.Pos`
calls its named tuple's ``__getnewargs__`` in Python, for each of the
hundreds of thousands of positions in a large deck, and making the cards
again through their constructors sets each field of a frozen dataclass with
a call of ``object.__setattr__``. Measured on the benchmark's 50,000-card
deck (the helper's 20,000 cards, CPU time, best of 7): pickling the
dataclasses took about 1.4 times as long to send as encoding and pickling
these tuples, and about 1.2 times as long to receive; tuples made again
through the constructors took about 1.8 times as long to receive. Plain
values pickle at C speed, and here the objects are made again without their
``__init__`` (the values were checked when they were read).
"""

from __future__ import annotations

from typing import Any

from generator.model import Allow, Card, Evidence, MediaRef, Pos

_new = object.__new__
_tuple = tuple.__new__
Wire = list[tuple[Any, ...]]
"""Cards as plain values."""
Tags = list[tuple[str, tuple[int, int, str]]]
"""Tags with their positions, as plain values."""


def _plain(pos: Pos | None) -> tuple[int, int, str] | None:
    return None if pos is None else (pos.line, pos.col, pos.file)


def encode(cards: list[Card]) -> Wire:
    """The cards as tuples of strings, numbers and tuples."""
    return [
        (
            c.id,
            c.question,
            c.answer,
            tuple([(e.source, e.quote, _plain(e.pos), _plain(e.key_pos)) for e in c.evidence]),
            _plain(c.pos),
            c.tags,
            c.extra,
            c.note,
            tuple([(a.code, a.reason, _plain(a.pos)) for a in c.allow]),
            tuple([(name, _plain(pos)) for name, pos in c.positions]),
            c.kind,
            c.text,
            tuple([(m.kind, m.path, _plain(m.pos), m.alt) for m in c.media]),
            c.deck,
        )
        for c in cards
    ]


def _made(cls: type, values: dict[str, Any]) -> Any:
    # What unpickling a dataclass does, without the Python call per field of its frozen __init__.
    made: Any = _new(cls)
    made.__dict__.update(values)
    return made


def _pos(values: tuple[int, int, str] | None) -> Pos | None:
    return None if values is None else _tuple(Pos, values)


def decode(rows: Wire) -> list[Card]:
    """The cards :func:`encode` was given."""
    out = []
    for row in rows:
        (ident, question, answer, evidence, pos, tags, extra, note) = row[:8]
        allow, positions, kind, text, media, deck = row[8:]
        fields = {
            "id": ident,
            "question": question,
            "answer": answer,
            "evidence": tuple(
                [
                    _made(Evidence, {"source": s, "quote": q, "pos": _tuple(Pos, p), "key_pos": _pos(k)})
                    for s, q, p, k in evidence
                ]
            ),
            "pos": _tuple(Pos, pos),
            "tags": tags,
            "extra": extra,
            "note": note,
            "allow": tuple(
                [_made(Allow, {"code": c, "reason": r, "pos": _tuple(Pos, p)}) for c, r, p in allow]
            ),
            "positions": tuple([(name, _tuple(Pos, p)) for name, p in positions]),
            "kind": kind,
            "text": text,
            "media": tuple(
                [
                    _made(MediaRef, {"kind": k, "path": path, "pos": _tuple(Pos, p), "alt": alt})
                    for k, path, p, alt in media
                ]
            ),
            "deck": deck,
        }
        out.append(_made(Card, fields))
    return out


def encode_tags(tags: list[tuple[str, Pos]]) -> Tags:
    """The tags as tuples of a string and a plain position."""
    return [(tag, (pos.line, pos.col, pos.file)) for tag, pos in tags]


def decode_tags(tags: Tags) -> list[tuple[str, Pos]]:
    """The tags :func:`encode_tags` was given."""
    return [(tag, _tuple(Pos, pos)) for tag, pos in tags]
