"""A build where nothing changed returns at once (generator/compile/cache.py), and only then.

Each test builds a small deck, with its files made older than the build (a
record is never written for an input that changed while a build ran), then
changes one kind of input or output and builds again: a replayed build's deck
has no checked cards file (``cards_file is None``), a whole build's has one.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator import cli
from generator.compile import BuildResult, Options, build, cache, decks, pipeline
from tests.conftest import HEADER, PLAIN, ROOT, SOURCE_TEXT
from tests.media_files import png

T = 1_700_000_000
OTHER_SOURCE = """\
  other:
    title: Another document
    file: other.txt
"""
WARNED = HEADER + OTHER_SOURCE + "cards:\n" + PLAIN.split("cards:\n", 1)[1]
"""PLAIN with a source no card cites: the check warns (W202), and the build goes on."""
PICTURE = WARNED.replace("answer: MS.", 'answer: "MS. ![A lesion](images/lesion.png)"')
INCLUDED = WARNED.replace("  - id: lesions-common", "  - include: more.yaml\n  - id: lesions-common")
MORE = """\
cards:
  - id: optic-nerve
    question: Which nerves does the CNS include besides the brain and spinal cord?
    answer: The optic nerves.
    evidence: {doc: "The CNS includes the brain, spinal cord, and optic nerves."}
"""


def _settle(folder: Path) -> None:
    """Make every file under ``folder`` a minute old: written well before the next build starts."""
    old = time.time() - 60
    for root, _, names in os.walk(folder):
        for name in names:
            os.utime(Path(root) / name, (old, old))


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    """A deck with a picture, an included file and a warning, its files settled; returns its cards file."""
    project = tmp_path / "project"
    (project / "images").mkdir(parents=True)
    (project / "doc.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    (project / "other.txt").write_text("Another document.\n", encoding="utf-8")
    (project / "images" / "lesion.png").write_bytes(png(4, 4))
    (project / "more.yaml").write_text(MORE, encoding="utf-8")
    cards = project / "cards.yaml"
    cards.write_text(
        PICTURE.replace("  - id: lesions-common", "  - include: more.yaml\n  - id: lesions-common")
    )
    _settle(project)
    return cards


def _build(cards: Path, options: Options | None = None, *, write: bool = True) -> BuildResult:
    result = build(cards, options=options, write=write, now=T)
    assert result.deck is not None, result.diagnostics
    return result


def _replayed(result: BuildResult) -> bool:
    assert result.deck is not None
    return result.deck.cards_file is None


def _outputs(cards: Path) -> dict[str, bytes]:
    out = cards.parent / "decks"
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_a_build_with_nothing_changed_is_replayed_with_the_same_result(deck: Path) -> None:
    first = _build(deck)
    assert not _replayed(first) and first.written
    _settle(deck.parent)
    files = _outputs(deck)
    again = _build(deck)
    assert _replayed(again)
    assert not again.written and again.deck is not None and again.deck.up_to_date
    assert "W202" in [d.code for d in again.diagnostics]
    assert again.diagnostics == first.diagnostics
    assert again.deck.counts == (4, 2) and again.deck.changes.summary() == (
        "0 added, 0 changed, 4 unchanged, 0 removed"
    )
    assert _outputs(deck) == files
    checked = _build(deck, write=False)
    assert _replayed(checked) and checked.deck is not None and checked.deck.up_to_date


def _cli(cards: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli.main, ["build", str(cards), *args])
    return result.exit_code, result.output


def test_a_replayed_build_says_what_a_whole_build_says(
    deck: Path, monkeypatch: pytest.MonkeyPatch, build_cache: Path
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(T))
    assert _cli(deck)[0] == 0
    _settle(deck.parent)
    monkeypatch.setenv(cache.SETTING, "off")
    whole = _cli(deck), _cli(deck, "--check")
    monkeypatch.setenv(cache.SETTING, str(build_cache))
    assert _cli(deck)[0] == 0  # writes the record
    replayed = _cli(deck), _cli(deck, "--check")
    assert replayed == whole
    assert "W202" in whole[0][1] and "Unchanged" in whole[0][1] and "up to date" in whole[1][1]


def _edit_cards(cards: Path) -> None:
    text = cards.read_text()
    assert "answer: Strong magnetic" in text
    cards.write_text(text.replace("answer: Strong magnetic", "answer: Powerful magnetic"))


def _edit_included(cards: Path) -> None:
    more = cards.parent / "more.yaml"
    assert "The optic nerves." in more.read_text()
    more.write_text(more.read_text().replace("The optic nerves.", "Both optic nerves."))


def _edit_source(cards: Path) -> None:
    (cards.parent / "doc.txt").write_text(SOURCE_TEXT + "\nA new paragraph.\n")


def _edit_uncited_source(cards: Path) -> None:
    (cards.parent / "other.txt").write_text("Another document, longer.\n")


def _edit_picture(cards: Path) -> None:
    (cards.parent / "images" / "lesion.png").write_bytes(png(5, 4))


def _add_file_beside(cards: Path) -> None:
    (cards.parent / "images" / "Lesion.PNG").write_bytes(png(4, 4))


def _tamper_package(cards: Path) -> None:
    apkg = cards.parent / "decks" / "test-deck.apkg"
    apkg.write_bytes(apkg.read_bytes()[:-1] + b"!")


def _replace_package(cards: Path) -> None:
    apkg = cards.parent / "decks" / "test-deck.apkg"
    apkg.unlink()


def _tamper_manifest(cards: Path) -> None:
    manifest = cards.parent / "decks" / "test-deck.manifest.json"
    manifest.write_bytes(manifest.read_bytes() + b"\n")


def _tamper_changelog(cards: Path) -> None:
    changelog = cards.parent / "decks" / "test-deck.changelog.md"
    changelog.write_text(changelog.read_text() + "\n")


def _leave_temp_file(cards: Path) -> None:
    (cards.parent / "decks" / ".test-deck.apkg.abcd1234.tmp").write_bytes(b"half")


CHANGES = {
    "the cards file": _edit_cards,
    "an included file": _edit_included,
    "a source": _edit_source,
    "a source no card cites": _edit_uncited_source,
    "a picture": _edit_picture,
    "a name beside a picture": _add_file_beside,
    "the package's bytes": _tamper_package,
    "the package, gone": _replace_package,
    "the manifest": _tamper_manifest,
    "the changelog": _tamper_changelog,
    "a temp file in the output folder": _leave_temp_file,
}


@pytest.mark.parametrize("write", [True, False], ids=["build", "build --check"])
@pytest.mark.parametrize("change", list(CHANGES))
def test_a_changed_input_or_output_takes_the_whole_build(deck: Path, change: str, write: bool) -> None:
    _build(deck)
    _settle(deck.parent)
    assert _replayed(_build(deck, write=write))
    CHANGES[change](deck)
    _settle(deck.parent)
    assert not _replayed(_build(deck, write=write))
    _build(deck)
    _settle(deck.parent)
    assert _replayed(_build(deck))  # the whole build wrote a new record


def test_the_same_bytes_written_again_are_no_change(deck: Path) -> None:
    _build(deck)
    deck.write_bytes(deck.read_bytes())
    _settle(deck.parent)
    assert _replayed(_build(deck))


@pytest.mark.parametrize(
    "options",
    [Options(strict=True, allow_outside=False), Options(allow_outside=True), Options(drop_removed=True)],
)
def test_other_options_take_the_whole_build(deck: Path, options: Options) -> None:
    _build(deck)
    _settle(deck.parent)
    result = build(deck, options=options, now=T)
    assert result.deck is None or not _replayed(result)


def test_another_build_time_takes_the_whole_build(deck: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(T))
    assert not _replayed(_build_now(deck))
    _settle(deck.parent)
    assert _replayed(_build_now(deck))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(T + 600))
    assert not _replayed(_build_now(deck))


def _build_now(cards: Path) -> BuildResult:
    result = build(cards)
    assert result.deck is not None
    return result


def test_another_tool_takes_the_whole_build(deck: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _build(deck)
    _settle(deck.parent)
    assert _replayed(_build(deck))
    monkeypatch.setattr(cache, "tool", lambda: "0" * 64)
    assert not _replayed(_build(deck))


def test_an_input_changed_after_the_check_read_it_is_seen_by_the_next_build(
    deck: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepare = decks.prepare

    def editing(*args: Any, **kwargs: Any) -> Any:
        _edit_source(deck)  # after the check read it, before the record is written
        return prepare(*args, **kwargs)

    monkeypatch.setattr(decks, "prepare", editing)
    _build(deck)
    monkeypatch.setattr(decks, "prepare", prepare)
    _settle(deck.parent)
    assert not _replayed(_build(deck))  # the record holds the bytes the check read, not these
    _settle(deck.parent)
    assert _replayed(_build(deck))


def _record(folder: Path) -> Path:
    (record,) = (folder / "builds").iterdir()
    return record


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],
        lambda text: "[]",
        lambda text: text.replace('"diagnostics": [[', '"diagnostics": [[7, '),
        lambda text: text.replace('"version": 1', '"version": "1"'),
        lambda text: text.replace('"counts": [4, 2]', '"counts": [4]'),
    ],
    ids=["truncated", "not a record", "a bad diagnostic", "a bad version", "bad counts"],
)
def test_a_damaged_record_is_ignored(deck: Path, build_cache: Path, damage: object) -> None:
    first = _build(deck)
    _settle(deck.parent)
    record = _record(build_cache)
    text = record.read_text()
    assert callable(damage)
    record.write_text(damage(text))
    again = _build(deck)
    assert not _replayed(again)
    assert again.diagnostics == first.diagnostics


def test_a_record_of_another_request_is_ignored(deck: Path, build_cache: Path, tmp_path: Path) -> None:
    _build(deck)
    _settle(deck.parent)
    record = _record(build_cache)
    mine = json.loads(record.read_text())
    assert build(deck, tmp_path / "elsewhere", now=T).deck is not None  # another request, its own record
    (other,) = (p for p in (build_cache / "builds").iterdir() if p != record)
    record.write_text(other.read_text())  # its record, in this request's place
    assert not _replayed(_build(deck))
    mine["key"]["options"]["strict"] = True  # this deck's record, of another request
    record.write_text(json.dumps(mine))
    assert not _replayed(_build(deck))


def test_no_record_is_kept_with_the_cache_off(
    deck: Path, build_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.SETTING, "off")
    _build(deck)
    _settle(deck.parent)
    assert not _replayed(_build(deck))
    assert not (build_cache / "builds").exists()


def test_a_build_killed_while_writing_its_record_is_followed_by_a_right_build(
    deck: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(T))
    monkeypatch.chdir(ROOT)  # the same request as the killed process's: a record it could have replaced
    _build_now(deck)
    _settle(deck.parent)
    assert _replayed(_build_now(deck))
    _edit_cards(deck)
    _settle(deck.parent)
    killed = subprocess.run(
        [sys.executable, "-m", "tests.compile.crashing", "record-staged", "build", str(deck)],
        cwd=ROOT,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        check=False,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    written = _outputs(deck)
    assert b'"version": 2' in written["test-deck.manifest.json"]  # the deck was written, then the kill
    after = _build_now(deck)
    assert not _replayed(after)  # the record of the build before matches nothing now
    assert after.deck is not None and not after.written and after.deck.up_to_date
    assert _outputs(deck) == written
    _settle(deck.parent)
    assert _replayed(_build_now(deck))


def test_every_build_writes_the_bytes_it_writes_with_the_cache_off(
    deck: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, build_cache: Path
) -> None:
    plain = tmp_path / "plain"
    shutil.copytree(deck.parent, plain)
    steps = [
        lambda cards: None,
        _edit_cards,
        lambda cards: None,
        _edit_source,
        _edit_picture,
        lambda cards: None,
    ]
    for number, step in enumerate(steps):
        for cards, setting in ((deck, str(build_cache)), (plain / "cards.yaml", "off")):
            step(cards)
            _settle(cards.parent)
            monkeypatch.setenv(cache.SETTING, setting)
            _build(cards)
        assert _outputs(deck) == _outputs(plain / "cards.yaml"), number


def test_a_build_whose_manifest_changed_does_not_compare_the_packages(
    deck: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _build(deck)
    _edit_cards(deck)

    def refused(*args: object) -> bool:
        raise AssertionError("the plan knows the package changed: no need to unpack both")

    monkeypatch.setattr(pipeline, "same_package", refused)
    result = build(deck, write=False, now=T)
    assert result.deck is not None and not result.deck.up_to_date
    assert result.deck.outdated == (
        "test-deck.apkg is out of date",
        "test-deck.manifest.json is out of date",
        "test-deck.changelog.md is out of date",
    )
    assert build(deck, now=T).written


def test_a_record_others_may_write_is_not_trusted(deck: Path, build_cache: Path) -> None:
    _build(deck)
    _settle(deck.parent)
    record = _record(build_cache)
    record.chmod(0o666)
    assert not _replayed(_build(deck))  # and the whole build writes its own record again
    assert record.stat().st_mode & 0o777 == 0o644
    assert _replayed(_build(deck))
