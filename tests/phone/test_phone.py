"""Every card of a sample with every card kind, rendered by Anki, measured in both engines
Anki's clients use (Chromium and WebKit, see :mod:`tests.phone.engines`) at phone
sizes, light and in each client's night mode, sources folded and unfolded:
no sideways scrolling, text at least 16 px and the question larger, text
contrast at least 4.5:1 (WCAG AA, a typing box's too), thumb-sized source
rows and typing boxes, dates kept whole, the page light by day and dark at
night, quotes hidden folded and shown unfolded, nothing loaded from
outside; pictures loaded, with alt text, no wider than the screen and no
taller than 45% of it, the answer on the first screen (the measurements:
:mod:`tests.phone.checks`). Every check runs in every engine; a failure names
the engine. The MS deck's cards are measured the same way in
:mod:`tests.deck.test_deck_on_phone`."""

from __future__ import annotations

import base64
import time

import pytest

from generator.compile.notetypes import KIND_CSS
from tests.media_files import png
from tests.phone.checks import ENGINE_PHONES, faces, find_problems, need_anki, report
from tests.phone.engines import Engine, views
from tests.phone.render import PHONES, SAMPLE, RenderedCard, page, render_deck

pytestmark = [pytest.mark.anki, pytest.mark.browser]


@pytest.fixture(scope="session")
def deck() -> list[RenderedCard]:
    """The sample's cards (every kind of card, and cards with pictures), a type-in card's answer
    mistyped: the comparison shows right, wrong and missed letters."""
    need_anki()
    return render_deck(SAMPLE, typed=False)


@pytest.fixture(scope="session")
def sample() -> list[RenderedCard]:
    """The sample's cards, a type-in card's answer typed right."""
    need_anki()
    return render_deck(SAMPLE)


@pytest.mark.parametrize(("engine", "phone"), ENGINE_PHONES, indirect=["engine"])
def test_every_card_reads_well_on_a_phone(deck: list[RenderedCard], engine: Engine, phone: str) -> None:
    width, height = PHONES[phone]
    before = len(engine.requests())
    sides, names = faces(deck)
    results = engine.measure(sides, (width, height), views(engine.name))

    assert list(results) == list(views(engine.name))
    assert all(len(r) == 2 * len(deck) > 0 for r in results.values())
    problems = find_problems(engine.name, results, names, width, height=height, fronts=names[: len(deck)])
    assert not any(problems.values()), report(engine, phone, problems)

    # What was measured: all of it (the checks above find no problem in what is not there).
    for view, records in results.items():
        where = f"{engine.name} at {phone}, {view}"
        # Every card's quotes are there: unfolded their text was measured; folded, the "fold"
        # check found each hidden.
        quotes = [t for r in records for t in r["texts"] if t["tag"] == "blockquote"]
        assert sum(len(r["quotes"]) for r in records) >= len(deck), where
        if view.unfolded:
            assert len(quotes) >= len(deck), where
        # Every source row is there to tap, folded or not.
        assert sum(len(r["tapHeights"]) for r in records) >= len(deck), where
        # Every kind was measured: cloze deletions hidden and shown, a type-in card's typing box
        # and the comparison of a mistyped answer.
        classes = {t["tag"] for r in records for t in r["texts"]}
        assert {"span.cloze", "span.typeGood", "span.typeBad", "span.typeMissed"} <= classes, where
        boxes = [box for r in records[: len(deck)] for box in r["inputs"]]
        assert len(boxes) == sum("id=typeans" in c.question for c in deck) > 0, where
        # Every picture the cards show was measured (the sample alone shows ten).
        pictures = [i for r in records for i in r["images"]]
        assert len(pictures) == sum(side.count("<img ") for side in sides) >= 10, where
    assert engine.requests()[before:] == [], f"{engine.name}: a card tried to load something from outside"
    assert any(c.ord == 1 and "dg-question" in c.question for c in deck), "no reversed or second cloze card"


def _wait_for_requests(engine: Engine, before: int, hosts: tuple[str, ...], limit: float = 10) -> list[str]:
    """The requests made since ``before``, as soon as there is one to each of ``hosts``.

    A page's requests reach the engine's record a little after the page is
    measured (tens of milliseconds), so this waits for exactly what the test
    asserts, not for a number of requests another one could make up. ``limit``
    (seconds) only bounds a run that fails: it then shows what was requested.
    """
    deadline = time.monotonic() + limit
    while True:
        requests = engine.requests()[before:]
        if all(any(host in r for r in requests) for host in hosts) or time.monotonic() > deadline:
            return requests
        time.sleep(0.05)


BAD_CARDS = {
    "pale": '<p style="color:#aaa;font-size:12px">pale and small</p>',
    "dim": '<p style="color:#444">readable by day, dim on the night background</p>',
    "url": '<p style="white-space:nowrap">https://example.org/' + "a" * 120 + "</p>",
    "wide": '<div style="width:500px">a wide block of text</div>',
    "cramped": '<details><summary style="padding:0;font-size:16px">cramped source</summary></details>',
    "date": '<p style="width:4em;font-size:16px">2019-01-07</p>',
    "images": '<img src="https://example.org/pixel.png" alt="">'
    '<img src="http://example.com/pixel.png" alt="">',
    "wide picture": '<img src="{picture}" alt="wide" style="width:600px;height:20px">',
    "no alt": '<img src="{picture}" alt=""><img src="data:image/png;base64,AAAA" alt="broken">',
    "tall picture": '<img src="{picture}" alt="tall" style="display:block;height:600px;width:40px">'
    '<div class="dg-answer">pushed down</div>',
    # A typing box with light text on a light background, in small text, too short to tap.
    "light box": '<input style="color:#ddd;background:#fafafa;font-size:12px;height:24px;width:200px">',
    # A typing box in the night text colour on the engine's own (white) field: fine by day only.
    "night box": '<div class="dg-card"><input style="color:inherit;font-size:20px;height:48px"></div>',
    # A front whose question is no bigger than body text, and one that shows none.
    "small question": '<div class="dg-card dg-front"><div class="dg-question" style="font-size:18px">'
    "a question in body size</div></div>",
    "no question": '<div class="dg-card dg-front"><p>a front without its question</p></div>',
    # Night colours that stay light, and day colours that are dark.
    "light night": "<style>.card.nightMode, .card.night_mode { --dg-bg: #f4f4f4; --dg-text: #1a1a1a; }"
    "</style><p>light at night</p>",
    "dark day": "<style>.card { --dg-bg: #202020; --dg-text: #ededed; }</style><p>dark by day</p>",
    # A quote no source folds away, and a source whose quote never shows.
    "bare quote": "<blockquote>a quote outside any source</blockquote>",
    "hidden quote": '<div class="dg-sources"><details class="dg-source"><summary>a source</summary>'
    '<blockquote style="display:none">its quote</blockquote></details></div>',
}
"""Cards of the note type (its CSS first, as on every real card) with one fault each."""


def test_the_measurements_can_fail(engine: Engine) -> None:
    """Bad cards are caught in each engine, in every view they show in: small pale text, text
    too dark for the night background, a long unbroken URL, a wide block, a cramped source
    row, a date split over two lines, pictures from the web, a picture wider than the screen,
    one without alt text, one that does not load, one that pushes the answer off the first
    screen, typing boxes hard to read or to tap, small or missing questions, night mode that
    is not dark and day mode that is, quotes shown folded and hidden unfolded."""
    before = len(engine.requests())
    picture = "data:image/png;base64," + base64.b64encode(png(40, 40)).decode()
    style = f"<style>{KIND_CSS}</style>"
    names = list(BAD_CARDS)
    bad = [style + snippet.replace("{picture}", picture) for snippet in BAD_CARDS.values()]
    fronts = {"small question", "no question"}
    every = views(engine.name)
    problems = find_problems(engine.name, engine.measure(bad, (360, 640), every), names, 360, fronts=fronts)
    found: dict[tuple[str, str], set[str]] = {}
    for kind, lines in problems.items():
        for line in lines:
            where, name = line.split(": ")[:2]
            assert where.startswith(f"{engine.name}, "), line
            found.setdefault((kind, name), set()).add(where.removeprefix(f"{engine.name}, "))
    light = {str(v) for v in every if v.mode == "light"}
    dark = {str(v) for v in every} - light
    folded = {str(v) for v in every if not v.unfolded}
    unfolded = {str(v) for v in every} - folded
    # Every view finds them, the dark ones and the folded ones too, except where a fault shows in some only.
    assert found == {
        ("overflow", "url"): light | dark,
        ("overflow", "wide"): light | dark,
        ("overflow", "wide picture"): light | dark,
        ("font", "pale"): light | dark,
        ("font", "light box"): light | dark,
        ("contrast", "pale"): light,  # #aaa is pale on white, and readable on the night background
        ("contrast", "dim"): dark,
        ("contrast", "light box"): light | dark,
        ("contrast", "night box"): dark,
        ("tap", "cramped"): light | dark,
        ("tap", "light box"): light | dark,
        ("broken", "date"): light | dark,
        ("picture", "images"): light | dark,
        ("picture", "no alt"): light | dark,
        ("picture", "tall picture"): light | dark,
        ("question", "small question"): light | dark,
        ("question", "no question"): light | dark,
        ("night", "light night"): dark,
        ("night", "dark day"): light,
        ("fold", "bare quote"): folded,
        ("fold", "hidden quote"): unfolded,
    }, engine.name
    # Each line says what is wrong.
    pictures = {line.split(": ", 2)[2] for line in problems["picture"]}
    assert pictures == {
        "a picture has no alt text",
        "a picture did not load: ''",
        "a picture did not load: 'broken'",
        "a picture is 600px tall: 'tall'",
        "the answer starts at 600px, off the first screen",
    }, engine.name
    boxes = {line.split(": ", 2)[2] for kind in ("font", "tap", "contrast") for line in problems[kind]}
    assert {
        "a typing box's text is 12px",
        "a typing box is 30.0px tall",
        "a typing box's text rgb(221, 221, 221) on rgb(250, 250, 250) is 1.30:1",
        "a typing box's text rgb(237, 237, 237) on rgb(255, 255, 255) is 1.17:1",
    } <= boxes, engine.name
    assert {line.split(": ", 2)[2] for line in problems["question"]} == {
        "question text is 18px, body text 18px",
        "no question is shown",
    }, engine.name
    requests = _wait_for_requests(engine, before, ("example.org", "example.com"))
    assert any("example.org" in r for r in requests) and any("example.com" in r for r in requests), requests


def test_long_words_and_urls_wrap(deck: list[RenderedCard], engine: Engine) -> None:
    """Text nobody wrote yet: a long URL and a long word in the answer still fit at 360 px."""
    long_text = "https://example.org/" + "x" * 150 + " Pneumonoultramicroscopicsilicovolcanoconiosis" * 3
    answer = deck[0].answer.replace('<div class="dg-answer">', f'<div class="dg-answer">{long_text} ', 1)
    assert long_text in answer
    results = engine.measure([answer], (360, 640), views(engine.name))
    problems = find_problems(engine.name, results, ["long"], 360)
    assert not any(problems.values()), report(engine, "360x640", problems)


def test_engine_is_the_one_named(engine: Engine) -> None:
    """The WebKit tests really run in WebKit, and the Chromium ones in Chromium."""
    agent = engine.user_agent()
    assert "AppleWebKit" in agent
    assert ("Chrome/" in agent) == (engine.name == "chromium"), agent


def test_a_source_with_its_author_and_a_long_address_reads_well(
    sample: list[RenderedCard], engine: Engine
) -> None:
    """The sample's source has an author and a long address: unfolded, the link is there and fits.

    (The MS deck's sources name no address; every card of the sample is also
    measured by the test above, its typed answers mistyped.)"""
    backs = [c.answer for c in sample]
    assert all('href="https://www.example.org/health/multiple-sclerosis/' in back for back in backs)
    results = engine.measure(backs, (360, 640), views(engine.name))
    problems = find_problems(engine.name, results, [c.name for c in sample], 360)
    assert not any(problems.values()), report(engine, "360x640", problems)
    for view, records in results.items():
        links = [t["text"] for r in records for t in r["texts"] if t["tag"] == "a"]
        metas = [t["text"] for r in records for t in r["texts"] if t["tag"] == "span.dg-source-meta"]
        assert len(links) == (len(sample) if view.unfolded else 0), view
        assert all(text.startswith("www.example.org/health/") for text in links), view
        assert len(metas) == len(sample), view
        assert all(m.startswith("(Alexandra Featherstonehaugh-Montgomery, The Example") for m in metas), view


def test_page_is_how_anki_wraps_a_card() -> None:
    html = page("<b>x</b>", "dark")
    assert '<body class="card card1 nightMode night_mode"><b>x</b></body>' in html
