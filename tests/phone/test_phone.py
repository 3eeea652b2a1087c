"""Every card of the real deck, and of a sample with every card kind, rendered by Anki,
measured in both engines
Anki's clients use (Chromium and WebKit, see :mod:`tests.phone.engines`) at phone
sizes, light and in each client's night mode, sources folded and unfolded:
no sideways scrolling, text at least 16 px, text contrast at least 4.5:1
(WCAG AA), thumb-sized source rows, dates kept whole, nothing loaded from
outside; pictures loaded, with alt text, no wider than the screen and no
taller than 45% of it, the answer on the first screen (the real deck's
diagrams, and the sample's cards with pictures). Every check
runs in every engine; a failure names the engine."""

from __future__ import annotations

import base64
import struct
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest

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

pytestmark = [pytest.mark.anki, pytest.mark.browser]


@pytest.fixture(scope="module")
def deck() -> list[RenderedCard]:
    """The real deck's cards, then the sample's (every kind of card, and cards with pictures)."""
    try:
        import anki  # noqa: F401
    except ImportError:
        missing("the anki package")
    # The sample's type-in cards are measured with a mistyped answer: right, wrong and missed letters.
    return render_deck() + render_deck(SAMPLE, typed=False)


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


def _problems(results: Results, names: list[str], width: int, height: int = 640) -> dict[str, list[str]]:
    """Every problem found, by kind; each line names the view and the side."""
    problems: dict[str, list[str]] = {
        "overflow": [],
        "font": [],
        "contrast": [],
        "tap": [],
        "broken": [],
        "picture": [],
    }
    for view, records in results.items():
        for name, r in zip(names, records, strict=True):
            where = f"{view}: {name}"
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
            for box in r.get("inputs", []):
                if box["right"] > width + 0.5:
                    problems["overflow"].append(f"{where}: a typing box ends at {box['right']:.0f}px")
                # Below 16px, a phone zooms in when the box is tapped.
                if box["size"] < MIN_FONT_PX:
                    problems["font"].append(f"{where}: a typing box's text is {box['size']}px")
                if box["height"] < MIN_TAP_PX:
                    problems["tap"].append(f"{where}: a typing box is {box['height']:.1f}px tall")
            problems["broken"] += [f"{where}: {number!r} breaks across lines" for number in r["broken"]]
            _pictures(problems, where, r, width, height)
    return problems


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
    problems = _problems(results, names, width, height)
    assert not any(problems.values()), _report(engine, phone, problems)

    for view, records in results.items():
        where = f"{engine.name} at {phone}, {view}"
        quotes = [t for r in records for t in r["texts"] if t["tag"] == "blockquote"]
        # Folded sources hide their quotes; unfolded, every quote is measured too.
        assert len(quotes) >= len(deck) if view.unfolded else quotes == [], where
        # Every source row is there to tap, folded or not.
        assert sum(len(r["tapHeights"]) for r in records) >= len(deck), where
        # The question (a cloze card's text) is bigger than body text on the front.
        fronts = [[t["size"] for t in r["texts"] if t["inQuestion"]] for r in records[: len(deck)]]
        assert all(fronts) and min(min(sizes) for sizes in fronts) > BODY_FONT_PX, where
        # Every kind was measured: cloze deletions hidden and shown, a type-in card's typing box
        # and the comparison of a mistyped answer.
        classes = {t["tag"] for r in records for t in r["texts"]}
        assert {"span.cloze", "span.typeGood", "span.typeBad", "span.typeMissed"} <= classes, where
        boxes = [box for r in records[: len(deck)] for box in r["inputs"]]
        assert len(boxes) == sum("id=typeans" in c.question for c in deck) > 0, where
        # Light is light and dark is dark, whichever night class the app uses.
        luminance = [r["bodyLuminance"] for r in records]
        light = view.mode == "light"
        assert all(v > 0.9 for v in luminance) if light else all(v < 0.05 for v in luminance), where
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


def test_the_measurements_can_fail(engine: Engine) -> None:
    """Bad cards are caught in each engine: small pale text, a long unbroken URL, a wide
    block, a cramped source row, a date split over two lines, pictures from the web, a
    picture wider than the screen, one without alt text, one that does not load, one that
    pushes the answer off the first screen."""
    before = len(engine.requests())
    url = "https://example.org/" + "a" * 120
    picture = "data:image/png;base64," + base64.b64encode(png(40, 40)).decode()
    bad = [
        '<p style="color:#aaa;font-size:12px">pale and small</p>',
        f'<p style="white-space:nowrap">{url}</p>',
        '<div style="width:500px">a wide block of text</div>',
        '<details><summary style="padding:0;font-size:16px">cramped source</summary></details>',
        '<p style="width:4em;font-size:16px">2019-01-07</p>',
        '<img src="https://example.org/pixel.png" alt=""><img src="http://example.com/pixel.png" alt="">',
        f'<img src="{picture}" alt="wide" style="width:600px;height:20px">',
        f'<img src="{picture}" alt=""><img src="data:image/png;base64,AAAA" alt="broken">',
        f'<img src="{picture}" alt="tall" style="display:block;height:600px;width:40px">'
        '<div class="dg-answer">pushed down</div>',
    ]
    names = ["pale", "url", "wide", "cramped", "date", "images", "wide picture", "no alt", "tall picture"]
    problems = _problems(engine.measure(bad, (360, 640), views(engine.name)), names, 360)
    culprits = {kind: {line.split(": ")[1] for line in lines} for kind, lines in problems.items()}
    assert culprits == {
        "overflow": {"url", "wide", "wide picture"},
        "font": {"pale"},
        "contrast": {"pale"},
        "tap": {"cramped"},
        "broken": {"date"},
        "picture": {"images", "no alt", "tall picture"},
    }, engine.name
    pictures = {line.split(": ", 2)[2] for line in problems["picture"]}
    assert pictures == {
        "a picture has no alt text",
        "a picture did not load: ''",
        "a picture did not load: 'broken'",
        "a picture is 600px tall: 'tall'",
        "the answer starts at 608px, off the first screen",
    }, engine.name
    # Every view finds them: the dark ones and the folded ones too.
    assert len(problems["font"]) == len(views(engine.name)), engine.name
    requests = _wait_for_requests(engine, before, ("example.org", "example.com"))
    assert any("example.org" in r for r in requests) and any("example.com" in r for r in requests), requests


def test_long_words_and_urls_wrap(deck: list[RenderedCard], engine: Engine) -> None:
    """Text nobody wrote yet: a long URL and a long word in the answer still fit at 360 px."""
    long_text = "https://example.org/" + "x" * 150 + " Pneumonoultramicroscopicsilicovolcanoconiosis" * 3
    answer = deck[0].answer.replace('<div class="dg-answer">', f'<div class="dg-answer">{long_text} ', 1)
    assert long_text in answer
    problems = _problems(engine.measure([answer], (360, 640), views(engine.name)), ["long"], 360)
    assert not any(problems.values()), _report(engine, "360x640", problems)


def test_engine_is_the_one_named(engine: Engine) -> None:
    """The WebKit tests really run in WebKit, and the Chromium ones in Chromium."""
    agent = engine.user_agent()
    assert "AppleWebKit" in agent
    assert ("Chrome/" in agent) == (engine.name == "chromium"), agent


def test_a_source_with_its_author_and_a_long_address_reads_well(engine: Engine) -> None:
    """The sample's source has an author and a long address: unfolded, the link is there and fits.

    (The MS deck's sources name no address; every card of the sample is also
    measured by the test above.)"""
    try:
        import anki  # noqa: F401
    except ImportError:
        missing("the anki package")
    sample = render_deck(SAMPLE)
    backs = [c.answer for c in sample]
    assert all('href="https://www.example.org/health/multiple-sclerosis/' in back for back in backs)
    results = engine.measure(backs, (360, 640), views(engine.name))
    problems = _problems(results, [c.name for c in sample], 360)
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
