"""The project as a new user meets it: README commands, CI script, lint, types, built decks."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from generator.check import check
from generator.cli import main
from tests.conftest import ROOT
from tests.imports import imports

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _readme_commands() -> list[str]:
    return re.findall(r"```sh\n(.+?)\n```", README)


def test_readme_has_the_two_setup_commands() -> None:
    install, tests = _readme_commands()[:2]
    assert install.startswith("python3 -m venv .venv && .venv/bin/pip install -q -e . && ")
    assert ".venv/bin/deckgen build" in install
    assert "'.[test]'" in tests and tests.endswith("python -m pytest")


def test_ci_runs_exactly_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = _readme_commands()[1]
    assert ci.rstrip().splitlines()[-1] == test_command


def _readme_section(heading: str) -> str:
    start = README.index(f"\n## {heading}")
    end = README.find("\n## ", start + 1)
    return README[start : end if end != -1 else None]


def test_start_your_own_deck_runs_as_written_and_fails_as_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The README's commands for a first deck, in an empty folder outside the repository."""
    section = _readme_section("Start your own deck")
    commands = re.findall(r"```sh\n(.+?)```", section, re.S)[0].splitlines()
    home = tmp_path / "home"
    monkeypatch.chdir(tmp_path)  # not the repository, nor the deck's folder
    runner = CliRunner()
    ran = []
    for line in commands:
        command, _, comment = line.partition("#")
        if not command.startswith("deckgen "):
            continue
        args = command.replace("~", str(home)).split()[1:]
        result = runner.invoke(main, args)
        assert result.exit_code == 0, (line, result.output)
        ran.append(args[0])
        written = re.search(r"writes (~\S+\.apkg)", comment)
        if written:
            assert Path(written.group(1).replace("~", str(home))).is_file()
    assert ran == ["init", "build"]

    deck = home / "decks" / "physics"
    example = re.search(r"quoted `(.+?)`, the check.+?```\n\s*(cards\.yaml:.+?)\n", section, re.S)
    assert example, "the section no longer shows what a wrong quote gives"
    wrong, shown = example.groups()
    wrong = " ".join(wrong.split())
    cards = deck / "cards.yaml"
    text = cards.read_text(encoding="utf-8")
    right = wrong.replace("each fact", "a fact")
    assert right in text
    cards.write_text(text.replace(right, wrong), encoding="utf-8")
    monkeypatch.chdir(deck)
    failed = runner.invoke(main, ["check"])
    assert failed.exit_code == 1
    assert shown in failed.output.splitlines()


def test_every_command_has_help_with_examples() -> None:
    assert isinstance(main, click.Group)
    runner = CliRunner()
    for name in main.commands:
        result = runner.invoke(main, [name, "--help"], catch_exceptions=False)
        assert result.exit_code == 0
        assert "Example" in result.output, f"deckgen {name} --help has no example"


def test_python_dash_m_runs_the_cli() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "generator", "--help"], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert "build" in out.stdout and "check" in out.stdout


def test_only_cli_imports_click_and_only_package_imports_genanki() -> None:
    found = imports()  # every import statement, inside functions and under TYPE_CHECKING too
    assert {i.module for i in found if i.top == "click"} == {"generator.cli"}
    assert {i.module for i in found if i.top == "genanki"} == {"generator.compile.package"}


def test_an_import_of_click_or_genanki_anywhere_is_found(tmp_path: Path) -> None:
    root = tmp_path / "pkg"
    root.mkdir()
    (root / "__init__.py").write_text("", encoding="utf-8")
    (root / "a.py").write_text(
        "import os, click.testing\n\ndef f():\n    from genanki import Deck\n    return Deck\n",
        encoding="utf-8",
    )
    assert [(str(i), i.top) for i in imports(root)] == [
        ("pkg.a (line 1) imports os", "os"),
        ("pkg.a (line 1) imports click.testing", "click"),
        ("pkg.a (line 4) imports genanki", "genanki"),
    ]


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", "generator", "tests", "benchmarks"],
        ["ruff", "format", "--check", "generator", "tests", "benchmarks"],
        ["mypy"],
    ],
    ids=["ruff", "ruff-format", "mypy"],
)
def test_lint_and_types(command: list[str]) -> None:
    tool = Path(sys.executable).parent / command[0]
    if not tool.exists():
        pytest.fail(f"{command[0]} is not installed: pip install -e '.[test]'")
    out = subprocess.run([str(tool), *command[1:]], capture_output=True, text=True, cwd=ROOT, check=False)
    assert out.returncode == 0, out.stdout + out.stderr


def test_the_card_kinds_examples_check_clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The workshop page's cloze card added to the starter deck, and the format page's example of each
    kind under the page's own deck and sources (the MS deck's documents): each as written."""
    workshop = (ROOT / "docs" / "workshop.md").read_text(encoding="utf-8")
    section = workshop.split("\n## Starting a deck\n", 1)[1].split("\n## ", 1)[0]
    cloze = next(block for block in re.findall(r"```yaml\n(.+?)```", section, re.S) if "kind: cloze" in block)
    runner = CliRunner()
    assert runner.invoke(main, ["init", str(tmp_path / "starter")], catch_exceptions=False).exit_code == 0
    starter = tmp_path / "starter" / "cards.yaml"
    starter.write_text(starter.read_text(encoding="utf-8") + cloze, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "starter")
    checked = runner.invoke(main, ["check", "--strict"])
    assert checked.exit_code == 0 and "[" not in checked.output, checked.output
    model, _ = check(starter)
    assert model is not None and model.cards[-1].kind == "cloze"

    page = (ROOT / "docs" / "cards-format.md").read_text(encoding="utf-8")
    kinds = page.split("## Card kinds", 1)[1]
    example = re.findall(r"```yaml\n(cards:\n.+?)```", kinds, re.S)[0]
    assert {"kind: reversed", "kind: type-in", "kind: cloze"} <= set(re.findall(r"kind: [\w-]+", example))
    header = re.findall(r"```yaml\n(.+?)```", page, re.S)[0].split("\ncards:\n", 1)[0]
    shutil.copytree(ROOT / "sources", tmp_path / "ms" / "sources")
    deck = tmp_path / "ms" / "cards.yaml"
    deck.write_text(header + "\n" + example, encoding="utf-8")
    cards_file, found = check(deck)
    assert cards_file is not None and len(cards_file.cards) == 3
    assert {d.code for d in found} <= {"W202"}, [str(d) for d in found]
