"""`deckgen sync --url`: into a real Anki desktop through the real AnkiConnect add-on.

Every test that needs the desktop is in this file, so that one worker starts
one desktop for the session (:func:`tests.sync.desktop.anki_desktop`). The
tests share its collection: each syncs a deck of its own name and id.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from generator.sync import connect
from tests.conftest import CNS, MRI, SOURCE_TEXT
from tests.sync import scenario
from tests.sync.desktop import API_KEY, anki_desktop, call
from tests.sync.learner import DesktopLearner

__all__ = ["anki_desktop"]  # the session's desktop, a fixture

pytestmark = pytest.mark.anki


def _sync(url: str, cards: Path, now: int, *args: str, key: str | None = API_KEY) -> Result:
    return CliRunner().invoke(
        main,
        ["sync", str(cards), "--url", url, *(["--api-key", key] if key else []), *args],
        env={"SOURCE_DATE_EPOCH": str(now)},
        catch_exceptions=False,
    )


def test_the_scenario_through_anki_connect(anki_desktop: str, tmp_path: Path) -> None:
    def sync(cards: Path, now: int) -> Result:
        return _sync(anki_desktop, cards, now, "--format", "json")

    scenario.run(tmp_path / "deck", "Scenario Deck", 1234567802, DesktopLearner(anki_desktop), sync)


def _deck(folder: Path, name: str, deck_id: int, body: str) -> Path:
    (folder / "doc.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    cards = folder / "cards.yaml"
    cards.write_text(scenario.header(name, deck_id) + "cards:\n" + body, encoding="utf-8")
    return cards


def test_dry_run_then_sync_then_nothing_to_do_then_delete(anki_desktop: str, tmp_path: Path) -> None:
    cards = _deck(tmp_path, "Desktop Deck", 1234567803, CNS + MRI)
    dry = _sync(anki_desktop, cards, 1_780_000_000, "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "2 would be added: cns-parts, mri-waves" in dry.output
    assert call(anki_desktop, "findNotes", query='"deck:Desktop Deck"') == []

    first = _sync(anki_desktop, cards, 1_780_000_000)
    assert first.exit_code == 0, first.output
    assert "2 added: cns-parts, mri-waves" in first.output
    again = _sync(anki_desktop, cards, 1_780_000_000)
    assert "Nothing to do: the collection has the deck as built." in again.output

    cards.write_text(scenario.header("Desktop Deck", 1234567803) + "cards:\n" + CNS, encoding="utf-8")
    deleted = _sync(anki_desktop, cards, 1_780_086_400, "--delete-removed", "--format", "json")
    assert deleted.exit_code == 0, deleted.output
    assert json.loads(deleted.output)["decks"][0]["deleted"] == ["mri-waves"]
    [nid] = call(anki_desktop, "findNotes", query='"deck:Desktop Deck"')
    [info] = call(anki_desktop, "notesInfo", notes=[nid])
    assert info["fields"]["Id"]["value"] == "cns-parts"


def test_a_wrong_or_missing_api_key_is_refused(anki_desktop: str, tmp_path: Path) -> None:
    cards = _deck(tmp_path, "Key Deck", 1234567804, CNS)
    for key in ("wrong-key", None):
        result = _sync(anki_desktop, cards, 1_780_000_000, key=key)
        assert result.exit_code == 2, result.output
        assert f"AnkiConnect at {anki_desktop} refused the API key" in result.output
        assert "with --api-key" in result.output
    assert call(anki_desktop, "findNotes", query='"deck:Key Deck"') == []


def test_an_anki_connect_older_than_needed_is_refused_before_any_change(
    anki_desktop: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The real add-on answers its own API version (6); deckgen is made to need the next one, as it
    # would after an API change, so the add-on in the desktop is the outdated one.
    real = call(anki_desktop, "version")
    monkeypatch.setattr(connect, "NEEDED", real + 1)
    cards = _deck(tmp_path, "Old Deck", 1234567807, CNS)
    result = _sync(anki_desktop, cards, 1_780_000_000)
    assert result.exit_code == 2, result.output
    assert (
        f"the AnkiConnect at {anki_desktop} is too old (API version {real}, this needs {real + 1}): "
        "update it in Anki (Tools → Add-ons → Check for Updates) and restart Anki"
    ) in result.output
    assert "Nothing was changed in Anki." in result.output
    assert call(anki_desktop, "findNotes", query='"deck:Old Deck"') == []
    assert "Old Deck" not in call(anki_desktop, "deckNames")


def test_no_anki_running_says_how_to_install_anki_connect(tmp_path: Path) -> None:
    cards = _deck(tmp_path, "Nowhere Deck", 1234567805, CNS)
    result = _sync("http://127.0.0.1:9", cards, 1_780_000_000)
    assert result.exit_code == 2
    assert "no Anki answers at http://127.0.0.1:9" in result.output
    assert "code 2055492159" in result.output
    assert "Nothing was changed in Anki." in result.output


def test_the_note_types_look_is_the_decks(anki_desktop: str, tmp_path: Path) -> None:
    cards = _deck(tmp_path, "Look Deck", 1234567806, CNS)
    assert _sync(anki_desktop, cards, 1_780_000_000).exit_code == 0
    [nid] = call(anki_desktop, "findNotes", query='"deck:Look Deck"')
    [info] = call(anki_desktop, "notesInfo", notes=[nid])
    name = info["modelName"]
    css = call(anki_desktop, "modelStyling", modelName=name)["css"]
    call(anki_desktop, "updateModelStyling", model={"name": name, "css": css + "\n.card { color: red; }"})
    result = _sync(anki_desktop, cards, 1_780_000_000)
    assert result.exit_code == 0, result.output
    assert "the look (CSS, templates) of 1 note type was made the deck's again" in result.output
    assert call(anki_desktop, "modelStyling", modelName=name)["css"] == css
