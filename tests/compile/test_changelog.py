"""The deck's version and its changelog: a number that goes up with each change to the cards, named in
the deck's description in Anki, and a section per version naming what it added, changed and retired."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.compile import BuildError, build, notetype
from generator.compile.unpack import mark, read_package
from tests.conftest import PLAIN, import_apkg

T1, T2, T3 = 1_800_000_000, 1_800_086_400, 1_800_172_800  # a day apart: 2027-01-15, -16, -17

V1 = PLAIN.replace("make up the CNS?", "make up the *CNS*?")
V2 = V1.replace("answer: MS.", "answer: Multiple sclerosis.").replace(
    """  - id: mri-waves
    question: What does MRI use to make its pictures?
    answer: Strong magnetic and radio waves.
    evidence: {doc: "MRI uses strong magnetic and radio waves"}
""",
    """  - id: cns-cloze
    kind: cloze
    text: The CNS includes the {{c1::brain}} and the {{c2::spinal cord}}.
    evidence: {doc: "The CNS includes the brain, spinal cord, and optic nerves."}
""",
)
"""One answer changed, one card removed, a cloze card added."""

HEAD = """\
# Test Deck: what changed in each version

Newest first. The deck's description in Anki names the version you have.

To update, import `test-deck.apkg` over it; then, if there is one, import `test-deck.retired.apkg` \
(the cards listed as retired below) and delete them: in Anki's browser, search \
`tag:deckgen::removed`, select all and delete.

"""
FIRST = """\
## Version 1 (2027-01-15)

The first version: 3 cards.
"""
SECOND = """\
## Version 2 (2027-01-16)

Added:

- The CNS includes the brain and the spinal cord. (`cns-cloze`)

Changed:

- In which disease are spinal cord lesions common? (`lesions-common`)

Retired (in the retired-cards package, tagged deckgen::removed):

- What does MRI use to make its pictures? (`mri-waves`)
"""


def _description(apkg: Path) -> str:
    contents = read_package(apkg)
    assert contents is not None
    return str(contents.decks["1234567890"]["desc"])


def _version(manifest: Path) -> int:
    return int(json.loads(manifest.read_text(encoding="utf-8"))["version"])


def test_each_change_is_a_new_version_with_its_section_on_top(
    tmp_path: Path, write_cards: Callable[..., Path]
) -> None:
    cards, out = write_cards(V1), tmp_path / "decks"
    first = build(cards, out, now=T1)
    assert first.deck is not None and first.deck.version == 1
    changelog = out / "test-deck.changelog.md"
    assert first.deck.changelog == changelog
    assert changelog.read_text(encoding="utf-8") == HEAD + FIRST
    assert _description(first.deck.apkg).endswith('<p class="dg-version">Version 1</p>')

    again = build(cards, out, now=T2)  # nothing changed: the same version, the same files
    assert not again.written and again.deck.version == 1

    write_cards(V2)
    second = build(cards, out, now=T2)
    assert second.deck.version == 2 and _version(second.deck.manifest) == 2
    assert changelog.read_text(encoding="utf-8") == HEAD + SECOND + "\n" + FIRST
    assert _description(second.deck.apkg).endswith('<p class="dg-version">Version 2</p>')
    assert build(cards, out, now=T3, write=False).deck.up_to_date


def test_a_new_look_is_a_new_version(
    tmp_path: Path, write_cards: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    cards, out = write_cards(V1), tmp_path / "decks"
    build(cards, out, now=T1)
    monkeypatch.setattr(notetype, "CSS", notetype.CSS + "\n.dg-answer { letter-spacing: 0.01em; }\n")
    second = build(cards, out, now=T2)
    assert second.deck.version == 2
    text = (out / "test-deck.changelog.md").read_text(encoding="utf-8")
    assert (
        text
        == HEAD
        + ("## Version 2 (2027-01-16)\n\nThe cards' look changed (their note types' templates or style).\n\n")
        + FIRST
    )


def test_hand_edits_are_kept_and_a_section_no_build_committed_is_dropped(
    tmp_path: Path, write_cards: Callable[..., Path]
) -> None:
    cards, out = write_cards(V1), tmp_path / "decks"
    build(cards, out, now=T1)
    changelog = out / "test-deck.changelog.md"
    edited = HEAD + FIRST.replace("The first version: 3 cards.", "The first version, for the workshop.")
    changelog.write_text(edited, encoding="utf-8")
    assert build(cards, out, now=T2, write=False).deck.up_to_date  # the history is the file's

    # a section for a version after the manifest's: a build stopped before its commit point wrote it
    changelog.write_text(
        HEAD + "## Version 2 (2027-01-16)\n\nAdded:\n\n- Half a build.\n\n" + edited[len(HEAD) :]
    )
    checked = build(cards, out, now=T2, write=False)
    assert checked.deck.outdated == ("test-deck.changelog.md is out of date",)
    assert build(cards, out, now=T2).written
    assert changelog.read_text(encoding="utf-8") == edited


def test_a_changelog_that_lacks_the_version_starts_again_and_says_so(
    tmp_path: Path, write_cards: Callable[..., Path]
) -> None:
    """Deleted, or a deck from before versions (its manifest has none: it is version 1)."""
    cards, out = write_cards(V1), tmp_path / "decks"
    build(cards, out, now=T1)
    changelog, manifest = out / "test-deck.changelog.md", out / "test-deck.manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    del data["version"]
    text = (json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode()
    manifest.write_bytes(text)
    with zipfile.ZipFile(out / "test-deck.apkg", "a") as archive:  # still the package's manifest
        archive.comment = mark(text)
    changelog.unlink()
    checked = CliRunner().invoke(main, ["build", str(cards), "-o", str(out), "--check"])
    assert checked.exit_code == 1 and "test-deck.changelog.md is missing" in checked.output
    result = build(cards, out, now=T2)
    assert result.deck.version == 1
    assert changelog.read_text(encoding="utf-8") == HEAD + (
        "## Version 1\n\nThe deck as it was when this changelog began: 3 cards. "
        "What earlier versions changed is not recorded here.\n"
    )
    assert _version(manifest) == 1


def test_a_rebuilt_manifest_gets_the_version_back_from_the_package(
    tmp_path: Path, write_cards: Callable[..., Path]
) -> None:
    cards, out = write_cards(V1), tmp_path / "decks"
    build(cards, out, now=T1)
    write_cards(V2)
    second = build(cards, out, now=T2)
    files = sorted(out.iterdir())
    before = [path.read_bytes() for path in files]
    second.deck.manifest.unlink()
    again = build(cards, out, now=T3)
    assert again.deck.notes and "rebuilt it from" in again.deck.notes[0]
    assert again.deck.version == 2 and [path.read_bytes() for path in files] == before


def test_a_changelog_that_is_not_text_stops_the_build(
    tmp_path: Path, write_cards: Callable[..., Path]
) -> None:
    cards, out = write_cards(V1), tmp_path / "decks"
    build(cards, out, now=T1)
    (out / "test-deck.changelog.md").write_bytes(b"\xff\xfe")
    with pytest.raises(BuildError, match=r"test-deck.changelog.md is not UTF-8 text; restore it from git"):
        build(cards, out, now=T2)


def test_a_question_is_written_as_it_reads(tmp_path: Path, write_cards: Callable[..., Path]) -> None:
    """Markdown's marks in a question are escaped; a picture-only question is named by its id."""
    cards, out = write_cards(V1), tmp_path / "decks"
    build(cards, out, now=T1)
    write_cards(V1.replace("What does MRI use", "What does MRI_[x] <use> `a`"))
    build(cards, out, now=T2)
    text = (out / "test-deck.changelog.md").read_text(encoding="utf-8")
    assert "- What does MRI\\_\\[x\\] \\<use\\> \\`a\\` to make its pictures? (`mri-waves`)\n" in text


@pytest.mark.anki
def test_the_deck_in_anki_names_its_version(
    tmp_path: Path, write_cards: Callable[..., Path], anki_collection: Any
) -> None:
    """Anki shows the description above the deck's cards; importing a newer version updates it."""
    cards, out = write_cards(V1), tmp_path / "decks"
    first = build(cards, out, now=T1)
    import_apkg(anki_collection, first.deck.apkg)
    assert "Version 1" in anki_collection.decks.by_name("Test Deck")["desc"]
    write_cards(V2)
    second = build(cards, out, now=T2)
    import_apkg(anki_collection, second.deck.apkg)
    assert anki_collection.decks.by_name("Test Deck")["desc"].endswith('<p class="dg-version">Version 2</p>')
