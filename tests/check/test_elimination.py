"""Sets learnt by elimination (W409) and long enumerations in answers (W410)."""

from __future__ import annotations

import pytest

from generator.check.rules.elimination import eliminated, items
from tests.checking import codes_of, deck, messages


def test_w409_besides_a_list() -> None:
    question = "Besides poor coordination and lack of muscle control, which symptom is linked with MS?"
    assert messages(deck((question, "General fatigue."))) == [
        "W409 10:15 card 'c0' asks for a set's member by elimination ('poor coordination and lack of "
        "muscle control'); learners answer from the list, not the fact: give the item a cue of its own"
    ]


@pytest.mark.parametrize(
    ("question", "listed"),
    [
        ("Besides the brain and the spinal cord, what belongs to the CNS?", "the brain and the spinal cord"),
        (
            "Which nerves besides the brain, spinal cord and optic nerves?",
            "the brain, spinal cord and optic nerves",
        ),
        (
            "Apart from steroids or immunosuppressants, what treats myelitis?",
            "steroids or immunosuppressants",
        ),
        (
            "Other than surgery, radiation and chemotherapy, which cancer treatment is listed?",
            "surgery, radiation and chemotherapy",
        ),
        ("In addition to diet and exercise, what eases spinal MS?", "diet and exercise"),
        ("What else, except pain and spasms, can a spinal lesion cause?", "pain and spasms"),
        ("What, aside from weakness (paresis) and numbness, is a sign?", "weakness (paresis) and numbness"),
    ],
)
def test_w409_finds_the_list_each_marker_eliminates(question: str, listed: str) -> None:
    assert eliminated(question) == listed
    assert codes_of((question, "An answer of its own.")) == [("W409", 10, 15)]


@pytest.mark.parametrize(
    "question",
    [
        "Besides the cervical region, in which region are MS lesions found?",  # one item: a cue, not a list
        "What does myelin do besides protecting nerve cells?",
        "Besides where it mainly occurs, which lesion feature differs between NMO and MS?",
        "Which disease other than MS causes lesions?",
        "How do MS and NMO differ?",
        "Which protein, in addition, marks the lesion?",
    ],
)
def test_no_w409_without_a_list(question: str) -> None:
    assert eliminated(question) is None
    assert codes_of((question, "An answer of its own.")) == []


def test_w410_an_answer_that_enumerates_more_than_three_items() -> None:
    assert messages(
        deck(("Which symptoms can MS cause?", "Weakness, numbness, pain, spasms and fatigue."))
    ) == [
        "W410 11:13 card 'c0' answers with a list of 5 items; lists over 3 are hard to recall whole: "
        "one card per item, each with its own cue"
    ]
    assert codes_of(("Which parts form the CNS?", "- brain\n- spinal cord\n- optic nerves\n- retina")) == [
        ("W410", 11, 13)
    ]


@pytest.mark.parametrize(
    ("answer", "count"),
    [
        ("The brain, spinal cord and optic nerves.", 3),
        ("An abnormal sensation, such as tingling or pins and needles.", 3),
        ("Where it is, what type it is, and its cause.", 3),
        ("Bowel and bladder control.", 2),
        ("About 400,000 people (in the US, 2017).", 1),
        ("Weakness, numbness; pain, spasms or fatigue.", 5),
        ("1. first\n2. second", 2),
    ],
)
def test_items_counts_an_answers_list(answer: str, count: int) -> None:
    assert items(answer) == count
    found = codes_of(("Which items does it list?", answer))
    assert [f for f in found if f[0] == "W410"] == ([("W410", 11, 13)] if count > 3 else [])
