"""Checked model → note contents: fields as HTML, tags, GUIDs, content hashes.

Pure data out; no Anki library here. What a note holds is decided only here,
so the content hash covers exactly what ends up in the note.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from generator import twocore
from generator.compile import medianames
from generator.compile.markup import escape, inert, to_html
from generator.model import Card, CardKind, CardsFile, Source
from generator.urls import shown, url_problem

SOURCE_TAG_PREFIX = "source::"
_BASE91 = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~"
_PAIRS = [high + low for high in _BASE91 for low in _BASE91]
"""Every two-digit base-91 number, by value: a GUID takes five divisions instead of ten."""
PARALLEL_NOTES = 5_000
"""From this many cards on, a helper process (:mod:`generator.twocore`) compiles some of the notes."""
HELPER_SHARE = 0.45
"""The share of the notes the helper compiles: under half, as it also pickles them and this process
reads them back. With half, this process waited 0.4 to 0.7 s for the helper at 50,000 cards."""


@dataclass(frozen=True)
class NoteData:
    """One note's content, ready to package."""

    card_id: str
    guid: str
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    kind: CardKind = CardKind.BASIC
    deck: str = ""
    """The subdeck its cards go into, below the deck ("": the deck itself)."""
    digest: str = field(default="", compare=False, repr=False)
    """The content hash, when it was worked out with the note (else :meth:`content_hash` works it out)."""
    was: tuple[str, ...] = ()
    """The card's earlier ids (``was:``), whose note it keeps (:func:`generator.compile.manifest.plan`)."""

    @property
    def key(self) -> str:
        """The note's identity in the manifest (and its GUID's): see :func:`note_key`."""
        return note_key(self.card_id, self.kind)

    def content_hash(self) -> str:
        """A hash of what the note holds (and its subdeck, when it has one: moving it is a change)."""
        return self.digest or content_hash(self.fields, self.tags, self.deck)


def content_hash(fields: tuple[str, ...], tags: tuple[str, ...], deck: str = "") -> str:
    """The hash of a note's content: :meth:`NoteData.content_hash`."""
    content = [fields, tags, deck] if deck else [fields, tags]
    data = json.dumps(content, ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()


def note_key(card_id: str, kind: str) -> str:
    """A card's note's identity: its id for a basic card, else its id and kind (``mri:cloze``).

    The GUID derives from it, so a card that changes kind is a new note: Anki
    keeps a note's type for good, and would skip an incoming note of another
    type under the same GUID. (Ids are slugs, so the colon cannot clash.)
    """
    return card_id if kind == CardKind.BASIC else f"{card_id}:{kind}"


def split_key(key: str) -> tuple[str, str]:
    """A note key's card id and kind."""
    card_id, _, kind = key.partition(":")
    return card_id, kind or CardKind.BASIC


def guid(deck_id: int, card_id: str) -> str:
    """A note GUID from the deck id and the note key (the card id for a basic card), never from content.

    Same scheme as Anki's own GUIDs: the first 8 bytes of a SHA-256, in base 91.
    """
    number = int.from_bytes(hashlib.sha256(f"{deck_id}__{card_id}".encode()).digest()[:8], "big")
    pairs = []
    while number >= 8281:  # 91 * 91
        number, rest = divmod(number, 8281)
        pairs.append(_PAIRS[rest])
    head = _PAIRS[number] if number >= 91 else _BASE91[number] if number else ""
    return head + "".join(reversed(pairs))


MAX_SLUG = 100
"""Longest file-name slug: with '.manifest.json' and a temp file's additions, far below any file system's
limit on a name (255 bytes)."""


def slug(name: str) -> str:
    """A file-name slug for a deck name: 'MS::Spine Lesions' → 'ms-spine-lesions'.

    A slug longer than :data:`MAX_SLUG` is cut, and ends in a hash of the whole
    name so that two long names stay apart.
    """
    text = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or "deck"
    if len(text) <= MAX_SLUG:
        return text
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return text[: MAX_SLUG - 9].rstrip("-") + "-" + digest


def card_tags(card: Card, deck_tags: tuple[str, ...]) -> tuple[str, ...]:
    """Card tags, deck tags and ``source::<key>`` for each cited source; each once, sorted."""
    tags = {*card.tags, *deck_tags, *(SOURCE_TAG_PREFIX + key for key in card.source_keys())}
    return tuple(sorted(tags, key=lambda t: (t.casefold(), t)))


def _citation(source: Source) -> str:
    details = [escape(d) for d in (source.author, source.publisher) if d and d != source.title]
    if source.date and source.date != source.title:
        # A date is read as one word: phones would otherwise break 2019-01-07 after a hyphen.
        details.append(f'<span class="dg-date">{escape(source.date)}</span>')
    meta = ", ".join(details)
    return f'<span class="dg-source-title">{escape(source.title)}</span>' + (
        f' <span class="dg-source-meta">({meta})</span>' if meta else ""
    )


def _link(source: Source) -> str:
    """A link to the source's ``url``, when it is a plain http(s) address (else nothing)."""
    if not source.url or url_problem(source.url) is not None:
        return ""
    return f'<p class="dg-source-link"><a href="{escape(source.url)}">{escape(shown(source.url))}</a></p>'


class _Heads(dict[str, tuple[str, str]]):
    """Each source's citation and link, by key, made on first use: the same for every card citing it."""

    def __init__(self, sources: dict[str, Source]) -> None:
        super().__init__()
        self.sources = sources

    def __missing__(self, key: str) -> tuple[str, str]:
        source = self.sources[key]
        made = self[key] = (_citation(source), _link(source))
        return made


def sources_html(
    card: Card, sources: dict[str, Source], heads: dict[str, tuple[str, str]] | None = None
) -> str:
    """The back-of-card citation: each source with its quotes, collapsed. ``heads``: the sources'
    citations and links as :class:`_Heads` makes them, kept from card to card."""
    parts = []
    made = heads if heads is not None else _Heads(sources)
    for key in card.source_keys():
        quotes = "".join(
            f"<blockquote>{escape(ev.quote.strip())}</blockquote>" for ev in card.evidence if ev.source == key
        )
        citation, link = made[key]
        parts.append(f'<details class="dg-source"><summary>{citation}</summary>{quotes}{link}</details>')
    return inert("".join(parts))  # a source's text is never a sound tag


def extra_html(card: Card, names: Mapping[str, str] | None = None) -> str:
    """The Extra field: the card's sounds (Anki's ``[sound:...]`` tags, played on the back),
    its context, then the deck's own editorial note, labelled."""
    extra = to_html(card.extra, names)
    if card.media and names:
        sounds = "".join(f"[sound:{names[ref.path]}]" for ref in card.media if ref.kind == "audio")
        extra = (f'<div class="dg-audio">{sounds}</div>' if sounds else "") + extra
    if not card.note:
        return extra
    return extra + f'<div class="dg-note"><div class="dg-label">Note</div>{to_html(card.note, names)}</div>'


def note_fields(
    card: Card,
    sources: dict[str, Source],
    names: Mapping[str, str] | None = None,
    heads: dict[str, tuple[str, str]] | None = None,
) -> tuple[str, ...]:
    """The note's fields, in the order of its kind's note type (:mod:`generator.compile.notetypes`);
    pictures and sounds by the names in ``names`` (each checked path → its shipped name); ``heads`` as
    in :func:`sources_html`."""
    if card.kind == CardKind.CLOZE:
        return (
            to_html(card.text, names),
            extra_html(card, names),
            sources_html(card, sources, heads),
            escape(card.id),
        )
    return (
        to_html(card.question, names),
        to_html(card.answer, names if card.kind != CardKind.TYPE_IN else None),  # typed: plain text
        extra_html(card, names),
        sources_html(card, sources, heads),
        escape(card.id),
    )


Compiled = tuple[str, tuple[str, ...], tuple[str, ...], str]
"""A note's GUID, fields, tags and content hash."""


def compile_notes(
    cards_file: CardsFile, *, helper_from: int = PARALLEL_NOTES, jobs: int | None = None
) -> list[NoteData]:
    """One note per card, in file order; pictures and sounds by the names they are shipped under.

    From ``helper_from`` cards on, a helper process compiles the last
    :data:`HELPER_SHARE` of them while this one compiles the rest (when a helper is possible, ``jobs`` as
    in :func:`generator.twocore.available`: else, or if it fails, this process
    compiles all of them; the notes are the same).
    """
    deck, sources, cards = cards_file.deck, cards_file.sources, cards_file.cards
    names = medianames.names(cards_file.media, slug(deck.name)) if cards_file.media else None

    def compiled(part: Sequence[Card]) -> list[Compiled]:
        made = []
        heads = _Heads(sources)
        for card in part:
            fields = note_fields(card, sources, names, heads)
            tags = card_tags(card, deck.tags)
            key = card.id if card.kind == CardKind.BASIC else note_key(card.id, card.kind)
            made.append((guid(deck.id, key), fields, tags, content_hash(fields, tags, card.deck)))
        return made

    cut = len(cards) - int(len(cards) * HELPER_SHARE) if len(cards) >= helper_from else len(cards)
    with twocore.start(lambda: compiled(cards[cut:]), worth_it=cut < len(cards), jobs=jobs) as rest:
        made = compiled(cards[:cut])
        made += rest.result()
    return [
        NoteData(card.id, note_guid, fields, tags, card.kind, card.deck, digest, card.was)
        for card, (note_guid, fields, tags, digest) in zip(cards, made, strict=True)
    ]
