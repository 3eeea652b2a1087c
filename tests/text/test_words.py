"""Content words and their simple stems, as the card-quality rules compare them."""

from __future__ import annotations

import pytest

from generator.text.words import STOPWORDS, content, stem


@pytest.mark.parametrize(
    ("words", "same"),
    [
        (["lesion", "lesions", "Lesions"], "lesion"),
        (["protect", "protects", "protected", "protecting"], "protect"),
        (["therapy", "therapies"], "therapi"),
        (["cause", "causes", "caused", "causing"], "caus"),
        (["modify", "modified", "modifying"], "modifi"),
        (["process", "processes"], "process"),
        (["slow", "slowly", "slowing"], "slow"),
    ],
)
def test_word_forms_share_a_stem(words: list[str], same: str) -> None:
    assert {stem(word) for word in words} == {same}


@pytest.mark.parametrize(
    ("word", "other"),
    [("spinal", "spine"), ("nervous", "nerve"), ("diagnosis", "diagnose"), ("thing", "the")],
)
def test_derived_words_and_short_roots_stay_apart(word: str, other: str) -> None:
    assert stem(word) != stem(other)


def test_short_words_and_numbers_are_kept_as_they_are() -> None:
    assert [stem(w) for w in ("ms", "cns", "80", "2019", "is")] == ["ms", "cns", "80", "2019", "is"]


def test_content_drops_function_words_and_single_letters_but_keeps_digits() -> None:
    words = ["what", "does", "the", "scan", "of", "the", "brain", "look", "for"]
    assert content(words) == ["scan", "brain", "look"]
    assert content(["a", "s", "5", "x", "ms"]) == ["5", "ms"]
    assert {"which", "besides", "according", "the"} <= STOPWORDS
