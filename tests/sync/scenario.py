"""The sync scenario of issue 30, the same through both ways in.

sync v1 → the learner reviews some cards → the learner edits one note in
Anki → the author edits, adds and removes cards, one of them the note the
learner edited → sync: exactly the expected adds, updates, retirements and
one reported conflict; review history and scheduling kept; no duplicates.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from tests.conftest import CNS, LESIONS, MRI, SOURCE_TEXT
from tests.sync.learner import Learner

Sync = Callable[[Path, int], Result]
"""``deckgen sync CARDS --format json`` into the learner's collection, with the build time given."""

NERVES = """\
  - id: nerves-optic
    question: Which nerves belong to the CNS?
    answer: The optic nerves.
    evidence: {doc: "The CNS includes the brain, spinal cord, and optic nerves."}
"""


def header(name: str, deck_id: int) -> str:
    return (
        f"deck:\n  name: {name}\n  id: {deck_id}\n"
        "sources:\n  doc:\n    title: A small document\n    file: doc.txt\n"
    )


def run(folder: Path, name: str, deck_id: int, learner: Learner, sync: Sync) -> None:
    """The scenario, for a deck ``name`` of id ``deck_id`` written in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "doc.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    cards = folder / "cards.yaml"
    cards.write_text(header(name, deck_id) + "cards:\n" + CNS + MRI + LESIONS, encoding="utf-8")
    first = sync(cards, 1_780_000_000)
    assert first.exit_code == 0, first.output
    assert json.loads(first.output)["decks"][0]["added"] == ["cns-parts", "mri-waves", "lesions-common"]

    learner.review(name, ["cns-parts", "mri-waves"])
    learner.edit(name, "mri-waves", 1, "Strong magnets and radio waves.")
    before = dict(learner.notes(name))

    cards.write_text(
        header(name, deck_id)
        + "cards:\n"
        + CNS.replace("The brain, spinal cord and optic nerves.", "Brain, spinal cord, optic nerves.")
        + MRI.replace("Strong magnetic and radio waves.", "Magnetic fields and radio waves.")
        + NERVES,
        encoding="utf-8",
    )
    second = sync(cards, 1_780_086_400)
    assert second.exit_code == 1, second.output  # an edit made in Anki is left as it is
    [deck] = json.loads(second.output)["decks"]
    assert (deck["added"], deck["updated"], deck["retired"], deck["deleted"]) == (
        ["nerves-optic"],
        ["cns-parts"],
        ["lesions-common"],
        [],
    )
    assert [(c["card"], c["diff"]) for c in deck["conflicts"]] == [
        (
            "mri-waves",
            ["field 2: [Anki: 'Strong magnets' | deck: 'Magnetic fields'] and radio waves."],
        )
    ]
    assert deck["failed"] is None

    after = learner.notes(name)
    assert [card_id for card_id, _ in after] == sorted(
        ["cns-parts", "lesions-common", "mri-waves", "nerves-optic"]
    ), "no duplicates, nothing lost"
    notes = dict(after)
    assert notes["cns-parts"].fields[1] == "Brain, spinal cord, optic nerves."
    assert notes["cns-parts"].note_id == before["cns-parts"].note_id
    assert notes["cns-parts"].cards == before["cns-parts"].cards, "review history and scheduling kept"
    assert notes["cns-parts"].cards[0].reps == 1
    assert notes["mri-waves"] == before["mri-waves"], "the learner's edit is not overwritten"
    assert "deckgen::removed" in notes["lesions-common"].tags
    assert notes["lesions-common"].suspended
    assert notes["nerves-optic"].cards[0].reps == 0

    third = sync(cards, 1_780_172_800)
    [again] = json.loads(third.output)["decks"]
    assert (again["added"], again["updated"], again["retired"], again["unchanged"]) == ([], [], [], 2)
    assert [c["card"] for c in again["conflicts"]] == ["mri-waves"]
    assert learner.notes(name) == after
