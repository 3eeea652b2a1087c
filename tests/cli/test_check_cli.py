"""The check and build commands: output formats, exit codes, --strict, and no writes on failure."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.checking import CARD, HEADER

WARN = HEADER + CARD + "    extra: no\n"  # W106 at 14:12
ERROR = HEADER + CARD.replace("id: cns", "id: CNS")  # E301 at 9:9
W106 = "card 'cns' extra 'no' is unquoted, and other YAML readers take it as a boolean; write it in quotes"


def run(*args: str, color: bool = False) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), color=color, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_clean_file_says_so_in_one_line(write_cards: Callable[..., Path]) -> None:
    path = write_cards(HEADER + CARD)
    assert run("check", str(path)) == (0, f"No problems in {path}: 1 card from 1 source.\n", "")


def test_clean_file_is_quiet_for_tools(write_cards: Callable[..., Path]) -> None:
    path = write_cards(HEADER + CARD)
    assert run("check", str(path), "--format", "github") == (0, "", "")
    assert run("check", str(path), "--format", "json") == (0, "[]\n", "")


def test_human_format_and_summary(write_cards: Callable[..., Path]) -> None:
    path = write_cards(WARN)
    assert run("check", str(path)) == (0, f"{path}:14:12: warning [W106] {W106}\n", "0 errors, 1 warning\n")


def test_colour_only_on_a_terminal(write_cards: Callable[..., Path]) -> None:
    path = write_cards(WARN)
    _, plain, _ = run("check", str(path))
    _, coloured, _ = run("check", str(path), color=True)
    assert "\x1b[" not in plain
    assert "\x1b[33m\x1b[1mwarning\x1b[0m" in coloured


def test_errors_exit_1(write_cards: Callable[..., Path]) -> None:
    code, out, err = run("check", str(write_cards(ERROR)))
    assert code == 1
    assert out.startswith(f"{write_cards(ERROR)}:9:9: error [E301] card id 'CNS' is not a slug")
    assert err == "1 error, 0 warnings\n"


def test_strict_turns_warnings_into_errors(write_cards: Callable[..., Path]) -> None:
    path = write_cards(WARN)
    assert run("check", str(path), "--strict") == (
        1,
        f"{path}:14:12: error [W106] {W106}\n",
        "1 error, 0 warnings\n",
    )


def test_json_format(write_cards: Callable[..., Path]) -> None:
    path = write_cards(WARN)
    code, out, err = run("check", str(path), "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out) == [
        {"path": str(path), "line": 14, "col": 12, "severity": "warning", "code": "W106", "message": W106}
    ]
    assert json.loads(run("check", str(write_cards(HEADER + CARD)), "--format", "json")[1]) == []


def test_github_format(write_cards: Callable[..., Path]) -> None:
    path = write_cards(WARN)
    code, out, _ = run("check", str(path), "--format", "github")
    assert code == 0
    assert out == f"::warning file={path},line=14,col=12,title=W106::{W106}\n"
    _, strict, _ = run("check", str(path), "--format", "github", "--strict")
    assert strict.startswith("::error file=")


def test_unreadable_input_exits_2(tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    code, out, _ = run("check", str(missing))
    assert code == 2
    assert out.startswith(f"{missing}:1:1: error [E007] cannot read the file: No such file or directory")
    assert run("check", str(tmp_path))[0] == 2  # a folder: a usage error


def test_usage_error_exits_2() -> None:
    assert run("check", "--format", "xml")[0] == 2


def test_schema_command_prints_json() -> None:
    code, out, _ = run("schema")
    assert code == 0 and json.loads(out)["title"] == "deckgen cards file"


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_failed_build_leaves_the_deck_byte_identical(
    write_cards: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    out = tmp_path / "decks"
    good = write_cards(HEADER + CARD)
    assert run("build", str(good), "-o", str(out))[0] == 0
    before = _snapshot(out)
    assert set(before) == {"test-deck.apkg", "test-deck.changelog.md", "test-deck.manifest.json"}
    for bad in (ERROR, WARN.replace("name: Test Deck", "name: Test Deck\n  bogus: 1"), "deck: [\n", ""):
        path = write_cards(bad)
        code, _, err = run("build", str(path), "-o", str(out))
        assert code == 1, bad
        assert "Build stopped: nothing was written." in err
        assert _snapshot(out) == before  # byte-identical, and no temp files left behind
    code, _, _ = run("build", str(write_cards(WARN)), "-o", str(out), "--strict")
    assert code == 1 and _snapshot(out) == before
    code, _, _ = run("build", str(tmp_path / "missing.yaml"), "-o", str(out))
    assert code == 2 and _snapshot(out) == before
