"""HTML that Python's own parser cannot read (``<![foo[``, a marked section) is refused, never a crash.

Field HTML read back from disk is judged by :func:`generator.compile.ownhtml.foreign_html` on three
ways in: a removed card's fields in the manifest, a removed card's note in the previous package, and
the notes of a retired-cards package when the manifest is rebuilt from the packages. Each is tried with
every marked section the parser stumbles on.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.compile import build
from generator.compile.ownhtml import foreign_html
from generator.compile.unpack import mark, read_notes
from tests.conftest import TWO, rewrite_notes

T1, T2 = 1_700_000_000, 1_700_000_600
ONE_LEFT = TWO.split("  - id: mri-waves")[0]
"""TWO without its second card: after a build of TWO, mri-waves is a removed card."""

MARKED = ["a <![foo[ b", "<![foo[x]]>", "<![if !IE]>", "<![CDATA[x]]>", "<![", "x <!", "<!foo", "<![ foo"]
"""Declarations and marked sections, some of which Python's HTML parser raises on."""


@pytest.mark.parametrize("html", MARKED)
def test_a_marked_section_is_refused_not_raised(html: str) -> None:
    assert foreign_html(html) is not None


def _out(cards: Path) -> Path:
    return cards.parent / "decks"


@pytest.fixture
def two_builds(tmp_path: Path, write_cards: Callable[..., Path]) -> Path:
    """Built from TWO, then from ONE_LEFT: mri-waves is a removed card in the manifest."""
    cards = write_cards(TWO)
    build(cards, _out(cards), now=T1)
    write_cards(ONE_LEFT)
    build(cards, _out(cards), now=T2)
    return cards


def test_in_a_removed_card_of_the_manifest(two_builds: Path) -> None:
    out = _out(two_builds)
    manifest, apkg = out / "test-deck.manifest.json", out / "test-deck.apkg"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["removed"]["mri-waves"]["fields"][1] = "a <![foo[ b"
    text = json.dumps(data).encode()
    manifest.write_bytes(text)
    with zipfile.ZipFile(apkg, "a") as archive:
        archive.comment = mark(text)
    result = CliRunner().invoke(main, ["build", str(two_builds), "-o", str(out), "--check"])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 2, result.output
    assert "removed['mri-waves'].fields[1] holds a marked section, which deckgen never writes" in (
        result.output
    )


def test_in_a_removed_card_of_the_previous_package(tmp_path: Path, write_cards: Callable[..., Path]) -> None:
    cards = write_cards(TWO)
    out = _out(cards)
    build(cards, out, now=T1)
    rewrite_notes(out / "test-deck.apkg", tmp_path / "c.db", "<![foo[")
    write_cards(ONE_LEFT)
    result = build(cards, out, now=T2)
    assert result.deck is not None and result.deck.removed.lost == ("mri-waves",)
    assert any("holds markup or tags deckgen never writes" in w for w in result.warnings)
    assert all("<![" not in f for fields, _ in read_notes(out / "test-deck.apkg").values() for f in fields)


def test_in_a_retired_package_the_manifest_is_rebuilt_from(tmp_path: Path, two_builds: Path) -> None:
    out = _out(two_builds)
    rewrite_notes(out / "test-deck.retired.apkg", tmp_path / "c.db", "<![foo[")
    (out / "test-deck.manifest.json").unlink()
    result = build(two_builds, out, now=T2, write=False)
    assert result.deck is not None
    assert any("holds a marked section, which deckgen never writes" in n for n in result.deck.notes), (
        result.deck.notes
    )
    assert result.deck.retired is None
