"""A deck's own style: ``deck: style: deck.css``, read and checked (E365-E368).

The file's CSS goes after the note types' own (the build appends it:
:func:`generator.compile.notetypes.deck_css`), so a deck can change how its
cards look. It is checked first, because Anki puts it into every card: it
must load nothing (E366: no ``@import``, no ``url()`` but ``data:``; a card
must work offline and must not tell anyone it was studied), must not pin
anything over the card (E367: ``position: fixed`` covers the answer on a
phone), must be plain CSS (E368: a ``<`` could close the style sheet and start
HTML), and at most :data:`MAX_STYLE_BYTES` long (E365). Comments are skipped.
What a style does to contrast, font size and width on a phone is measured by
the phone tests, as for the default.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from generator.check.reader import Reader
from generator.codes import Doc, Example
from generator.diagnostics import make
from generator.files import NotRegularFile, TooLarge, outside, read_regular
from generator.load.nodes import Node, ScalarNode

MAX_STYLE_BYTES = 20_000
"""The longest style file: a deck's own touches, not a framework (the default is about 5,000)."""
_COMMENT = re.compile(r"/\*.*?(?:\*/|\Z)", re.S)
_IMPORT = re.compile(r"@import\b", re.I)
_URL = re.compile(r"""\burl\(\s*(?P<quote>['"]?)(?P<address>[^'")]*)""", re.I)
_FIXED = re.compile(r"\bposition\s*:\s*fixed\b", re.I)


def read_style(r: Reader, node: Node, base: Path, confine: bool) -> str | None:
    """The checked CSS of the deck's ``style:`` file; None when it cannot be used (reported)."""
    value = node.value if isinstance(node, ScalarNode) else None
    if not isinstance(value, str) or not value.strip() or "\x00" in value:
        r.report(r.pos(node), "E365", "deck style must name a CSS file, relative to the cards file")
        return None
    file = value.strip()
    shown = os.path.normpath(os.path.join(os.path.dirname(r.path), file))
    if confine and outside(base, base / file) is not None:
        r.report(
            r.pos(node),
            "E365",
            f"deck style {file!r} is outside the project folder (the cards file's folder); "
            "copy it into the folder",
        )
        return None
    try:
        text = read_regular(base / file, MAX_STYLE_BYTES).decode("utf-8-sig")
    except TooLarge:
        problem = f"is larger than {MAX_STYLE_BYTES:,} bytes; keep a deck's style to its own touches"
    except NotRegularFile:
        problem = "is not a regular file"
    except FileNotFoundError:
        problem = "does not exist; fix the path (relative to the cards file)"
    except UnicodeDecodeError:
        problem = "is not UTF-8 text; save it as UTF-8"
    except OSError as exc:
        problem = f"cannot be read ({exc.strerror or exc})"
    else:
        return text if _check(r, text, shown) else None
    r.report(r.pos(node), "E365", f"deck style {shown} {problem}")
    return None


def _check(r: Reader, text: str, shown: str) -> bool:
    """Report what the style must not do, where it does it (in the style file); True if nothing."""
    plain = _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    found: list[tuple[int, str, str]] = []
    for match in _IMPORT.finditer(plain):
        found.append((match.start(), "E366", "@import loads another style sheet; copy its rules in instead"))
    for match in _URL.finditer(plain):
        if not match["address"].strip().lower().startswith("data:"):
            found.append(
                (
                    match.start(),
                    "E366",
                    f"url({match['address'].strip()[:60]}) loads a file Anki does not have with the deck "
                    "(or from the web, when a card is shown); write the picture or font as a data: url, "
                    "or drop it",
                )
            )
    for match in _FIXED.finditer(plain):
        found.append(
            (
                match.start(),
                "E367",
                "position: fixed pins a box over the card, covering the answer on a phone's small "
                "screen; use position: static or relative",
            )
        )
    at = plain.find("<")
    if at >= 0:
        found.append(
            (
                at,
                "E368",
                "a style sheet holds no '<': Anki puts it inside a <style> tag, which '</' would end",
            )
        )
    starts = [0, *(m.end() for m in re.finditer("\n", text))]
    for offset, code, message in sorted(found):
        line = _line(starts, offset)
        r.diagnostics.append(make(shown, line, offset - starts[line - 1] + 1, code, f"deck style: {message}"))
    return not found


def _line(starts: list[int], offset: int) -> int:
    low, high = 0, len(starts)
    while high - low > 1:
        middle = (low + high) // 2
        if starts[middle] <= offset:
            low = middle
        else:
            high = middle
    return low + 1


_DECK = "deck:\n  name: Multiple sclerosis\n  id: 1874512301\n  style: deck.css\n"


def _styled(css: str) -> Example:
    return Example({"cards.yaml": _DECK, "deck.css": css})


DOCS = (
    Doc(
        "E365",
        checks=(
            "The file `deck: style:` names: it must exist, inside the project folder (the cards "
            "file's), as UTF-8 text of at most "
            f"{MAX_STYLE_BYTES:,} bytes."
        ),
        why=(
            "The build appends the file to every note type's CSS: without it the deck cannot be "
            "built as written."
        ),
        bad=Example({"cards.yaml": _DECK}),
        fix=_styled(".dg-answer { color: #0b4f2a; }\n"),
    ),
    Doc(
        "E366",
        checks=(
            "`@import`, or a `url()` whose address is not a `data:` url, in the deck's style "
            "(comments skipped)."
        ),
        why=(
            "Anki does not ship the file with the deck: a card would fetch it from the web each time it "
            "is shown (telling the address's owner when, and failing offline), or miss it."
        ),
        bad=_styled(".dg-card { background: url(https://example.org/paper.png); }\n"),
        fix=_styled(".dg-card { background: #fdfbf4; }\n"),
    ),
    Doc(
        "E367",
        checks="`position: fixed` in the deck's style.",
        why=(
            "A fixed box stays on the screen while the card scrolls: on a phone it covers the answer "
            "or the buttons, and the phone tests could not see through it."
        ),
        bad=_styled(".dg-label { position: fixed; top: 0; }\n"),
        fix=_styled(".dg-label { position: relative; }\n"),
    ),
    Doc(
        "E368",
        checks="A `<` in the deck's style, outside comments.",
        why=(
            "Anki puts the note type's CSS inside a `<style>` tag: `</style>` would end it and make "
            "the rest HTML, run in every card. No CSS needs a `<`."
        ),
        bad=_styled(".dg-answer { color: #0b4f2a; } </style><b>x</b>\n"),
        fix=_styled(".dg-answer { color: #0b4f2a; }\n"),
    ),
)
"""The codes of a deck's own style, documented (see :class:`generator.codes.Doc`)."""
