"""The MS deck through deckgen: it checks clean, covers every content sentence of its sources, is
valid under the JSON Schema editors use, previews as Anki renders it, and the committed package
is the one its cards build."""

from __future__ import annotations

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from generator.check import check
from generator.check.schema import json_schema
from generator.cli import main
from tests.conftest import ROOT
from tests.report.test_preview import previews_as_anki_renders

CARDS = ROOT / "cards.yaml"


def test_the_deck_checks_clean_and_meets_its_coverage_floor() -> None:
    """CI holds the MS deck to full coverage of every content sentence of its sources."""
    _, diagnostics = check(CARDS)
    assert [d.format() for d in diagnostics] == []
    result = CliRunner().invoke(main, ["coverage", str(CARDS), "--min", "100"])
    assert result.exit_code == 0, result.output
    assert result.stdout.rstrip().endswith("(100.0%)")


def test_the_deck_is_valid_under_the_json_schema() -> None:
    jsonschema.validate(yaml.safe_load(CARDS.read_text(encoding="utf-8")), json_schema())


def test_the_committed_deck_is_up_to_date() -> None:
    result = CliRunner().invoke(main, ["build", str(CARDS), "-o", str(ROOT / "decks"), "--check"])
    assert result.exit_code == 0, result.output


@pytest.mark.anki
def test_the_preview_shows_every_card_as_anki_renders_it() -> None:
    previews_as_anki_renders(CARDS)
