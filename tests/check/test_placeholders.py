"""Answers without a fact of their own: placeholders (W419) and answers that repeat the question (W422)."""

from __future__ import annotations

import json

from tests.checking import HEADER, card, check, codes_of, messages

SIZE = "An NMO lesion of the cord spans three or more vertebral segments; an MS lesion is shorter."


def with_extra(question: str, answer: str, extra: str, key: str = "extra") -> str:
    """A file of one card (question at 10:15, answer at 11:13) with an extra (or a note)."""
    return HEADER + card("c0", question, answer) + f"    {key}: {json.dumps(extra)}\n"


def test_w419_a_vague_answer_beside_the_fact() -> None:
    assert messages(
        with_extra("How do NMO lesions of the cord differ from MS lesions?", "In size.", SIZE)
    ) == [
        "W419 11:13 card 'c0': the answer 'In size.' points at the fact its extra states; "
        "put the fact in the answer"
    ]
    harm = "Some MS drugs, such as interferon beta and natalizumab, can make NMO worse."
    assert check(
        with_extra("What can the wrong treatment do when NMO is taken for MS?", "Harm the patient.", harm)
    ) == [("W419", 11, 13)]
    lhermitte = "A classic example is Lhermitte's sign: an electric shock down the spine when the neck bends."
    assert check(
        with_extra("What sets off shooting pains in MS?", "Certain movements.", lhermitte, "note")
    ) == [("W419", 11, 13)]


def test_w419_not_a_fact_in_the_answer_nor_a_short_extra() -> None:
    # The answer states a fact of its own: the extra only adds to it.
    assert (
        check(with_extra("How long is a typical NMO lesion of the cord?", "Three or more segments.", SIZE))
        == []
    )
    # No extra holds a fact the answer points at.
    assert (
        check(with_extra("How do NMO lesions of the cord differ from MS lesions?", "In size.", "Bigger."))
        == []
    )
    assert codes_of(("How do NMO lesions of the cord differ from MS lesions?", "In size.")) == []
    # Vague words the question already says are not the answer's news either; one word of news is.
    assert (
        check(with_extra("What does a wrong diagnosis do to a patient?", "Harms the patient's nerves.", SIZE))
        == []
    )
    # Reversed and cloze cards are not looked at.
    reversed_card = HEADER + card("c0", "Harm", "Certain movements.") + "    kind: reversed\n"
    assert check(reversed_card + f"    extra: {json.dumps(SIZE)}\n") == []


MS_DECK = [
    ("In which disease are spinal cord lesions common?", "MS."),
    ("Which scan shows spinal cord lesions best?", "MRI."),
]


def test_w422_an_answer_that_says_the_question_again() -> None:
    bad = ("What do spinal cord lesions often do to people with MS?", "Spinal cord lesions weaken both legs.")
    assert messages(HEADER + "".join(card(f"c{i}", q, a) for i, (q, a) in enumerate([*MS_DECK, bad]))) == [
        "W422 21:13 card 'c2': the answer repeats the question (spinal, cord, lesion); "
        "answer with the news alone"
    ]
    assert codes_of(*MS_DECK, (bad[0], "They weaken the legs.")) == []


def test_w422_leaves_give_aways_to_w408_and_names_of_what_is_asked_for_alone() -> None:
    # Where the question gives the news away too, W408 says so, not both.
    assert codes_of(
        ("What does the scan of the brain look for?", "It looks for brain lesions in the scan.")
    ) == [("W408", 10, 15)]
    # "Which therapy …" → "… therapy": the answer names what is asked for, it does not repeat it.
    assert (
        codes_of(
            ("Which therapy helps restore lost function?", "Physical therapy, given by a physiotherapist.")
        )
        == []
    )
    # A hyphenated term is one word: "blood-brain barrier" is not "blood" and "brain" again.
    assert (
        codes_of(("What must white blood cells cross to reach the brain?", "The blood-brain barrier.")) == []
    )
    # All the answer's words in the question is W401's or W408's, not a repetition around news.
    assert codes_of(("Which cells cross into the brain?", "White blood cells.")) == []
