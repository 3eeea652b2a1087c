"""YAML syntax errors a new author can act on: what happened in plain words, and the fix.

Each case is the mistake as a new author writes it, with the exact message at
the exact line and column the parser stopped at.
"""

from __future__ import annotations

import pytest

from tests.checking import CARD, HEADER, messages

E = "E001 {}:{} YAML syntax error: "


def _card(line: str) -> str:
    """The good card with its answer line (line 11) replaced by ``line``."""
    return HEADER + CARD.replace("    answer: The brain, spinal cord and optic nerves.", line)


def test_a_colon_and_space_inside_a_plain_value() -> None:
    assert messages(_card("    answer: Note: Version 2.0.")) == [
        E.format(11, 17) + "the value of 'answer' contains ': ', which YAML reads as the start of a new key; "
        'wrap the whole value in double quotes: answer: "Note: Version 2.0."'
    ]


def test_a_value_that_ends_with_a_colon() -> None:
    assert messages(_card("    answer: Note:")) == [
        E.format(11, 17) + "the value of 'answer' ends with ':', which YAML reads as the start of a new key; "
        'wrap the whole value in double quotes: answer: "Note:"'
    ]


def test_the_suggested_fix_escapes_quotes_and_shortens_long_values() -> None:
    assert messages(_card('    answer: He said "no": twice.'))[0].endswith(
        'wrap the whole value in double quotes: answer: "He said \\"no\\": twice."'
    )
    found = messages(_card("    answer: A " + "very " * 20 + "long answer: with a colon."))
    assert len(found) == 1
    assert found[0].endswith(
        'in double quotes: answer: "A very very very very very very very very very very very …"'
    )


def test_an_apostrophe_inside_single_quotes() -> None:
    assert messages(_card("    answer: 'Don't stop the treatment.'")) == [
        E.format(11, 18) + "the apostrophe in \"Don't\" ends the single-quoted value of 'answer' early; "
        "inside single quotes write it twice (\"Don''t\"), or wrap the whole value in double quotes instead: "
        'answer: "Don\'t stop the treatment."'
    ]


def test_an_apostrophe_inside_single_quotes_in_a_flow_mapping() -> None:
    text = HEADER + "  - {id: cns, answer: 'Don't stop', question: Why?, evidence: {doc: x}}\n"
    assert messages(text) == [
        E.format(9, 28) + 'the apostrophe in "Don\'t" ends a single-quoted value early; '
        "inside single quotes write it twice (\"Don''t\"), or wrap the whole value in double quotes instead"
    ]


def test_a_value_that_starts_with_a_double_quote_and_goes_on_after_it() -> None:
    assert messages(_card('    answer: "Yes" is the short answer.')) == [
        E.format(11, 19) + "the value of 'answer' starts with a quote, so YAML takes \"Yes\" "
        "as the whole value and cannot place the rest ('is the short answer.'); "
        "wrap the whole value in single quotes: "
        "answer: '\"Yes\" is the short answer.'"
    ]


def test_a_value_that_starts_with_a_single_quote_and_goes_on_after_it() -> None:
    assert messages(_card("    answer: 'Yes' is the short answer.")) == [
        E.format(11, 19) + "the value of 'answer' starts with a quote, so YAML takes 'Yes' "
        "as the whole value and cannot place the rest ('is the short answer.'); "
        "wrap the whole value in double quotes: "
        "answer: \"'Yes' is the short answer.\""
    ]


def test_a_value_that_starts_with_a_bracket_and_goes_on_after_it() -> None:
    assert messages(_card("    answer: [1] See the first source.")) == [
        E.format(11, 17) + "the value of 'answer' starts with '[', so YAML reads '[1]' as a list and cannot "
        "place the rest ('See the first source.'); to write text, wrap the whole value in double quotes: "
        'answer: "[1] See the first source."'
    ]


def test_a_key_indented_less_than_the_keys_above_it() -> None:
    assert messages(_card("   answer: The brain.")) == [
        E.format(11, 4) + "this line is indented by 3 spaces, which lines it up with no line above it; "
        "indent 'answer' by 4 to line up with 'question' on line 10, "
        "or by 0 to line up with 'cards' on line 8"
    ]


def test_a_key_indented_more_than_the_key_above_it() -> None:
    assert messages(_card("      answer: The brain.")) == [
        E.format(11, 13) + "'answer' is indented more than line 10 above it, "
        "so YAML reads it as more of that line's value; "
        "indent 'answer' by 4 spaces, like 'question' on line 10"
    ]


def test_a_list_dash_indented_out_of_line() -> None:
    text = HEADER + CARD + CARD.replace("  - id: cns", " - id: cns-2")
    assert messages(text) == [
        E.format(14, 2) + "this line is indented by 1 space, which lines it up with no line above it; "
        "indent the '-' by 2 to line up with the '-' on line 9"
    ]


def test_a_deck_key_indented_by_one_space() -> None:
    text = HEADER.replace("  id: 1234567890", " id: 1234567890") + CARD
    assert messages(text) == [
        E.format(3, 2) + "this line is indented by 1 space, which lines it up with no line above it; "
        "indent 'id' by 2 to line up with 'name' on line 2, or by 0 to line up with 'deck' on line 1"
    ]


def test_a_tab_used_for_indentation() -> None:
    assert messages(_card("\tanswer: The brain.")) == [
        "E004 11:1 a tab indents this line, and YAML allows only spaces for indentation; "
        "replace the tab with spaces"
    ]


def test_a_quote_that_is_never_closed() -> None:
    assert messages(_card('    answer: "The brain.')) == [
        E.format(14, 1) + "the quoted value that starts at line 11, column 13 is never closed; "
        "end it with the same quote it starts with"
    ]


@pytest.mark.parametrize(
    ("value", "meaning"),
    [
        ("@home", "a reserved character"),
        ("`code`", "a reserved character"),
        ("% of people", "a directive"),
        ("& more", "an anchor"),
        ("- one", "a list entry"),
        ("| yes", "a block of text starting on the next line"),
    ],
)
def test_a_value_that_starts_with_a_reserved_character(value: str, meaning: str) -> None:
    found = messages(_card(f"    answer: {value}"))
    assert len(found) == 1 and found[0].startswith("E001 11:")
    assert found[0].endswith(
        f"the value of 'answer' starts with '{value[0]}', which YAML reads as {meaning}; to write text "
        f'that starts with it, wrap the whole value in double quotes: answer: "{value}"'
    )


def test_emphasis_at_the_start_of_a_value() -> None:
    assert messages(_card("    answer: *80* percent")) == [
        E.format(11, 16) + "the value of 'answer' starts with '*', which YAML reads as an alias "
        "(a reference to an '&' anchor); to write text that starts with it (for *emphasis* at the start), "
        'wrap the whole value in double quotes: answer: "*80* percent"'
    ]
    assert messages(_card("    answer: *emphasis")) == [
        "E001 11:13 alias *emphasis names no anchor (&emphasis) defined before it; to write text that "
        "starts with '*' (for *emphasis*), wrap the whole value in double quotes"
    ]


def test_other_errors_keep_the_parsers_words() -> None:
    assert messages("deck:\n  name: [unclosed\n  id: 1\n") == [
        "E001 3:5 YAML syntax error: did not find expected ',' or ']' "
        "(while parsing a flow sequence at line 2, column 9)"
    ]
