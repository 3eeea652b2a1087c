"""Building: note contents, identity, manifest, reproducible and atomic output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import genanki
import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.compile import BuildError, Options, build, manifest, notetype
from generator.compile.markup import to_html
from generator.compile.notes import card_tags, compile_notes, guid, slug
from generator.compile.unpack import read_notes
from generator.model import Card, Evidence, Pos
from tests.conftest import ONE, ROOT, TWO


def test_guid_depends_only_on_deck_and_card_id() -> None:
    assert guid(1234567890, "cns-parts") == genanki.guid_for(1234567890, "cns-parts")
    assert guid(1234567890, "cns-parts") != guid(1234567891, "cns-parts")


def test_tags_are_card_deck_and_source_tags() -> None:
    card = Card(
        id="x",
        question="q",
        answer="a",
        evidence=(Evidence("healthline", "q1", Pos(1, 1)), Evidence("doc", "q2", Pos(1, 1))),
        pos=Pos(1, 1),
        tags=("diagnosis", "ms"),
    )
    assert card_tags(card, ("ms",)) == ("diagnosis", "ms", "source::doc", "source::healthline")


def test_markup_escapes_html_and_renders_the_markdown_subset() -> None:
    assert to_html("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert to_html("*a* and **b**") == "<em>a</em> and <strong>b</strong>"
    assert to_html("one\ntwo") == "one<br>\ntwo"
    assert to_html("- a\n- b") == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"
    assert to_html("[link](http://x)") == "[link](http://x)"
    assert to_html('Tom & "Jerry"') == "Tom &amp; &quot;Jerry&quot;"


def test_slug() -> None:
    assert slug("MS and Spinal Cord Lesions") == "ms-and-spinal-cord-lesions"
    assert slug("Med::Neuro MS") == "med-neuro-ms"


def test_compiled_fields(write_cards: Any) -> None:
    from generator.check import check

    cards_file, _ = check(write_cards(ONE))
    assert cards_file is not None
    (note,) = compile_notes(cards_file)
    question, answer, extra, sources, card_id = note.fields
    assert question == "Which parts make up the <em>CNS</em>?"
    assert answer == "&lt;b&gt;brain&lt;/b&gt; &amp; spinal cord"
    assert extra == "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"
    assert "A small document" in sources and "<details" in sources
    assert "The CNS includes the brain, spinal cord, and optic nerves." in sources
    assert card_id == "cns-parts"
    assert note.tags == ("anatomy", "source::doc")


def test_editorial_note_goes_under_the_extra_with_its_own_label(write_cards: Any) -> None:
    from generator.check import check

    note = "    note: The source is *wrong* <here>.\n"
    text = ONE.replace("    tags: [anatomy]\n", "    tags: [anatomy]\n" + note)
    cards_file, found = check(write_cards(text))
    assert cards_file is not None
    assert [(d.code, d.line) for d in found] == [("W405", 11), ("W405", 15)]  # HTML shown as text
    (note,) = compile_notes(cards_file)
    assert note.fields[2] == (
        "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"
        '<div class="dg-note"><div class="dg-label">Note</div>'
        "The source is <em>wrong</em> &lt;here&gt;.</div>"
    )


def test_build_writes_deck_and_manifest(tmp_path: Path, write_cards: Any) -> None:
    result = build(write_cards(TWO), tmp_path / "out", now=1_800_000_000)
    assert result.deck.apkg == tmp_path / "out" / "test-deck.apkg"
    assert result.deck.manifest == tmp_path / "out" / "test-deck.manifest.json"
    data = json.loads(result.deck.manifest.read_text())
    assert data["deck_id"] == 1234567890
    assert data["notetype"]["fields"] == list(notetype.FIELDS)
    assert data["cards"]["cns-parts"]["mod"] == 1_800_000_000
    assert sorted(os.listdir(tmp_path / "out")) == [
        "test-deck.apkg",
        "test-deck.changelog.md",
        "test-deck.manifest.json",
    ]


def test_unchanged_cards_keep_their_mod_and_changed_get_newer(tmp_path: Path, write_cards: Any) -> None:
    cards = write_cards(TWO)
    build(cards, tmp_path, now=1_800_000_000)
    write_cards(TWO.replace("Strong magnetic and radio waves.", "Magnets and radio waves."))
    result = build(cards, tmp_path, now=1_700_000_000)  # a clock that went backwards
    entries = manifest.load(tmp_path / "test-deck.manifest.json")
    assert entries is not None
    assert result.deck.changes.changed == ["mri-waves"]
    assert entries.cards["cns-parts"].mod == 1_800_000_000
    assert entries.cards["mri-waves"].mod == 1_800_000_001


def _build_in_subprocess(cards: Path, out: Path, seed: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1800000000"}
    subprocess.run(
        [sys.executable, "-m", "generator", "build", str(cards), "-o", str(out)],
        check=True,
        env=env,
        cwd=ROOT,
        capture_output=True,
    )
    return (out / "test-deck.apkg").read_bytes()


def test_build_is_byte_reproducible_across_hash_seeds(tmp_path: Path, write_cards: Any) -> None:
    cards = write_cards(TWO)
    first = _build_in_subprocess(cards, tmp_path / "a", "1")
    second = _build_in_subprocess(cards, tmp_path / "b", "2")
    assert first == second
    manifest_a = (tmp_path / "a" / "test-deck.manifest.json").read_bytes()
    assert manifest_a == (tmp_path / "b" / "test-deck.manifest.json").read_bytes()


def test_removed_card_leaves_the_deck_for_the_retired_package_then_is_restored(
    tmp_path: Path, write_cards: Any
) -> None:
    cards = write_cards(TWO)
    first = build(cards, tmp_path, now=1_800_000_000)
    assert first.deck is not None and first.deck.retired is None
    assert not (tmp_path / "test-deck.retired.apkg").exists()
    write_cards(ONE)
    second = build(cards, tmp_path, now=1_800_000_100)
    assert second.deck.changes.removed == ["mri-waves"]
    assert second.deck.retired == tmp_path / "test-deck.retired.apkg"
    assert list(read_notes(first.deck.apkg)) == [guid(1234567890, "cns-parts")]
    removed = read_notes(second.deck.retired)[guid(1234567890, "mri-waves")]
    assert "deckgen::removed" in removed[1]
    assert removed[0][1] == "Strong magnetic and radio waves."
    assert removed[0][0].startswith('<div class="dg-retired">Removed from this deck on 2027-01-15 \u2014 ')
    write_cards(TWO)
    third = build(cards, tmp_path, now=1_800_000_200)
    assert third.deck.changes.restored == ["mri-waves"]
    assert third.deck.retired is None and third.deck.stale_retired == second.deck.retired
    assert not second.deck.retired.exists()
    notes = read_notes(first.deck.apkg)
    assert "deckgen::removed" not in notes[guid(1234567890, "mri-waves")][1]


def test_drop_removed_stops_shipping_removed_notes(tmp_path: Path, write_cards: Any) -> None:
    cards = write_cards(TWO)
    build(cards, tmp_path, now=1_800_000_000)
    write_cards(ONE)
    build(cards, tmp_path, now=1_800_000_100)
    assert (tmp_path / "test-deck.retired.apkg").exists()
    result = build(cards, tmp_path, Options(drop_removed=True), now=1_800_000_200)
    assert result.deck is not None
    assert list(read_notes(result.deck.apkg)) == [guid(1234567890, "cns-parts")]
    assert not (tmp_path / "test-deck.retired.apkg").exists()


def test_deck_id_change_is_refused(tmp_path: Path, write_cards: Any) -> None:
    cards = write_cards(ONE)
    build(cards, tmp_path, now=1_800_000_000)
    before = (tmp_path / "test-deck.apkg").read_bytes()
    write_cards(ONE.replace("id: 1234567890", "id: 1234567899"))
    with pytest.raises(BuildError, match="deck id changed"):
        build(cards, tmp_path, now=1_800_000_100)
    assert (tmp_path / "test-deck.apkg").read_bytes() == before


def test_note_type_rename_is_guarded(
    tmp_path: Path, write_cards: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    cards = write_cards(ONE)
    build(cards, tmp_path, now=1_800_000_000)
    monkeypatch.setattr(notetype, "FIELDS", ("Front", "Back", "Extra", "Sources", "Id"))
    with pytest.raises(BuildError, match=r"deckgen Q&A\+"):
        build(cards, tmp_path, now=1_800_000_100)
    result = build(cards, tmp_path, Options(new_notetype=True), now=1_800_000_100)
    entries = manifest.load(tmp_path / "test-deck.manifest.json")
    assert entries is not None and result.deck is not None
    assert entries.notetype.generation == 2
    assert entries.notetype.id == notetype.BASE_ID + 1
    assert entries.notetype.name == "deckgen Q&A (v2)"


def test_damaged_manifest_is_a_clear_error(tmp_path: Path, write_cards: Any) -> None:
    cards = write_cards(ONE)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "test-deck.manifest.json").write_text("{not json")
    result = CliRunner().invoke(
        main, ["build", str(cards), "-o", str(tmp_path / "out")], catch_exceptions=False
    )
    assert result.exit_code == 2
    assert "manifest is damaged" in result.output
    assert "Traceback" not in result.output


def test_cli_build_check_reports_out_of_date(tmp_path: Path, write_cards: Any) -> None:
    cards = write_cards(ONE)
    runner = CliRunner()
    out = str(tmp_path / "out")
    result = runner.invoke(main, ["build", str(cards), "-o", out, "--check"], catch_exceptions=False)
    assert result.exit_code == 1
    again = f"deckgen build {cards} -o {out}"  # the exact command, the output folder too
    assert f"{out}/test-deck.apkg: missing (run: {again}); 1 card" in result.output
    result = runner.invoke(main, ["build", str(cards), "-o", out], catch_exceptions=False)
    assert result.exit_code == 0
    assert f"Built {out}/test-deck.apkg: 1 card from 1 source (1 added, 0 changed" in result.output
    assert "  added: cns-parts\n" in result.output
    result = runner.invoke(main, ["build", str(cards), "-o", out, "--check"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "up to date" in result.output
    write_cards(ONE.replace("<b>brain</b>", "<b>Brain</b>"))
    result = runner.invoke(main, ["build", str(cards), "-o", out, "--check"], catch_exceptions=False)
    assert result.exit_code == 1
    assert (
        f"{out}/test-deck.apkg: OUT OF DATE (test-deck.apkg is out of date; test-deck.manifest.json is out "
        f"of date; test-deck.changelog.md is out of date; run: {again}); 1 card" in result.output
    )


def test_bad_source_date_epoch(tmp_path: Path, write_cards: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    result = CliRunner().invoke(main, ["build", str(write_cards(ONE)), "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "SOURCE_DATE_EPOCH must be a whole number" in result.output


def test_cli_lists_changed_and_removed_ids(tmp_path: Path, write_cards: Any) -> None:
    cards = write_cards(TWO)
    runner = CliRunner()
    args = ["build", str(cards), "-o", str(tmp_path)]
    runner.invoke(main, args, catch_exceptions=False)
    write_cards(ONE.replace("Which parts make up", "What makes up"))
    result = runner.invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0
    assert "(0 added, 1 changed, 0 unchanged, 1 removed)\n" in result.output
    assert "  changed: cns-parts\n" in result.output
    assert "  removed: mri-waves\n" in result.output
    assert (
        f"  retired cards: {tmp_path}/test-deck.retired.apkg, the 1 note of cards removed from the deck, "
        "tagged deckgen::removed, for learners who imported an earlier version: they import it after the "
        "deck, then search Anki's browser for tag:deckgen::removed and delete what it finds\n"
        in result.output
    )
    assert "search Anki for tag:deckgen::removed" in result.output


def test_check_accepts_the_same_contents_in_other_bytes(tmp_path: Path, write_cards: Any) -> None:
    """Another machine's zlib or SQLite may write the same deck in other bytes: still up to date."""
    import zipfile

    cards = write_cards(TWO)
    first = build(cards, tmp_path, now=1_800_000_000)
    assert first.deck is not None
    with zipfile.ZipFile(first.deck.apkg) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
        comment = archive.comment  # the manifest's hash: any machine writes the same
    db = bytearray(entries["collection.anki2"])
    db[96:100] = (3_045_001).to_bytes(4, "big")  # another SQLite's version stamp
    entries["collection.anki2"] = bytes(db)
    with zipfile.ZipFile(first.deck.apkg, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.comment = comment
        for name, data in entries.items():
            archive.writestr(name, data)
    assert build(cards, tmp_path, now=1_800_000_100, write=False).deck.up_to_date
    write_cards(TWO.replace("Strong magnetic", "Strong, magnetic"))
    assert not build(cards, tmp_path, now=1_800_000_100, write=False).deck.up_to_date
