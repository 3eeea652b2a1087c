"""The cards.yaml schema as data: the validator reads it, and so does the JSON Schema.

One table of keys per mapping. The validator uses it for required, unknown
and misspelt keys and for value kinds; :func:`json_schema` turns the same
table into a JSON Schema for editors.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from generator import deckid

Kind = Literal["text", "int", "tags", "evidence", "mapping", "sources", "cards", "ignores"]

SCHEMA_VERSION = 1
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
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
    Key("cards", "cards", True, "The question-and-answer cards."),
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
)
SOURCE = (
    Key("title", "text", True, "The document's title."),
    Key("file", "text", True, "The document's text, relative to the cards file."),
    Key("publisher", "text", False, "Who published it."),
    Key("author", "text", False, "Who wrote it."),
    Key("reviewed_by", "text", False, "Who reviewed it (e.g. medically)."),
    Key("date", "text", False, "Publication or review date, as written (quote it)."),
    Key("url", "text", False, "Where it was found."),
    Key("ignore", "ignores", False, "Passages that are not content (page chrome), each with a reason."),
)
IGNORE = (
    Key("quote", "text", False, "A verbatim passage to ignore, wherever it occurs."),
    Key("lines", "text", False, "Lines to ignore: 'N' or 'N-M' (1-based, inclusive)."),
    Key("reason", "text", False, "Why this passage is not content; required."),
)
LINES_PATTERN = r"^\s*([1-9][0-9]*)\s*(?:-\s*([1-9][0-9]*)\s*)?$"
CARD = (
    Key("id", "text", True, "Stable, unique slug: the card's identity forever."),
    Key("question", "text", True, "The front of the card."),
    Key("answer", "text", True, "The back of the card: short, one fact."),
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
)

LIMITS = {"text": 10_000, "quote": 2_000, "tag": 200}
"""Longest allowed text field, evidence quote and tag, in characters."""


def _text(doc: str) -> dict[str, Any]:
    return {"type": "string", "description": doc, "maxLength": LIMITS["text"]}


def _value(key: Key) -> dict[str, Any]:
    if key.kind == "int":  # the validator takes positive whole numbers below 2**63; deck ids from FLOOR
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
    if key.kind == "ignores":
        return _ignores(key.doc)
    if key.kind == "cards":
        return {"type": "array", "description": key.doc, "items": _object(CARD)}
    if key.kind == "mapping":
        return {**_object(DECK), "description": key.doc}
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
        "description": "Question-and-answer cards with verbatim evidence from source documents.",
        **schema,
    }
