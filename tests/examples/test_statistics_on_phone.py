"""Every card of the statistics deck, rendered by Anki, read on a phone in both engines Anki's clients
use (Chromium and WebKit), with MathJax 3 typesetting its maths as Anki's clients do
(:mod:`tests.phone.mathjax`), and the measurements the tool's phone tests make
(:mod:`tests.phone.checks`): width, font sizes, contrast of every text and code token in light and
night mode, tap targets; MathJax made an element for every formula and left no delimiter on screen;
code blocks and tables end within the screen, scrolling inside themselves when wider."""

from __future__ import annotations

import pytest

from tests.examples.conftest import STATISTICS
from tests.examples.test_statistics_in_anki import anki_cards
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


@pytest.fixture(scope="module")
def deck() -> list[RenderedCard]:
    need_anki()
    return render_deck(STATISTICS)


@pytest.mark.parametrize(("engine", "phone"), ENGINE_PHONES, indirect=["engine"])
def test_every_card_reads_well_on_a_phone(deck: list[RenderedCard], typesetting: Engine, phone: str) -> None:
    engine = typesetting
    width, height = PHONES[phone]
    before = len(engine.requests())
    sides, names = faces(deck)
    results = engine.measure(sides, (width, height), views(engine.name))

    assert list(results) == list(views(engine.name))
    assert len(deck) == anki_cards()  # every card Anki makes of the deck, each way and each deletion
    assert all(len(r) == 2 * len(deck) for r in results.values())
    problems = find_problems(engine.name, results, names, width, height=height, fronts=names[: len(deck)])
    assert not any(problems.values()), report(engine, phone, problems)
    for view, records in results.items():
        where = f"{engine.name} at {phone}, {view}"
        # What was measured: every card's quotes and sources, its maths typeset, its boxes.
        assert sum(len(r["quotes"]) for r in records) >= len(deck), where
        assert sum(len(r["tapHeights"]) for r in records) >= len(deck), where
        check_marks(where, names, sides, records, width)
        assert sum(r["maths"] for r in records) >= 30, where
        assert len([b for r in records for b in r["scrollBoxes"] if b["tag"] == "pre"]) >= 8, where
        assert len([b for r in records for b in r["scrollBoxes"] if b["tag"] == "div"]) >= 2, where
    assert engine.requests()[before:] == [], f"{engine.name}: a card tried to load something from outside"
