"""References (E2xx), content (E3xx) and card quality (W4xx), each at the value it is about."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.text import closest as closest_module
from generator.text.closest import closest
from generator.text.source import SourceText
from tests.checking import CARD, HEADER, SOURCE, check, messages

GOOD = HEADER + CARD
FIX = "fix its file: path (relative to the cards file)"
QUOTE = "The CNS includes the brain, spinal cord, and optic nerves."
OTHER = CARD.replace("id: cns", "id: cns-2").replace(
    "What does the CNS include?", "Which organs form the CNS?"
)


def answer(text: str) -> str:
    return GOOD.replace("answer: The brain, spinal cord and optic nerves.", f"answer: {text}")


def question(text: str) -> str:
    return GOOD.replace("question: What does the CNS include?", f"question: {text}")


# references


def test_e201_evidence_names_an_undefined_source_at_its_key() -> None:
    assert messages(GOOD.replace("      doc: The", "      dok: The")) == [
        "W202 5:3 source 'doc' is cited by no card; cite it or remove it",
        "E201 13:7 card 'cns' cites source 'dok', which is not defined; did you mean 'doc'?",
    ]


def test_w202_source_used_by_no_card() -> None:
    extra = "sources:\n  other:\n    title: Other\n    file: doc.txt\n"
    assert messages(GOOD.replace("sources:\n", extra)) == [
        "W202 5:3 source 'other' is cited by no card; cite it or remove it"
    ]


def test_e203_source_file_missing_or_unreadable() -> None:
    found = messages(GOOD.replace("file: doc.txt", "file: missing.txt"))
    assert [f[:9] for f in found] == ["E203 5:3 "]
    assert found[0].endswith(f"missing.txt does not exist; {FIX}")
    assert check(GOOD.replace("file: doc.txt", "file: .")) == [("E203", 5, 3)]


def test_e203_source_not_utf8_or_not_a_regular_file(tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes(QUOTE.encode() + b"\nA caf\xe9.\n")
    found = messages(GOOD.replace("file: doc.txt", f"file: {latin1}"), allow_outside=True)
    assert found == [
        f"E203 5:3 source 'doc': {latin1} is not UTF-8 text (byte 0xe9 at line 2, column 6); "
        f"save it as UTF-8, or convert it, for example: iconv -f cp1252 -t utf-8 {latin1} > "
        f"{tmp_path / 'latin1-utf8.txt'} (cp1252 also reads Latin-1), and point file: at the new file"
    ]
    assert messages(GOOD.replace("file: doc.txt", "file: /dev/zero"), allow_outside=True) == [
        f"E203 5:3 source 'doc': /dev/zero is not a regular file; {FIX}"
    ]


# content


def test_e301_ids_and_source_keys_must_be_slugs() -> None:
    assert messages(GOOD.replace("id: cns", "id: CNS_1")) == [
        "E301 9:9 card id 'CNS_1' is not a slug: use lowercase letters, digits and single hyphens"
    ]
    renamed = GOOD.replace("  doc:\n", "  Doc:\n").replace("      doc: The", "      Doc: The")
    assert check(renamed) == [("E301", 5, 3)]


def test_e302_duplicate_id_names_both_positions() -> None:
    twice = GOOD + CARD.replace("What does the CNS include?", "Which organs form the CNS?")
    assert messages(twice) == [
        "E302 14:9 duplicate card id 'cns', first used at line 9, column 9; give each card its own id"
    ]


def test_e309_ids_equal_but_for_case() -> None:
    assert check(GOOD + OTHER.replace("id: cns-2", "id: Cns")) == [("E301", 14, 9), ("E309", 14, 9)]


def test_e303_empty_or_whitespace_text() -> None:
    assert messages(question("'   '")) == ["E303 10:15 card 'cns' has an empty question; write the question"]
    assert check(answer('""')) == [("E303", 11, 13)]
    assert check(GOOD.replace(QUOTE, "' '")) == [("E303", 13, 12)]


def test_e304_same_question_after_normalising() -> None:
    again = OTHER.replace("Which organs form the CNS?", "what  does the cns, INCLUDE")
    assert messages(GOOD + again) == [
        "E304 15:15 card 'cns-2' asks the same question as 'cns' (line 10, column 15); "
        "merge the cards or make the questions differ"
    ]


def test_e305_quote_not_found_shows_the_difference_and_closest_passage() -> None:
    assert messages(
        GOOD.replace("optic nerves.\n      ", "X\n      ").replace(QUOTE, QUOTE[:-13] + "optical nerves.")
    ) == [
        "E305 13:12 quote not found in doc.txt; copy the words exactly: the quote has 'optical' where "
        "the source has 'optic'; closest passage, line 5: "
        "'The CNS includes the brain, spinal cord, and optic nerves.'"
    ]


def test_e305_shows_whole_words_and_the_rest_of_the_sentence() -> None:
    # The case: not "the source has 'optic'" where it has "optic nerves.", cut at the quote's length.
    assert messages(GOOD.replace(QUOTE, "The CNS includes the brain, spinal cord, and opticnerves")) == [
        "E305 13:12 quote not found in doc.txt; copy the words exactly: the quote has 'opticnerves' where "
        "the source has 'optic nerves.'; closest passage, line 5: "
        "'The CNS includes the brain, spinal cord, and optic nerves.'"
    ]


def test_e305_an_ellipsis_cannot_match_and_a_list_of_quotes_skips_words() -> None:
    skipped = GOOD.replace(QUOTE, '"The CNS includes ... optic nerves."')
    assert messages(skipped) == [
        "E305 13:12 quote not found in doc.txt: a quote with an ellipsis ('...') cannot match, as the "
        "source has no dots there; to skip words, give a list of quotes, one a passage: "
        'doc: ["The CNS includes", "optic nerves."]'
    ]
    assert (
        check(
            skipped.replace('"The CNS includes ... optic nerves."', '["The CNS includes", "optic nerves."]')
        )
        == []
    )
    assert check(GOOD.replace(QUOTE, '"The CNS includes \u2026 optic nerves."')) == [("E305", 13, 12)]


def test_e305_quotes_match_through_typography_whitespace_and_markup() -> None:
    quote = "They\u2019re found in about 80\n        percent of people."
    assert check(GOOD.replace(QUOTE, quote)) == []
    assert check(GOOD.replace(QUOTE, '"They\'re found in  about 80 percent"')) == []


def test_e305_hint_is_bounded_on_a_large_source(monkeypatch: pytest.MonkeyPatch) -> None:
    big = SourceText(SOURCE * 4_000)  # about 1 MB, the quote's words at 16,000 places
    compared: list[object] = []
    real = closest_module.difflib.SequenceMatcher

    def counted(*args: Any, **kwargs: Any) -> Any:
        compared.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(closest_module.difflib, "SequenceMatcher", counted)
    hint = closest(big, "the brain, spinal cord, and optical nerves " * 40)
    # Bounded work: a shortlist of at most MAX_CANDIDATES places, then the best five.
    assert 0 < len(compared) <= closest_module.MAX_CANDIDATES + 5
    assert hint is not None and "the brain, spinal cord, and optic nerves" in hint[1]


def test_e306_tags_anki_would_mangle() -> None:
    tags = GOOD + "    tags: [a b, '', 'x\"y', ':bad', good::tag, ok-tag]\n"
    assert check(tags) == [("E306", 14, 12), ("E306", 14, 17), ("E306", 14, 21), ("E306", 14, 28)]
    deck_tags = GOOD.replace("  id: 1234567890\n", "  id: 1234567890\n  tags: ['has space']\n")
    assert messages(deck_tags) == [
        "E306 4:10 tag 'has space' contains whitespace (Anki would split it into several tags); "
        "use letters, digits, '-', '_' and '::' only"
    ]


def test_e313_the_tag_of_removed_cards_on_a_card_or_the_deck() -> None:
    """Learners delete every note that tag:deckgen::removed finds: its children, in any case, too."""
    tags = GOOD + "    tags: [deckgen::removed, DeckGen::Removed::x, deckgen, deckgen::removedx]\n"
    assert check(tags) == [("E313", 14, 12), ("E313", 14, 30)]
    deck_tags = GOOD.replace("  id: 1234567890\n", "  id: 1234567890\n  tags: [deckgen::removed]\n")
    assert messages(deck_tags) == [
        "E313 4:10 tag 'deckgen::removed' is the tag of removed cards (deckgen::removed): learners delete "
        "every card a search for it finds; use another tag"
    ]


def test_e307_text_too_long() -> None:
    assert check(GOOD + "    extra: " + "x" * 10_001 + "\n") == [("E307", 14, 12)]
    assert check(GOOD.replace(QUOTE, "x" * 2_001)) == [("E307", 13, 12)]


# card quality (warnings)


def test_w401_answer_given_away_in_the_question() -> None:
    text = question("Which nerves besides the brain, spinal cord and optic nerves?").replace(
        "answer: The brain, spinal cord and optic nerves.", "answer: optic nerves"
    )
    assert messages(text) == [
        "W401 10:15 card 'cns': the question contains its own answer; rephrase it so it does not",
        "W409 10:15 card 'cns' asks for a set's member by elimination ('the brain, spinal cord and optic "
        "nerves'); learners answer from the list, not the fact: give the item a cue of its own",
    ]


def test_w401_a_word_of_the_question_is_not_the_path_it_spells() -> None:
    # /boot is a path; the question's "boot loader" is not it (issue 31's false alarm).
    assert (
        check(
            question("Which directory holds the files for the boot loader?").replace(
                "answer: The brain, spinal cord and optic nerves.", "answer: /boot"
            )
        )
        == []
    )
    assert check(
        question("What is kept in /boot?").replace(
            "answer: The brain, spinal cord and optic nerves.", "answer: /boot"
        )
    ) == [("W401", 10, 15)]


def test_w402_yes_no_question() -> None:
    assert messages(question("Is the spinal cord part of the CNS?")) == [
        "W402 10:15 card 'cns' asks a yes/no question; ask for the fact itself (what, which, how)"
    ]
    assert check(question("Is the CNS the brain or the nerves?")) == []


def test_w403_very_long_answer() -> None:
    assert check(answer(" ".join(["word"] * 26))) == [("W403", 11, 13)]
    assert check(answer(" ".join(["word"] * 25))) == []


def test_w404_many_things_at_once() -> None:
    assert check(question("What does the CNS include? Where is it?")) == [("W404", 10, 15)]
    assert messages(question("List all parts of the CNS.")) == [
        "W404 10:15 card 'cns' asks for several things; split it into one card each"
    ]


def test_w405_html_in_text() -> None:
    assert check(answer("The <b>brain</b>.") + "    extra: A&nbsp;B\n") == [
        ("W405", 11, 13),
        ("W405", 14, 12),
    ]
    assert check(answer("1 < 2 and 3 > 2")) == []
