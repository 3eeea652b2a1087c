"""The markup fast paths give exactly what the Markdown renderer gives."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import mediaformat
from generator.compile import markup
from tests.conftest import budget

CHARS = ["a", "b", "Z", "9", "é", " ", " ", "\t", "\u00a0", "\r", "\x00"]
CHARS += [".", ",", "?", "!", ")", "(", "'", '"']
EDGES = ["-", "+", "1.", "1)", "#", "=", "    "]
MARKUP = [*CHARS, "*", "**", "_", "-", "1.", "+", "&", "<", "\\", "`", "#", ">", "\n"]


def rendered(text: str) -> str:
    """The Markdown renderer's output for ``text``, as to_html shapes it, with no fast path."""
    text = text.strip()
    if not text:
        return ""
    if not markup._MARKDOWN_CHARS.search(text):
        return markup.escape(text)
    html: str = markup._parser().render(text).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return html


def texts(pieces: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces), max_size=8).map("".join)


@pytest.mark.slow
@settings(max_examples=budget(1500), deadline=None)
@given(texts([*CHARS, *EDGES]), st.sampled_from(["*", "**"]), texts([*CHARS, "*"]), texts(MARKUP))
def test_one_emphasis_fast_path(pre: str, mark: str, inner: str, post: str) -> None:
    text = pre + mark + inner + mark + post
    assert markup.to_html(text) == rendered(text)


@pytest.mark.slow
@settings(max_examples=budget(1500), deadline=None)
@given(texts(MARKUP))
def test_any_text(text: str) -> None:
    assert markup.to_html(text) == rendered(text)


def test_fast_path_is_taken() -> None:
    assert markup._ONE_EMPHASIS.fullmatch("What links *exam fatigue* to onset?")
    html = markup.to_html("What links *exam fatigue* to onset?")
    assert html == "What links <em>exam fatigue</em> to onset?"


PICTURE = ["![", "](", ")", "a.png", "b c", "alt", "[", "]", "!", "\\", "*", "\n", " ", "- ", "\r", "x"]


@pytest.mark.slow
@settings(max_examples=budget(3000), deadline=None)
@given(texts(PICTURE))
def test_the_pictures_the_checker_finds_are_the_pictures_rendered(text: str) -> None:
    """The checker (mediaformat.scan) and the renderer agree on every picture, in order."""
    found = [f for f in mediaformat.scan(text) if not isinstance(f, int)]
    names = {path: f"deck-{i:016x}.png" for i, path in enumerate(dict.fromkeys(f.path for f in found))}
    html = markup.to_html(text, names)
    assert re.findall(r'<img src="([^"]*)"', html) == [names[f.path] for f in found]
    assert markup.to_html(text) == rendered(text)  # and with no pictures known, they stay text


def test_a_picture_renders_as_an_img_with_its_alt_text_only_when_checked() -> None:
    names = {"images/a.png": "deck-0123456789abcdef.png"}
    text = 'See ![The "spine" <regions>](images/a.png) and ![other](images/b.png).'
    assert markup.to_html(text, names) == (
        'See <img src="deck-0123456789abcdef.png" alt="The &quot;spine&quot; &lt;regions&gt;"> '
        "and ![other](images/b.png)."
    )
    assert (
        markup.to_html("*![A](images/a.png)*", names)
        == '<em><img src="deck-0123456789abcdef.png" alt="A"></em>'
    )
    assert markup.to_html("\\![A](images/a.png)", names) == "![A](images/a.png)"
