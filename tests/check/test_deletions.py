"""Cloze deletions that hide no fact (W420), and those the card's own text gives away (W421)."""

from __future__ import annotations

import json

import pytest

from tests.checking import HEADER, check, messages

EVIDENCE = '    evidence: {doc: "The CNS includes the brain, spinal cord, and optic nerves."}\n'


def cloze(*texts: str) -> str:
    """A file of cloze cards c0, c1, … (the k-th card's text at line 11 + 4k, column 11)."""
    return HEADER + "".join(
        f"  - id: c{k}\n    kind: cloze\n    text: {json.dumps(text)}\n" + EVIDENCE
        for k, text in enumerate(texts)
    )


def test_w420_a_deletion_of_function_words_or_words_that_name_nothing() -> None:
    assert messages(cloze("Symptoms depend on {{c1::where it is}} and {{c2::its cause}}.")) == [
        "W420 11:11 card 'c0': deletion c1 hides 'where it is', only function words; "
        "hide a fact the learner must recall"
    ]
    assert check(cloze("MS {{c1::can}} cause lesions in the {{c2::spinal cord}}.")) == [("W420", 11, 11)]
    assert messages(cloze("Symptoms depend on the {{c1::type}} of lesion and on {{c2::its cause}}.")) == [
        "W420 11:11 card 'c0': deletion c1 hides 'type', a word that names no fact; "
        "hide a fact the learner must recall"
    ]


def test_w420_a_number_word_that_counts_the_list_after_it() -> None:
    assert messages(
        cloze("{{c1::Two}} symptoms make a person unsteady: poor balance and {{c2::vertigo}}.")
    ) == [
        "W420 11:11 card 'c0': deletion c1 hides 'Two', the number of the list that follows it; "
        "hide a fact the learner must recall"
    ]
    # A number that is itself the fact is not filler.
    assert check(cloze("MS is about {{c1::three}} times more common in women.")) == []


def test_w420_a_word_most_of_a_large_decks_cards_use() -> None:
    texts = [f"MS lesions of type {{{{c1::t{k}}}}} are known." for k in range(19)]
    bad = "A scan finds {{c1::lesions}} in the {{c2::thoracic}} cord."
    found = check(cloze(*texts, bad))
    assert found == [("W420", 11 + 4 * 19, 11)]
    assert check(cloze(*texts[:18], bad)) == []  # in a deck of fewer than 20 cards, no word is common


def test_w420_leaves_an_empty_deletion_to_e329() -> None:
    assert check(cloze("The CNS includes the {{c1::}} brain and the {{c2::optic nerves}}.")) == [
        ("E329", 11, 33)
    ]


def test_w421_the_text_shows_what_a_deletion_hides() -> None:
    assert messages(
        cloze("A coating called {{c1::myelin}} protects nerves; the loss of myelin causes MS symptoms.")
    ) == [
        "W421 11:11 card 'c0': deletion c1 hides 'myelin', and the text shows it elsewhere; "
        "hide it everywhere, or reword the text"
    ]
    # In another form: "inflamed" shows "inflammation".
    assert check(cloze("In MS, {{c1::inflammation}} strips myelin from inflamed nerves.")) == [
        ("W421", 11, 11)
    ]
    # Each card shows the other deletions: hidden by c2, "myelin" is shown on c1's card.
    assert check(cloze("{{c1::Myelin}} protects nerves; {{c2::myelin}} loss causes symptoms.")) == [
        ("W421", 11, 11),
        ("W421", 11, 11),
    ]
    # Hidden in every place, it is asked for, not given away.
    assert check(cloze("{{c1::Myelin}} protects nerves; {{c1::myelin}} loss causes {{c2::symptoms}}.")) == []


def test_w421_a_gloss_of_the_hidden_term() -> None:
    assert messages(cloze("MS lesions are found in the {{c1::thoracic}} cord, the part of the chest.")) == [
        "W421 11:11 card 'c0': deletion c1 hides 'thoracic', and the text says 'chest'; "
        "hide it everywhere, or reword the text"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Disease-modifying therapies reduce {{c1::inflammation}} and {{c2::demyelination}}.",
        "Medicines for MS are given as {{c1::injections}} or {{c2::oral medications}}.",
    ],
)
def test_w421_two_deletions_that_are_the_halves_of_a_pair(text: str) -> None:
    assert check(cloze(text)) == [("W421", 11, 11), ("W421", 11, 11)]


def test_w421_the_other_half_of_a_pair_in_the_text() -> None:
    assert messages(cloze("Disease-modifying therapies reduce {{c1::inflammation}} and demyelination.")) == [
        "W421 11:11 card 'c0': deletion c1 hides 'inflammation', and the text shows 'demyelination', "
        "which is said together with it; hide it everywhere, or reword the text"
    ]


def test_good_deletions_get_nothing() -> None:
    assert (
        check(
            cloze(
                "The CNS includes the {{c1::brain}}, the {{c2::spinal cord}} and the {{c3::optic nerves}}.",
                "Spinal cord lesions are found in most people {{c1::newly diagnosed}} with {{c2::MS}}.",
                "A lesion of the cord affects the body {{c1::below its level}}.",
            )
        )
        == []
    )
