"""What aliases can expand to is bounded in characters of text as well as in values: a few lines
repeating a long text through aliases cannot make a check or a build hold gigabytes.

Each alias past the bound is refused (E006) where it is written, with the numbers in the message.
"""

from __future__ import annotations

from generator.load.compose import MAX_ALIAS_TEXT
from tests.checking import HEADER, messages

LONG = "word " * 1_900
"""9,500 characters: under the longest text a card may hold, so each card on its own is fine."""


def _aliased(cards: int) -> str:
    """``cards`` cards, the first with the long text as an anchor, the others repeating it by alias."""
    lines = [HEADER]
    for i in range(cards):
        answer = f"&long {LONG}" if i == 0 else "*long"
        lines.append(f"  - id: card-{i}\n    question: Question {i}?\n    answer: {answer}\n")
    return "".join(lines)


def test_text_repeated_through_aliases_is_refused_past_the_bound() -> None:
    many = MAX_ALIAS_TEXT // len(LONG) + 2  # the alias of the last card goes past the bound
    found = messages(_aliased(many))
    line = 9 + 3 * (many - 1) + 2  # cards start on line 9, three lines each: the last card's answer
    assert found == [
        f"E006 {line}:13 aliases expand to over {MAX_ALIAS_TEXT:,} characters of text in all; "
        "write the text out where it is needed, or shorten it"
    ]


def test_text_repeated_through_aliases_within_the_bound_is_read() -> None:
    found = messages(_aliased(3))
    assert not any(m.startswith("E006") for m in found), found


def test_aliases_of_collections_count_every_character_in_them() -> None:
    lines = [HEADER.replace("cards:\n", "x-text: &texts [" + ", ".join([f'"{LONG}"'] * 10) + "]\ncards:\n")]
    lines += [f"x-{i}: *texts\n" for i in range(MAX_ALIAS_TEXT // (10 * len(LONG)) + 2)]
    found = messages("".join(lines))
    assert [m.split(" ", 2)[0] for m in found][-1] == "E006", found
    assert f"over {MAX_ALIAS_TEXT:,} characters" in found[-1]
