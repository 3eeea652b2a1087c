"""``was:`` on a card: its earlier id, or a list of them, checked like every other key."""

from __future__ import annotations

import jsonschema
import pytest
import yaml

from generator.check.fast import wire
from generator.check.schema import json_schema
from tests.checking import CARD, check, messages, run
from tests.checking import HEADER as TOP

OTHER = """\
  - id: mri
    question: What does MRI use to make its pictures?
    answer: Strong magnetic and radio waves.
    evidence: {doc: "MRI uses strong magnetic and radio waves"}
"""
"""A second good card."""


def _with_was(value: str, card: str = CARD) -> str:
    return card.replace("  - id: cns\n", f"  - id: cns\n    was: {value}\n")


def test_one_earlier_id_or_a_list_of_them() -> None:
    model, found = run(
        TOP + _with_was("cns-parts") + OTHER.replace("  - id: mri\n", "  - id: mri\n    was: [a, b]\n")
    )
    assert found == [] and model is not None
    assert [card.was for card in model.cards] == [("cns-parts",), ("a", "b")]
    assert wire.decode(wire.encode(list(model.cards))) == list(model.cards)  # a helper process sends it too


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Cns Parts", [("E301", 10, 10)]),
        ("cns", [("E302", 10, 10)]),
        ("mri", [("E302", 10, 10)]),
        ("{a: b}", [("E101", 10, 10)]),
        ("[]", [("E101", 10, 10)]),
    ],
)
def test_an_earlier_id_is_a_slug_no_card_has(value: str, expected: list[tuple[str, int, int]]) -> None:
    assert check(TOP + _with_was(value) + OTHER) == expected


def test_the_messages_say_why() -> None:
    assert messages(TOP + _with_was("mri") + OTHER) == [
        "E302 10:10 card 'cns' was 'mri', the id of card 'mri' (line 15, column 9): the note of 'mri' goes "
        "to the card renamed from it, so no card may have that id; give the card another id"
    ]
    assert messages(TOP + _with_was("cns") + OTHER)[0].startswith(
        "E302 10:10 card 'cns' was 'cns', its own id:"
    )


def test_two_cards_cannot_both_have_been_one() -> None:
    text = TOP + _with_was("old") + OTHER.replace("  - id: mri\n", "  - id: mri\n    was: [x, old]\n")
    assert messages(text) == [
        "E302 16:10 card 'mri' was 'old', as card 'cns' was (line 10, column 10): one note goes to one card; "
        "keep 'old' on one of them"
    ]


def test_the_json_schema_knows_it() -> None:
    schema = json_schema()
    jsonschema.validate(yaml.safe_load(TOP + _with_was("[cns-parts, cns-made-of]") + OTHER), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(yaml.safe_load(TOP + _with_was("Not A Slug") + OTHER), schema)
