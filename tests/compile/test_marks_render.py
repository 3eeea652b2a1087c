"""Maths, code and tables in card text: what the build writes into a note's fields."""

from __future__ import annotations

import pytest

from generator.compile.markup import to_html
from generator.compile.notetypes import MARKS_CSS, deck_css


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("\\(E = mc^2\\)", "\\(E = mc^2\\)"),
        ("\\(a_1 * b_2 < c\\) and *b*", "\\(a_1 * b_2 &lt; c\\) and <em>b</em>"),
        ("\\[\\sum_{i=1}^{n} x_i\\]", "\\[\\sum_{i=1}^{n} x_i\\]"),
        ("\\(\\ce{2H2 + O2 -> 2H2O}\\)", "\\(\\ce{2H2 + O2 -&gt; 2H2O}\\)"),
        ("\\(a \\\\ b\\)", "\\(a \\\\ b\\)"),
        ("{{c1::\\(x^2\\)}} is _it_", "{{c1::\\(x^2\\)}} is <em>it</em>"),
    ],
)
def test_nothing_inside_maths_is_markdown(text: str, html: str) -> None:
    assert to_html(text) == html


def test_an_escaped_backslash_opens_no_maths() -> None:
    assert to_html("a \\\\(b\\\\)") == "a \\(b\\)"


def test_inline_code_is_code_and_keeps_its_marks() -> None:
    assert to_html("run `ls *.txt | wc -l` now") == "run <code>ls *.txt | wc -l</code> now"
    assert to_html("`\\(x\\)` is not maths") == "<code>\\(x\\)</code> is not maths"


def test_a_fenced_block_is_highlighted_with_classes_and_no_script() -> None:
    html = to_html('```python\nif x:\n    print("<b>")  # say\n```')
    assert html == (
        '<pre class="dg-code"><code><span class="dg-k">if </span>x:\n    <span class="dg-b">print</span>('
        '<span class="dg-s">&quot;&lt;b&gt;&quot;</span>)  <span class="dg-c"># say</span></code></pre>'
    )


def test_a_block_in_a_language_pygments_does_not_know_is_plain_text() -> None:
    assert to_html("```klingon\nx < y\n```") == '<pre class="dg-code"><code>x &lt; y</code></pre>'
    assert to_html("~~~\nx\n~~~") == '<pre class="dg-code"><code>x</code></pre>'


def test_a_pipe_table_is_in_a_box_of_its_own() -> None:
    html = to_html("| unit | symbol |\n|---|:-:|\n| metre | m |")
    assert html == (
        '<div class="dg-table"><table>\n<thead>\n<tr>\n<th>unit</th>\n'
        '<th style="text-align:center">symbol</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>metre</td>\n'
        '<td style="text-align:center">m</td>\n</tr>\n</tbody>\n'
        "</table></div>"
    )


def test_a_bar_alone_is_text() -> None:
    assert to_html("a | b") == "a | b"


def test_the_marks_css_goes_only_to_decks_that_use_marks() -> None:
    plain = [("What is MS?", "A disease", "", "", "ms")]
    assert deck_css(plain) == ""
    for field in (to_html("`x`"), to_html("\\(x\\)"), to_html("| a |\n|---|\n| b |")):
        assert deck_css([*plain, ("q", field)]) == MARKS_CSS
    assert deck_css(plain, ".card { color: red; }").endswith("*/\n.card { color: red; }")
