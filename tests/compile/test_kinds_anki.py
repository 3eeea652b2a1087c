"""Every card kind in the real Anki engine: cards per note, how each side renders, and regeneration
(edit, add a deletion, remove one, review in between) keeping history without duplicates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.compile import BuildError, Options, build, manifest
from generator.compile.notes import guid
from generator.compile.notetypes import CARD_ID_STRIDE
from tests.conftest import HEADER, import_apkg

pytestmark = pytest.mark.anki

T1, T2, T3, T4 = 1_800_000_000, 1_800_000_600, 1_800_001_200, 1_800_001_800

CLOZE_V1 = (
    "The CNS includes the {{c1::brain}}, the {{c2::spinal cord::a long structure}} and the optic nerves."
)
V1 = (
    HEADER
    + f"""\
cards:
  - id: cns-parts
    question: Which parts make up the CNS?
    answer: The brain, spinal cord and optic nerves.
    evidence: {{doc: "The CNS includes the brain, spinal cord, and optic nerves."}}
  - id: mri
    kind: reversed
    question: MRI
    answer: A scan that uses strong magnetic and radio waves.
    evidence: {{doc: "MRI uses strong magnetic and radio waves"}}
  - id: lesion-share
    kind: type-in
    question: In about what share of people are the lesions found?
    answer: 80 percent
    evidence: {{doc: "They’re found in about 80 percent of people."}}
  - id: cns-cloze
    kind: cloze
    text: {CLOZE_V1}
    extra: The PNS is the rest.
    evidence: {{doc: "The CNS includes the brain, spinal cord, and optic nerves."}}
"""
)
# v2: an edit to the reversed and the type-in card, and a third deletion (c3) in the cloze card.
V2 = (
    V1.replace("A scan that uses strong", "A scan that uses strong, safe")
    .replace("In about what share", "In roughly what share")
    .replace("and the optic nerves.", "and the {{c3::optic nerves}}.")
)
# v3: c2 taken out of the cloze card again.
V3 = V2.replace("{{c2::spinal cord::a long structure}}", "spinal cord")


def _notes(col: Any) -> dict[str, Any]:
    return {col.get_note(nid)["Id"]: col.get_note(nid) for nid in col.find_notes("")}


def _ords(note: Any) -> list[int]:
    return sorted(card.ord for card in note.cards())


def _state(col: Any) -> dict[int, tuple[Any, ...]]:
    rows = col.db.all("select id, nid, ord, type, queue, due, ivl, factor, reps, lapses from cards")
    return {row[0]: tuple(row[1:]) for row in rows}


def _side(html: str) -> str:
    """A rendered side without the note type's <style>."""
    return html.split("</style>", 1)[-1]


def test_every_kind_imports_with_its_cards_and_renders(
    tmp_path: Path, write_cards: Any, anki_collection: Any
) -> None:
    col = anki_collection
    result = build(write_cards(V1), tmp_path / "decks", now=T1)
    assert result.deck is not None, [str(d) for d in result.diagnostics]
    assert len(import_apkg(col, result.deck.apkg).log.new) == 4
    notes = _notes(col)
    assert {card_id: _ords(note) for card_id, note in notes.items()} == {
        "cns-parts": [0],
        "mri": [0, 1],
        "lesion-share": [0],
        "cns-cloze": [0, 1],
    }
    assert col.card_count() == 6
    kinds = {card_id: note.note_type() for card_id, note in notes.items()}
    assert {card_id: (nt["name"], nt["type"]) for card_id, nt in kinds.items()} == {
        "cns-parts": ("deckgen Q&A", 0),
        "mri": ("deckgen Reversed", 0),
        "lesion-share": ("deckgen Type-in", 0),
        "cns-cloze": ("deckgen Cloze", 1),
    }
    assert notes["mri"].guid == guid(1234567890, "mri:reversed")
    assert notes["cns-parts"].guid == guid(1234567890, "cns-parts")

    # Reversed: front to back, then back to front.
    forward, backward = sorted(notes["mri"].cards(), key=lambda c: c.ord)
    assert '<div class="dg-question">MRI</div>' in _side(forward.question())
    assert (
        '<div class="dg-answer">A scan that uses strong magnetic and radio waves.</div>' in forward.answer()
    )
    assert '<div class="dg-question">A scan that uses strong magnetic and radio waves.</div>' in _side(
        backward.question()
    )
    assert '<div class="dg-answer">MRI</div>' in backward.answer()

    # Type-in: Anki's typing field on both sides, which the reviewer fills in; its comparison.
    typed = notes["lesion-share"].cards()[0]
    assert '<div class="dg-type">[[type:Answer]]</div>' in typed.question()
    assert '<div class="dg-answer dg-typed">[[type:Answer]]</div>' in typed.answer()
    assert col.compare_answer(notes["lesion-share"]["Answer"], "80 percent") == (
        "<code id=typeans><span class=typeGood>80 percent</span></code>"
    )

    # Cloze: one card a number, its deletion a blank (or the hint) on the front, revealed on the back.
    c1, c2 = sorted(notes["cns-cloze"].cards(), key=lambda c: c.ord)
    assert '<span class="cloze" data-cloze="brain" data-ordinal="1">[...]</span>' in c1.question()
    assert '<span class="cloze-inactive" data-ordinal="2">spinal cord</span>' in c1.question()
    assert "brain" not in _side(c1.question()).replace('data-cloze="brain"', "")
    assert '<span class="cloze" data-ordinal="1">brain</span>' in c1.answer()
    assert '<span class="cloze" data-cloze="spinal&#x20;cord" data-ordinal="2">[a long structure]</span>' in (
        c2.question()
    )
    assert '<span class="cloze" data-ordinal="2">spinal cord</span>' in c2.answer()
    for card in (c1, c2):
        assert "The PNS is the rest." in card.answer() and "dg-sources" in card.answer()
        assert "The PNS is the rest." not in card.question()


def test_regenerating_every_kind_keeps_history_and_makes_no_duplicates(
    tmp_path: Path, write_cards: Any, anki_collection: Any
) -> None:
    col = anki_collection
    cards, out = write_cards(V1), tmp_path / "decks"
    first = build(cards, out, now=T1)
    assert first.deck is not None
    import_apkg(col, first.deck.apkg)
    before = _notes(col)

    # Review every card once (two of them are the cloze note's, two the reversed note's).
    col.decks.select(col.decks.id_for_name("Test Deck"))
    for _ in range(col.card_count()):
        card = col.sched.getCard()
        assert card is not None
        col.sched.answerCard(card, 3)
    history = col.db.all("select id, cid, ease, ivl from revlog order by id")
    assert len(history) == 6
    state = _state(col)

    # v2: the reversed note edited, the cloze note given a c3.
    write_cards(V2)
    second = build(cards, out, now=T2)
    changed = ["mri:reversed", "lesion-share:type-in", "cns-cloze:cloze"]
    assert (second.deck.changes.changed, second.deck.changes.added) == (changed, [])
    assert second.deck is not None
    import_apkg(col, second.deck.apkg)
    after = _notes(col)
    assert after["mri"]["Back"] == "A scan that uses strong, safe magnetic and radio waves."
    assert after["lesion-share"]["Question"].startswith("In roughly what share")
    assert "{{c3::optic nerves}}" in after["cns-cloze"]["Text"]
    assert {card_id: note.id for card_id, note in after.items()} == {k: n.id for k, n in before.items()}
    assert _ords(after["cns-cloze"]) == [0, 1, 2]
    assert col.card_count() == 7
    assert col.db.all("select id, cid, ease, ivl from revlog order by id") == history
    now_state = _state(col)
    assert {cid: now_state[cid] for cid in state} == state
    (added,) = set(now_state) - set(state)
    assert now_state[added][1:3] == (2, 0)  # ord 2, new
    assert len(col.db.list("select guid from notes")) == 4

    # v3: c2 taken out. Anki never deletes cards on import: c2's card stays, with its history, and
    # now shows nothing to recall; Tools > Empty Cards lists it for deletion.
    write_cards(V3)
    third = build(cards, out, now=T3)
    assert third.deck.changes.changed == ["cns-cloze:cloze"]
    assert third.deck is not None
    import_apkg(col, third.deck.apkg)
    assert col.db.all("select id, cid, ease, ivl from revlog order by id") == history
    assert {cid: _state(col)[cid] for cid in state} == state
    assert _ords(_notes(col)["cns-cloze"]) == [0, 1, 2]
    report = col.get_empty_cards()
    (empty,) = report.notes
    assert empty.note_id == before["cns-cloze"].id
    assert [col.get_card(cid).ord for cid in empty.card_ids] == [1]


def test_a_fresh_import_has_the_deletions_the_text_has_now_and_rebuilds_are_reproducible(
    tmp_path: Path, write_cards: Any, anki_collection: Any
) -> None:
    cards, out = write_cards(V1), tmp_path / "decks"
    build(cards, out, now=T1)
    write_cards(V3)
    third = build(cards, out, now=T2)
    assert third.deck is not None
    import_apkg(anki_collection, third.deck.apkg)
    assert _ords(_notes(anki_collection)["cns-cloze"]) == [0, 2]  # c1 and c3
    data = third.deck.apkg.read_bytes()
    fourth = build(cards, out, now=T3)
    assert not fourth.written and third.deck.apkg.read_bytes() == data
    assert build(cards, out, now=T4, write=False).deck.up_to_date


def test_a_package_carries_fixed_card_ids_and_anki_keeps_them_by_note_and_ord(
    tmp_path: Path, write_cards: Any
) -> None:
    import sqlite3
    import zipfile

    result = build(write_cards(V1), tmp_path / "decks", now=T1)
    assert result.deck is not None
    entries = manifest.load(result.deck.manifest)
    assert entries is not None
    with zipfile.ZipFile(result.deck.apkg) as archive:
        db = archive.read("collection.anki2")
    conn = sqlite3.connect(":memory:")
    conn.deserialize(db)
    rows = conn.execute("select id, nid, ord from cards order by nid, ord").fetchall()
    conn.close()
    mri = entries.cards["mri:reversed"].note_id
    cloze = entries.cards["cns-cloze:cloze"].note_id
    assert (mri, mri, 0) in rows and (mri + CARD_ID_STRIDE, mri, 1) in rows
    assert (cloze, cloze, 0) in rows and (cloze + CARD_ID_STRIDE, cloze, 1) in rows
    assert len({row[0] for row in rows}) == len(rows) == 6


def test_changing_a_kind_is_refused_unless_asked_for(
    tmp_path: Path, write_cards: Any, anki_collection: Any
) -> None:
    col = anki_collection
    cards, out = write_cards(V1), tmp_path / "decks"
    first = build(cards, out, now=T1)
    assert first.deck is not None
    import_apkg(col, first.deck.apkg)
    col.decks.select(col.decks.id_for_name("Test Deck"))
    card = col.sched.getCard()
    assert card is not None and card.note()["Id"] == "cns-parts"
    col.sched.answerCard(card, 3)
    history = col.db.all("select id, cid, ease, ivl from revlog")

    as_cloze = V1.replace(
        """  - id: cns-parts
    question: Which parts make up the CNS?
    answer: The brain, spinal cord and optic nerves.""",
        """  - id: cns-parts
    kind: cloze
    text: The CNS is made up of the {{c1::brain, spinal cord and optic nerves}}.""",
    )
    write_cards(as_cloze)
    data = first.deck.apkg.read_bytes()
    with pytest.raises(BuildError, match=r"card 'cns-parts' \(basic -> cloze\) changed kind") as refused:
        build(cards, out, now=T2)
    assert "give the card a new id" in str(refused.value) and "--change-kind" in str(refused.value)
    assert first.deck.apkg.read_bytes() == data

    second = build(cards, out, Options(change_kind=True), now=T2)
    assert (second.deck.changes.added, second.deck.changes.removed) == (["cns-parts:cloze"], ["cns-parts"])
    assert second.deck is not None and second.deck.retired is not None
    import_apkg(col, second.deck.apkg)
    import_apkg(col, second.deck.retired)
    notes = col.find_notes("Id:cns-parts")
    kinds = sorted(
        (col.get_note(nid).note_type()["name"], "deckgen::removed" in col.get_note(nid).tags) for nid in notes
    )
    assert kinds == [("deckgen Cloze", False), ("deckgen Q&A", True)]
    assert col.db.all("select id, cid, ease, ivl from revlog") == history

    # Back to basic, on purpose: the old note (with its history) is restored, the cloze note removed.
    write_cards(V1)
    third = build(cards, out, Options(change_kind=True), now=T3)
    assert (third.deck.changes.restored, third.deck.changes.removed) == (["cns-parts"], ["cns-parts:cloze"])
    assert third.deck is not None and third.deck.retired is not None
    import_apkg(col, third.deck.apkg)
    import_apkg(col, third.deck.retired)
    tagged = {col.get_note(nid).note_type()["name"]: col.get_note(nid).tags for nid in notes}
    assert "deckgen::removed" not in tagged["deckgen Q&A"]
    assert "deckgen::removed" in tagged["deckgen Cloze"]


def test_removed_cards_of_every_kind_are_retired_with_all_their_cards(
    tmp_path: Path, write_cards: Any, anki_collection: Any
) -> None:
    col = anki_collection
    cards, out = write_cards(V1), tmp_path / "decks"
    first = build(cards, out, now=T1)
    assert first.deck is not None
    import_apkg(col, first.deck.apkg)
    basic_only = V1.split("  - id: mri\n", 1)[0]
    write_cards(basic_only)
    second = build(cards, out, now=T2)
    assert sorted(second.deck.changes.removed) == ["cns-cloze:cloze", "lesion-share:type-in", "mri:reversed"]
    assert second.deck is not None and second.deck.retired is not None
    import_apkg(col, second.deck.apkg)
    import_apkg(col, second.deck.retired)
    notes = _notes(col)
    assert {card_id: _ords(note) for card_id, note in notes.items()} == {
        "cns-parts": [0],
        "mri": [0, 1],
        "lesion-share": [0],
        "cns-cloze": [0, 1],
    }
    for card_id in ("mri", "lesion-share", "cns-cloze"):
        assert "deckgen::removed" in notes[card_id].tags
        for card in notes[card_id].cards():  # every card of the note says so on its front
            front = card.question()
            assert "Removed from this deck on 2027-01-15 \u2014 delete it: Browse, " in front, card_id
            assert "<code>tag:deckgen::removed</code>" in front
    assert "Removed from this deck" not in notes["cns-parts"].cards()[0].question()
    # A fresh import of the deck gets exactly its cards; of the retired-cards package, the removed notes
    # with their note types and all their cards.
    fresh = type(col)(str(tmp_path / "fresh.anki2"))
    try:
        import_apkg(fresh, second.deck.apkg)
        assert list(_notes(fresh)) == ["cns-parts"]
        import_apkg(fresh, second.deck.retired)
        kept = _notes(fresh)
        assert {card_id: _ords(note) for card_id, note in kept.items()} == {
            card_id: _ords(note) for card_id, note in notes.items()
        }
        assert kept["cns-cloze"].note_type()["name"] == "deckgen Cloze"
    finally:
        fresh.close()
