"""Anki's card templates, rendered the way Anki renders them, for the preview.

The note types use a small part of Anki's template language, rendered here
as Anki's engine does: ``{{Field}}``, ``{{#Field}}...{{/Field}}`` and
``{{^Field}}...{{/Field}}``, ``{{FrontSide}}`` on the back, ``{{cloze:Field}}``
(the card's deletion hidden on the front and shown on the back, the others
as text) and ``{{type:Field}}`` (left as ``[[type:Field]]``, which Anki's
reviewer turns into a typing box on the front and the comparison on the
back: :func:`reviewer`). The tests compare the rendering with Anki's own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from generator.text import cloze

_TAG = re.compile(r"\{\{([#^/]?)\s*([^{}]*?)\s*\}\}")
# Anki's rule (rslib template.rs, field_is_empty): nothing but ASCII whitespace
# and <br>/<div> tags. A no-break or zero-width space makes a field non-empty.
_EMPTY_FIELD = re.compile(r"^(?:[ \t\n\v\f\r]|</?(?:br|div) ?/?>)*$", re.I)


class TemplateError(ValueError):
    """The template uses something this renderer (and so the preview) does not support."""


def field_is_empty(text: str) -> bool:
    """Whether Anki treats a field as empty (for ``{{#Field}}`` sections)."""
    return bool(_EMPTY_FIELD.match(text))


def render(template: str, fields: Mapping[str, str], *, number: int = 1, answer: bool = False) -> str:
    """Render a card template with field HTML, as Anki's template engine does.

    ``number`` is the cloze number of the card (c1 for the first), ``answer``
    whether this is its back: both matter to ``{{cloze:Field}}`` only.
    """
    out, _ = _render(template, 0, fields, None, (number, answer))
    return out


def _render(
    template: str, pos: int, fields: Mapping[str, str], closing: str | None, card: tuple[int, bool]
) -> tuple[str, int]:
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
        if not kind and ":" in name:
            parts.append(_filtered(name, fields, card))
            continue
        if name not in fields:
            raise TemplateError(f"unknown field or unsupported tag {{{{{kind}{name}}}}}")
        if kind:
            inner, pos = _render(template, pos, fields, name, card)
            if field_is_empty(fields[name]) == (kind == "^"):
                parts.append(inner)
        else:
            parts.append(fields[name])


def _filtered(name: str, fields: Mapping[str, str], card: tuple[int, bool]) -> str:
    """A ``{{filter:Field}}`` tag: ``cloze`` and ``type`` are the ones the note types use."""
    how, _, field = name.partition(":")
    if field not in fields or how not in ("cloze", "type"):
        raise TemplateError(f"unknown field or unsupported filter {{{{{name}}}}}")
    if how == "type":
        return f"[[type:{field}]]"
    number, answer = card
    try:
        return cloze.render(fields[field], number, answer)
    except ValueError as exc:
        raise TemplateError(str(exc)) from None


TYPE_FONT = ("Liberation Sans", 20)
"""The font and size (px) Anki's reviewer sets on the typing box: the answer field's, as the note type
declares them (genanki's defaults; the note types' CSS overrides both)."""
_TYPE_ANSWER = re.compile(r"\[\[type:(.+?)\]\]")


def typing_box() -> str:
    """The typing box Anki's desktop reviewer puts where ``[[type:Field]]`` is on a card's front.

    (Without its key handler: the preview runs no script in a card.)
    """
    font, size = TYPE_FONT
    return (
        f"\n<center>\n<input type=text id=typeans\n   style=\"font-family: '{font}'; font-size: {size}px;\">"
        "\n</center>\n"
    )


def typed_correctly(expected: str) -> str:
    """Anki's comparison of an answer typed exactly right (``compare_answer(expected, expected)``).

    ``expected`` is a type-in card's Answer field: plain text, HTML-escaped (the
    checker allows nothing else), which Anki shows as it is.
    """
    return f"<code id=typeans><span class=typeGood>{expected}</span></code>"


def reviewer(side: str, *, front: bool, comparison: str) -> str:
    """A side as Anki's desktop reviewer shows it: on the front ``[[type:Field]]`` becomes the typing
    box; on the back, the comparison of what was typed with the answer, in the field's font."""
    if "[[type:" not in side:
        return side
    if front:
        return _TYPE_ANSWER.sub(lambda _: typing_box(), side)
    font, size = TYPE_FONT
    shown = f"\n<div style=\"font-family: '{font}'; font-size: {size}px\">{comparison}</div>"
    return _TYPE_ANSWER.sub(lambda _: shown, side)
