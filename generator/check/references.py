"""Pictures and sounds written in a card, each read with the position it is written at.

``![alt text](path)`` in a card's text fields and the paths under its
``audio:`` key become :class:`~generator.model.MediaRef` values; what their
files hold is checked later (:mod:`generator.check.rules.mediafiles`). Here: E340
an image written in a form that is not read, E341 an image without alt text,
E350 media where they cannot be shown, E351 Anki's own ``[sound:...]`` tag
written in text.
"""

from __future__ import annotations

import re

from generator import mediaformat
from generator.check.reader import Fields, Reader, pos
from generator.check.schema import LIMITS
from generator.codes import PICTURE, SOUND, Doc, Example
from generator.load.nodes import Node, ScalarNode, SequenceNode
from generator.model import MediaRef

TEXT_FIELDS = ("question", "answer", "text", "extra", "note")
"""A card's fields that are Markdown, where pictures may be (``text``: a cloze card's)."""
_SOUND_TAG = "[sound:"
_LIVE_SOUND = re.compile(r"\[sound\\?:")
"""What Markdown turns into Anki's ``[sound:`` (a backslash before the colon escapes it; one before
the bracket leaves a bracket): what Anki sees, not what is written."""


def card_media(r: Reader, fields: Fields, where: str) -> tuple[MediaRef, ...]:
    """The card's pictures (text fields, in order) and sounds (``audio:``)."""
    refs: list[MediaRef] = []
    for name in TEXT_FIELDS:  # run for every card: kept to a lookup and two searches a field
        entry = fields.get(name)
        if entry is None:
            continue
        node = entry[1]
        value = node.value  # a list for a list node: then neither is found
        if ("![" in value or "[sound" in value) and isinstance(node, ScalarNode):
            refs += _images(r, node, f"{where} {name}")
    if "audio" in fields:
        refs += _audio(r, fields["audio"][1], where)
    return tuple(refs) if refs else ()


def _images(r: Reader, node: ScalarNode, where: str) -> list[MediaRef]:
    text = node.value
    refs = []
    for found in mediaformat.scan(text):
        offset = found if isinstance(found, int) else found.offset
        at = r.locate(node, text, offset, "![")
        if isinstance(found, int):
            r.report(
                at,
                "E340",
                f"{where}: an image is written ![alt text](path/to/file.png), the path relative to the "
                "cards file, with no spaces, quotes, brackets or title in it",
            )
            continue
        alt = " ".join(found.alt.split())
        if not alt:
            r.report(
                at,
                "E341",
                f"{where}: image {found.path!r} has no alt text; say what it shows in the brackets, "
                "![like this](path): a screen reader reads it, and it shows if the picture is missing",
            )
        refs.append(MediaRef("image", found.path, at, alt))
    for tag in _LIVE_SOUND.finditer(text):
        r.report(
            r.locate(node, text, tag.start(), tag.group()),
            "E351",
            f"{where}: Anki's [sound:...] tag is not written in text; list the sound under audio: "
            "(the build ships the file and adds the tag)",
        )
    return refs


def _audio(r: Reader, node: Node, where: str) -> list[MediaRef]:
    items = node.value if isinstance(node, SequenceNode) else [node]
    if isinstance(node, SequenceNode) and not items:
        r.report(pos(node), "E303", f"{where} audio lists no sound; name a file or remove audio:")
    refs = []
    for item in items:
        path = r.text(item, f"{where} audio", LIMITS["path"])
        if path is None:
            continue
        if not path.strip():
            r.report(pos(item), "E303", f"{where} audio is empty; name a sound file (MP3 or OGG)")
            continue
        refs.append(MediaRef("audio", path.strip(), r.pos(item)))
    return refs


def not_here(r: Reader, node: Node, where: str) -> None:
    """E350: a picture or sound written where it cannot be shown (the deck's description)."""
    if not isinstance(node, ScalarNode):
        return
    text = node.value
    for found in mediaformat.scan(text):
        offset = found if isinstance(found, int) else found.offset
        r.report(
            r.locate(node, text, offset, "!["),
            "E350",
            f"{where} cannot show pictures; put the image on a card",
        )


_CARD = """\
cards:
  - id: cns-parts
    question: What does the central nervous system include?
    answer: {answer}
    evidence:
      healthline: The CNS includes the brain, spinal cord, and optic nerves.
"""
_ANSWER = "The brain, spinal cord and optic nerves."
_PICTURE = {"images/cns.png": PICTURE}


def _extra(extra: str) -> Example:
    """The example card with ``extra:`` (a picture in it, say), and a picture in the project."""
    return Example({"cards.yaml": _CARD.format(answer=_ANSWER) + f"    extra: {extra}\n", **_PICTURE})


DOCS = (
    Doc(
        "E340",
        checks=(
            "A picture written in a form that is not read: `![alt text](path)` with a title "
            '(`![CNS](cns.png "The CNS")`), or with spaces, quotes or brackets in the path.'
        ),
        why=(
            "The card would show the Markdown as typed, and the build would not ship the file. Only "
            "the plain form is read, so that every picture a card shows is one the checker checked."
        ),
        bad=_extra('"![The CNS](images/central nervous system.png)"'),
        fix=_extra('"![The CNS](images/cns.png)"'),
    ),
    Doc(
        "E341",
        checks="A picture without alt text: `![](images/cns.png)`.",
        why=(
            "The alt text is what a screen reader says, and what the card shows where the picture "
            "cannot be: a card that shows only a picture is blank without it."
        ),
        bad=_extra('"![](images/cns.png)"'),
        fix=_extra('"![The brain, spinal cord and optic nerves](images/cns.png)"'),
    ),
    Doc(
        "E350",
        checks="A picture written in the deck's `description:`.",
        why="Anki shows a deck's description away from the deck's files: the picture would never show.",
        bad=Example(
            {
                "cards.yaml": "deck:\n  name: Multiple sclerosis\n  id: 1874512301\n"
                '  description: "![The CNS](images/cns.png) Cards on MS"\n',
                **_PICTURE,
            }
        ),
        fix=Example(
            {
                "cards.yaml": "deck:\n  name: Multiple sclerosis\n  id: 1874512301\n"
                "  description: Cards on MS\n"
            }
        ),
    ),
    Doc(
        "E351",
        checks=(
            "Anki's own `[sound:file.mp3]` tag written in a card's text, as Markdown leaves it: "
            "`[sound\\:file.mp3]` and `\\[sound:file.mp3]` are the tag too."
        ),
        why=(
            "The build ships a card's sounds and writes the tag itself, from `audio:`: a tag written "
            "by hand plays a file the checker never saw, which the deck does not ship."
        ),
        bad=Example(
            {
                "cards.yaml": _CARD.format(
                    answer='"The brain, spinal cord and optic nerves. [sound:cns.mp3]"'
                ),
                "sounds/cns.mp3": SOUND,
            }
        ),
        fix=Example(
            {
                "cards.yaml": _CARD.format(answer=_ANSWER) + "    audio: sounds/cns.mp3\n",
                "sounds/cns.mp3": SOUND,
            }
        ),
    ),
)
"""The codes of pictures and sounds as written, documented (see :class:`generator.codes.Doc`)."""
