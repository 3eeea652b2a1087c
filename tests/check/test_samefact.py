"""One fact asked by two cards of different kinds (W423)."""

from __future__ import annotations

import json

from tests.checking import HEADER, check, messages

EVIDENCE = '    evidence: {doc: "The CNS includes the brain, spinal cord, and optic nerves."}\n'


def basic(card_id: str, question: str, answer: str, kind: str = "") -> str:
    """A card of five lines (six with a kind) after the id."""
    more = f"    kind: {kind}\n" if kind else ""
    return (
        f"  - id: {card_id}\n{more}    question: {json.dumps(question)}\n    answer: {json.dumps(answer)}\n"
        + EVIDENCE
    )


def cloze(card_id: str, text: str) -> str:
    """A cloze card of four lines."""
    return f"  - id: {card_id}\n    kind: cloze\n    text: {json.dumps(text)}\n" + EVIDENCE


SCAN = basic("scan", "Which scan finds brain and spinal cord lesions?", "An MRI scan.")


def test_w423_a_basic_card_and_a_cloze_deletion_that_ask_one_fact() -> None:
    text = (
        HEADER
        + SCAN
        + cloze("scan-cloze", "Brain and spinal cord lesions are found with an {{c1::MRI}} scan.")
    )
    assert messages(text) == [
        "W423 15:11 card 'scan-cloze' asks, by cloze deletion c1, the fact that 'scan' (line 11, column 13) "
        "asks, by its question; one fact is learnt once: keep one card, or make each ask for its own"
    ]


def test_w423_a_bracket_names_the_same_answer() -> None:
    long = basic(
        "scan", "Which scan finds brain and spinal cord lesions?", "Magnetic resonance imaging (MRI)."
    )
    text = HEADER + long + cloze("scan-cloze", "Brain and spinal cord lesions are found with {{c1::MRI}}.")
    assert check(text) == [("W423", 15, 11)]


def test_w423_a_reversed_card_and_a_basic_one() -> None:
    term = basic("term", "Demyelination", "Loss of the myelin sheath around nerve fibres.", "reversed")
    asked = basic(
        "asked", "What is the loss of the myelin sheath around nerve fibres called?", "Demyelination."
    )
    assert check(HEADER + term + asked) == [("W423", 16, 13)]


def test_w423_not_one_answer_to_unrelated_cues() -> None:
    text = HEADER + SCAN + cloze("other", "Doctors follow how MS changes over years with {{c1::MRI}} scans.")
    assert check(text) == []


def test_w423_not_different_answers_to_one_cue() -> None:
    text = HEADER + SCAN + cloze("other", "An MRI scan finds brain and spinal cord {{c1::lesions}}.")
    assert check(text) == []


def test_w423_not_cards_of_one_kind() -> None:
    # Two basic cards are W406's and W407's; two deletions of one cloze card are one note.
    again = basic("again", "Which scan shows lesions of the brain and spinal cord?", "An MRI scan.")
    assert [code for code, _, _ in check(HEADER + SCAN + again)] == ["W407"]
    assert check(HEADER + cloze("two", "An {{c1::MRI}} finds lesions; the {{c2::MRI}} shows lesions.")) == [
        ("W421", 11, 11),
        ("W421", 11, 11),
    ]
