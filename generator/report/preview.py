"""A static HTML preview of a whole deck, for authors: every card, front and
back, in phone-sized frames, with a light/dark switch.

Cards are rendered from the note type's own templates and CSS with the very
field HTML the build puts into notes (:func:`generator.build.notes.compile_notes`).
The templates use a small part of Anki's template language, which is rendered
here the way Anki renders it: ``{{Field}}``, ``{{#Field}}...{{/Field}}`` and
``{{^Field}}...{{/Field}}``, and ``{{FrontSide}}`` on the back. The tests
compare this rendering with Anki's own, card by card.

No click and no genanki here: the preview reads, checks and renders only.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.assets import asset
from generator.build.notes import NoteData, card_tags, compile_notes
from generator.build.notetype import Notetype, notetype
from generator.check import check
from generator.diagnostics import Diagnostic, has_errors
from generator.model import CardsFile

PHONE_SIZES = ((360, 640), (412, 915))
"""Frame sizes in CSS px: a small Android phone, and a large one."""

_TAG = re.compile(r"\{\{([#^/]?)\s*([^{}]*?)\s*\}\}")
# Anki's rule (rslib template.rs, field_is_empty): nothing but ASCII whitespace
# and <br>/<div> tags. A no-break or zero-width space makes a field non-empty.
_EMPTY_FIELD = re.compile(r"^(?:[ \t\n\v\f\r]|</?(?:br|div) ?/?>)*$", re.I)


class TemplateError(ValueError):
    """The template uses something this renderer (and so the preview) does not support."""


def field_is_empty(text: str) -> bool:
    """Whether Anki treats a field as empty (for ``{{#Field}}`` sections)."""
    return bool(_EMPTY_FIELD.match(text))


def render(template: str, fields: Mapping[str, str]) -> str:
    """Render a card template with field HTML, as Anki's template engine does."""
    out, _ = _render(template, 0, fields, None)
    return out


def _render(template: str, pos: int, fields: Mapping[str, str], closing: str | None) -> tuple[str, int]:
    """Render from ``pos`` until ``{{/closing}}`` (or the end); return the text and where it stopped."""
    parts: list[str] = []
    while True:
        match = _TAG.search(template, pos)
        if match is None:
            if closing is not None:
                raise TemplateError(f"{{{{#{closing}}}}} is never closed")
            parts.append(template[pos:])
            return "".join(parts), len(template)
        parts.append(template[pos : match.start()])
        kind, name = match.groups()
        pos = match.end()
        if kind == "/":
            if name != closing:
                raise TemplateError(f"{{{{/{name}}}}} closes nothing open")
            return "".join(parts), pos
        if name not in fields:
            raise TemplateError(f"unknown field or unsupported tag {{{{{kind}{name}}}}}")
        if kind:
            inner, pos = _render(template, pos, fields, name)
            if field_is_empty(fields[name]) == (kind == "^"):
                parts.append(inner)
        else:
            parts.append(fields[name])


@dataclass(frozen=True)
class CardView:
    """One card as the preview shows it."""

    card_id: str
    tags: tuple[str, ...]
    front: str
    back: str


def sides(nt: Notetype, field_html: Sequence[str]) -> tuple[str, str]:
    """The front and back HTML of a note's card (without the CSS)."""
    fields = dict(zip(nt.fields, field_html, strict=True))
    front = render(nt.front, fields)
    back = render(nt.back, {**fields, "FrontSide": front})
    return front, back


def card_views(cards_file: CardsFile, nt: Notetype | None = None) -> list[CardView]:
    """Every card of the deck, rendered, in file order."""
    nt = nt or notetype()
    deck_tags = cards_file.deck.tags
    notes: list[NoteData] = compile_notes(cards_file)
    views = []
    for card, note in zip(cards_file.cards, notes, strict=True):
        front, back = sides(nt, note.fields)
        views.append(CardView(card.id, card_tags(card, deck_tags), front, back))
    return views


# The page keeps each card's HTML as data; a frame is made for it only when its
# slot comes near the screen, so a deck of hundreds of cards opens at once.
FRAME_HEAD = (
    '<!doctype html><html><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
)


def _slot(number: int, side: int, label: str) -> str:
    title = html.escape(label)
    return f'<div class="pv-phone pv-slot" title="{title}" data-card="{number}" data-side="{side}"></div>'


def _json_for_script(data: object) -> str:
    """JSON that is safe inside <script>: no '</script>' or '<!--' can end it early."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


PAGE_CSS = asset("preview.css")

PAGE_JS = asset("preview.js")


def preview_html(cards_file: CardsFile, nt: Notetype | None = None) -> str:
    """One self-contained HTML page showing every card of the deck, front and back."""
    nt = nt or notetype()
    views = card_views(cards_file, nt)
    deck = html.escape(cards_file.deck.name)
    width, height = PHONE_SIZES[0]
    cards = []
    data = {"head": FRAME_HEAD, "css": nt.css, "cards": [[v.front, v.back] for v in views]}
    for number, view in enumerate(views, 1):
        anchor = html.escape(f"card-{view.card_id}")
        name = html.escape(view.card_id)
        tags = html.escape(" ".join(view.tags))
        cards.append(
            f'<section class="pv-card" id="{anchor}">'
            f'<h2><a href="#{anchor}">{number}. {name}</a></h2><p class="pv-tags">{tags}</p>'
            '<div class="pv-sides">'
            f"<figure><figcaption>Front</figcaption>{_slot(number - 1, 0, f'{view.card_id}: front')}"
            "</figure>"
            f"<figure><figcaption>Back</figcaption>{_slot(number - 1, 1, f'{view.card_id}: back')}"
            "</figure></div></section>"
        )
    count = f"{len(views)} card{'s' * (len(views) != 1)}"
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Preview: {deck}</title><style>{PAGE_CSS}</style></head>\n<body>"
        f"<header><h1>{deck}</h1>"
        f"<p>{count} from {html.escape(cards_file.path)}, rendered with the note type "
        f"&ldquo;{html.escape(nt.name)}&rdquo; in {width}&times;{height} CSS px frames "
        "(scroll inside a frame to see the rest of a card; tap a source to unfold its quotes).</p>"
        '<div class="pv-controls">'
        '<label><input type="checkbox" id="pv-night"> Night mode</label>'
        '<label><input type="checkbox" id="pv-unfold"> Unfold all sources</label>'
        f'<label><input type="checkbox" id="pv-large"> Large phone ({PHONE_SIZES[1][0]}&times;'
        f"{PHONE_SIZES[1][1]})</label>"
        "</div></header>\n<main>\n"
        + "\n".join(cards)
        + "\n</main>\n<noscript><p>JavaScript fills the frames: allow it for this page.</p></noscript>\n"
        + f'<script type="application/json" id="pv-data">{_json_for_script(data)}</script>\n'
        + f"<script>\n{PAGE_JS}</script>\n</body></html>\n"
    )


@dataclass(frozen=True)
class Preview:
    diagnostics: list[Diagnostic]
    page: str | None = None
    """The HTML page; None when the cards file has errors."""
    cards: int = 0


def preview(cards_path: Path, display: str | None = None) -> Preview:
    """Check ``cards_path`` and render its preview page (not when the file has errors)."""
    cards_file, diagnostics = check(cards_path, display)
    if cards_file is None or has_errors(diagnostics):
        return Preview(diagnostics)
    return Preview(diagnostics, preview_html(cards_file), len(cards_file.cards))
