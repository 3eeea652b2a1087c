"""The JSON Schema for editors agrees with the checker: same keys, kinds and limits."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
import yaml

from generator.check.schema import CARD as CARD_KEYS
from generator.check.schema import DECK, GROUP, INCLUDE, INCLUDED, SOURCE, TOP, included_schema, json_schema
from tests.checking import CARD, HEADER, check
from tests.phone.render import SAMPLE

SCHEMA = json_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def errors(text: str) -> list[str]:
    data: Any = yaml.safe_load(text)
    return [e.message for e in VALIDATOR.iter_errors(data)]


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    json.dumps(SCHEMA)
    jsonschema.Draft202012Validator.check_schema(included_schema())


def test_groups_includes_and_subdecks_are_in_the_schema() -> None:
    text = (
        HEADER
        + CARD.replace("  - id: cns\n", "  - id: cns\n    deck: Anatomy\n")
        + ("  - deck: Imaging\n    cards:\n      - include: parts/mri.yaml\n  - include: parts/more.yaml\n")
    )
    assert errors(text) == []
    assert errors(text.replace("deck: Imaging", "dek: Imaging")) != []
    included = jsonschema.Draft202012Validator(included_schema())
    part = yaml.safe_load("cards:\n" + CARD)
    assert list(included.iter_errors(part)) == []
    assert list(included_schema()["properties"]) == [k.name for k in INCLUDED]
    assert list(included.iter_errors({"deck": {"name": "x"}, **part})) != []


def test_a_deck_of_every_kind_is_valid() -> None:
    """The phone tests' sample, every card kind (the MS deck's file: tests/deck)."""
    assert errors(SAMPLE.read_text(encoding="utf-8")) == []


def test_the_schema_lists_the_validators_keys() -> None:
    assert list(SCHEMA["properties"]) == [k.name for k in TOP]
    assert SCHEMA["required"] == [k.name for k in TOP if k.required]
    deck = SCHEMA["properties"]["deck"]
    source = SCHEMA["properties"]["sources"]["additionalProperties"]
    assert SCHEMA["properties"]["cards"]["items"] == {"$ref": "#/$defs/item"}
    card, group, include = SCHEMA["$defs"]["item"]["anyOf"]
    pairs = ((DECK, deck), (SOURCE, source), (CARD_KEYS, card), (GROUP, group), (INCLUDE, include))
    for keys, node in pairs:
        assert list(node["properties"]) == [k.name for k in keys]
        assert node["required"] == [k.name for k in keys if k.required]
        assert node["additionalProperties"] is False


@pytest.mark.parametrize(
    ("old", "new", "codes"),
    [
        ("id: cns", "id: CNS_1", {"E301"}),
        ("    answer: The brain", "    anwser: The brain", {"E103", "E102"}),
        ("id: 1234567890", "id: -1", {"E107"}),
        ("id: 1234567890", "id: 999999999", {"E107"}),  # below the floor, in the schema too
        ("id: 1234567890", "id: 12345678901234567890", {"E101"}),
        ("question: What does the CNS include?", "question: [a]", {"E101"}),
        ("      doc: The CNS", "      Doc: The CNS", {"E201", "W202"}),  # evidence key that is no slug
    ],
)
def test_what_the_checker_rejects_the_schema_rejects(old: str, new: str, codes: set[str]) -> None:
    text = (HEADER + CARD).replace(old, new)
    assert text != HEADER + CARD
    assert {code for code, _, _ in check(text)} == codes
    assert errors(text) != []  # the schema rejects it too (its messages are jsonschema's)


def test_a_good_file_passes_both() -> None:
    assert check(HEADER + CARD) == []
    assert errors(HEADER + CARD) == []


KINDS_FILE = HEADER.replace("    file: doc.txt\n", '    file: doc.txt\n    date: "2020-01-01"\n') + (
    """\
  - id: term
    kind: reversed
    question: CNS
    answer: The brain, spinal cord and optic nerves.
    evidence: {doc: "The CNS includes the brain, spinal cord, and optic nerves."}
  - id: typed
    kind: type-in
    question: In about what share of people are the lesions found?
    answer: 80 percent
    evidence: {doc: "They’re found in about 80 percent of people."}
  - id: gaps
    kind: cloze
    text: The CNS includes the {{c1::brain}} and {{c2::spinal cord}}.
    evidence: {doc: "The CNS includes the brain, spinal cord, and optic nerves."}
"""
)


def test_every_kind_passes_both() -> None:
    assert check(KINDS_FILE) == []
    assert errors(KINDS_FILE) == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("kind: reversed", "kind: reverse"),  # E320
        ("kind: type-in", "kind: cloze"),  # E321, E102
        ("    text: The CNS", "    question: The CNS"),  # E321, E102
        ("answer: 80 percent", "answer: 80 *percent*"),  # E327
        ("answer: 80 percent", "answer: " + "eighty " * 9),  # E328
        # E321: a reversed card with text
        ("    answer: The brain, spinal", "    text: The {{c1::brain}}\n    answer: The brain, spinal"),
    ],
)
def test_what_the_checker_rejects_in_a_kind_the_schema_rejects(old: str, new: str) -> None:
    text = KINDS_FILE.replace(old, new, 1)
    assert text != KINDS_FILE
    assert check(text) != []
    assert errors(text) != []
