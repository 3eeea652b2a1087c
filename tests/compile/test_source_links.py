"""A source's author and address on the back of its cards: linked only when it is a plain http(s) address."""

from __future__ import annotations

import pytest

from generator.compile.notes import compile_notes
from generator.urls import url_problem
from tests.checking import CARD, HEADER, messages, run

URL = "https://www.example.org/health/ms-spine-lesions/?page=2&lang=en"


def _sources_field(url: str) -> str:
    text = HEADER.replace(
        "    file: doc.txt\n", f"    file: doc.txt\n    author: Ann O'Neil\n    url: {url}\n"
    )
    cards_file, found = run(text + CARD)
    assert cards_file is not None, found
    return compile_notes(cards_file)[0].fields[3]


def test_the_author_and_a_link_show_with_the_quotes() -> None:
    assert _sources_field(URL) == (
        '<details class="dg-source"><summary><span class="dg-source-title">A small document</span> '
        '<span class="dg-source-meta">(Ann O\'Neil)</span></summary>'
        "<blockquote>The CNS includes the brain, spinal cord, and optic nerves.</blockquote>"
        '<p class="dg-source-link"><a href="https://www.example.org/health/ms-spine-lesions/?page=2&amp;lang=en">'
        "www.example.org/health/ms-spine-lesions/?page=2&amp;lang=en</a></p></details>"
    )


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("javascript:alert(1)", "it does not start with http:// or https://"),
        ("file:///etc/passwd", "it does not start with http:// or https://"),
        ("www.example.org", "it does not start with http:// or https://"),
        ("https://", "it names no host"),
        ('https://example.org/"onmouseover="x', "it holds '\"', which an address never holds as is"),
        ("https://user:secret@example.org/", "it holds a user name or password"),
    ],
)
def test_anything_but_a_plain_web_address_is_warned_about_and_not_linked(url: str, problem: str) -> None:
    assert url_problem(url) == problem
    quoted = url.replace("'", "''")
    text = HEADER.replace("    file: doc.txt\n", f"    file: doc.txt\n    url: '{quoted}'\n") + CARD
    assert messages(text) == [
        f"W204 8:10 source 'doc' url is not a plain web address: {problem}; cards show no link to it"
    ]
    field = _sources_field(f"'{quoted}'")
    assert "<a " not in field and "dg-source-link" not in field


def test_plain_http_is_linked_too() -> None:
    assert url_problem("http://example.org") is None
    assert '<a href="http://example.org">example.org</a>' in _sources_field("http://example.org")


def test_reviewed_by_is_checked_but_is_a_record_for_the_author_only() -> None:
    """A source's reviewed_by is text like the other keys (E330), and no card shows it."""
    plain = run(HEADER + CARD)[0]
    reviewed = HEADER.replace("file: doc.txt\n", "file: doc.txt\n    reviewed_by: Nancy Hammond, MD\n")
    cards_file, found = run(reviewed + CARD)
    assert cards_file is not None and plain is not None and found == []
    assert compile_notes(cards_file)[0].fields == compile_notes(plain)[0].fields
    assert messages(reviewed.replace("Nancy Hammond, MD", '"Nancy\\x07"') + CARD)[0].startswith("E330 8:")
