"""The cards.yaml schema as data: the validator reads it, and so does the JSON Schema.

One table of keys per mapping. The validator uses it for required, unknown
and misspelt keys and for value kinds; :func:`json_schema` turns the same
table into a JSON Schema for editors.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from generator import deckid
from generator.codes import CODES, SWITCHABLE
from generator.model import CardKind
from generator.slugs import SLUG_PATTERN

Kind = Literal[
    "text",
    "int",
    "tags",
    "evidence",
    "mapping",
    "sources",
    "cards",
    "ignores",
    "kind",
    "files",
    "allow",
    "ids",
]

SCHEMA_VERSION = 1
TAG_PATTERN = r"^[^\s\"]+$"


@dataclass(frozen=True)
class Key:
    """One key of a mapping: its value kind, whether required, and its meaning."""

    name: str
    kind: Kind
    required: bool
    doc: str


TOP = (
    Key("version", "int", False, "Schema version of this file; 1."),
    Key("deck", "mapping", True, "The Anki deck the cards go into."),
    Key("sources", "sources", True, "The documents cards are written from, by key."),
    Key("cards", "cards", True, "The cards: each a card, a group of cards, or an included file of cards."),
)
DECK = (
    Key("name", "text", True, "Anki deck name; '::' makes subdecks."),
    Key(
        "id",
        "int",
        True,
        "Fixed deck id of at least ten digits, random (deckgen init makes one), never changed "
        "and never shared with another deck.",
    ),
    Key("description", "text", False, "Shown in Anki's deck overview."),
    Key("tags", "tags", False, "Tags added to every card."),
    Key(
        "style",
        "text",
        False,
        "A CSS file (relative to the cards file) added after the note types' own CSS: the deck's own "
        "look. It loads nothing (no @import, no url() but data:) and pins nothing (no position: fixed).",
    ),
    Key(
        "allow",
        "allow",
        False,
        "Card-quality warnings switched off for the whole deck: code -> the reason, "
        'e.g. {W414: "every question names its source on purpose"}.',
    ),
)
SOURCE = (
    Key("title", "text", True, "The document's title."),
    Key("file", "text", True, "The document's text, relative to the cards file."),
    Key("publisher", "text", False, "Who published it."),
    Key("author", "text", False, "Who wrote it (shown under the card's Sources)."),
    Key("reviewed_by", "text", False, "Who reviewed it (e.g. medically); a record only, not on cards."),
    Key("date", "text", False, "Publication or review date, as written (quote it)."),
    Key("url", "text", False, "Where it was found: an http(s) address, linked under the card's Sources."),
    Key("ignore", "ignores", False, "Passages that are not content (page chrome), each with a reason."),
)
IGNORE = (
    Key("quote", "text", False, "A verbatim passage to ignore, wherever it occurs."),
    Key("lines", "text", False, "Lines to ignore: 'N' or 'N-M' (1-based, inclusive)."),
    Key("reason", "text", False, "Why this passage is not content; required."),
)
LINES_PATTERN = r"^\s*([1-9][0-9]*)\s*(?:-\s*([1-9][0-9]*)\s*)?$"
SUBDECK_DOC = "The subdeck this card goes into, below the deck ('Imaging', or 'Imaging::MRI' one deeper)."
CARD = (
    Key("id", "text", True, "Stable, unique slug: the card's identity forever."),
    Key("kind", "kind", False, "basic (the default), reversed, type-in or cloze."),
    Key(
        "question",
        "text",
        False,
        "The front of the card (basic, reversed and type-in cards): one question of at most 20 words "
        "(W412) that stands on its own: no source named (W414), none of the answer's words (W401, W408), "
        "no 'besides ...' list (W409), not yes/no (W402, W413), not nearly the same as another card's "
        "(W406).",
    ),
    Key(
        "answer",
        "text",
        False,
        "The back of the card: short, one fact (basic, reversed and type-in cards; W403, W410, W411).",
    ),
    Key("text", "text", False, "A cloze card's text, with deletions {{c1::...}} or {{c1::...::hint}}."),
    Key("evidence", "evidence", True, "Source key -> verbatim quote (or list of quotes)."),
    Key("tags", "tags", False, "Topic tags for this card."),
    Key("extra", "text", False, "Context shown under the answer."),
    Key(
        "note",
        "text",
        False,
        "The deck's own editorial note (not the source's words), shown under a 'Note' label: "
        "for example what is accurate where a source is wrong or out of date.",
    ),
    Key(
        "audio",
        "files",
        False,
        "A sound (MP3 or OGG), or a list of them, relative to the cards file; played on the back.",
    ),
    Key(
        "allow",
        "allow",
        False,
        "Card-quality warnings switched off for this card: code -> the reason, "
        'e.g. {W409: "the list is the point of this card"}.',
    ),
    Key("deck", "text", False, SUBDECK_DOC),
    Key(
        "was",
        "ids",
        False,
        "The card's earlier id, or a list of them, after a rename: the card keeps its note in Anki, "
        "and so its review history. An earlier id is never any card's id again.",
    ),
)
GROUP = (
    Key("deck", "text", True, "The subdeck the group's cards go into, below the deck ('Part', 'Part::Sub')."),
    Key("cards", "cards", True, "The group's cards (cards, groups and included files, as at the top)."),
)
INCLUDE = (
    Key("include", "text", True, "Another file of cards, relative to this one; it holds a cards: list only."),
    Key("deck", "text", False, "The subdeck its cards go into, below the deck."),
)
INCLUDED = (
    Key("cards", "cards", True, "This part of the deck's cards, as in the cards file's cards: list."),
)
"""The top level of an included file."""
ITEM_KEYS = frozenset(("cards", "include"))
"""An item of a cards list with one of these keys is a group or an include, not a card."""

LIMITS = {"text": 10_000, "quote": 2_000, "tag": 200, "type-in": 60, "path": 1_000}
"""Longest allowed text field, evidence quote, tag, type-in answer and media path, in characters."""


@dataclass(frozen=True)
class KindSpec:
    """A kind of card: the text keys it takes, and what it is for."""

    name: CardKind
    keys: tuple[str, ...]
    doc: str


CARD_KINDS = (
    KindSpec(
        CardKind.BASIC,
        ("question", "answer"),
        "The question on the front, its answer on the back (the default).",
    ),
    KindSpec(
        CardKind.REVERSED,
        ("question", "answer"),
        "A term (question) and its meaning (answer), learnt both ways: two cards from one note.",
    ),
    KindSpec(
        CardKind.TYPE_IN,
        ("question", "answer"),
        "The learner types the answer and Anki compares it; the answer is short plain text.",
    ),
    KindSpec(CardKind.CLOZE, ("text",), "A text with deletions {{c1::...}}: one card per deletion number."),
)
KINDS = {kind.name: kind for kind in CARD_KINDS}
KIND_KEYS = ("question", "answer", "text")
"""The keys a card's kind requires or forbids."""
TYPE_IN_PATTERN = r"^(?![-+*]\s|[0-9]+[.)]\s)(?!.*&#?[A-Za-z0-9]+;)(?!.*!\[)[^\n\r<>*_`\\]*$"
"""A type-in answer: one line of plain text (no Markdown marks, list start, HTML tag or entity)."""


def _text(doc: str) -> dict[str, Any]:
    return {"type": "string", "description": doc, "maxLength": LIMITS["text"]}


def _value(key: Key) -> dict[str, Any]:
    if key.kind == "int":  # the validator takes positive whole numbers to 2**53; deck ids from FLOOR
        low = deckid.FLOOR if key is DECK[1] else 1
        return {"type": "integer", "minimum": low, "maximum": deckid.CEILING, "description": key.doc}
    if key.kind == "tags":
        tag = {"type": "string", "pattern": TAG_PATTERN, "maxLength": LIMITS["tag"]}
        return {"type": "array", "items": tag, "description": key.doc}
    if key.kind == "evidence":
        quote = {"type": "string", "minLength": 1, "maxLength": LIMITS["quote"]}
        return {
            "type": "object",
            "description": key.doc,
            "minProperties": 1,
            "propertyNames": {"pattern": SLUG_PATTERN},
            "additionalProperties": {"anyOf": [quote, {"type": "array", "items": quote, "minItems": 1}]},
        }
    if key.kind == "sources":
        return {
            "type": "object",
            "description": key.doc,
            "propertyNames": {"pattern": SLUG_PATTERN},
            "additionalProperties": _object(SOURCE),
        }
    if key.kind == "ids":
        slug = {"type": "string", "pattern": SLUG_PATTERN}
        return {"description": key.doc, "anyOf": [slug, {"type": "array", "items": slug, "minItems": 1}]}
    if key.kind == "files":
        path = {"type": "string", "minLength": 1, "maxLength": LIMITS["path"]}
        return {"description": key.doc, "anyOf": [path, {"type": "array", "items": path, "minItems": 1}]}
    if key.kind == "ignores":
        return _ignores(key.doc)
    if key.kind == "allow":
        reason = {"type": "string", "minLength": 1, "maxLength": LIMITS["text"]}
        codes = {c: CODES[c].title for c in sorted(SWITCHABLE)}
        listed = "; ".join(f"{c}: {title}" for c, title in codes.items())
        return {
            "type": "object",
            "description": f"{key.doc} Codes: {listed}.",
            "propertyNames": {"enum": list(codes)},
            "additionalProperties": reason,
        }
    if key.kind == "cards":
        return {"type": "array", "description": key.doc, "items": {"$ref": "#/$defs/item"}}
    if key.kind == "mapping":
        return {**_object(DECK), "description": key.doc}
    if key.kind == "kind":
        return {"enum": list(KINDS), "description": key.doc}
    return _text(key.doc)


def _ignores(doc: str) -> dict[str, Any]:
    """The ``ignore`` list of a source: each entry a quote or a line range, with a reason."""
    entry = _object(IGNORE)
    entry["properties"]["quote"] = {
        **entry["properties"]["quote"],
        "minLength": 1,
        "maxLength": LIMITS["quote"],
    }
    entry["properties"]["lines"] = {
        "description": IGNORE[1].doc,
        "anyOf": [{"type": "string", "pattern": LINES_PATTERN}, {"type": "integer", "minimum": 1}],
    }
    entry["required"] = ["reason"]
    entry["oneOf"] = [{"required": ["quote"]}, {"required": ["lines"]}]
    return {"type": "array", "description": doc, "items": entry}


def _object(keys: tuple[Key, ...]) -> dict[str, Any]:
    props = {key.name: _value(key) for key in keys}
    if any(k.name == "id" for k in keys) and keys is CARD:
        props["id"] = {**props["id"], "pattern": SLUG_PATTERN}
    return {
        "type": "object",
        "properties": props,
        "required": [k.name for k in keys if k.required],
        "additionalProperties": False,
    }


def _card() -> dict[str, Any]:
    """A card: the keys of every kind, and for each kind the text keys it requires and forbids."""
    card = _object(CARD)
    rules: list[dict[str, Any]] = []
    for kind in CARD_KINDS:
        forbidden = [name for name in KIND_KEYS if name not in kind.keys]
        then: dict[str, Any] = {
            "required": list(kind.keys),
            "not": {"anyOf": [{"required": [k]} for k in forbidden]},
        }
        if kind.name == CardKind.TYPE_IN:
            answer = {"pattern": TYPE_IN_PATTERN, "maxLength": LIMITS["type-in"]}
            then["properties"] = {"answer": answer}
        is_kind: dict[str, Any] = {"properties": {"kind": {"const": kind.name}}, "required": ["kind"]}
        if kind.name == CardKind.BASIC:
            is_kind = {"anyOf": [is_kind, {"not": {"required": ["kind"]}}]}
        rules.append({"if": is_kind, "then": then})
    card["allOf"] = rules
    return card


def json_schema() -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of cards.yaml, built from the tables above."""
    schema = _object(TOP)
    schema["properties"]["version"] = {
        "const": SCHEMA_VERSION,
        "description": "Schema version of this file.",
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "deckgen cards file",
        "description": "Study cards (basic, reversed, type-in, cloze) with verbatim evidence from sources.",
        **schema,
        "$defs": _defs(),
    }


def included_schema() -> dict[str, Any]:
    """A JSON Schema of a file a cards file includes (``include:``): a ``cards:`` list only."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "deckgen included cards file",
        "description": "Part of a deck's cards, included by its cards file.",
        **_object(INCLUDED),
        "$defs": _defs(),
    }


def _defs() -> dict[str, Any]:
    """An item of a cards list: a card, a group of cards in a subdeck, or an included file."""
    return {"item": {"anyOf": [_card(), _object(GROUP), _object(INCLUDE)]}}
