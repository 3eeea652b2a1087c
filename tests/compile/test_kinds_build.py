"""Building cards of every kind: fields, note types in the manifest, the guards, the command line."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.check import check
from generator.cli import main
from generator.compile import BuildError, Options, build, manifest, notetypes
from generator.compile.notes import compile_notes, note_key, split_key
from generator.compile.unpack import mark
from tests.conftest import HEADER, ONE

KINDS = (
    HEADER
    + """\
cards:
  - id: mri
    kind: reversed
    question: MRI
    answer: A scan that uses strong magnetic and radio waves.
    evidence: {doc: "MRI uses strong magnetic and radio waves"}
  - id: cns-cloze
    kind: cloze
    text: The CNS includes the {{c1::brain}} and the *{{c2::spinal cord}}*.
    note: The optic nerves too.
    evidence: {doc: "The CNS includes the brain, spinal cord, and optic nerves."}
"""
)


def test_note_keys_carry_the_kind_but_for_basic_cards() -> None:
    assert note_key("mri", "basic") == "mri"
    assert note_key("mri", "cloze") == "mri:cloze"
    assert split_key("mri:type-in") == ("mri", "type-in")
    assert split_key("mri") == ("mri", "basic")


def test_fields_follow_the_kinds_note_type(write_cards: Any) -> None:
    cards_file, _ = check(write_cards(KINDS))
    assert cards_file is not None
    mri, cloze = compile_notes(cards_file)
    assert len(mri.fields) == len(notetypes.for_kind("reversed").fields) == 5
    assert mri.fields[:2] == ("MRI", "A scan that uses strong magnetic and radio waves.")
    assert cloze.kind == "cloze" and len(cloze.fields) == len(notetypes.for_kind("cloze").fields) == 4
    assert cloze.fields[0] == "The CNS includes the {{c1::brain}} and the <em>{{c2::spinal cord}}</em>."
    assert "The optic nerves too." in cloze.fields[1]
    assert cloze.fields[3] == "cns-cloze"


def test_note_types_have_fixed_ids_and_names() -> None:
    named = {
        kind: (nt.id, nt.name, nt.cloze) for kind in notetypes.KINDS for nt in [notetypes.for_kind(kind)]
    }
    assert named == {
        "basic": (1607392319, "deckgen Q&A", False),
        "reversed": (1607392419, "deckgen Reversed", False),
        "type-in": (1607392519, "deckgen Type-in", False),
        "cloze": (1607392619, "deckgen Cloze", True),
    }
    assert [t.name for t in notetypes.for_kind("reversed").templates] == ["Front to back", "Back to front"]
    assert notetypes.for_kind("cloze", 3).name == "deckgen Cloze (v3)"
    for kind in notetypes.KINDS:
        nt = notetypes.for_kind(kind)
        templates = "".join(t.front + t.back for t in nt.templates)
        for bad in ("<script", "<img", "<link", "@import", "url(", "http:", "https:"):
            assert bad not in (templates + nt.css).lower(), (kind, bad)
        assert not re.search(r"\bon[a-z]+\s*=", templates), "inline event handler"
        assert nt.fields[-1] == "Id"


def test_card_ids_are_distinct_for_every_ord() -> None:
    nid = 1_800_000_000_000
    assert notetypes.card_id(nid, 0) == nid
    assert len({notetypes.card_id(nid + i, o) for i in range(50) for o in range(99)}) == 50 * 99
    with pytest.raises(ValueError, match="too large"):
        notetypes.card_id(notetypes.CARD_ID_STRIDE, 1)


def test_the_manifest_records_each_kinds_note_type(tmp_path: Path, write_cards: Any) -> None:
    cards = write_cards(KINDS)
    build(cards, tmp_path, now=1_800_000_000)
    entries = manifest.load(tmp_path / "test-deck.manifest.json")
    assert entries is not None
    assert sorted(entries.cards) == ["cns-cloze:cloze", "mri:reversed"]
    assert {kind: (e.id, e.templates) for kind, e in entries.notetypes.items()} == {
        "reversed": (1607392419, ["Front to back", "Back to front"]),
        "cloze": (1607392619, ["Cloze"]),
    }
    write_cards(ONE)  # the same deck with only a basic card: the note types it had stay recorded
    build(cards, tmp_path, now=1_800_000_100)
    entries = manifest.load(tmp_path / "test-deck.manifest.json")
    assert entries is not None and set(entries.notetypes) == {"reversed", "cloze"}


def test_a_basic_deck_has_no_notetypes_entry(tmp_path: Path, write_cards: Any) -> None:
    build(write_cards(ONE), tmp_path, now=1_800_000_000)
    assert '"notetypes"' not in (tmp_path / "test-deck.manifest.json").read_text(encoding="utf-8")


def _as_built_with_other_cloze_fields(out: Path, fields: list[str]) -> None:
    """Make the deck in ``out`` what a deckgen whose cloze note type had ``fields`` would have left:
    its manifest records them, and the package is tied to that manifest."""
    path, apkg = out / "test-deck.manifest.json", out / "test-deck.apkg"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["notetypes"]["cloze"]["fields"] = fields
    raw = json.dumps(data, indent=1).encode()
    path.write_bytes(raw)
    with zipfile.ZipFile(apkg, "a") as archive:
        archive.comment = mark(raw)


def test_a_kinds_note_type_rename_is_guarded(tmp_path: Path, write_cards: Any) -> None:
    cards = write_cards(KINDS)
    build(cards, tmp_path, now=1_800_000_000)
    _as_built_with_other_cloze_fields(tmp_path, ["Text", "Back Extra", "Sources", "Id"])
    with pytest.raises(
        BuildError,
        match=r"the cloze note type's field or template names changed \(fields \['Text', 'Back Extra', "
        r"'Sources', 'Id'\] -> \['Text', 'Extra', 'Sources', 'Id'\].*'deckgen Cloze\+'",
    ):
        build(cards, tmp_path, now=1_800_000_100)
    build(cards, tmp_path, Options(new_notetype=True), now=1_800_000_100)
    entries = manifest.load(tmp_path / "test-deck.manifest.json")
    assert entries is not None
    assert (entries.notetypes["cloze"].id, entries.notetypes["cloze"].name) == (
        1607392620,
        "deckgen Cloze (v2)",
    )
    assert entries.notetypes["cloze"].fields == ["Text", "Extra", "Sources", "Id"]
    assert entries.notetype.generation == entries.notetypes["reversed"].generation == 2


def test_a_css_change_updates_only_the_note_types_it_changes(
    tmp_path: Path, write_cards: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    cards = write_cards(KINDS + ONE.split("cards:\n", 1)[1])
    build(cards, tmp_path, now=1_800_000_000)
    monkeypatch.setattr(notetypes, "KIND_CSS", notetypes.KIND_CSS + "\n.cloze { letter-spacing: 0; }\n")
    result = build(cards, tmp_path, now=1_800_000_100)
    assert result.deck.changes.notetype_changed
    entries = manifest.load(tmp_path / "test-deck.manifest.json")
    assert entries is not None
    assert entries.notetype.mod == 1_800_000_000
    assert entries.notetypes["cloze"].mod == entries.notetypes["reversed"].mod == 1_800_000_100


def test_cli_change_kind(tmp_path: Path, write_cards: Any) -> None:
    cards = write_cards(ONE)
    runner = CliRunner()
    args = ["build", str(cards), "-o", str(tmp_path)]
    assert runner.invoke(main, args, catch_exceptions=False).exit_code == 0
    write_cards(
        ONE.replace(
            "    question: Which parts make up the *CNS*?\n    answer: <b>brain</b> & spinal cord\n",
            "    kind: cloze\n    text: The CNS includes the {{c1::brain}}.\n",
        )
    )
    refused = runner.invoke(main, args, catch_exceptions=False)
    assert refused.exit_code == 2
    assert "card 'cns-parts' (basic -> cloze) changed kind" in refused.output
    forced = runner.invoke(main, [*args, "--change-kind"], catch_exceptions=False)
    assert forced.exit_code == 0, forced.output
    assert "  added: cns-parts:cloze\n" in forced.output
    assert "  removed: cns-parts\n" in forced.output
    assert "Changed kind: cns-parts now have new notes." in forced.output
    assert "Removed from cards file" not in forced.output
