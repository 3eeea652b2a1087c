"""Every card of the real deck, and of a sample with every card kind, rendered by Anki,
measured in both engines
Anki's clients use (Chromium and WebKit, see :mod:`tests.phone.engines`) at phone
sizes, light and in each client's night mode, sources folded and unfolded:
no sideways scrolling, text at least 16 px and the question larger, text
contrast at least 4.5:1 (WCAG AA, a typing box's too), thumb-sized source
rows and typing boxes, dates kept whole, the page light by day and dark at
night, quotes hidden folded and shown unfolded, nothing loaded from
outside; pictures loaded, with alt text, no wider than the screen and no
taller than 45% of it, the answer on the first screen (the real deck's
diagrams, and the sample's cards with pictures). Every check
runs in every engine; a failure names the engine."""

from __future__ import annotations

import base64
import struct
import time
from collections.abc import Callable, Collection, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest

from generator.compile.notetypes import KIND_CSS
from tests.conftest import ROOT, missing
from tests.media_files import png
from tests.phone.engines import ENGINES, SCALE, SCREEN, Engine, View, open_engine, unavailable, views
from tests.phone.render import PHONES, SAMPLE, RenderedCard, page, render_deck

MIN_FONT_PX = 16
MIN_CONTRAST = 4.5
BODY_FONT_PX = 18
MIN_TAP_PX = 44  # Apple's minimum touch target; Android's is 48 dp, about 44-48 CSS px
MAX_PICTURE_SHARE = 0.45  # of the screen's height
ANSWER_ROOM_PX = 48  # the answer's first line shows on the first screen
LIGHT_LUMINANCE = 0.9  # a light page's background is lighter than this ...
DARK_LUMINANCE = 0.05  # ... and a night page's darker than this

pytestmark = [pytest.mark.anki, pytest.mark.browser]


def _need_anki() -> None:
    try:
        import anki  # noqa: F401
    except ImportError:
        missing("the anki package")


@pytest.fixture(scope="session")
def deck() -> list[RenderedCard]:
    """The real deck's cards, then the sample's (every kind of card, and cards with pictures)."""
    _need_anki()
    # The sample's type-in cards are measured with a mistyped answer: right, wrong and missed letters.
    return render_deck() + render_deck(SAMPLE, typed=False)


@pytest.fixture(scope="session")
def sample() -> list[RenderedCard]:
    """The sample's cards, a type-in card's answer typed right."""
    _need_anki()
    return render_deck(SAMPLE)


@pytest.fixture(scope="module")
def sessions() -> Iterator[Callable[[str], Engine]]:
    """One browser session per engine for the whole module, opened when first needed."""
    with ExitStack() as stack:
        opened: dict[str, Engine] = {}

        def get(name: str) -> Engine:
            if name not in opened:
                reason = unavailable(name)
                if reason:
                    missing(reason)
                opened[name] = stack.enter_context(open_engine(name))
            return opened[name]

        yield get


@pytest.fixture(params=list(ENGINES))
def engine(request: pytest.FixtureRequest, sessions: Callable[[str], Engine]) -> Engine:
    return sessions(request.param)


Results = dict[View, list[dict[str, Any]]]


def _problems(
    engine: str,
    results: Results,
    names: list[str],
    width: int,
    *,
    height: int = 640,
    fronts: Collection[str] = (),
) -> dict[str, list[str]]:
    """Every problem found, by kind; each line names the engine, the view and the side.

    ``fronts`` are the names of the sides that are a card's front: each shows its
    question, larger than body text.
    """
    problems: dict[str, list[str]] = {
        "overflow": [],
        "font": [],
        "contrast": [],
        "tap": [],
        "broken": [],
        "picture": [],
        "question": [],
        "night": [],
        "fold": [],
    }
    for view, records in results.items():
        for name, r in zip(names, records, strict=True):
            where = f"{engine}, {view}: {name}"
            # A phone zooms out to fit a page wider than the screen: innerWidth grows with it.
            if max(r["scrollWidth"], r["innerWidth"]) > width:
                problems["overflow"].append(f"{where}: page is {r['scrollWidth']}px wide")
            for t in r["texts"]:
                text = f"{where}: {t['tag']}"
                if t["right"] > width + 0.5:
                    problems["overflow"].append(f"{text} ends at {t['right']:.0f}px: {t['text']!r}")
                if t["size"] < MIN_FONT_PX:
                    problems["font"].append(f"{text} is {t['size']}px: {t['text']!r}")
                if t["contrast"] < MIN_CONTRAST:
                    problems["contrast"].append(f"{text} {t['contrast']:.2f}:1: {t['text']!r}")
            low = [h for h in r["tapHeights"] if h < MIN_TAP_PX]
            problems["tap"] += [f"{where}: a source row is {h:.1f}px tall" for h in low]
            _typing_boxes(problems, where, r, width)
            problems["broken"] += [f"{where}: {number!r} breaks across lines" for number in r["broken"]]
            _pictures(problems, where, r, width, height)
            if name in fronts:
                _question(problems, where, r)
            _night(problems, where, r, view)
            # Folded, a source shows its title only; unfolded, its quote too.
            if not view.unfolded and any(r["quotes"]):
                problems["fold"].append(f"{where}: a quote shows with the sources folded")
            if view.unfolded and not all(r["quotes"]):
                problems["fold"].append(f"{where}: a quote stays hidden with the sources unfolded")
    return problems


def _typing_boxes(problems: dict[str, list[str]], where: str, r: dict[str, Any], width: int) -> None:
    for box in r["inputs"]:
        if box["right"] > width + 0.5:
            problems["overflow"].append(f"{where}: a typing box ends at {box['right']:.0f}px")
        # Below 16px, a phone zooms in when the box is tapped.
        if box["size"] < MIN_FONT_PX:
            problems["font"].append(f"{where}: a typing box's text is {box['size']}px")
        if box["height"] < MIN_TAP_PX:
            problems["tap"].append(f"{where}: a typing box is {box['height']:.1f}px tall")
        # A form control keeps the engine's own colours unless the card sets them (in dark mode too).
        if box["contrast"] < MIN_CONTRAST:
            colours = f"{box['color']} on {box['background']}"
            problems["contrast"].append(f"{where}: a typing box's text {colours} is {box['contrast']:.2f}:1")


def _question(problems: dict[str, list[str]], where: str, r: dict[str, Any]) -> None:
    """A front's question (a cloze card's text) is bigger than body text."""
    sizes = [t["size"] for t in r["texts"] if t["inQuestion"]]
    if not sizes:
        problems["question"].append(f"{where}: no question is shown")
    elif min(sizes) <= BODY_FONT_PX:
        problems["question"].append(f"{where}: question text is {min(sizes)}px, body text {BODY_FONT_PX}px")


def _night(problems: dict[str, list[str]], where: str, r: dict[str, Any], view: View) -> None:
    """Light is light and dark is dark, whichever night class the app uses."""
    luminance = r["bodyLuminance"]
    if view.mode == "light" and luminance <= LIGHT_LUMINANCE:
        problems["night"].append(f"{where}: the page is dark in light mode (luminance {luminance:.3f})")
    if view.mode != "light" and luminance >= DARK_LUMINANCE:
        problems["night"].append(f"{where}: night mode leaves the page light (luminance {luminance:.3f})")


def _pictures(problems: dict[str, list[str]], where: str, r: dict[str, Any], width: int, height: int) -> None:
    for i in r["images"]:
        if i["right"] > width + 0.5:
            problems["overflow"].append(f"{where}: a picture ends at {i['right']:.0f}px: {i['alt']!r}")
        if i["height"] > MAX_PICTURE_SHARE * height + 0.5:
            problems["picture"].append(f"{where}: a picture is {i['height']:.0f}px tall: {i['alt']!r}")
        if not i["alt"].strip():
            problems["picture"].append(f"{where}: a picture has no alt text")
        if not i["loaded"]:
            problems["picture"].append(f"{where}: a picture did not load: {i['alt']!r}")
    if r["answerTop"] is not None and r["answerTop"] > height - ANSWER_ROOM_PX:
        problems["picture"].append(
            f"{where}: the answer starts at {r['answerTop']:.0f}px, off the first screen"
        )


def _report(engine: Engine, phone: str, problems: dict[str, list[str]]) -> str:
    found = [f"[{kind}] {line}" for kind, lines in problems.items() for line in lines]
    return f"{engine.name} at {phone}: {len(found)} problem(s):\n" + "\n".join(found[:20])


ENGINE_PHONES = [(name, phone) for name, platform in ENGINES.items() for phone in platform.phones]


@pytest.mark.parametrize(("engine", "phone"), ENGINE_PHONES, indirect=["engine"])
def test_every_card_reads_well_on_a_phone(deck: list[RenderedCard], engine: Engine, phone: str) -> None:
    width, height = PHONES[phone]
    before = len(engine.requests())
    sides = [c.question for c in deck] + [c.answer for c in deck]
    names = [f"{c.name} (front)" for c in deck] + [f"{c.name} (back)" for c in deck]
    results = engine.measure(sides, (width, height), views(engine.name))

    assert list(results) == list(views(engine.name))
    assert all(len(r) == 2 * len(deck) > 0 for r in results.values())
    problems = _problems(engine.name, results, names, width, height=height, fronts=names[: len(deck)])
    assert not any(problems.values()), _report(engine, phone, problems)

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
    problems = _problems(engine.name, engine.measure(bad, (360, 640), every), names, 360, fronts=fronts)
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
    problems = _problems(engine.name, engine.measure([answer], (360, 640), views(engine.name)), ["long"], 360)
    assert not any(problems.values()), _report(engine, "360x640", problems)


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
    problems = _problems(engine.name, results, [c.name for c in sample], 360)
    assert not any(problems.values()), _report(engine, "360x640", problems)
    for view, records in results.items():
        links = [t["text"] for r in records for t in r["texts"] if t["tag"] == "a"]
        metas = [t["text"] for r in records for t in r["texts"] if t["tag"] == "span.dg-source-meta"]
        assert len(links) == (len(sample) if view.unfolded else 0), view
        assert all(text.startswith("www.example.org/health/") for text in links), view
        assert len(metas) == len(sample), view
        assert all(m.startswith("(Alexandra Featherstonehaugh-Montgomery, The Example") for m in metas), view


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_screenshots_regenerate(deck: list[RenderedCard], engine: Engine, tmp_path: Path) -> None:
    """The screenshots on docs/phone.md come from the script, at phone size, for each engine."""
    from PIL import Image

    from tests.phone.screenshots import names, take

    written = take(engine, tmp_path, deck)
    expected = (SCREEN[0] * SCALE, SCREEN[1] * SCALE)
    assert [p.name for p in written] == names(engine.name)
    page = (ROOT / "docs" / "phone.md").read_text(encoding="utf-8")
    for name in names(engine.name):
        assert _png_size(tmp_path / name) == expected
        assert _png_size(ROOT / "docs" / name) == expected
        assert f'<img src="{name}"' in page
        # Each shows its own mode: a light corner in light, a dark one at night.
        darkest, lightest = Image.open(tmp_path / name).convert("L").crop((0, 0, 8, 8)).getextrema()
        assert darkest > 230 if "-light" in name else lightest < 40, (engine.name, name, darkest, lightest)


def test_page_is_how_anki_wraps_a_card() -> None:
    html = page("<b>x</b>", "dark")
    assert '<body class="card card1 nightMode night_mode"><b>x</b></body>' in html
