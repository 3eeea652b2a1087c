"""The code index is the single truth: every code documented beside its rule, every emitted code indexed."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest
from click.testing import CliRunner

import generator
from generator import codes
from generator.cli import main
from generator.codes import ALIASES, CODES, GROUPS, SWITCHABLE, Doc
from generator.report import reference
from tests.checking import HEADER, card, messages
from tests.conftest import ROOT


def documented() -> dict[str, list[tuple[str, Doc]]]:
    """Every ``DOCS`` table in the package: by code, the modules documenting it and their entries."""
    found: dict[str, list[tuple[str, Doc]]] = {}
    for module in pkgutil.walk_packages(generator.__path__, "generator."):
        table = getattr(importlib.import_module(module.name), "DOCS", ())
        for doc in table:
            found.setdefault(doc.code, []).append((module.name, doc))
    return found


def test_the_reference_page_is_generated_from_the_documentation() -> None:
    page = (ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    assert page == reference.markdown(), "run: deckgen codes --markdown > docs/diagnostics.md"


def test_every_code_is_documented_once_where_the_index_says_and_nothing_else_is() -> None:
    found = documented()
    assert set(found) == set(CODES), (sorted(set(CODES) - set(found)), sorted(set(found) - set(CODES)))
    for code, places in found.items():
        assert [module for module, _ in places] == [CODES[code].where], code
    assert reference.docs() == {code: places[0][1] for code, places in found.items()}


def test_every_emitted_code_is_in_the_index_and_no_old_spelling_is_emitted() -> None:
    emitted: set[str] = set()
    for path in (ROOT / "generator").rglob("*.py"):
        if path.name != "codes.py":
            emitted.update(re.findall(r"\"([EW]\d{3})\"", path.read_text(encoding="utf-8")))
    assert {"E001", "E102", "E305", "W405", "E209", "W333"} <= emitted, "the pattern no longer finds codes"
    assert emitted <= set(CODES), sorted(emitted - set(CODES))


def test_the_codes_are_grouped_named_and_numbered_once() -> None:
    for code, entry in CODES.items():
        assert entry.severity == ("error" if code[0] == "E" else "warning"), code
        assert code[1] in GROUPS, code
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", entry.name), code
        assert entry.title and "|" not in entry.title, code
    assert len({entry.name for entry in CODES.values()}) == len(CODES), "two codes with one name"
    numbers = [code[1:] for code in CODES]
    assert len(set(numbers)) == len(numbers), "a number given to an error and a warning both"
    assert list(CODES) == sorted(CODES, key=lambda code: code[1:]), "the index is in number order"


def test_the_index_comments_name_each_group_as_the_page_does() -> None:
    """The comments that head each group of the index are :data:`GROUPS`' words, so they cannot go stale."""
    text = (ROOT / "generator" / "codes.py").read_text(encoding="utf-8")
    comments = re.findall(r"^    # (.+) \(([EW])(\d)xx\): (.+)$", text, re.M)
    assert [(digit, name, about.replace("allow:", "`allow:`")) for name, _, digit, about in comments] == [
        (digit, name, about) for digit, (name, about) in GROUPS.items()
    ]
    for name, letter, digit, _ in comments:
        letters = {code[0] for code in CODES if code[1] == digit}
        assert letter == ("W" if letters == {"W"} else "E"), name


def test_old_spellings_name_codes_of_today_and_the_page_says_why() -> None:
    assert ALIASES == {"E204": "E209", "W320": "W333"}
    for old, now in ALIASES.items():
        assert old not in CODES and now in CODES
        assert CODES[now].severity == ("error" if old[0] == "E" else "warning")
        assert codes.resolve(old) == now
    assert codes.resolve("E305") == "E305"
    assert set(codes.RENUMBERED) == set(ALIASES)
    page = reference.markdown()
    assert "| E204 | [E209](#e209-duplicate-deck-id) |" in page
    assert "**error** (formerly E204): two decks of one project with the same id" in page


def test_every_code_has_what_it_checks_why_and_distinct_examples() -> None:
    for code, doc in reference.docs().items():
        assert doc.checks.strip() and doc.why.strip(), code
        assert doc.bad != doc.fix, code
        assert doc.bad.expand() != doc.fix.expand(), code
        assert not set(doc.also) & {code}, code


def test_the_learning_rules_name_the_principle_they_follow() -> None:
    for code, doc in reference.docs().items():
        if code in SWITCHABLE and code != "W405":  # W405 is about how a card shows, not how it teaches
            assert re.search(r"\*\*[^*]+\*\*", doc.why), f"{code} names no principle in bold"


@pytest.mark.parametrize(
    ("code", "written"),
    [
        ("E006", ["64 MiB", "100,000", "64 levels"]),
        ("E307", ["10,000", "2,000", "200"]),
        ("E328", ["60"]),
        ("E107", ["1,000,000,000"]),
        ("E323", ["c99"]),
        ("E346", ["2 MB", "10 MB"]),
        ("E207", ["16"]),
        ("W403", ["25"]),
        ("W406", ["0.7"]),
        ("W407", ["0.35"]),
        ("W408", ["50%"]),
        ("W410", ["3"]),
        ("W412", ["20"]),
    ],
)
def test_limits_in_the_prose_are_the_limits_the_checks_use(code: str, written: list[str]) -> None:
    """The documentation reads each limit from the constant the check uses; here they are spelt out
    once more, so that a changed limit is seen in review (and in ``docs/diagnostics.md``)."""
    for value in written:
        assert value in reference.docs()[code].checks, (code, value)


def test_deckgen_codes_explains_one_code() -> None:
    result = CliRunner().invoke(main, ["codes", "e305"], catch_exceptions=False)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == (
        "E305 quote-not-found (error, content): "
        "evidence quote not found in its source (closest passage shown)"
    )
    assert lines[1].startswith("  What it checks: An evidence quote is not in its source.")
    assert any(line.startswith("  Why it matters: The quote is the card's proof") for line in lines)
    example, fix = lines.index("  Example:"), lines.index("  Fix:")
    assert example < fix
    shown = [line.strip() for line in lines]
    assert "healthline: The CNS is the brain, spinal cord and optic nerves." in shown[example:fix]
    assert "healthline: The CNS includes the brain, spinal cord, and optic nerves." in shown[fix:]
    assert all(len(line) <= 100 for line in lines[1:example]), "the prose is wrapped"


def test_deckgen_codes_explains_an_old_spelling_as_the_code_it_is_now() -> None:
    result = CliRunner().invoke(main, ["codes", "W320"], catch_exceptions=False)
    assert result.exit_code == 0
    first, second = result.output.splitlines()[:2]
    assert first == "W320 is now W333 (renumbered: an old spelling is still accepted)."
    assert second.startswith(
        "W333 cloze-number-gap (warning, content) (formerly W320): cloze numbers with a gap"
    )


def test_deckgen_codes_lists_every_code_and_refuses_an_unknown_one() -> None:
    runner = CliRunner()
    every = runner.invoke(main, ["codes"], catch_exceptions=False)
    assert re.findall(r"^([EW]\d{3}) ", every.output, re.M) == list(CODES)
    assert "E305 quote-not-found (error): evidence quote not found in its source" in every.output
    assert "(E204 is now E209: renumbered)" in every.output
    unknown = runner.invoke(main, ["codes", "E305", "W999"])
    assert unknown.exit_code == 2
    assert unknown.output == "Error: unknown code W999; `deckgen codes` lists them all\n"


LISTED = card("listed", "Which symptoms are common in MS?", "Fatigue, pain, weakness and numbness.")
"""A card with W410 at (11, 13); its own lines are 9-13, so an allow entry goes on line 14."""


def test_allow_takes_an_old_spelling_as_the_code_it_is_now(monkeypatch: pytest.MonkeyPatch) -> None:
    gap = messages(HEADER + LISTED + '    allow: {W320: "the gap is on purpose"}\n')
    assert gap == [
        "W410 11:13 card 'listed' answers with a list of 4 items; lists over 3 are hard to recall whole: "
        "one card per item, each with its own cue",
        "W417 14:13 card 'listed' allows W320 (now W333), which is not a card-quality warning and cannot "
        "be switched off; fix what it reports",
    ]
    monkeypatch.setitem(ALIASES, "W499", "W410")  # were W410 renumbered, its old spelling would still work
    assert messages(HEADER + LISTED + '    allow: {W499: "the list is the point"}\n') == []
    deck = HEADER.replace("  id: 1234567890\n", '  id: 1234567890\n  allow: {W499: ""}\n')
    assert messages(deck + LISTED) == [
        "W416 4:11 the deck switches W499 (now W410) off without a reason; say why the card is right as it is"
    ]
