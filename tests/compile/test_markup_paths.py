"""The markup fast paths give exactly what the Markdown renderer gives."""

from __future__ import annotations

import re
import subprocess
import sys
from functools import lru_cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from generator import mediaformat
from generator.compile import markup
from tests.conftest import budget

CHARS = ["a", "b", "Z", "9", "é", " ", " ", "\t", "\u00a0", "\r", "\x00"]
CHARS += [".", ",", "?", "!", ")", "(", "'", '"']
EDGES = ["-", "+", "1.", "1)", "#", "=", "    "]
MARKUP = [*CHARS, "*", "**", "_", "-", "1.", "+", "&", "<", "\\", "`", "#", ">", "\n", "|", "~~~"]


MARKS = re.compile(r"[*_\\`\n|]|!\[|~~~|^\s*(?:[-+]|\d+[.)])\s", re.M)
"""What makes card text Markdown: an emphasis, escape or code mark, a line break, a table's bar, a
fence of tildes, a picture, or a list item's marker at a line's start. Text with none of them is
plain text, shown as written (``-`` alone is a dash, not an empty list)."""


@lru_cache(maxsize=1)
def commonmark() -> MarkdownIt:
    """A Markdown renderer of the subset card text may use, set up here on its own: CommonMark's
    emphasis, lists, line breaks, escapes, code and pipe tables, raw HTML shown as text. Maths is
    read by the tool's own rule (a backslash always takes text to the renderer, so no fast path
    meets maths), and code blocks and tables are drawn as the tool draws them."""
    md = MarkdownIt("zero", {"html": False, "breaks": True, "linkify": False, "typographer": False})
    md.enable(["emphasis", "list", "newline", "escape", "backticks", "fence", "table"])
    md.inline.ruler.before("escape", "dg_maths", markup._maths)
    for name in ("dg_maths", "fence", "table_open", "table_close"):
        md.add_render_rule(name, markup._parser().renderer.rules[name])
    return md


def rendered(text: str) -> str:
    """The Markdown renderer's output for ``text``, as to_html shapes it, with no fast path."""
    text = text.strip()
    if not MARKS.search(text):
        return markup.escape(text)
    html: str = commonmark().render(text).strip()
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


def test_plain_text_and_one_emphasis_never_need_the_markdown_renderer() -> None:
    """The fast paths are taken: the renderer (markdown-it) is not even imported for them."""
    code = (
        "import sys; from generator.compile.markup import to_html; "
        "print(to_html('What links *exam fatigue* to onset?'), to_html('MS & the CNS'), to_html('-'), "
        "'markdown_it' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split("\n")[0] == "What links <em>exam fatigue</em> to onset? MS &amp; the CNS - False"


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
