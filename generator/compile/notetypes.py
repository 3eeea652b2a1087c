"""The note types, one per card kind, and the cards each makes.

Every kind has a note type of its own, with a fixed id and name, the same
phone-first CSS, night mode and Sources section as the basic one
(:mod:`generator.compile.notetype`), and no scripts:

- ``basic``: "deckgen Q&A", one card (question → answer);
- ``reversed``: "deckgen Reversed", two cards (front → back, back → front);
- ``type-in``: "deckgen Type-in", one card on which the answer is typed
  (Anki's ``{{type:Answer}}``) and compared;
- ``cloze``: "deckgen Cloze", a real cloze note type (Anki's type 1): one card
  per deletion number in its Text field.

Field and template names are the note types' schema in Anki and never change
(the build guards them, as for the basic one).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from generator.assets import asset
from generator.compile import notetype as basic
from generator.compile.notetype import Notetype, Template, named
from generator.model import CardKind
from generator.text import cloze

KIND_CSS = basic.CSS + asset("notetype-kinds.css")
"""The basic note type's CSS, and the rules cloze and type-in cards need."""

MARKS_CSS = asset("notetype-marks.css")
"""The rules for maths, code and tables: in a deck's note types only when one of its notes has any,
so that a deck without them keeps the exact CSS (and bytes) it had."""
_MARKS = re.compile(r'<code>|<div class="dg-table">|\\[(\[]')
"""What in a note's field HTML needs :data:`MARKS_CSS`: code, a table, maths."""
STYLE_HEADER = "\n/* The deck's own style (deck: style:) */\n"


def deck_css(fields: Iterable[Iterable[str]], style: str = "") -> str:
    """What a deck adds to each of its note types' CSS: :data:`MARKS_CSS` when a note's ``fields`` have
    maths, code or a table, then the deck's own ``style`` (``deck: style:``), last, so it wins."""
    marks = any(_MARKS.search(field) for note in fields for field in note if "<" in field or "\\" in field)
    return (MARKS_CSS if marks else "") + (STYLE_HEADER + style if style else "")


def with_css(nt: Notetype, extra: str) -> Notetype:
    """The note type with ``extra`` (:func:`deck_css`) after its CSS."""
    return dataclasses.replace(nt, css=nt.css + extra) if extra else nt


_EXTRA_AND_SOURCES = """\
{{#Extra}}<div class="dg-extra">{{Extra}}</div>{{/Extra}}
{{#Sources}}<div class="dg-sources"><div class="dg-label">Sources</div>{{Sources}}</div>{{/Sources}}
</div>"""


def _front(prompt: str) -> str:
    return f'<div class="dg-card dg-front">\n<div class="dg-question">{{{{{prompt}}}}}</div>\n</div>'


def _back(prompt: str, answer: str) -> str:
    return (
        f'<div class="dg-card dg-back">\n<div class="dg-question">{{{{{prompt}}}}}</div>\n<hr id="answer">\n'
        f'<div class="dg-answer">{{{{{answer}}}}}</div>\n' + _EXTRA_AND_SOURCES
    )


REVERSED = (
    1607392419,
    "deckgen Reversed",
    ("Front", "Back", "Extra", "Sources", "Id"),
    (
        Template("Front to back", _front("Front"), _back("Front", "Back")),
        Template("Back to front", _front("Back"), _back("Back", "Front")),
    ),
)
TYPE_IN = (
    1607392519,
    "deckgen Type-in",
    ("Question", "Answer", "Extra", "Sources", "Id"),
    (
        Template(
            "Type",
            '<div class="dg-card dg-front">\n<div class="dg-question">{{Question}}</div>\n'
            '<div class="dg-type">{{type:Answer}}</div>\n</div>',
            '<div class="dg-card dg-back">\n<div class="dg-question">{{Question}}</div>\n<hr id="answer">\n'
            '<div class="dg-answer dg-typed">{{type:Answer}}</div>\n' + _EXTRA_AND_SOURCES,
        ),
    ),
)
CLOZE = (
    1607392619,
    "deckgen Cloze",
    ("Text", "Extra", "Sources", "Id"),
    (
        Template(
            "Cloze",
            '<div class="dg-card dg-front">\n<div class="dg-question dg-cloze">{{cloze:Text}}</div>\n</div>',
            '<div class="dg-card dg-back">\n<div class="dg-answer dg-cloze">{{cloze:Text}}</div>\n'
            + _EXTRA_AND_SOURCES,
        ),
    ),
)
_KINDS = {CardKind.REVERSED: REVERSED, CardKind.TYPE_IN: TYPE_IN, CardKind.CLOZE: CLOZE}
KINDS = (CardKind.BASIC, *_KINDS)
"""Every kind, the basic one first."""


def for_kind(kind: CardKind | str, generation: int = 1) -> Notetype:
    """The note type of cards of ``kind`` (or its name, as a manifest holds it); generation > 1 is a
    deliberate new one (new id and name)."""
    kind = CardKind(kind)
    if kind == CardKind.BASIC:
        return basic.notetype(generation)
    base_id, base_name, fields, templates = _KINDS[kind]
    nt_id, name = named(base_id, base_name, generation)
    return Notetype(nt_id, name, fields, templates, KIND_CSS, cloze=kind == CardKind.CLOZE)


def cloze_ords(nt: Notetype, fields: tuple[str, ...] | list[str]) -> tuple[int, ...]:
    """A cloze note's card ords: one per deletion number in its first field (c1 is ord 0)."""
    assert nt.cloze
    return tuple(number - 1 for number in cloze.numbers(fields[0]))


CARD_ID_STRIDE = 1 << 42
"""Card ids: a note's first card has the note's own id (as a one-card note always has), and its
card of ord ``k`` the note id plus ``k`` times this. Note ids are milliseconds since 1970, below
2**42 until the year 2109, so every card id in a package is distinct and each is the same from
build to build. (Anki gives a card it imports a fresh id when the one it carries is in the
future or taken; it knows a note's cards by their note and ord, so history never depends on it.)"""


def card_id(note_id: int, ord_: int) -> int:
    """The id of a note's card of template (or cloze) ord ``ord_``."""
    if ord_ and not 0 < note_id < CARD_ID_STRIDE:
        raise ValueError(f"note id {note_id} is too large for a note with several cards")
    return note_id + ord_ * CARD_ID_STRIDE
