"""Every code's example, run: the bad example reports its code, the fix reports nothing.

Each example is a project (the example file with the example's part in it,
its source, and any other files), checked with the command it shows, through
the command line, as an author would.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.codes import EXAMPLE_FILE, Example, cards, merge
from generator.report import reference

DOCS = reference.docs()


def reported(example: Example, root: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The codes ``deckgen check`` reports for the example, written out in a project below ``root``."""
    project = root / "project"
    for path, data in example.expand().items():
        target = project / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    project.mkdir(exist_ok=True)
    monkeypatch.chdir(project)
    command = example.command.split()
    assert command[:2] == ["deckgen", "check"], "examples are checked with deckgen check"
    result = CliRunner().invoke(main, [*command[1:], "--format", "json"], catch_exceptions=False)
    assert result.exit_code in (0, 1, 2), result.output
    return sorted(d["code"] for d in json.loads(result.output))


@pytest.mark.parametrize("code", list(DOCS))
def test_the_example_reports_its_code_and_the_fix_reports_nothing(
    code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = DOCS[code]
    assert reported(doc.bad, tmp_path / "bad", monkeypatch) == sorted([code, *doc.also])
    assert reported(doc.fix, tmp_path / "fix", monkeypatch) == []


def test_the_example_file_alone_is_clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert reported(Example({"cards.yaml": ""}), tmp_path, monkeypatch) == []
    assert reported(cards(EXAMPLE_FILE, whole=True), tmp_path / "whole", monkeypatch) == []


def test_a_part_takes_the_place_of_the_blocks_it_writes_and_the_file_keeps_the_rest() -> None:
    whole = "version: 1\ndeck:\n  name: A\nsources:\n  s: x\ncards:\n  - id: a\n"
    assert (
        merge(whole, "deck:\n  name: B")
        == "version: 1\ndeck:\n  name: B\nsources:\n  s: x\ncards:\n  - id: a\n"
    )
    assert merge(whole, "cards: []\nextra: 1\n") == (
        "version: 1\ndeck:\n  name: A\nsources:\n  s: x\ncards: []\nextra: 1\n"
    )
    assert merge(whole, "") == whole
    assert merge(whole, "# a note\ndeck: {}\ndeck: {}\n") == (
        "# a note\nversion: 1\ndeck: {}\ndeck: {}\nsources:\n  s: x\ncards:\n  - id: a\n"
    )


def test_a_project_holds_the_example_source_unless_the_example_gives_its_own() -> None:
    files = Example({"cards.yaml": "version: 2\n"}).expand()
    assert sorted(files) == ["cards.yaml", "sources/healthline.txt"]
    assert files["cards.yaml"].startswith(b"version: 2\ndeck:\n")
    own = Example({"cards.yaml": "", "sources/healthline.txt": "Other words.\n"}).expand()
    assert own["sources/healthline.txt"] == b"Other words.\n"
    assert Example({"a.yaml": "x: 1\n"}, command="deckgen check b.yaml").expand()["a.yaml"] == b"x: 1\n"
