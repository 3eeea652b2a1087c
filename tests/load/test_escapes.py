"""A backslash escape the YAML parser refuses is named, with why and the fix: never "never closed".

libyaml stops inside the quoted value, and says only that it was reading one: the quote was closed.
"""

from __future__ import annotations

import pytest

from tests.checking import CARD, HEADER, messages


def _card(answer: str) -> str:
    """The good card with its answer (line 11) written as ``answer``."""
    return HEADER + CARD.replace("The brain, spinal cord and optic nerves.", answer)


SURROGATE = (
    "is half of a UTF-16 surrogate pair, not a character; write the character itself, or the escape of "
    "a whole character (\\U0001F600 for 😀, not the pair \\ud83d\\ude00)"
)


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ('"The brain \\ud800 and cord."', f"the escape \\ud800 {SURROGATE}"),
        ('"\\udfff"', f"the escape \\udfff {SURROGATE}"),
        ('"a \\\\ b \\U0000DC00"', f"the escape \\U0000DC00 {SURROGATE}"),
        (
            '"\\U00110000"',
            "the escape \\U00110000 is past U+10FFFF, the last character there is; write the character "
            "itself, or the escape of a whole character (\\U0001F600 for 😀, not the pair \\ud83d\\ude00)",
        ),
        (
            '"C:\\q"',
            "\\q is not an escape YAML knows in double quotes; for a backslash write two (\\\\), "
            "or wrap the value in single quotes, where a backslash is plain text",
        ),
        (
            '"a \\\\\\q"',
            "\\q is not an escape YAML knows in double quotes; for a backslash write two (\\\\), "
            "or wrap the value in single quotes, where a backslash is plain text",
        ),
        ('"\\u12 and"', "the escape \\u12 needs 4 hexadecimal digits after \\u; write them all"),
    ],
)
def test_an_escape_yaml_refuses_is_named(answer: str, message: str) -> None:
    found = messages(_card(answer))
    assert len(found) == 1, found
    assert found[0].startswith("E001 11:")
    assert found[0].split(" ", 2)[2] == "YAML syntax error: " + message
