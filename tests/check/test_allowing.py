"""``allow:`` switches a card-quality warning off, for a card or a whole deck, with a reason (W416-W418)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import jsonschema
import yaml
from click.testing import CliRunner

from generator.check.schema import json_schema
from generator.cli import main
from tests.checking import HEADER, card, check, deck, messages

LONG = "Besides the brain and the spinal cord, which part of the nervous system belongs to the CNS?"
LISTED = card("listed", LONG, "The optic nerves.")
"""A card with W409 at (10, 15); its own lines are 9-13, so an allow entry goes on line 14."""


def allowed(entries: str, text: str = HEADER + LISTED) -> str:
    return text + f"    allow: {entries}\n"


def test_a_card_switches_a_warning_off_with_a_reason() -> None:
    assert check(HEADER + LISTED) == [("W409", 10, 15)]
    assert check(allowed('{W409: "the list is the point of this card"}')) == []
    other = HEADER + LISTED.replace("id: listed", "id: other") + card("c1", LONG + " Say!", "Optic nerves.")
    switched = other.replace(
        "    evidence:\n", '    allow: {W409: "the list is the point"}\n    evidence:\n', 1
    )
    assert check(switched) == [("W406", 16, 15), ("W409", 16, 15)]  # the other card's is still reported


def test_the_deck_switches_a_warning_off_everywhere() -> None:
    text = (HEADER + LISTED + card("c1", LONG.replace("brain", "cerebrum"), "Retina.")).replace(
        "  id: 1234567890\n", '  id: 1234567890\n  allow: {W409: "a deck of set drills"}\n'
    )
    assert [c for c in check(text) if c[0] != "W406"] == []


def test_w416_a_warning_switched_off_without_a_reason() -> None:
    for entry in ('{W409: ""}', "{W409: }", '{W409: "  "}'):
        assert messages(allowed(entry)) == [
            "W416 14:13 card 'listed' switches W409 off without a reason; say why the card is right as it is"
        ]


def test_w417_an_unknown_code_or_one_that_cannot_be_switched_off() -> None:
    assert messages(allowed('{W4O9: "x"}')) == [
        "W409 10:15 card 'listed' asks for a set's member by elimination ('the brain and the spinal cord'); "
        "learners answer from the list, not the fact: give the item a cue of its own",
        "W417 14:13 card 'listed' allows 'W4O9', which is no diagnostic code; did you mean 'W409'?",
    ]
    assert messages(allowed('{E305: "close enough", W416: "x", w409: "x", W409: "set"}'))[:3] == [
        "W417 14:13 card 'listed' allows E305, which is an error and cannot be switched off; "
        "fix what it reports",
        "W417 14:35 card 'listed' allows W416, which is not a card-quality warning and cannot be "
        "switched off; fix what it reports",
        "W417 14:46 card 'listed' allows 'w409', which is no diagnostic code; did you mean 'W409'?",
    ]
    assert check(allowed('{E305: "close enough", W416: "x", w409: "x", W409: "set"}')) == [
        ("W417", 14, 13),
        ("W417", 14, 35),
        ("W417", 14, 46),
    ]


def test_w418_an_entry_that_switches_nothing_off() -> None:
    assert messages(allowed('{W409: "the list is the point", W412: "a long question"}')) == [
        "W418 14:44 card 'listed' switches W412 off, but W412 is not reported there; remove the entry"
    ]
    text = deck(
        ("What does myelin do?", "Protects nerves."), ("What does myelin do for nerves?", "Insulates.")
    )
    earlier = text.replace("    evidence:\n", '    allow: {W406: "two views"}\n    evidence:\n', 1)
    assert messages(earlier)[-1] == (
        "W418 12:13 card 'c0' switches W406 off, but W406 is not reported there (it is reported on the "
        "later card of a pair); remove the entry"
    )
    unused = HEADER.replace("  id: 1234567890\n", '  id: 1234567890\n  allow: {W415: "undated on purpose"}\n')
    assert messages(unused + card("c0", "What is MS?", "A disease of the CNS.")) == [
        "W418 4:11 the deck switches W415 off, but W415 is not reported there; remove the entry"
    ]


def test_allow_must_be_a_mapping_of_codes_to_reasons() -> None:
    assert check(allowed("[W409]")) == [("W409", 10, 15), ("E101", 14, 12)]
    assert check(allowed("{W409: [a, b]}")) == [("W409", 10, 15), ("E101", 14, 19)]


def test_the_json_schema_describes_allow_and_rejects_what_the_checker_reports() -> None:
    validator = jsonschema.Draft202012Validator(json_schema())
    card_allow = json_schema()["$defs"]["item"]["anyOf"][0]["properties"]["allow"]  # a card, not a group
    assert "W409: set learnt by elimination" in card_allow["description"]
    assert "E305" not in card_allow["propertyNames"]["enum"]
    for entries, valid in (('{W409: "the point"}', True), ('{W409: ""}', False), ('{E305: "x"}', False)):
        data = yaml.safe_load(allowed(entries))
        assert validator.is_valid(data) is valid, entries
    assert "allow" in json_schema()["properties"]["deck"]["properties"]


def test_every_output_format_shows_the_new_warnings_and_strict_fails_on_them(
    write_cards: Callable[..., Path],
) -> None:
    path = write_cards(HEADER + LISTED)
    runner = CliRunner()
    human = runner.invoke(main, ["check", str(path)])
    assert human.exit_code == 0
    assert f"{path}:10:15: warning [W409] card 'listed' asks for a set's member" in human.output
    strict = runner.invoke(main, ["check", str(path), "--strict"])
    assert strict.exit_code == 1
    as_json = json.loads(runner.invoke(main, ["check", str(path), "--format", "json"]).output)
    assert [(d["code"], d["line"], d["col"], d["severity"]) for d in as_json] == [("W409", 10, 15, "warning")]
    github = runner.invoke(main, ["check", str(path), "--format", "github"]).output
    assert github.startswith(f"::warning file={path},line=10,col=15,title=W409::card 'listed' asks")
