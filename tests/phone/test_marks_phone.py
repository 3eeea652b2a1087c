"""Maths, chemistry, code and tables on a phone, and a deck's own style, in both engines.

The marks sample (:data:`MARKS`: maths inline and displayed, ``\\ce{}``, inline
code, a highlighted block with a long line, a table, a cloze deletion of maths,
a type-in card) is built, imported into Anki and each card side measured as in
:mod:`tests.phone.test_phone`, with MathJax 3 typesetting in the page as in
Anki's clients (:mod:`tests.phone.mathjax`): every check of the default cards
holds (width, font size, contrast of every text, every code token's colour
among them, in light and each night mode), MathJax made an element for every
formula and left no delimiter on screen, and code blocks and tables end
within the screen, a block too wide for it scrolling inside itself. The same
cards with the sample's own style (``deck: style: deck.css``) are measured
the same way, and a style that breaks the phone rules is reported like any
card that does.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.compile.notetype import CSS
from generator.compile.notetypes import MARKS_CSS
from tests.conftest import ROOT
from tests.phone import mathjax
from tests.phone.checks import (
    ENGINE_PHONES,
    check_marks,
    faces,
    find_problems,
    need_anki,
    report,
)
from tests.phone.engines import Engine, views
from tests.phone.render import PHONES, RenderedCard, render_deck

pytestmark = [pytest.mark.anki, pytest.mark.browser]

MARKS = ROOT / "tests" / "phone" / "marks" / "cards.yaml"
TOKENS = {"span.dg-k", "span.dg-s", "span.dg-c", "span.dg-b", "span.dg-f"}
"""The token classes the sample's code block shows (keyword, string, comment, built-in, function)."""


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[RenderedCard]]:
    """The marks sample's cards rendered by Anki: as written, and with its own style."""
    need_anki()
    folder = tmp_path_factory.mktemp("styled") / "marks"
    shutil.copytree(MARKS.parent, folder)
    cards = folder / "cards.yaml"
    cards.write_text(
        cards.read_text().replace("  id: 1700000000777\n", "  id: 1700000000777\n  style: deck.css\n", 1)
    )
    return {"default": render_deck(MARKS), "styled": render_deck(cards)}


def test_the_sample_uses_every_mark_and_the_styled_deck_its_style(
    decks: dict[str, list[RenderedCard]],
) -> None:
    default, styled = decks["default"], decks["styled"]
    assert all(card.css.endswith(MARKS_CSS) and card.css.startswith(CSS) for card in default)
    style = (MARKS.parent / "deck.css").read_text()
    assert all(card.css.endswith(style) for card in styled)
    sides = " ".join(c.question + c.answer for c in default)
    for mark in ("\\(", "\\[", "\\ce{", "<code>", 'class="dg-code"', 'class="dg-table"'):
        assert mark in sides, mark


@pytest.mark.parametrize(("engine", "phone"), ENGINE_PHONES, indirect=["engine"])
@pytest.mark.parametrize("look", ["default", "styled"])
def test_maths_code_and_tables_read_well_on_a_phone(
    decks: dict[str, list[RenderedCard]], typesetting: Engine, phone: str, look: str
) -> None:
    engine = typesetting
    deck = decks[look]
    width, height = PHONES[phone]
    before = len(engine.requests())
    sides, names = faces(deck)
    results = engine.measure(sides, (width, height), views(engine.name))

    problems = find_problems(engine.name, results, names, width, height=height, fronts=names[: len(deck)])
    assert not any(problems.values()), report(engine, phone, problems)
    for view, records in results.items():
        where = f"{engine.name} at {phone}, {view}, {look}"
        check_marks(where, names, sides, records, width)
        # Every code token's colour was measured against its background, in this view's mode.
        measured = {t["tag"] for r in records for t in r["texts"]}
        assert measured >= TOKENS, f"{where}: token colours not measured: {TOKENS - measured}"
        # The block with a long line is there and scrolls inside itself (only at a phone's width).
        blocks = [b for r in records for b in r["scrollBoxes"] if b["tag"] == "pre"]
        assert blocks and any(b["scrolls"] for b in blocks), where
        assert any(b["tag"] == "div" for r in records for b in r["scrollBoxes"]), f"{where}: no table"
        assert sum(r["maths"] for r in records) >= 8, where
    assert engine.requests()[before:] == [], f"{engine.name}: a card tried to load something from outside"


BAD_STYLE = (
    ".dg-code .dg-k { color: #b0b0b0; }\n"  # a pale keyword on the light code background
    ".dg-answer { font-size: 12px; }\n"
    ".dg-table table { width: 600px; }\n"  # in its scrolling box: no harm
    ".dg-card { min-width: 480px; }\n"
)


def test_a_style_that_breaks_the_phone_rules_is_reported(
    decks: dict[str, list[RenderedCard]], typesetting: Engine
) -> None:
    """The deck's own style is measured as the default is: contrast, font size and width."""
    engine = typesetting
    deck = decks["styled"]
    assert all(c.answer.startswith("<style>") for c in deck)
    backs = [c.answer.replace("</style>", BAD_STYLE + "</style>", 1) for c in deck]
    names = [c.name for c in deck]
    problems = find_problems(engine.name, engine.measure(backs, (360, 640), views(engine.name)), names, 360)
    kinds = {kind for kind, lines in problems.items() if lines}
    assert {"contrast", "font", "overflow"} <= kinds, report(engine, "360x640", problems)
    assert any("span.dg-k" in line for line in problems["contrast"]), problems["contrast"][:5]


def test_maths_left_untypeset_is_caught(typesetting: Engine) -> None:
    """The check can fail: a formula MathJax cannot read (its closer missing) stays as typed."""
    results = typesetting.measure(
        [
            '<div class="dg-card">\\(x^2 and <code>\\(in code\\)</code></div>',
            '<div class="dg-card">\\(x^2\\)</div>',
        ],
        (360, 640),
        views(typesetting.name)[:1],
    )
    bad, good = next(iter(results.values()))
    assert (bad["maths"], bad["rawMaths"]) == (0, 1)
    assert (good["maths"], good["rawMaths"]) == (1, 0)


def test_the_mathjax_script_is_the_registry_s_version_3() -> None:
    source = mathjax.script()
    assert "window.MathJax = {" in source
    assert mathjax.VERSION.startswith("3.")
    assert Path(mathjax.cache(), f"mathjax-{mathjax.VERSION}").is_dir()
