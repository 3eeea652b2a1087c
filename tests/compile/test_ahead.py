"""A build whose check's rules run in a helper while it compiles and packages (generator/check/ahead.py).

It must give exactly what the plain build gives: the same results and the same
bytes; nothing written when the check fails, whatever the steps taken
meanwhile found; the same error when a later step fails; and the files the
rules read in the helper in the build's record, so that a changed source is
never replayed. The reference is the plain way, all in one process
(``Tuning(jobs=1)``); the helper way is forced on these small decks
(``ahead_from=0``).
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import Any

import pytest

from generator.check import Tuning, check_ahead, check_all
from generator.check.project import Checked
from generator.compile import BuildError, BuildResult, Options, build_decks
from generator.model import CardsFile
from tests.conftest import CNS, HEADER, PLAIN, SOURCE_TEXT

T = 1_700_000_000
PLAIN_WAY = Tuning(jobs=1)
AHEAD = Tuning(jobs=2, ahead_from=0)
UNQUOTED = PLAIN.replace("MRI uses strong magnetic and radio waves", "MRI uses weak magnetic waves")
"""A card whose quote is not in its document: the rules' error (E305), after a clean structure pass."""
UNCITED = PLAIN.replace("file: doc.txt\n", "file: doc.txt\n  other:\n    title: Other\n    file: other.txt\n")
"""A source no card cites: the rules' warning (W202), an error under --strict."""
SECOND = HEADER.replace("Test Deck", "Second Deck").replace("1234567890", "1234567891") + "cards:\n" + CNS


def _project(root: Path, files: dict[str, str]) -> list[Path]:
    root.mkdir(parents=True)
    (root / "doc.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    (root / "other.txt").write_text("Another document.\n", encoding="utf-8")
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return [root / name for name in files]


def _outcome(root: Path, paths: list[Path], tuning: Tuning, options: Options | None = None) -> Any:
    """What a build gave, with the project's folder left out of every path: its results, or its error,
    and every folder and the bytes of every file under the project."""
    try:
        results: Any = [_seen(result) for result in build_decks(paths, options=options, now=T, tuning=tuning)]
    except BuildError as exc:
        results = ("BuildError", str(exc))
    text = repr(results).replace(str(root), "<project>")
    files = {
        str(p.relative_to(root)) + ("" if p.is_file() else "/"): p.read_bytes() if p.is_file() else b""
        for p in sorted(root.rglob("*"))
    }
    return text, files


def _seen(result: BuildResult) -> tuple[Any, ...]:
    deck = result.deck
    return (
        [str(d) for d in result.diagnostics],
        result.warnings,
        result.written,
        None if deck is None else (deck.counts, deck.changes.summary(), deck.up_to_date, deck.version),
    )


def _both(tmp_path: Path, files: dict[str, str], options: Options | None = None, before: Any = None) -> Any:
    """The plain build's outcome, after checking the helper way's is the same (each in a project of
    its own; ``before(root)`` prepares each project first)."""
    found = []
    for way, tuning in (("plain", PLAIN_WAY), ("ahead", AHEAD)):
        root = tmp_path / way
        paths = _project(root, files)
        if before is not None:
            before(root, paths)
        found.append(_outcome(root, paths, tuning, options))
    assert found[1] == found[0]
    return found[0]


def test_a_clean_deck_builds_the_same_bytes(tmp_path: Path) -> None:
    text, files = _both(tmp_path, {"cards.yaml": PLAIN})
    assert "'3 added, 0 changed, 0 unchanged, 0 removed'" in text
    assert "decks/test-deck.apkg" in files


def test_several_decks_build_the_same_bytes(tmp_path: Path) -> None:
    _, files = _both(tmp_path, {"cards.yaml": PLAIN, "second.yaml": SECOND})
    assert "decks/second-deck.apkg" in files and "decks/test-deck.apkg" in files


def _built_before(root: Path, paths: list[Path]) -> None:
    """A deck built before, from PLAIN: a failed build must leave it as it was."""
    cards = root / "cards.yaml"
    now = cards.read_text(encoding="utf-8")
    cards.write_text(PLAIN, encoding="utf-8")
    build_decks([cards], now=T - 86_400, tuning=PLAIN_WAY)
    cards.write_text(now, encoding="utf-8")


def test_the_rules_error_writes_nothing_though_the_deck_was_packaged_meanwhile(tmp_path: Path) -> None:
    text, files = _both(tmp_path, {"cards.yaml": UNQUOTED}, before=_built_before)
    assert "E305" in text and "None)]" in text  # the error, and no deck
    previous = tmp_path / "previous"
    _project(previous, {"cards.yaml": PLAIN})
    build_decks([previous / "cards.yaml"], now=T - 86_400, tuning=PLAIN_WAY)
    assert {k: v for k, v in files.items() if k.startswith("decks/") and k != "decks/"} == {
        str(p.relative_to(previous)): p.read_bytes() for p in sorted((previous / "decks").iterdir())
    }


def test_a_warning_under_strict_writes_nothing(tmp_path: Path) -> None:
    text, files = _both(tmp_path, {"cards.yaml": UNCITED}, Options(strict=True))
    assert "W202" in text and not any(name.startswith("decks/") for name in files)
    text, files = _both(tmp_path / "lenient", {"cards.yaml": UNCITED})
    assert "W202" in text and "decks/test-deck.apkg" in files


def test_one_deck_with_an_error_stops_every_deck(tmp_path: Path) -> None:
    text, files = _both(tmp_path, {"cards.yaml": SECOND.replace("Second", "First"), "bad.yaml": UNQUOTED})
    assert "E305" in text and not any(name.startswith("decks/") for name in files)


def _linked_out(root: Path, paths: list[Path]) -> None:
    """The output folder a link: a build refuses it (BuildError), once the check has passed."""
    (root / "elsewhere").mkdir()
    os.symlink(root / "elsewhere", root / "decks")


def test_a_step_that_fails_meanwhile_gives_way_to_the_rules_error(tmp_path: Path) -> None:
    text, _ = _both(tmp_path, {"cards.yaml": UNQUOTED}, before=_linked_out)
    assert "E305" in text and "BuildError" not in text


def test_a_step_that_fails_meanwhile_is_raised_when_the_check_passes(tmp_path: Path) -> None:
    text, files = _both(tmp_path, {"cards.yaml": PLAIN}, before=_linked_out)
    assert text.startswith("('BuildError', '<project>/decks is a link")
    assert [name for name in files if name.startswith(("decks/", "elsewhere/"))] == ["decks/", "elsewhere/"]


def test_the_files_the_helper_read_are_in_the_builds_record(tmp_path: Path, build_cache: Path) -> None:
    # The source documents are read by the rules, in the helper: the record must hold them, or a
    # changed document would be replayed as if nothing had changed.
    root = tmp_path / "project"
    [cards] = _project(root, {"cards.yaml": PLAIN})
    old = time.time() - 60
    for path in root.iterdir():
        os.utime(path, (old, old))
    [first] = build_decks([cards], now=T, tuning=AHEAD)
    assert first.deck is not None and first.deck.cards_file is not None and first.written
    [again] = build_decks([cards], now=T, tuning=AHEAD)
    assert again.deck is not None and again.deck.cards_file is None  # replayed: nothing changed
    (root / "doc.txt").write_text(SOURCE_TEXT.replace("radio waves", "sound"), encoding="utf-8")
    [changed] = build_decks([cards], now=T, tuning=AHEAD)
    assert changed.deck is None and [d.code for d in changed.diagnostics] == ["E305"]


@pytest.mark.parametrize(
    ("files", "ahead"),
    [
        ({"cards.yaml": PLAIN}, True),
        ({"cards.yaml": UNQUOTED}, True),  # the rules' error is found in the helper
        ({"cards.yaml": UNCITED, "second.yaml": SECOND}, True),
        ({"cards.yaml": PLAIN, "twin.yaml": PLAIN}, True),  # one id and one name: E209 and E205
        ({"cards.yaml": PLAIN.replace("  name: Test Deck\n", "")}, False),  # no deck name: no model
        ({"cards.yaml": PLAIN, "broken.yaml": "deck: [unclosed\n"}, False),  # a file that does not read
    ],
)
def test_the_check_ahead_is_check_all(tmp_path: Path, files: dict[str, str], ahead: bool) -> None:
    paths = _project(tmp_path / "project", files)
    reference = check_all(paths)
    with check_ahead(paths, tuning=AHEAD) as checked:
        assert (checked.models is not None) == ahead
        models = checked.models
        assert _fixed(checked.result()) == _fixed(reference)
    if models is not None:  # the very models handed over ahead are the result's
        assert [model for model, _ in checked.result()] == models
        assert all(a is b for (a, _), b in zip(checked.result(), models, strict=True))
    with check_ahead(paths, tuning=PLAIN_WAY) as plain:
        assert plain.models is None and _fixed(plain.result()) == _fixed(reference)


def _fixed(checked: list[Checked]) -> list[tuple[CardsFile | None, list[str]]]:
    """The results with the fresh deck id that E209 suggests (a new one each time) left out."""
    return [(model, [re.sub(r"id: \d+", "id: N", str(d)) for d in found]) for model, found in checked]


def test_a_failed_check_leaves_no_folder_the_build_made_meanwhile(tmp_path: Path) -> None:
    # Locking a folder to write creates it, and its missing parents; the plain build never gets there.
    [cards] = _project(tmp_path / "project", {"cards.yaml": UNQUOTED})
    [result] = build_decks([cards], tmp_path / "out" / "decks", now=T, tuning=AHEAD)
    assert [d.code for d in result.diagnostics] == ["E305"] and result.deck is None
    assert not (tmp_path / "out").exists()
    (tmp_path / "kept").mkdir()
    [result] = build_decks([cards], tmp_path / "kept" / "decks", now=T, tuning=AHEAD)
    assert result.deck is None and list((tmp_path / "kept").iterdir()) == []
