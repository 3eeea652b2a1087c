"""``was:`` keeps a renamed card's note: the same GUID and note id in Anki, and so its review history,
through a chain of renames, a removal and a rebuilt manifest; a reused old id is refused."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.compile import BuildError, build
from generator.compile import manifest as mf
from generator.compile.notes import guid
from generator.compile.unpack import read_notes
from tests.conftest import HEADER, import_apkg

T1, T2, T3, T4 = 1_700_000_000, 1_700_086_400, 1_700_172_800, 1_700_259_200

MRI = """\
  - id: mri-waves
    question: What does MRI use to make its pictures?
    answer: Strong magnetic and radio waves.
    evidence: {doc: "MRI uses strong magnetic and radio waves"}
"""
V1 = (
    HEADER
    + """\
cards:
  - id: cns-parts
    question: Which parts make up the CNS?
    answer: The brain, spinal cord and optic nerves.
    evidence: {doc: "The CNS includes the brain, spinal cord, and optic nerves."}
"""
    + MRI
)
RENAMED = V1.replace("  - id: mri-waves\n", "  - id: mri-pictures\n    was: mri-waves\n")
AGAIN = V1.replace("  - id: mri-waves\n", "  - id: mri-scan\n    was: mri-pictures\n")
"""Renamed again, naming only the id before."""
MRI_GUID = guid(1234567890, "mri-waves")


def _note(col: Any) -> Any:
    (nid,) = col.find_notes("Id:mri-*")
    return col.get_note(nid)


@pytest.mark.anki
def test_a_renamed_card_keeps_its_note_and_history_through_a_chain_of_renames(
    tmp_path: Path, write_cards: Callable[..., Path], anki_collection: Any
) -> None:
    col = anki_collection
    cards, out = write_cards(V1), tmp_path / "decks"
    first = build(cards, out, now=T1)
    import_apkg(col, first.deck.apkg)
    note = _note(col)
    card = note.cards()[0]
    card.start_timer()
    col.sched.answerCard(card, 3)
    history = col.db.all("select id, cid, ease, ivl from revlog")
    schedule = col.db.first(
        "select did, type, queue, due, ivl, factor, reps from cards where id = ?", card.id
    )

    for version, at, card_id in ((RENAMED, T2, "mri-pictures"), (AGAIN, T3, "mri-scan")):
        write_cards(version)
        result = build(cards, out, now=at)
        assert result.deck is not None and result.warnings == ()
        assert [new for _, new in result.deck.changes.renamed] == [card_id]
        assert result.deck.changes.removed == result.deck.changes.added == []
        assert result.deck.retired is None  # nothing to retire: the note goes on
        assert read_notes(result.deck.apkg)[MRI_GUID][0][-1] == card_id
        log = import_apkg(col, result.deck.apkg).log
        assert (len(log.new), len(log.updated)) == (0, 1)
        renamed = _note(col)
        assert (renamed.id, renamed.guid, renamed["Id"]) == (note.id, MRI_GUID, card_id)
        assert col.db.all("select id, cid, ease, ivl from revlog") == history
        assert (
            col.db.first("select did, type, queue, due, ivl, factor, reps from cards where id = ?", card.id)
            == schedule
        )
    saved = mf.load(out / "test-deck.manifest.json")
    assert saved is not None and saved.cards["mri-scan"].origin == "mri-waves"
    changelog = (out / "test-deck.changelog.md").read_text(encoding="utf-8")
    assert "- What does MRI use to make its pictures? (`mri-pictures` \u2192 `mri-scan`)" in changelog


def test_a_removed_card_comes_back_under_a_new_id(tmp_path: Path, write_cards: Callable[..., Path]) -> None:
    cards, out = write_cards(V1), tmp_path / "decks"
    build(cards, out, now=T1)
    write_cards(V1.replace(MRI, ""))
    removed = build(cards, out, now=T2)
    assert removed.deck.retired is not None
    write_cards(RENAMED)
    back = build(cards, out, now=T3)
    assert back.deck.changes.renamed == [("mri-waves", "mri-pictures")] and back.deck.retired is None
    assert not removed.deck.retired.exists()
    assert MRI_GUID in read_notes(back.deck.apkg)


def test_a_renamed_card_that_is_removed_is_retired_with_its_note(
    tmp_path: Path, write_cards: Callable[..., Path]
) -> None:
    """Retired, and a manifest rebuilt from the packages knows both notes' first ids."""
    cards, out = write_cards(V1), tmp_path / "decks"
    build(cards, out, now=T1)
    write_cards(RENAMED)
    build(cards, out, now=T2)
    write_cards(
        V1.replace(MRI, "").replace("  - id: cns-parts\n", "  - id: cns-made-of\n    was: cns-parts\n")
    )
    third = build(cards, out, now=T3)
    assert third.deck.retired is not None
    assert list(read_notes(third.deck.retired)) == [MRI_GUID]
    files = sorted(out.iterdir())
    before = [path.read_bytes() for path in files]
    third.deck.manifest.unlink()
    again = build(cards, out, now=T4)
    assert again.deck.notes and "rebuilt it from" in again.deck.notes[0]
    assert [path.read_bytes() for path in files] == before
    rebuilt = mf.load(third.deck.manifest)
    assert rebuilt is not None
    assert (rebuilt.cards["cns-made-of"].origin, rebuilt.removed["mri-pictures"].origin) == (
        "cns-parts",
        "mri-waves",
    )


def test_an_old_id_is_never_a_new_card_s(tmp_path: Path, write_cards: Callable[..., Path]) -> None:
    """The renamed card keeps the old id's note: a new card of that id would be the same note."""
    cards, out = write_cards(V1), tmp_path / "decks"
    build(cards, out, now=T1)
    write_cards(RENAMED)
    build(cards, out, now=T2)
    write_cards(RENAMED.replace("    was: mri-waves\n", "") + MRI.replace("What does", "Which waves does"))
    with pytest.raises(
        BuildError, match=r"card id 'mri-waves' was card 'mri-pictures''s before it was renamed"
    ):
        build(cards, out, now=T3)


def test_an_earlier_id_the_previous_build_never_had_is_a_new_note_and_said_so(
    tmp_path: Path, write_cards: Callable[..., Path]
) -> None:
    cards, out = write_cards(V1), tmp_path / "decks"
    build(cards, out, now=T1)
    write_cards(
        V1 + MRI.replace("id: mri-waves", "id: mri-noise\n    was: mri-sound").replace("What", "Which")
    )
    result = build(cards, out, now=T2)
    assert result.deck.changes.added == ["mri-noise"]
    assert result.warnings == (
        "card 'mri-noise' was 'mri-sound', but the previous build has no basic card of that id: it is a new "
        "note (a renamed card keeps its kind)",
    )


def test_a_rename_without_was_is_warned_about_and_the_warning_says_how_to_keep_the_history(
    tmp_path: Path, write_cards: Callable[..., Path]
) -> None:
    cards, out = write_cards(V1), tmp_path / "decks"
    build(cards, out, now=T1)
    write_cards(V1.replace("id: mri-waves", "id: mri-pictures"))
    (warning,) = build(cards, out, now=T2).warnings
    assert warning.endswith("To keep the history, write was: mri-waves on the card.")
