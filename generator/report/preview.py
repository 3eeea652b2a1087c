"""A static HTML preview of a whole deck, for authors: every card, front and
back, in phone-sized frames, with a light/dark switch.

Cards are rendered from their note types' own templates and CSS with the very
field HTML the build puts into notes (:func:`generator.compile.notes.compile_notes`),
one view for each card Anki makes: two for a reversed note, one per deletion
number for a cloze note. The templates are rendered as Anki renders them
(:mod:`generator.report.template`); a type-in card shows Anki's typing box on
its front and, on its back, the answer as if typed correctly. The tests
compare this rendering with Anki's own, card by card.

No click and no genanki here: the preview reads, checks and renders only.
"""

from __future__ import annotations

import base64
import html
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.assets import asset
from generator.check import check_all
from generator.compile import medianames, notetypes
from generator.compile.notes import NoteData, card_tags, compile_notes, slug
from generator.compile.notetype import Notetype, notetype
from generator.diagnostics import Diagnostic, has_errors
from generator.model import CardKind, CardsFile
from generator.report.template import render, reviewer, typed_correctly
from generator.starter import CARDS_FILE

PHONE_SIZES = ((360, 640), (412, 915))
"""Frame sizes in CSS px: a small Android phone, and a large one."""


@dataclass(frozen=True)
class CardView:
    """One card as the preview shows it."""

    card_id: str
    tags: tuple[str, ...]
    front: str
    back: str
    ord: int = 0
    """Which of its note's cards: the template's ord, or the cloze number less one."""
    css: str = ""
    """Its note type's CSS."""
    label: str = ""
    """What sets it apart from its note's other cards ("back to front", "c2"); "" for a note's only card."""


def sides(nt: Notetype, field_html: Sequence[str], ord_: int = 0) -> tuple[str, str]:
    """The front and back HTML of a note's card of ``ord_`` (without the CSS), as Anki renders them."""
    fields = dict(zip(nt.fields, field_html, strict=True))
    template = nt.templates[0 if nt.cloze else ord_]
    front = render(template.front, fields, number=ord_ + 1)
    back = render(template.back, {**fields, "FrontSide": front}, number=ord_ + 1, answer=True)
    return front, back


def _ords(nt: Notetype, fields: Sequence[str]) -> tuple[int, ...]:
    return notetypes.cloze_ords(nt, tuple(fields)) if nt.cloze else tuple(range(len(nt.templates)))


def _label(nt: Notetype, ord_: int, count: int) -> str:
    if count == 1:
        return ""
    return f"c{ord_ + 1}" if nt.cloze else nt.templates[ord_].name.lower()


def card_views(cards_file: CardsFile) -> list[CardView]:
    """Every card of the deck, rendered, in file order (a note's cards in order)."""
    deck_tags = cards_file.deck.tags
    notes: list[NoteData] = compile_notes(cards_file)
    css = notetypes.deck_css((note.fields for note in notes), cards_file.deck.style)
    views = []
    for card, note in zip(cards_file.cards, notes, strict=True):
        nt = notetypes.with_css(notetypes.for_kind(card.kind), css)
        ords = _ords(nt, note.fields)
        for ord_ in ords:
            front, back = sides(nt, note.fields, ord_)
            if card.kind == CardKind.TYPE_IN:
                answer = note.fields[nt.fields.index("Answer")]
                front = reviewer(front, front=True, comparison="")
                back = reviewer(back, front=False, comparison=typed_correctly(answer))
            tags = card_tags(card, deck_tags)
            views.append(CardView(card.id, tags, front, back, ord_, nt.css, _label(nt, ord_, len(ords))))
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


MATHJAX_VARIABLE = "DECKGEN_MATHJAX"
"""The environment variable naming a MathJax 3 single-file build (``tex-svg-full.js`` or
``tex-chtml-full.js`` from npm's ``mathjax`` package) for the preview to typeset maths with."""
MATHJAX_CONFIG = (
    "window.MathJax = {tex: {inlineMath: [['\\\\(', '\\\\)']], displayMath: [['\\\\[', '\\\\]']], "
    "processEscapes: false, processEnvironments: false, processRefs: false}, startup: {typeset: false}};\n"
)
"""Anki's reading of maths: its own delimiters only (no dollars), nothing else processed."""
_MATHS = re.compile(r"\\[(\[]")


def mathjax_script() -> str | None:
    """The MathJax script the preview's frames run (its configuration first), when
    :data:`MATHJAX_VARIABLE` names a readable file; else None (maths then shows as typed)."""
    path = os.environ.get(MATHJAX_VARIABLE)
    if not path:
        return None
    try:
        return MATHJAX_CONFIG + Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


PAGE_CSS = asset("preview.css")

PAGE_JS = asset("preview.js")

MIME = {
    "png": "image/png",
    "jpg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
    "svg": "image/svg+xml",
    "mp3": "audio/mpeg",
    "ogg": "audio/ogg",
}


def media_urls(cards_file: CardsFile) -> dict[str, str]:
    """Each shipped media name → a ``data:`` URL of its file, so the page needs nothing beside it.

    A file that cannot be read any more is left out (its picture shows its alt text).
    """
    urls = {}
    for name, read in medianames.entries(cards_file.media, slug(cards_file.deck.name)):
        try:
            data = read()
        except medianames.MediaChanged:
            continue
        urls[name] = f"data:{MIME[name.rsplit('.', 1)[-1]]};base64,{base64.b64encode(data).decode()}"
    return urls


def preview_html(cards_file: CardsFile, views: Sequence[CardView] | None = None) -> str:
    """One self-contained HTML page showing every card of the deck, front and back (``views``: its
    cards, rendered already)."""
    views = card_views(cards_file) if views is None else views
    deck = html.escape(cards_file.deck.name)
    width, height = PHONE_SIZES[0]
    cards = []
    styles = list(dict.fromkeys(v.css for v in views)) or [notetype().css]
    data: dict[str, object] = {
        "head": FRAME_HEAD,
        "css": styles,
        "cards": [[v.front, v.back, styles.index(v.css), f"card card{v.ord + 1}"] for v in views],
        "media": media_urls(cards_file),
    }
    has_maths = any(_MATHS.search(v.front) or _MATHS.search(v.back) for v in views)
    mathjax = mathjax_script() if has_maths else None
    if mathjax is not None:
        data["mathjax"] = mathjax
    maths_note = (
        ""
        if not has_maths
        else "; maths is typeset by the MathJax that "
        + MATHJAX_VARIABLE
        + " names, as Anki's own MathJax typesets it"
        if mathjax is not None
        else "; maths shows as typed here (Anki typesets it): to see it typeset, set "
        + MATHJAX_VARIABLE
        + " to a MathJax 3 file such as tex-svg-full.js from npm's mathjax package"
    )
    names = _notetype_names(cards_file)
    for number, view in enumerate(views, 1):
        anchor = html.escape(f"card-{view.card_id}" + (f"-{view.ord + 1}" if view.label else ""))
        name = html.escape(view.card_id + (f" ({view.label})" if view.label else ""))
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
    written = len(cards_file.cards)
    count = (
        f"{len(views)} Anki card{'s' * (len(views) != 1)}, made from the {written} "
        f"card{'s' * (written != 1)} written"
    )
    has_typing = any(card.kind == "type-in" for card in cards_file.cards)
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Preview: {deck}</title><style>{PAGE_CSS}</style></head>\n<body>"
        f"<header><h1>{deck}</h1>"
        f"<p>{count} in {html.escape(cards_file.path)}, rendered with the note "
        f"type{'s' * (len(names) != 1)} {', '.join(f'&ldquo;{html.escape(n)}&rdquo;' for n in names)} "
        f"in {width}&times;{height} CSS px frames "
        "(scroll inside a frame to see the rest of a card; tap a source to unfold its quotes"
        f"{'; type-in cards show their answer as if typed correctly' * has_typing}{maths_note}).</p>"
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


def _notetype_names(cards_file: CardsFile) -> list[str]:
    kinds = {card.kind for card in cards_file.cards} or {CardKind.BASIC}
    return [notetypes.for_kind(kind).name for kind in notetypes.KINDS if kind in kinds]


@dataclass(frozen=True)
class Preview:
    diagnostics: list[Diagnostic]
    page: str | None = None
    """The HTML page; None when the cards file has errors."""
    cards: int = 0
    """The cards written in the cards file."""
    anki_cards: int = 0
    """The cards Anki makes of them (two of a reversed card, one a deletion number of a cloze card)."""


def preview(cards_path: Path, display: str | None = None, *, allow_outside: bool = False) -> Preview:
    """Check ``cards_path`` and render its preview page (not when the file has errors)."""
    return previews([cards_path], [display or str(cards_path)], allow_outside=allow_outside)[0]


def previews(
    paths: Sequence[Path], displays: Sequence[str] | None = None, *, allow_outside: bool = False
) -> list[Preview]:
    """Check the cards files as the decks of one project and render each deck's preview page (none
    when any file has errors); a :class:`Preview` a file, in order."""
    checked = check_all(paths, displays, allow_outside=allow_outside)
    if any(cards_file is None or has_errors(found) for cards_file, found in checked):
        return [Preview(found) for _, found in checked]
    done = []
    for cards_file, found in checked:
        assert cards_file is not None
        views = card_views(cards_file)
        done.append(Preview(found, preview_html(cards_file, views), len(cards_file.cards), len(views)))
    return done


def page_for(cards_path: Path, page: str) -> Path:
    """Where a page about a deck goes by default, beside its cards file: ``preview.html`` for
    ``cards.yaml``, ``physics.preview.html`` for ``physics.yaml`` (``page`` is ``preview`` or
    ``coverage``), so the decks of one folder never write one page."""
    if cards_path.name == CARDS_FILE:
        return cards_path.parent / f"{page}.html"
    stem = re.sub(r"\.ya?ml$", "", cards_path.name)
    return cards_path.parent / f"{stem}.{page}.html"
