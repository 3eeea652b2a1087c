"""What a build would refuse in its output folder, found without building: for ``deckgen check``.

Before it writes, a build refuses a deck whose id differs from its previous
build's (E210), whose id is another deck's in the same output folder (E209),
or whose files another deck's manifest there owns (E205), and two decks that
would write one file (E205): :mod:`.owner` and :mod:`.decks` decide. None of
it needs the notes, only the first lines of the manifests in the folder, so
``deckgen check`` reports it too, as diagnostics at the deck's id or name: a
deck that checks clean is one a build takes.

Two refusals depend on the notes a build compiles and the previous build's:
a card that changed kind, and a note type whose field or template names
changed. ``deckgen build --check`` finds those, writing nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from generator.codes import Doc, Example
from generator.compile import owner
from generator.compile.decks import default_out, same_files
from generator.diagnostics import Diagnostic, make
from generator.model import CardsFile


def refusals(
    checked: Sequence[tuple[CardsFile | None, list[Diagnostic]]],
    paths: Sequence[Path],
    out_dir: Path | None = None,
) -> None:
    """Add to each checked deck's diagnostics what a build of it from ``paths`` into ``out_dir``
    (default: ``decks/`` beside each cards file) would refuse before writing. A file the check could
    not read into a deck is left as it is; a problem the check reported already at the same place
    (two decks of the project with one id) is not added again."""
    decks = [
        (model, found, path) for (model, found), path in zip(checked, paths, strict=True) if model is not None
    ]
    models = [model for model, _, _ in decks]
    folders = [out_dir if out_dir is not None else default_out(path) for _, _, path in decks]
    for (model, found, path), folder, more in zip(decks, folders, same_files(models, folders), strict=True):
        deck = model.deck
        try:
            owner.locate(folder, path, deck.name, deck.id)
        except owner.OwnerError as exc:
            at = (deck.name_pos if exc.code == "E205" else deck.id_pos) or deck.pos
            more.append(make(at.file or model.path, at.line, at.col, exc.code, str(exc)))
        seen = {(d.code, d.path, d.line, d.col) for d in found}
        found.extend(d for d in more if (d.code, d.path, d.line, d.col) not in seen)


_MANIFEST = """\
{
 "cards": {
  "cns-parts": {
   "hash": "f4469471ab2baf10e49dc66b7046c44a8fd6f32eddf9f93f0b9352332bf1482a",
   "mod": 1700000000,
   "note_id": 1700000000000
  }
 },
 "cards_file": "../cards.yaml",
 "deck": "Multiple sclerosis",
 "deck_id": 1874512301,
 "format": 1,
 "media": {},
 "notetype": {
  "fields": ["Question", "Answer", "Extra", "Sources", "Id"],
  "generation": 1,
  "hash": "2341b99aff34b191fc6446439a6801e1f4fbd3cbec99c1d8c52a9ac8a9780199",
  "id": 1607392319,
  "mod": 1700000000,
  "name": "deckgen Q&A",
  "templates": ["Recall"]
 },
 "removed": {}
}
"""
"""The manifest a build of the example file wrote into ``decks/``."""


def _built(cards_yaml: str) -> Example:
    """The example file, built once into ``decks/`` (its manifest there), and then edited."""
    return Example(
        {"cards.yaml": cards_yaml, "decks/multiple-sclerosis.manifest.json": _MANIFEST},
        caption="The deck was built once into `decks/` (its manifest below), then its cards file edited:",
    )


DOCS = (
    Doc(
        "E210",
        checks=(
            "The deck's id differs from the id of its previous build in its output folder (`decks/` "
            "beside the cards file, or the folder `-o` names): the manifest there that records this "
            "cards file records another id, whatever the deck is called now. `deckgen check` reports "
            "it, and a build refuses it before writing anything."
        ),
        why=(
            "deckgen derives every note's identity from the deck's id: with a new id, every card "
            "would become a new note in Anki, and learners would lose the review history of every "
            "card. A deck's id is never changed once its deck is imported."
        ),
        bad=_built("deck:\n  name: Multiple sclerosis\n  id: 2291840573\n"),
        fix=_built("deck:\n  name: Multiple sclerosis\n  id: 1874512301\n"),
    ),
)
"""The code of a build's refusal that only a build found before, documented (see
:class:`generator.codes.Doc`)."""
