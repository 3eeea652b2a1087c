"""The output folder: locked, written as one pair, left clean, and rebuilt from the package when needed."""

from __future__ import annotations

import errno
import fcntl
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.compile import BuildError, build, output
from generator.files import Staged
from tests.conftest import PLAIN, import_apkg

T1, T2 = 1_700_000_000, 1_700_000_600

V1 = (
    PLAIN
    + """\
  - id: lesions-share
    question: What share of people have the lesions?
    answer: About 80 percent.
    evidence: {doc: "found in about 80 percent of people"}
"""
)
V2 = V1.replace(
    """  - id: mri-waves
    question: What does MRI use to make its pictures?
    answer: Strong magnetic and radio waves.
    evidence: {doc: "MRI uses strong magnetic and radio waves"}
""",
    "",
)
"""mri-waves removed."""
V3 = V2.replace("answer: MS.", "answer: Multiple sclerosis.")
"""And one answer changed."""


@pytest.fixture
def held(tmp_path: Path) -> Iterator[Callable[[Path], None]]:
    """Hold a folder's lock as another build would (an open file description of its own)."""
    fds: list[int] = []

    def hold(folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder, os.O_RDONLY)
        fds.append(fd)
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    yield hold
    for fd in fds:
        os.close(fd)


def test_a_second_build_stops_while_the_first_holds_the_folder(
    tmp_path: Path, write_cards: Callable[..., Path], held: Callable[[Path], None]
) -> None:
    cards = write_cards(V1)
    out = tmp_path / "decks"
    build(cards, out, now=T1)
    before = sorted((p.name, p.read_bytes()) for p in out.iterdir())
    held(out)
    write_cards(V2)
    for args in ([], ["--check"]):
        result = CliRunner().invoke(main, ["build", str(cards), "-o", str(out), *args])
        assert result.exit_code == 2
        assert (
            f"deckgen: error: another deckgen build is writing to {out}: run this one again" in result.output
        )
    assert sorted((p.name, p.read_bytes()) for p in out.iterdir()) == before


def test_leftover_temp_files_are_reported_by_check_and_removed_by_build(
    tmp_path: Path, write_cards: Callable[..., Path]
) -> None:
    cards = write_cards(V1)
    out = tmp_path / "decks"
    build(cards, out, now=T1)
    ours = [out / ".test-deck.apkg.k3j_x9q2.tmp", out / ".test-deck.manifest.json.abcdefgh.tmp"]
    others = [out / ".other.apkg.abcdefgh.tmp", out / "notes.tmp", out / ".test-deck.apkg.toolongname.tmp"]
    for path in ours + others:
        path.write_bytes(b"half a file")
    checked = CliRunner().invoke(main, ["build", str(cards), "-o", str(out), "--check"])
    assert checked.exit_code == 1
    assert "OUT OF DATE" in checked.output
    assert f"Temp files of an interrupted build in {out}: " in checked.output
    assert all(p.exists() for p in ours + others)
    built = CliRunner().invoke(main, ["build", str(cards), "-o", str(out)])
    assert built.exit_code == 0
    assert "Removed temp files of an interrupted build: " in built.output
    assert not any(p.exists() for p in ours)
    assert all(p.exists() for p in others)
    assert build(cards, out, now=T1, write=False).deck.up_to_date


def _fail_for(monkeypatch: pytest.MonkeyPatch, name: str, suffix: str) -> None:
    """Make ``output.<name>`` (stage or commit) fail with a full disk for the file ending in ``suffix``."""
    real = getattr(output, name)

    def failing(*args: Any) -> Any:
        target = args[0].path if isinstance(args[0], Staged) else args[0]
        if str(target).endswith(suffix):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(*args)

    monkeypatch.setattr(output, name, failing)


def test_a_disk_with_room_for_the_package_but_not_the_manifest_replaces_nothing(
    tmp_path: Path, write_cards: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    cards = write_cards(V1)
    out = tmp_path / "decks"
    build(cards, out, now=T1)
    before = sorted((p.name, p.read_bytes()) for p in out.iterdir())
    write_cards(V2)
    _fail_for(monkeypatch, "stage", ".manifest.json")
    with pytest.raises(
        BuildError, match=r"test-deck.manifest.json: No space left on device; nothing was replaced"
    ):
        build(cards, out, now=T2)
    assert sorted((p.name, p.read_bytes()) for p in out.iterdir()) == before


def test_a_failed_manifest_rename_says_the_package_was_replaced_and_is_recovered(
    tmp_path: Path, write_cards: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    reference = tmp_path / "reference"
    cards = write_cards(V1)
    build(cards, reference, now=T1)
    write_cards(V2)
    build(cards, reference, now=T2)

    write_cards(V1)
    out = tmp_path / "decks"
    build(cards, out, now=T1)
    write_cards(V2)
    with monkeypatch.context() as patch:
        _fail_for(patch, "commit", ".manifest.json")
        with pytest.raises(BuildError) as info:
            build(cards, out, now=T2)
    assert str(info.value) == (
        f"{out / 'test-deck.retired.apkg'}, {out / 'test-deck.changelog.md'} and {out / 'test-deck.apkg'} "
        "were replaced, but "
        f"{out / 'test-deck.manifest.json'} could not be (No space left on device); the next build sees "
        "the mismatch and rebuilds the manifest from the packages"
    )
    again = build(cards, out, now=T2 + 300)
    assert "did not belong to" in again.deck.notes[0]
    assert [p.read_bytes() for p in sorted(out.iterdir())] == [
        p.read_bytes() for p in sorted(reference.iterdir())
    ]


@pytest.mark.anki
def test_a_missing_manifest_is_rebuilt_from_the_package(
    tmp_path: Path, write_cards: Callable[..., Path], anki_collection: Any
) -> None:
    """Delete the manifest: the next build knows every note from the package, and stamps only the change."""
    reference = tmp_path / "reference"
    cards = write_cards(V1)
    build(cards, reference, now=T1)
    write_cards(V2)
    build(cards, reference, now=T2)
    write_cards(V3)
    build(cards, reference, now=T2 + 600)

    write_cards(V1)
    out = tmp_path / "decks"
    build(cards, out, now=T1)
    write_cards(V2)
    second = build(cards, out, now=T2)
    assert second.deck is not None and second.deck.retired is not None
    import_apkg(anki_collection, second.deck.apkg)
    import_apkg(anki_collection, second.deck.retired)
    second.deck.manifest.unlink()

    write_cards(V3)
    checked = build(cards, out, now=T2 + 600, write=False)
    assert not checked.deck.up_to_date
    third = build(cards, out, now=T2 + 600)
    assert third.deck.notes == (
        f"{out / 'test-deck.manifest.json'} was missing: rebuilt it from {out / 'test-deck.apkg'} "
        "(3 cards, 1 removed)",
    )
    assert third.deck.changes.changed == ["lesions-common"]
    assert third.deck.changes.unchanged == ["cns-parts", "lesions-share"]
    assert third.deck.changes.added == third.deck.changes.removed == [] and not third.deck.removed.lost
    assert [p.read_bytes() for p in sorted(out.iterdir())] == [
        p.read_bytes() for p in sorted(reference.iterdir())
    ]
    log = import_apkg(anki_collection, third.deck.apkg).log
    assert len(log.updated) == 1 and len(log.new) == 0
    assert third.deck.retired is not None
    log = import_apkg(anki_collection, third.deck.retired).log
    assert len(log.updated) == len(log.new) == 0
    assert len(anki_collection.find_notes("tag:deckgen::removed")) == 1

    result = CliRunner().invoke(main, ["build", str(cards), "-o", str(out)])
    assert result.exit_code == 0 and "Unchanged" in result.output


def test_a_manifest_time_in_the_future_is_warned_about(
    tmp_path: Path, write_cards: Callable[..., Path]
) -> None:
    cards = write_cards(V1)
    out = tmp_path / "decks"
    build(cards, out, now=4_000_000_000)
    result = build(cards, out, now=T1)
    assert result.warnings == (
        f"{out / 'test-deck.manifest.json'} holds a modification time of 2096-10-02 07:06:40 UTC, in the "
        "future: an edit before then gets an even later time (was the clock or SOURCE_DATE_EPOCH wrong?)",
    )
    shown = CliRunner().invoke(main, ["build", str(cards), "-o", str(out)])
    assert "deckgen: warning: " in shown.output


KINDS = V1 + (
    """\
  - id: mri-reversed
    kind: reversed
    question: MRI
    answer: A scan that uses strong magnetic and radio waves.
    evidence: {doc: "MRI uses strong magnetic and radio waves"}
  - id: cns-cloze
    kind: cloze
    text: The CNS includes the {{c1::brain}} and the *{{c2::spinal cord}}*.
    note: The optic nerves too.
    evidence: {doc: "The CNS includes the brain, spinal cord, and optic nerves."}
  - id: share-typed
    kind: type-in
    question: What share of people with MS have spinal cord lesions, in percent?
    answer: "80"
    evidence: {doc: "found in about 80 percent of people"}
"""
)


def test_a_manifest_of_every_card_kind_is_rebuilt_from_its_package(
    tmp_path: Path, write_cards: Callable[..., Path]
) -> None:
    """Each kind's note type, and a removed cloze card, come back from the package exactly."""
    cards = write_cards(KINDS)
    out = tmp_path / "decks"
    build(cards, out, now=T1)
    write_cards(
        KINDS.replace("  - id: cns-cloze\n    kind: cloze\n", "  - id: cns-cloze-gone\n    kind: cloze\n")
    )
    second = build(cards, out, now=T2)
    assert second.deck is not None and second.deck.retired is not None
    files = second.deck.apkg, second.deck.manifest, second.deck.retired
    before = [path.read_bytes() for path in files]
    assert b'"cns-cloze:cloze"' in before[1] and b'"notetypes"' in before[1]
    second.deck.manifest.unlink()
    again = build(cards, out, now=T2 + 600)
    assert again.deck.notes and "rebuilt it from" in again.deck.notes[0]
    assert again.deck.changes.added == again.deck.changes.changed == [] and not again.deck.removed.lost
    assert [path.read_bytes() for path in files] == before


def test_build_check_knows_the_retired_cards_package(
    tmp_path: Path, write_cards: Callable[..., Path]
) -> None:
    """Missing, out of date or stale, --check names it, and the next build puts it right."""
    cards = write_cards(V1)
    out = tmp_path / "decks"
    build(cards, out, now=T1)
    write_cards(V2)
    second = build(cards, out, now=T2)
    assert second.deck is not None and second.deck.retired == out / "test-deck.retired.apkg"
    retired = second.deck.retired
    written = retired.read_bytes()
    args = ["build", str(cards), "-o", str(out), "--check"]

    retired.unlink()
    assert build(cards, out, now=T2, write=False).deck.outdated == ("test-deck.retired.apkg is missing",)
    checked = CliRunner().invoke(main, args)
    assert checked.exit_code == 1
    again = f"deckgen build {cards}"  # the exact command that fixes it (decks/ is the default folder)
    assert f"OUT OF DATE (test-deck.retired.apkg is missing; run: {again})" in checked.output
    assert build(cards, out, now=T2).written and retired.read_bytes() == written

    retired.write_bytes(written[:-1])
    checked = CliRunner().invoke(main, args)
    assert f"OUT OF DATE (test-deck.retired.apkg is out of date; run: {again})" in checked.output
    assert build(cards, out, now=T2).written and retired.read_bytes() == written
    assert CliRunner().invoke(main, args).exit_code == 0

    write_cards(V1)  # the card is back: no removed cards, no retired-cards package
    build(cards, out, now=T2 + 300)
    assert not retired.exists()
    retired.write_bytes(written)
    checked = CliRunner().invoke(main, args)
    assert "OUT OF DATE (test-deck.retired.apkg is stale: the deck has no removed cards to retire now; " in (
        checked.output
    )
    assert build(cards, out, now=T2 + 300).written and not retired.exists()
    assert CliRunner().invoke(main, args).exit_code == 0
