"""Card kinds in cards.yaml: reversed, type-in and cloze cards, and every error at its exact position."""

from __future__ import annotations

import pytest

from tests.checking import HEADER, check, messages, run

EVIDENCE = '    evidence: {doc: "The CNS includes the brain, spinal cord, and optic nerves."}\n'
DATED = HEADER.replace("    file: doc.txt\n", '    file: doc.txt\n    date: "2020-01-01"\n')
"""The header with a dated source (its figures get no W415)."""


def card(body: str, card_id: str = "c") -> str:
    """A whole file with one card (line 9) whose lines after the id are ``body``, then evidence."""
    return HEADER + f"  - id: {card_id}\n" + body + EVIDENCE


def cloze(text: str) -> str:
    """A cloze card whose ``text:`` is on line 11, its value from column 11."""
    return card(f"    kind: cloze\n    text: {text}\n")


def test_each_kind_reads_into_the_model() -> None:
    text = (
        DATED
        + """\
  - id: basic
    question: What does the CNS include?
    answer: The brain, spinal cord and optic nerves.
    evidence: {doc: "The CNS includes the brain, spinal cord, and optic nerves."}
  - id: term
    kind: reversed
    question: MRI
    answer: A scan that uses strong magnetic and radio waves.
    evidence: {doc: "MRI uses strong magnetic and radio waves"}
  - id: typed
    kind: type-in
    question: In about what share of people are the lesions found?
    answer: 80 percent
    evidence: {doc: "They’re found in about 80 percent of people."}
  - id: gaps
    kind: cloze
    text: The CNS includes the {{c1::brain}}, {{c2::spinal cord::where?}} and optic nerves.
    extra: The PNS is the rest.
    evidence: {doc: "The CNS includes the brain, spinal cord, and optic nerves."}
"""
    )
    model, found = run(text)
    assert found == []
    assert model is not None
    assert [(c.id, c.kind) for c in model.cards] == [
        ("basic", "basic"),
        ("term", "reversed"),
        ("typed", "type-in"),
        ("gaps", "cloze"),
    ]
    gaps = model.cards[3]
    assert gaps.text.startswith("The CNS includes the {{c1::brain}}")
    assert (gaps.question, gaps.answer, gaps.extra) == ("", "", "The PNS is the rest.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The CNS includes the brain.", [("E322", 11, 11)]),
        ("The CNS includes the {{c0::brain}}.", [("E323", 11, 32)]),
        ("The CNS includes the {{C1::brain}}.", [("E323", 11, 32)]),
        ("The CNS includes the {{c01::brain}}.", [("E323", 11, 32)]),
        ("The CNS includes the {{c100::brain}}.", [("E323", 11, 32)]),
        ("The CNS includes the {{c 1::brain}}.", [("E323", 11, 32)]),
        ("The CNS includes the {{c1::brain.", [("E324", 11, 32)]),
        ("The {{c1::CNS {{c2::includes}} the}} brain.", [("E325", 11, 25)]),
        ('"{{c1::The CNS includes the brain}}."', [("E326", 11, 12)]),
        ("The CNS includes {{c1::}} brain.", [("E329", 11, 28)]),
        ('"The CNS includes {{c1::  ::a hint}} brain."', [("E329", 11, 29)]),
        ("The {{c1::CNS}} includes the {{c3::brain}}.", [("W333", 11, 40)]),
        ("The {{c2::CNS}} includes the brain.", [("W333", 11, 15)]),
        ('"{{c0::The}} CNS and {{c0::brain}}"', [("E323", 11, 12), ("E323", 11, 32)]),
        ('"The \\"CNS\\" includes the {{c0::brain}}."', [("E323", 11, 37)]),
        ("'It''s the {{c1::brain}} and {{c1::cord'", [("E324", 11, 40)]),
        # an opener short of a colon or a brace is shown as typed, and said so (not "no deletion")
        ("The CNS includes the {{c1:brain}}.", [("E332", 11, 32)]),
        ("The CNS includes the {c1::brain}}.", [("E332", 11, 32)]),
        ("The CNS includes the {{ c1 :brain}}.", [("E332", 11, 32)]),
        ("The {{c1::CNS}} includes the {{c2:brain}}.", [("E332", 11, 40)]),
        ("The {c2::CNS}} includes the {{c1::brain}}.", [("E332", 11, 15)]),
        ('"{{c1:The}} CNS and {c2::brain}}"', [("E332", 11, 12), ("E332", 11, 31)]),
    ],
)
def test_cloze_problems_are_reported_where_they_are_written(
    text: str, expected: list[tuple[str, int, int]]
) -> None:
    assert check(cloze(text)) == expected


def test_cloze_problems_in_a_block_scalar_are_on_their_own_line() -> None:
    text = card("    kind: cloze\n    text: |\n      The CNS includes\n      the {{c0::brain}}.\n")
    assert check(text) == [("E323", 13, 11)]


def test_a_deletion_beside_other_deletions_is_not_the_whole_text() -> None:
    assert check(cloze('"{{c1::The CNS}} includes {{c2::the brain}}"')) == []
    assert check(cloze('"{{c1::The CNS}} {{c1::the brain}}"')) == [("E326", 11, 12)]


def test_cloze_messages_say_what_to_write() -> None:
    assert messages(cloze("The CNS includes the {{c01::brain}}.")) == [
        "E323 11:32 card 'c' text {{c01:: is not a deletion Anki reads: numbers are written c1 to c99, "
        "lowercase, no spaces or leading zeros; write {{c1::"
    ]
    assert messages(cloze("The {{c1::CNS}} includes the {{c4::brain}}."))[0].startswith(
        "W333 11:40 card 'c' text deletion numbers skip c2, c3: Anki makes no card for a missing number."
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "The CNS includes the brain.",
            "E322 11:11 card 'c' text has no deletion; hide a part of the text as {{c1::...}}",
        ),
        (
            "The CNS includes the {{c1::brain.",
            "E324 11:32 card 'c' text deletion {{c1:: is never closed; end it with }}",
        ),
        (
            "The {{c1::CNS {{c2::includes}} the}} brain.",
            "E325 11:25 card 'c' text deletion {{c2:: is inside another deletion; make them follow one "
            "another instead",
        ),
        (
            '"{{c1::The CNS includes the brain}}."',
            "E326 11:12 card 'c' text c1 hides the whole text, so its card shows nothing to go by; hide only "
            "the part to recall",
        ),
        (
            "The CNS includes {{c1::}} brain.",
            "E329 11:28 card 'c' text deletion {{c1:: hides nothing; put the words to hide after the ::",
        ),
        (
            "The {{c1::CNS}} includes the {{c4::brain}}.",
            "W333 11:40 card 'c' text deletion numbers skip c2, c3: Anki makes no card for a missing number. "
            "Number new deletions from c1 up; if one was removed from a card in use, keep the others' "
            "numbers (renumbering moves review history to other cards)",
        ),
    ],
)
def test_each_cloze_problem_has_its_message(text: str, message: str) -> None:
    assert messages(cloze(text)) == [message]


def test_a_misspelt_opener_says_what_to_write() -> None:
    assert messages(cloze("The CNS includes the {{c2:brain}}.")) == [
        "E332 11:32 card 'c' text {{c2: is not a deletion Anki reads (it shows as typed): a deletion opens "
        "with two braces, the number and two colons; write {{c2::"
    ]
    assert messages(cloze("The CNS includes the {C01::brain}}."))[0].endswith("; write {{c1::")


@pytest.mark.parametrize(
    "text",
    [
        '"The {{c1::CNS}} includes {x}, the brain."',
        '"The {{c1::CNS}} includes {c1}, {c: 1} and {c1: x}."',
        '"The {{cloze:Text}} field shows the {{c1::brain}}."',
        '"The {{c1::CNS}} includes {{{c2::the brain}}}."',
    ],
)
def test_other_braces_are_not_taken_for_a_misspelt_opener(text: str) -> None:
    assert check(cloze(text)) == []


def test_an_empty_cloze_text_is_empty_text() -> None:
    assert check(cloze('"  "')) == [("E303", 11, 11)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # unknown kind, with the kind it most likely means
        ("    kind: reverse\n    question: CNS\n    answer: Brain and cord.\n", [("E320", 10, 11)]),
        # a cloze card takes text, not question and answer
        (
            "    kind: cloze\n    question: What?\n    answer: This.\n",
            [("E102", 9, 5), ("E321", 11, 5), ("E321", 12, 5)],
        ),
        # a basic card takes question and answer, not text
        (
            "    question: What?\n    answer: This.\n    text: The {{c1::CNS}}.\n",
            [("E321", 12, 5)],
        ),
        ("    kind: type-in\n    question: What?\n", [("E102", 9, 5)]),
        ("    kind: cloze\n    txt: The {{c1::CNS}}.\n", [("E102", 9, 5), ("E103", 11, 5)]),
        ("    kind: [cloze]\n    text: The {{c1::CNS}}.\n", [("E101", 10, 11)]),
    ],
)
def test_kind_errors(body: str, expected: list[tuple[str, int, int]]) -> None:
    assert check(card(body)) == expected


def test_kind_messages_help() -> None:
    found = messages(card("    kind: Type_In\n    question: What?\n    answer: This.\n"))
    assert found == [
        "E320 10:11 card 'c' has the unknown kind 'Type_In'; did you mean 'type-in'? "
        "kinds: basic, reversed, type-in, cloze"
    ]
    found = messages(card("    kind: cloze\n    question: What?\n    text: The {{c1::CNS}}.\n"))
    assert found == [
        "E321 11:5 card 'c' is a cloze card: it takes text, not question; write the sentence as text with "
        "the part to recall as {{c1::...}} (did you mean text?), or give the card another kind"
    ]
    found = messages(card("    question: What?\n    answer: This.\n    text: The {{c1::CNS}}.\n"))
    assert found == [
        "E321 12:5 card 'c' is a basic card: it takes question and answer, not text; "
        "did you mean kind: cloze?"
    ]
    found = messages(card("    kind: cloze\n"))
    assert found == [
        "E102 9:5 card 'c' (a cloze card) is missing the required key 'text'; add text: ... "
        "with deletions {{c1::...}}"
    ]


@pytest.mark.parametrize(
    ("answer", "code"),
    [
        ('"**80** percent"', "E327"),
        ("80 *percent*", "E327"),
        ('"- 80 percent"', "E327"),
        ('"1. eighty"', "E327"),
        ('"80<br>percent"', "E327"),
        ('"80&nbsp;percent"', "E327"),
        ('"80\\npercent"', "E327"),
        ("snake_case", "E327"),
        ('"' + "eighty " * 9 + '"', "E328"),
    ],
)
def test_a_type_in_answer_is_short_plain_text(answer: str, code: str) -> None:
    text = card(f"    kind: type-in\n    question: What share?\n    answer: {answer}\n")
    undated = [("W415", 12, 13)] if "percent" in answer else []  # a figure from a source with no date
    assert check(text) == [(code, 12, 13), *undated]


def test_a_type_in_answer_may_hold_an_ampersand_or_punctuation() -> None:
    text = card("    kind: type-in\n    question: Which cells?\n    answer: B & T cells (both).\n")
    assert check(text) == []


def test_a_reversed_card_asks_its_answer_too() -> None:
    text = (
        card("    kind: reversed\n    question: CNS\n    answer: Brain, spinal cord and optic nerves.\n")
        + "  - id: d\n    question: Brain, spinal cord and optic nerves.\n    answer: The CNS.\n"
        + EVIDENCE
    )
    assert messages(text) == [
        "E304 15:15 card 'd' asks the same prompt as 'c' (line 12, column 13); "
        "merge the cards or make the prompts differ"
    ]


def test_a_reversed_answer_that_contains_its_term_gives_the_reverse_card_away() -> None:
    text = card("    kind: reversed\n    question: spinal cord\n    answer: The spinal cord and the brain.\n")
    assert check(text) == [("W401", 12, 13)]


def test_style_rules_follow_the_kind() -> None:
    # A term is no question: no yes/no warning on a reversed card; a cloze card has no question at all.
    assert check(card("    kind: reversed\n    question: Is-a relation\n    answer: A kind of link.\n")) == []
    assert check(cloze("Is the {{c1::brain}} part of the CNS? List all the parts <b>now</b>.")) == [
        ("W405", 11, 11)
    ]


def test_the_same_cloze_text_twice() -> None:
    text = cloze("The {{c1::CNS}} includes the brain.") + "  - id: d\n    kind: cloze\n"
    text += "    text: The {{c1::CNS}} includes the brain.\n" + EVIDENCE
    assert check(text) == [("E304", 15, 11)]
