"""The code registry is the single truth: every code documented, every emitted code registered."""

from __future__ import annotations

import re

from click.testing import CliRunner

from generator.cli import main
from generator.codes import CODES, GROUPS
from generator.report import reference
from tests.conftest import ROOT


def test_the_reference_page_is_generated_from_the_registry() -> None:
    page = (ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    assert page == reference.markdown(), "run: deckgen codes --markdown > docs/diagnostics.md"


def test_every_code_is_on_the_reference_page_with_its_severity() -> None:
    rows = {
        m.group(1): m.group(2)
        for m in re.finditer(r"^\| ([EW]\d{3}) \| (error|warning) \|", reference.markdown(), re.M)
    }
    assert rows == {code: entry.severity for code, entry in CODES.items()}


def test_every_code_has_a_title_a_bad_example_and_a_fix() -> None:
    for code, entry in CODES.items():
        assert entry.title and entry.bad and entry.fix, code
        assert entry.bad != entry.fix, code
        assert "|" not in entry.title + entry.bad + entry.fix, f"{code}: '|' would break the table"


def test_every_emitted_code_is_registered() -> None:
    emitted: set[str] = set()
    for path in (ROOT / "generator").rglob("*.py"):
        if path.name != "codes.py":
            emitted.update(re.findall(r"\"([EW]\d{3})\"", path.read_text(encoding="utf-8")))
    assert {"E001", "E102", "E305", "W405"} <= emitted, "the pattern no longer finds emitted codes"
    assert emitted <= set(CODES), sorted(emitted - set(CODES))


def test_codes_are_grouped_and_severity_matches_the_letter() -> None:
    for code, entry in CODES.items():
        assert entry.severity == ("error" if code[0] == "E" else "warning"), code
        assert code[1] in GROUPS, code


def test_deckgen_codes_explains_one_code() -> None:
    result = CliRunner().invoke(main, ["codes", "e305"], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.output == (
        "E305 (error, content): evidence quote not found in its source (closest passage shown)\n"
        '  bad: `healthline: "found in 80 percent"`\n'
        '  fix: copy the source\'s words: `"found in about 80 percent"`\n'
    )


def test_deckgen_codes_lists_every_code_and_refuses_an_unknown_one() -> None:
    runner = CliRunner()
    every = runner.invoke(main, ["codes"], catch_exceptions=False)
    assert re.findall(r"^([EW]\d{3}) ", every.output, re.M) == list(CODES)
    unknown = runner.invoke(main, ["codes", "E305", "W999"])
    assert unknown.exit_code == 2
    assert unknown.output == "Error: unknown code W999; `deckgen codes` lists them all\n"
