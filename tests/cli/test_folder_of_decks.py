"""Several decks in one folder, as an author meets them: each command takes every deck of the folder
when none is named, never writes one deck's page over another's, and says the exact command to run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import deckid
from generator.cli import main

IDS = (4829104829123, 5930215930234, 7041326041345)
"""The ids deckid.fresh() gives, in turn, the last one from then on (random in use)."""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project folder, the current one, at the top of its repository (the search upward
    for cards files stops there)."""
    project = tmp_path / "hier"
    (project / ".git").mkdir(parents=True)
    monkeypatch.chdir(project)
    ids = list(IDS)
    monkeypatch.setattr(deckid, "fresh", lambda: ids.pop(0) if len(ids) > 1 else ids[0])
    return project


@pytest.fixture
def two(folder: Path) -> Path:
    """The folder with two decks: cards.yaml ('Hier') and ascii.yaml ('Ascii')."""
    assert run("init")[0] == 0
    assert run("init", "--file", "ascii.yaml")[0] == 0
    return folder


def test_init_starts_a_second_deck_in_a_folder_with_its_own_id(folder: Path) -> None:
    assert run("init")[0] == 0
    assert run("init") == (
        2,
        "",
        "deckgen: error: cards.yaml already exists; deckgen init never overwrites a cards file. To start "
        "another deck in this folder, give its cards file a name of its own: deckgen init --file NAME.yaml\n",
    )
    code, out, err = run("init", "--file", "ascii.yaml")
    assert (code, err) == (0, "")
    assert out.splitlines()[:2] == [f"Started the deck 'Ascii' (id {IDS[1]}) in .:", "  wrote ascii.yaml"]
    assert f"  id: {IDS[0]}\n" in (folder / "cards.yaml").read_text(encoding="utf-8")
    assert f"  id: {IDS[1]}\n" in (folder / "ascii.yaml").read_text(encoding="utf-8")
    assert run("check", "--strict") == (
        0,
        "No problems in cards.yaml, ascii.yaml: 2 decks, 4 cards from 2 sources.\n",
        "",
    )
    assert run("init", "--file", "parts/b.yaml")[0] == 2  # a file name, in the folder


def test_build_check_without_a_file_checks_every_deck_and_names_the_command(two: Path) -> None:
    assert run("build")[0] == 0
    ascii_yaml = two / "ascii.yaml"
    ascii_yaml.write_text(ascii_yaml.read_text(encoding="utf-8").replace("each fact", "every fact"))
    assert run("build", "--check") == (
        1,
        "decks/hier.apkg: up to date; 2 cards from 1 source\n"
        "decks/ascii.apkg: OUT OF DATE (ascii.apkg is out of date; ascii.manifest.json is out of date; "
        "ascii.changelog.md is out of date; run: deckgen build ascii.yaml); 2 cards from 1 source\n",
        "",
    )
    code, out, _ = run("build", "ascii.yaml", "--check", "-o", "elsewhere")
    assert code == 1
    missing = "elsewhere/ascii.apkg: missing (run: deckgen build ascii.yaml -o elsewhere)"
    assert out == f"{missing}; 2 cards from 1 source\n"


def test_from_a_subfolder_deckgen_looks_upward_for_the_decks(
    two: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("build")[0] == 0
    (two / "parts").mkdir()
    monkeypatch.chdir(two / "parts")
    assert run("build", "--check") == (
        0,
        "../decks/hier.apkg: up to date; 2 cards from 1 source\n"
        "../decks/ascii.apkg: up to date; 2 cards from 1 source\n",
        "deckgen: no cards file in this folder; using ../cards.yaml, ../ascii.yaml\n",
    )


def test_with_no_cards_file_anywhere_deckgen_says_where_it_looked(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (folder / "parts").mkdir()
    (folder / "parts" / "var.yaml").write_text(
        "cards:\n  - id: a\n", encoding="utf-8"
    )  # included, not a deck
    monkeypatch.chdir(folder / "parts")
    for command in ("check", "build", "preview", "coverage"):
        assert run(command) == (
            2,
            "",
            f"deckgen: error: no cards file here or above (looked in {folder / 'parts'}, {folder}). A deck's "
            "cards file is cards.yaml, or another .yaml file with a top-level deck: key: give its path, or "
            "start a deck with: deckgen init\n",
        )


def test_preview_and_coverage_take_every_deck_and_never_write_one_page_twice(two: Path) -> None:
    code, out, _ = run("preview")
    assert code == 0
    assert out == (
        "Wrote preview.html: 2 cards written, 2 Anki cards, front and back; open it in a browser.\n"
        "Wrote ascii.preview.html: 2 cards written, 2 Anki cards, front and back; open it in a browser.\n"
    )
    before = (two / "preview.html").read_bytes()
    assert run("preview", "ascii.yaml")[0] == 0
    assert (two / "preview.html").read_bytes() == before  # the other deck's page is left alone
    assert run("preview", "-o", "one.html") == (
        2,
        "",
        "deckgen: error: -o one.html names one page, and 2 decks were given; leave -o out, and each "
        "deck's page is written beside its cards file\n",
    )
    code, _, err = run("coverage", "--html")
    assert (code, err) == (0, "Wrote coverage.html\nWrote ascii.coverage.html\n")
    assert run("coverage", "--html", "cards.yaml") == (
        2,
        "",
        "deckgen: error: --html cards.yaml would write the page over a cards file; name the cards files "
        "first, then --html: deckgen coverage cards.yaml --html\n",
    )
    code, out, _ = run("coverage", "--format", "json")
    decks = json.loads(out)["decks"]
    assert [(d["cards_file"], d["deck"], d["ok"]) for d in decks] == [
        ("cards.yaml", "Hier", True),
        ("ascii.yaml", "Ascii", True),
    ]
    assert sorted(p.name for p in two.glob("*.html")) == [
        "ascii.coverage.html",
        "ascii.preview.html",
        "coverage.html",
        "preview.html",
    ]


def test_check_reports_what_a_build_would_refuse_in_the_output_folder(two: Path) -> None:
    assert run("build", "cards.yaml")[0] == 0
    ascii_yaml = two / "ascii.yaml"
    ascii_yaml.write_text(ascii_yaml.read_text(encoding="utf-8").replace(str(IDS[1]), str(IDS[0])))
    refused = (
        f"decks/hier.manifest.json belongs to deck 'Hier', built from cards.yaml, which has this deck's id "
        f"{IDS[0]}: two decks with one id overwrite each other's notes in Anki. Give this deck its own id, "
        f"for example id: {IDS[2]}"
    )
    code, out, _ = run("check", "ascii.yaml")
    assert (code, out) == (1, f"ascii.yaml:8:7: error [E209] {refused}\n")
    assert run("build", "ascii.yaml") == (2, "", f"deckgen: error: {refused}\n")  # as the build says
    assert run("check", "ascii.yaml", "-o", "elsewhere")[0] == 0  # an empty output folder refuses nothing

    cards = two / "cards.yaml"
    cards.write_text(cards.read_text(encoding="utf-8").replace(str(IDS[0]), "1234567890123"))
    code, out, _ = run("check", "cards.yaml")
    assert (code, out) == (
        1,
        f"cards.yaml:8:7: error [E210] deck id changed from {IDS[0]} to 1234567890123 "
        "(decks/hier.manifest.json is this deck's previous build): every card would become a new note "
        "in Anki and lose its review history. Put the old id back.\n",
    )


def test_an_included_file_checked_alone_names_the_deck_that_includes_it(
    two: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (two / "parts").mkdir()
    part = (
        "cards:\n  - id: var\n    question: What?\n    answer: That.\n    evidence:\n      example: nowhere\n"
    )
    (two / "parts" / "var.yaml").write_text(part, encoding="utf-8")
    cards = two / "cards.yaml"
    cards.write_text(cards.read_text(encoding="utf-8") + "  - include: parts/var.yaml\n", encoding="utf-8")
    looks = "holds only cards:, as an included file does (a cards file has deck: and sources: too)"
    assert run("check", "parts/var.yaml") == (
        1,
        f"parts/var.yaml:1:1: error [E102] parts/var.yaml {looks}; cards.yaml includes it: check that, "
        "with deckgen check cards.yaml\n",
        "1 error, 0 warnings\n",
    )
    monkeypatch.chdir(two / "parts")
    code, out, _ = run("check", "var.yaml")
    assert (code, out) == (
        1,
        f"var.yaml:1:1: error [E102] var.yaml {looks}; ../cards.yaml includes it: check that, with "
        "deckgen check ../cards.yaml\n",
    )
    code, out, _ = run("check", "../cards.yaml")  # where its quote is checked
    assert code == 1 and "E305" in out and "parts/var.yaml:6:16" in out
