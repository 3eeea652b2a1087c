"""Source files stay inside the project folder (the cards file's folder), links followed (E009).

A cards file from a pull request must not make CI read, and print, a file
elsewhere on the machine: not through a relative path, an absolute one, a
link, or /proc.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.check import check
from generator.cli import main
from tests.conftest import ONE

SECRET = "The CNS includes the brain, spinal cord, and optic nerves. TOKEN=hunter2-secret\n"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A file outside the project folder (``tmp_path / "project"``) that a cards file may not read."""
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    (tmp_path / "project").mkdir()
    return secret


def _project(tmp_path: Path, file: str) -> Path:
    cards = tmp_path / "project" / "cards.yaml"
    cards.write_text(ONE.replace("file: doc.txt", f"file: {file}"), encoding="utf-8")
    return cards


def _e009(cards: Path) -> list[str]:
    _, found = check(cards, "cards.yaml")
    return [f"{d.code} {d.line}:{d.col} {d.message}" for d in found if d.severity == 2]


def test_relative_absolute_and_proc_paths_are_refused(tmp_path: Path, outside: Path) -> None:
    for file, shown in (
        ("../secret.txt", outside),
        (str(outside), outside),
        ("/proc/self/environ", Path("/proc").resolve() / str(os.getpid()) / "environ"),
    ):
        assert _e009(_project(tmp_path, file)) == [
            f"E009 7:11 source 'doc' file {file!r} is {shown}, outside the project folder (the cards "
            "file's folder); copy the document into the folder, or pass --allow-outside-sources to read it"
        ]


def test_a_link_is_judged_by_where_it_leads(tmp_path: Path, outside: Path) -> None:
    project = tmp_path / "project"
    (project / "sources").mkdir()
    (project / "sources" / "doc.txt").symlink_to(outside)
    assert [m[:9] for m in _e009(_project(tmp_path, "sources/doc.txt"))] == ["E009 7:11"]
    (project / "real.txt").write_text(SECRET, encoding="utf-8")
    (project / "sources" / "inside.txt").symlink_to(project / "real.txt")
    (project / "loop").symlink_to(project / "loop")
    assert _e009(_project(tmp_path, "sources/inside.txt")) == []
    assert [m[:9] for m in _e009(_project(tmp_path, "loop"))] == ["E009 7:11"]


def test_no_command_prints_the_outside_file(tmp_path: Path, outside: Path) -> None:
    cards = _project(tmp_path, "../secret.txt")
    runner = CliRunner()
    for args in (
        ["coverage", str(cards)],
        ["coverage", str(cards), "--format", "json"],
        ["coverage", str(cards), "--html", str(tmp_path / "c.html")],
        ["check", str(cards)],
        ["build", str(cards), "-o", str(tmp_path / "decks")],
        ["preview", str(cards), "-o", str(tmp_path / "p.html")],
    ):
        result = runner.invoke(main, args)
        assert result.exit_code == 1, args
        assert "hunter2" not in result.output, args
        assert "E009" in result.output, args
    assert not (tmp_path / "c.html").exists()
    assert not (tmp_path / "decks").exists()
    assert not (tmp_path / "p.html").exists()


def test_the_user_can_opt_in_on_the_command_line(tmp_path: Path, outside: Path) -> None:
    cards = _project(tmp_path, "../secret.txt")
    runner = CliRunner()
    for command in ("check", "coverage"):
        result = runner.invoke(main, [command, str(cards), "--allow-outside-sources"])
        assert result.exit_code == 0, result.output
    built = runner.invoke(main, ["build", str(cards), "-o", str(tmp_path / "d"), "--allow-outside-sources"])
    assert built.exit_code == 0, built.output
    assert check(cards, allow_outside=True)[0] is not None
