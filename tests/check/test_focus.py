"""One fact an answer (W411), short questions (W412)."""

from __future__ import annotations

import pytest

from generator.check.rules.focus import second_fact
from tests.checking import codes_of, deck, messages


def test_w411_an_answer_that_goes_on_to_a_second_fact() -> None:
    assert messages(deck(("What kind of disease is MS?", "A neurological disease; it is common."))) == [
        "W411 11:13 card 'c0': the answer holds more than one fact (from '; it is common.'); keep one fact "
        "to an answer: move the rest to extra, or to a card of its own"
    ]


@pytest.mark.parametrize(
    ("answer", "rest"),
    [
        ("A neurological disease. Healthline calls it common.", ". Healthline calls it common."),
        ("A normal one - and they live productive lives.", "- and they live productive lives."),
        ('Very common \u2014 "very much normal" in MS.', '\u2014 "very much normal" in MS.'),
        ("There is none, though therapies exist.", ", though therapies exist."),
        ("How severe the MS is, and how likely a relapse is.", ", and how likely a relapse is."),
        ("Lesions (not all of them are caused by MS).", "(not all of them are caused by MS)."),
        ("Immune-mediated (Healthline - a disease; the Spine Institute - a process).", "- a disease; …"),
    ],
)
def test_w411_finds_where_the_second_fact_starts(answer: str, rest: str) -> None:
    found = second_fact(answer) or ""
    assert found == rest or (rest.endswith("…") and found.startswith(rest[:-1]))
    assert ("W411", 11, 13) in codes_of(("What is it?", answer))


@pytest.mark.parametrize(
    "answer",
    [
        "The cervical (neck) region.",
        "A spinal cord infarction (a stroke of the cord).",
        "Physical therapy (rehabilitation).",
        "Weakness, at worst paralysis.",
        "Worse neurological outcomes, with more physical disability.",
        "It eases depression or isolation, which can affect how pain is felt.",
        "e.g. Dr. Smith's test.",
        "Relapsing-remitting MS.",
        "1. first\n2. second",
        "- brain\n- spinal cord",
        "About 2.8 million (2020).",
    ],
)
def test_no_w411_for_one_fact_with_a_gloss_or_a_detail(answer: str) -> None:
    assert second_fact(answer) is None


def test_w412_a_question_over_twenty_words() -> None:
    twenty_one = (
        "In the list of the causes of spinal lesions that doctors give in the second part, "
        "which cause is listed first?"
    )
    assert len(twenty_one.split()) == 21
    assert messages(deck((twenty_one, "Tumours."))) == [
        "W412 10:15 card 'c0' has a 21-word question; keep questions to 20 words (context goes in extra, "
        "on the back)"
    ]
    twenty = twenty_one.replace(" second", "")
    assert codes_of((twenty, "Tumours.")) == []
