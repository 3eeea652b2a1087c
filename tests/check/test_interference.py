"""Interference (W406, W407): cards a learner would confuse, reported on the later card."""

from __future__ import annotations

import random
from typing import Any

import pytest

from generator.check.rules import interference
from generator.check.rules.interference import SAME_QUESTION, similar, similarity, weigh
from tests.checking import HEADER, TWO_SOURCES, card, check, cited, codes_of, messages
from tests.conftest import THOROUGH


def test_w406_a_question_nearly_the_same_as_an_earlier_one() -> None:
    found = messages(
        HEADER
        + card(
            "myelin-signals", "What does myelin do besides protecting nerve cells?", "It speeds up signals."
        )
        + card(
            "myelin-insulates",
            "What does myelin do for nerve cells besides protecting them?",
            "It insulates.",
        )
    )
    assert found == [
        "W406 15:15 card 'myelin-insulates' asks nearly the same as 'myelin-signals' (line 10, column 15); "
        "learners confuse such cards: merge them, or make each question ask for its own fact"
    ]


def test_w406_questions_that_differ_only_in_the_source_they_name() -> None:
    text = (
        TWO_SOURCES
        + cited(
            "signals",
            "According to Healthline, what does myelin do for nerve cells?",
            "Signals.",
            "healthline",
        )
        + cited(
            "insulates",
            "What does the Spine Institute say myelin does for nerve cells?",
            "Insulates.",
            "spine-institute",
        )
    )
    assert check(text) == [("W406", 21, 15)]  # and no W414: the sources are the point here


def test_w406_names_the_first_earlier_card_of_a_group() -> None:
    asked = "Which nerve function does myelin speed up"
    text = (
        HEADER
        + card("c0", f"{asked}?", "Signal transmission.")
        + card("c1", "What causes MS?", "An immune attack.")
        + card("c2", f"{asked} in MS?", "Conduction.")
        + card("c3", f"In MS, {asked.lower()}?", "Impulses.")
    )
    assert check(text) == [("W406", 20, 15), ("W406", 25, 15)]
    assert all("as 'c0' (line 10, column 15)" in m for m in messages(text))


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("What causes MS lesions?", "What treats MS lesions?"),
        (
            "Which inflammatory disease of the spinal cord can cause spinal lesions?",
            "Which vascular event can cause a spinal cord lesion?",
        ),
        ("In which region of the spinal cord are MS lesions most often found?", "What is a lesion?"),
        ("What does myelin do for nerve cells?", "In MS, what strips nerve cells of their myelin?"),
    ],
)
def test_no_w406_for_questions_that_ask_for_different_facts(first: str, second: str) -> None:
    assert codes_of((first, "Inflammation."), (second, "Steroids.")) == []


def test_no_w406_where_e304_reports_the_same_question() -> None:
    assert codes_of(
        ("What does the CNS include?", "The brain."), ("what does the CNS include", "Nerves.")
    ) == [("E304", 15, 15)]


def test_w407_the_same_answer_to_a_related_question() -> None:
    text = (
        HEADER
        + card("dmt-slows", "Which therapy slows MS in adults?", "Disease-modifying therapies.")
        + card("dmt-used", "Which therapy is used against MS in adults?", "Disease modifying therapy")
    )
    assert messages(text) == [
        "W407 16:13 card 'dmt-used' has the same answer as 'dmt-slows' (line 11, column 13) to a related "
        "question; learners confuse such cards: merge them, or ask each for its own fact"
    ]


def test_no_w407_where_each_question_has_its_own_cue() -> None:
    assert (
        codes_of(
            ("Which nerve supplies the pronator teres?", "The median nerve."),
            ("Which nerve supplies the flexor carpi radialis?", "The median nerve."),
            ("Which nerve supplies the flexor digitorum superficialis?", "The median nerve."),
        )
        == []
    )


# ---------------------------------------------------------------- the search is exact and bounded


def _brute_force(
    sets: list[frozenset[str]], weight: dict[str, float], threshold: float
) -> dict[int, list[int]]:
    found = {
        j: [i for i in range(j) if similarity(sets[i], sets[j], weight) >= threshold]
        for j in range(len(sets))
    }
    return {j: earlier for j, earlier in found.items() if earlier}


@pytest.mark.parametrize("seed", range(20))
def test_the_prefix_search_finds_exactly_the_pairs_all_pairs_would(seed: int) -> None:
    rng = random.Random(seed)
    vocabulary = [f"w{i}" for i in range(rng.choice([6, 12, 30]))]
    sets = [frozenset(rng.sample(vocabulary, rng.randint(0, 6))) for _ in range(60)]
    weight = weigh(sets)
    for threshold in (0.35, 0.5, SAME_QUESTION, 0.9, 1.0):
        assert similar(sets, weight, threshold) == _brute_force(sets, weight, threshold), threshold


@pytest.mark.slow
def test_each_card_is_compared_with_a_bounded_number_of_others(monkeypatch: Any) -> None:
    """10,000 questions on few topics: the comparisons grow with the cards, not with their square.

    Without rare words, 2,500 and then 5,000 questions (5,000 and 10,000 with ``DECKGEN_THOROUGH=1``):
    doubling the questions about doubles the comparisons, where comparing all pairs would quadruple
    them (the larger run costs seconds, nearly all of it comparisons)."""
    calls = 0
    original = interference.similarity

    def counting(a: frozenset[str], b: frozenset[str], weight: dict[str, float]) -> float:
        nonlocal calls
        calls += 1
        return original(a, b, weight)

    monkeypatch.setattr(interference, "similarity", counting)
    rng = random.Random(7)
    topics = [f"topic{i}" for i in range(20)]
    sets = [
        frozenset([*rng.sample(topics, 3), f"case{n}"]) for n in range(10_000)
    ]  # each shares its three topic words with about 1,000 others
    assert similar(sets, weigh(sets), SAME_QUESTION) == {}
    assert calls <= 10_000  # the rare word alone is each prefix, so no pair is even compared
    made = []  # questions with no rare words at all: twice as many make about twice the comparisons
    sizes = (5_000, 10_000) if THOROUGH else (2_500, 5_000)
    for size in sizes:
        common = [frozenset(rng.sample(topics, 4)) for _ in range(size)]
        calls = 0
        similar(common, weigh(common), SAME_QUESTION)
        made.append(calls)
    assert 0 < made[1] < 3 * made[0]  # all pairs would make four times as many
    assert made[1] < sizes[1] * (sizes[1] - 1) // 2 // 10


def test_similarity_weighs_rare_words_more() -> None:
    sets = [frozenset(["ms", "lesion", "myelin"]), frozenset(["ms", "lesion", "scar"])]
    sets += [frozenset(["ms", "lesion", f"x{i}"]) for i in range(20)]
    weight = weigh(sets)
    assert weight["ms"] < weight["myelin"]
    assert similarity(sets[0], sets[1], weight) < 0.5 == len(sets[0] & sets[1]) / len(sets[0] | sets[1])
    assert similarity(sets[0], sets[0], weight) == 1.0
    assert similarity(sets[0], frozenset(["other"]), weight | {"other": 1.0}) == 0.0


def test_w406_between_reversed_cards_and_never_for_cloze_texts() -> None:
    term = "  - id: {id}\n    kind: reversed\n    question: {q}\n    answer: {a}\n"
    term += "    evidence: {{doc: MRI uses}}\n"
    text = HEADER + term.format(id="t1", q="Myelin sheath", a="An insulating layer.")
    text += term.format(id="t2", q="The myelin sheath", a="A fatty coat.")
    assert check(text) == [("W406", 16, 15)]
    gap = (
        "  - id: {id}\n    kind: cloze\n    text: {text}\n    evidence: {{doc: The CNS includes the brain}}\n"
    )
    first = gap.format(id="g1", text="The CNS includes the {{c1::brain}}.")
    later = gap.format(id="g2", text="The {{c1::CNS}} includes the brain.")
    assert check(HEADER + first + later) == []
