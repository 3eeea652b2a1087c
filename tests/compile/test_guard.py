"""Second round of untrusted input: what Anki reads from a package, manifests read as JSON, ids and
times that must read back, files a build must not overwrite or lose.

Each test is one hole a fault and abuse campaign found: it failed before the fix.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.compile import BuildError, build
from generator.compile.unpack import mark
from tests.conftest import TWO

T1, T2 = 1_700_000_000, 1_700_000_600


def _files(cards: Path) -> tuple[Path, Path]:
    out = cards.parent / "decks"
    return out / "test-deck.apkg", out / "test-deck.manifest.json"


def _check(cards: Path) -> Any:
    return CliRunner().invoke(main, ["build", "--check", str(cards)], env={"SOURCE_DATE_EPOCH": str(T1)})


# --- the package as Anki reads it -------------------------------------------------------------------


@pytest.mark.parametrize("member", ["collection.anki21", "collection.anki21b", "meta", "evil.js", "9"])
def test_a_member_deckgen_never_writes_makes_the_package_out_of_date_and_a_build_replaces_it(
    write_cards: Callable[..., Path], member: str
) -> None:
    """Anki imports collection.anki21(b) in preference to collection.anki2: a package carrying one is
    not the deck, whatever its collection.anki2 holds."""
    cards = write_cards(TWO)
    build(cards, now=T1)
    apkg, _ = _files(cards)
    with zipfile.ZipFile(apkg, "a") as archive:
        archive.writestr(member, b"<img src=x onerror=alert(1)>")
    assert not build(cards, now=T1, write=False).deck.up_to_date
    result = _check(cards)
    assert result.exit_code == 1 and "test-deck.apkg is out of date" in result.output
    build(cards, now=T1)
    with zipfile.ZipFile(apkg) as archive:
        assert sorted(archive.namelist()) == ["collection.anki2", "media"]
    assert build(cards, now=T1, write=False).deck.up_to_date


# --- manifests read as JSON ---------------------------------------------------------------------------


def _rewrite(manifest: Path, apkg: Path, text: bytes) -> None:
    """Replace the manifest with ``text`` and stamp the package with it (a matched, hand-made pair)."""
    manifest.write_bytes(text)
    with zipfile.ZipFile(apkg, "a") as archive:
        archive.comment = mark(text)


def test_a_manifest_reformatted_with_indent_4_still_guards_the_deck_id(
    write_cards: Callable[..., Path],
) -> None:
    cards = write_cards(TWO)
    build(cards, now=T1)
    apkg, manifest = _files(cards)
    _rewrite(manifest, apkg, json.dumps(json.loads(manifest.read_bytes()), indent=4).encode())
    assert build(cards, now=T1, write=False).deck is not None  # still read as this deck's
    write_cards(TWO.replace("id: 1234567890", "id: 1234567891").replace("name: Test Deck", "name: Other"))
    with pytest.raises(BuildError, match="deck id changed from 1234567890 to 1234567891, and the deck was"):
        build(cards, now=T2)


def test_a_manifest_reformatted_with_indent_4_keeps_a_renamed_decks_history(
    write_cards: Callable[..., Path],
) -> None:
    cards = write_cards(TWO)
    build(cards, now=T1)
    apkg, manifest = _files(cards)
    _rewrite(manifest, apkg, json.dumps(json.loads(manifest.read_bytes()), indent=4).encode())
    write_cards(TWO.replace("name: Test Deck", "name: Renamed Deck"))
    result = build(cards, now=T2)
    assert result.deck is not None and result.deck.changes.added == []
    assert sorted(result.deck.changes.unchanged) == ["cns-parts", "mri-waves"]
    assert sorted(p.name for p in apkg.parent.iterdir()) == [
        "renamed-deck.apkg",
        "renamed-deck.changelog.md",
        "renamed-deck.manifest.json",
    ]


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("deck", "[" * 100_000 + "]" * 100_000, "manifest is damaged: not JSON (nested too deeply)"),
        ("cards_file", '"cards\\u0000.yaml"', "cards_file must be text matching"),
        ("deck_id", "true", "deck_id must be a whole number from 1 to 9007199254740992, not True"),
        ("deck_id", "1" + "0" * 4000, "deck_id must be a whole number from 1 to"),
        ("deck_id", "1" + "0" * 5000, "manifest is damaged: not JSON (Exceeds the limit"),
        ("deck", '"\\ud800"', "deck holds a lone surrogate"),
    ],
    ids=["nested-deck", "nul-cards-file", "deck-id-true", "huge-deck-id", "huger-deck-id", "lone-surrogate"],
)
def test_a_damaged_manifest_in_the_output_folder_is_a_clear_error_for_build_and_check(
    write_cards: Callable[..., Path], key: str, value: str, message: str
) -> None:
    cards = write_cards(TWO)
    build(cards, now=T1)
    apkg, manifest = _files(cards)
    data = json.loads(manifest.read_bytes())
    data[key] = "VALUE"
    _rewrite(manifest, apkg, json.dumps(data, indent=1).replace('"VALUE"', value).encode())
    for args in (["build", "--check", str(cards)], ["build", str(cards)]):
        result = CliRunner().invoke(main, args, env={"SOURCE_DATE_EPOCH": str(T2)})
        assert result.exit_code == 2, result.output
        assert message in result.output
        assert isinstance(result.exception, SystemExit)
        assert max(len(line) for line in result.output.splitlines()) < 1000


def test_another_decks_damaged_manifest_in_the_folder_does_not_crash_the_build(
    write_cards: Callable[..., Path],
) -> None:
    cards = write_cards(TWO)
    build(cards, now=T1)
    other = cards.parent / "decks" / "other.manifest.json"
    other.write_text('{\n "deck": ' + "[" * 100_000 + "]" * 100_000 + ',\n "cards_file": "x\\u0000"\n}')
    (other.parent / "third.manifest.json").write_text('{\n "cards_file": "x\\u0000",\n "deck_id": 5\n}')
    assert build(cards, now=T1, write=False).deck.up_to_date
    result = CliRunner().invoke(main, ["build", str(cards)], env={"SOURCE_DATE_EPOCH": str(T2)})
    assert result.exit_code == 0, result.output


def test_a_manifest_that_is_not_utf8_is_damaged(write_cards: Callable[..., Path]) -> None:
    cards = write_cards(TWO)
    build(cards, now=T1)
    apkg, manifest = _files(cards)
    text = manifest.read_bytes().replace(b'"Test Deck"', b'"Test \xed\xa0\x80Deck"')
    _rewrite(manifest, apkg, text)
    with pytest.raises(BuildError, match="manifest is damaged: not JSON"):
        build(cards, now=T2)
