"""Pictures and sounds in real Anki: shipped under content names, never clashing, updated in place."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from generator.compile import build
from generator.compile.notes import guid
from tests.conftest import HEADER, import_apkg
from tests.media_files import MP3, png

pytestmark = pytest.mark.anki

T1, T2, T3 = 1_800_000_000, 1_800_000_600, 1_800_001_200
RED, BLUE = png(30, 20, (200, 30, 30)), png(30, 20, (30, 30, 200))

CARDS = (
    HEADER
    + """\
cards:
  - id: cns-parts
    question: Which parts make up the CNS?
    answer: "The brain, spinal cord and optic nerves: ![The CNS, drawn in red](images/diagram.png)"
    extra: "The same drawing again: ![The CNS again](./images/diagram.png)"
    audio: sounds/cns.mp3
    evidence: {doc: "The CNS includes the brain, spinal cord, and optic nerves."}
  - id: mri-waves
    question: What does MRI use to make its pictures?
    answer: Strong magnetic and radio waves.
    evidence: {doc: "MRI uses strong magnetic and radio waves"}
"""
)


def _project(folder: Path, image: bytes, deck: str = "Test Deck", deck_id: int = 1234567890) -> Path:
    (folder / "images").mkdir(parents=True, exist_ok=True)
    (folder / "sounds").mkdir(exist_ok=True)
    (folder / "images" / "diagram.png").write_bytes(image)
    (folder / "sounds" / "cns.mp3").write_bytes(MP3)
    (folder / "doc.txt").write_text(
        "The CNS includes the brain, spinal cord, and optic nerves.\n\n"
        "MRI uses strong magnetic and radio waves to produce detailed pictures.\n",
        encoding="utf-8",
    )
    text = CARDS.replace("name: Test Deck", f"name: {deck}").replace("id: 1234567890", f"id: {deck_id}")
    path = folder / "cards.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _name(deck_slug: str, data: bytes, ext: str) -> str:
    return f"{deck_slug}-{hashlib.sha256(data).hexdigest()[:16]}.{ext}"


def test_media_are_shipped_once_under_content_names(tmp_path: Path) -> None:
    result = build(_project(tmp_path, RED), tmp_path / "out", now=T1)
    assert result.deck is not None
    picture, sound = _name("test-deck", RED, "png"), _name("test-deck", MP3, "mp3")
    with zipfile.ZipFile(result.deck.apkg) as archive:
        listing = json.loads(archive.read("media"))
        # The same file, written two ways, is shipped once; files in the order of their names.
        assert listing == dict(zip(("0", "1"), sorted([picture, sound]), strict=True))
        files = {name: archive.read(number) for number, name in listing.items()}
        assert files == {picture: RED, sound: MP3}
        assert archive.namelist() == ["collection.anki2", "media", "0", "1"]
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert {i.compress_type for i in archive.infolist()[2:]} == {zipfile.ZIP_STORED}  # compressed already
    manifest = json.loads(result.deck.manifest.read_text(encoding="utf-8"))
    assert manifest["media"] == {picture: "./images/diagram.png", sound: "sounds/cns.mp3"}


def test_the_deck_imports_with_its_media_and_the_card_shows_them(
    tmp_path: Path, anki_collection: Any
) -> None:
    col = anki_collection
    result = build(_project(tmp_path, RED), tmp_path / "out", now=T1)
    assert result.deck is not None
    import_apkg(col, result.deck.apkg)
    picture, sound = _name("test-deck", RED, "png"), _name("test-deck", MP3, "mp3")
    media_dir = Path(col.media.dir())
    assert (media_dir / picture).read_bytes() == RED
    assert (media_dir / sound).read_bytes() == MP3
    note = col.get_note(col.find_notes("Id:cns-parts")[0])
    card = note.cards()[0]
    answer = card.answer()
    assert f'<img src="{picture}" alt="The CNS, drawn in red">' in answer
    assert f'<img src="{picture}" alt="The CNS again">' in answer
    assert [tag.filename for tag in card.answer_av_tags()] == [sound]  # played on the back
    assert card.question_av_tags() == []
    assert col.media.check().missing == []


def test_two_decks_with_a_same_named_picture_keep_their_own(tmp_path: Path, anki_collection: Any) -> None:
    col = anki_collection
    first = build(_project(tmp_path / "a", RED, "Deck A", 1111111111), tmp_path / "a" / "out", now=T1)
    second = build(_project(tmp_path / "b", BLUE, "Deck B", 2222222222), tmp_path / "b" / "out", now=T1)
    assert first.deck is not None and second.deck is not None
    import_apkg(col, first.deck.apkg)
    import_apkg(col, second.deck.apkg)
    media_dir = Path(col.media.dir())
    for deck_id, deck_slug, colour in ((1111111111, "deck-a", RED), (2222222222, "deck-b", BLUE)):
        note = col.get_note(col.db.scalar("select id from notes where guid = ?", guid(deck_id, "cns-parts")))
        name = _name(deck_slug, colour, "png")
        assert f'src="{name}"' in note["Answer"]
        assert (media_dir / name).read_bytes() == colour


def test_a_changed_picture_updates_the_note_in_place_and_keeps_history(
    tmp_path: Path, anki_collection: Any
) -> None:
    col = anki_collection
    cards = _project(tmp_path, RED)
    out = tmp_path / "out"
    first = build(cards, out, now=T1)
    assert first.deck is not None
    import_apkg(col, first.deck.apkg)
    col.decks.select(col.decks.id_for_name("Test Deck"))
    for _ in range(2):
        col.sched.answerCard(col.sched.getCard(), 3)
    history = col.db.all("select id, cid, ease, ivl from revlog order by id")
    state = col.db.all("select id, nid, type, queue, due, ivl, reps from cards order by id")
    nid = col.find_notes("Id:cns-parts")[0]
    mod = col.get_note(nid).mod

    (tmp_path / "images" / "diagram.png").write_bytes(BLUE)  # same name, new content
    second = build(cards, out, now=T2)
    assert second.deck.changes.changed == ["cns-parts"] and second.deck.changes.unchanged == ["mri-waves"]
    assert second.deck is not None
    log = import_apkg(col, second.deck.apkg).log
    assert len(log.updated) == 1 and len(log.new) == 0

    note = col.get_note(nid)
    new_name = _name("test-deck", BLUE, "png")
    assert note.mod > mod
    assert f'src="{new_name}"' in note["Answer"]
    assert (Path(col.media.dir()) / new_name).read_bytes() == BLUE
    assert col.db.all("select id, cid, ease, ivl from revlog order by id") == history
    assert col.db.all("select id, nid, type, queue, due, ivl, reps from cards order by id") == state

    third = build(cards, out, now=T3)  # nothing changed: byte-identical, nothing written
    assert not third.written and third.deck.changes.changed == []


def test_rebuilds_are_byte_identical_and_check_covers_media(tmp_path: Path) -> None:
    cards = _project(tmp_path, RED)
    out = tmp_path / "out"
    first = build(cards, out, now=T1)
    assert first.deck is not None
    data = first.deck.apkg.read_bytes()
    again = build(cards, tmp_path / "again", now=T1).deck.apkg
    assert again is not None and again.read_bytes() == data
    assert not build(cards, out, now=T2).written
    assert build(cards, out, write=False, now=T2).deck.up_to_date

    (tmp_path / "images" / "diagram.png").write_bytes(BLUE)
    assert not build(cards, out, write=False, now=T2).deck.up_to_date
    (tmp_path / "images" / "diagram.png").write_bytes(RED)
    assert build(cards, out, write=False, now=T2).deck.up_to_date

    # A damaged media file inside the package is out of date too, though the listing is the same.
    damaged = tmp_path / "damaged.apkg"
    with zipfile.ZipFile(first.deck.apkg) as old, zipfile.ZipFile(damaged, "w") as new:
        for info in old.infolist():
            new.writestr(info, old.read(info) if info.filename != "0" else BLUE)
    damaged.replace(first.deck.apkg)
    assert not build(cards, out, write=False, now=T2).deck.up_to_date


def test_a_removed_card_keeps_its_picture(tmp_path: Path, anki_collection: Any) -> None:
    """A removed card's note goes to the retired-cards package (tagged), and so does the picture it shows;
    the deck ships only what its cards show."""
    cards = _project(tmp_path, RED)
    out = tmp_path / "out"
    build(cards, out, now=T1)
    text = cards.read_text(encoding="utf-8")
    start = text.index("  - id: cns-parts")
    cards.write_text(text[:start] + text[text.index("  - id: mri-waves") :], encoding="utf-8")
    second = build(cards, out, now=T2)
    assert second.deck.changes.removed == ["cns-parts"] and second.deck is not None
    assert second.deck.retired is not None
    with zipfile.ZipFile(second.deck.apkg) as archive:
        assert json.loads(archive.read("media")) == {}
    with zipfile.ZipFile(second.deck.retired) as archive:
        shipped = sorted(json.loads(archive.read("media")).values())
        assert shipped == sorted([_name("test-deck", RED, "png"), _name("test-deck", MP3, "mp3")])
    third = build(cards, out, now=T3)  # and on the next build, from the packages before
    assert not third.written
    import_apkg(anki_collection, second.deck.apkg)
    import_apkg(anki_collection, second.deck.retired)
    assert anki_collection.media.check().missing == []
