"""The plan of a sync, worked out from values alone: a built deck, the collection's notes, the record."""

from __future__ import annotations

from pathlib import Path

from generator.sync import AnkiNote
from generator.sync import plan as pl
from generator.sync import record as rec
from generator.sync.built import Built, BuiltNote

BASIC = 1607392319


def built(*notes: BuiltNote) -> Built:
    return Built(Path("deck.apkg"), 99, "Deck", {BASIC: ("Question", "Answer", "Id")}, notes, ())


def note(nid: int, card_id: str, answer: str = "a", tags: tuple[str, ...] = ("t",)) -> BuiltNote:
    return BuiltNote(nid, f"guid-{card_id}", BASIC, ("q", answer, card_id), tags, "Deck")


def held(
    nid: int, card_id: str, answer: str = "a", tags: tuple[str, ...] = ("t",), in_deck: bool = True
) -> AnkiNote:
    return AnkiNote(nid, BASIC, ("q", answer, card_id), tags, (nid,), False, in_deck)


def wrote(b: BuiltNote) -> rec.Written:
    return pl.written_by_deck(b)


def test_an_empty_collection_gets_every_note() -> None:
    plan = pl.make(built(note(1, "x"), note(2, "y")), [], {})
    assert [b.card_id for b in plan.added] == ["x", "y"]
    assert plan.changes == 2


def test_a_note_of_another_deck_with_the_same_id_and_card_id_is_not_the_decks() -> None:
    # Two decks built at one time have the same note ids; this one is in another deck, unrecorded.
    plan = pl.make(built(note(1, "x")), [held(1, "x", in_deck=False)], {})
    assert [b.card_id for b in plan.added] == ["x"]
    assert plan.retired == plan.updated == []


def test_a_tag_added_in_anki_is_kept_and_no_conflict() -> None:
    b = note(1, "x", answer="new")
    plan = pl.make(built(b), [held(1, "x", tags=("mine", "t"))], {1: wrote(note(1, "x"))})
    assert plan.conflicts == []
    [update] = plan.updated
    assert (update.fields[1], update.tags) == ("new", ("mine", "t"))


def test_a_field_edited_in_anki_is_a_conflict_with_its_diff() -> None:
    plan = pl.make(
        built(note(1, "x", answer="b")), [held(1, "x", answer="the fixed a")], {1: wrote(note(1, "x"))}
    )
    [conflict] = plan.conflicts
    assert conflict.diff == ("field 2: [Anki: 'the fixed a' | deck: 'b']",)
    assert plan.updated == []
    assert plan.entries["unchanged"] == {1: wrote(note(1, "x"))}, "the record keeps what deckgen wrote"


def test_overwrite_updates_the_conflicts() -> None:
    plan = pl.make(
        built(note(1, "x", answer="b")),
        [held(1, "x", answer="edited")],
        {1: wrote(note(1, "x"))},
        overwrite=True,
    )
    assert len(plan.conflicts) == 1
    assert [u.fields[1] for u in plan.updated] == ["b"]


def test_a_recorded_note_the_deck_no_longer_has_is_retired_once() -> None:
    old = note(2, "gone")
    plan = pl.make(
        built(note(1, "x")), [held(1, "x"), held(2, "gone")], {1: wrote(note(1, "x")), 2: wrote(old)}
    )
    assert [n.note_id for n in plan.retired] == [2]
    retired = AnkiNote(2, BASIC, ("q", "a", "gone"), ("deckgen::removed", "t"), (2,), True, True)
    again = pl.make(
        built(note(1, "x")), [held(1, "x"), retired], {1: wrote(note(1, "x")), **plan.entries["retired"]}
    )
    assert again.retired == []
    assert again.retired_before == 1
    assert again.changes == 0


def test_a_learners_own_note_of_the_decks_type_is_never_in_the_plan() -> None:
    plan = pl.make(built(note(1, "x")), [held(1, "x"), held(7, "their-card")], {1: wrote(note(1, "x"))})
    assert plan.changes == 0
    assert plan.unchanged == 1


def test_a_note_anki_gave_another_id_is_found_by_its_card_id() -> None:
    plan = pl.make(built(note(1, "x")), [held(5, "x")], {})
    assert plan.added == []
    assert plan.unchanged == 1
    assert plan.entries["unchanged"] == {5: wrote(note(1, "x"))}


def test_excerpts_are_in_whole_words() -> None:
    assert pl.excerpt("Strong magnets and radio waves.", "Magnetic fields and radio waves.") == (
        "[Anki: 'Strong magnets' | deck: 'Magnetic fields'] and radio waves."
    )
    assert pl.excerpt("one two three", "one too three") == "one [Anki: 'two' | deck: 'too'] three"


def test_a_record_of_another_deck_or_damaged_is_no_record() -> None:
    data = rec.dump(99, {5: wrote(note(1, "x"))})
    assert rec.load(data, 99) == {5: wrote(note(1, "x"))}
    assert rec.load(data, 98) == {}
    assert rec.load(b"[1, 2]", 99) == {}
    assert rec.load(b"\xff", 99) == {}
