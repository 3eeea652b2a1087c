"""Every card of the real deck, rendered by Anki, measured in headless Chromium
at phone sizes, light and dark: no sideways scrolling, text at least 16 px,
text contrast at least 4.5:1 (WCAG AA)."""

from __future__ import annotations

import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, chromium_path, missing
from tests.phone.render import (
    BODY_CLASSES,
    PHONES,
    RenderedCard,
    launch,
    measure,
    new_page,
    page,
    render_deck,
)

MIN_FONT_PX = 16
MIN_CONTRAST = 4.5
BODY_FONT_PX = 18
MIN_TAP_PX = 44  # Apple's minimum touch target; Android's is 48 dp, about 44-48 CSS px

pytestmark = [pytest.mark.anki, pytest.mark.browser]


@pytest.fixture(scope="module")
def deck() -> list[RenderedCard]:
    try:
        import anki  # noqa: F401
    except ImportError:
        missing("the anki package")
    return render_deck()


@pytest.fixture(scope="module")
def chromium_browser() -> Iterator[Any]:
    """One headless Chromium for the whole module."""
    path = chromium_path()
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing("the playwright package")
    with launch(path) as browser:
        yield browser


@pytest.fixture(scope="module")
def browser(chromium_browser: Any) -> tuple[Any, list[str]]:
    """One phone-sized page for every card, and the URLs it tried to load."""
    pg = new_page(chromium_browser)
    requests: list[str] = []
    pg.on("request", lambda request: requests.append(request.url))
    return pg, requests


def _failures(results: list[dict[str, Any]], names: list[str], width: int) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {"overflow": [], "font": [], "contrast": []}
    for name, r in zip(names, results, strict=True):
        # A phone zooms out to fit a page wider than the screen: innerWidth grows with it.
        if max(r["scrollWidth"], r["innerWidth"]) > width:
            problems["overflow"].append(f"{name}: page is {r['scrollWidth']}px wide")
        for t in r["texts"]:
            if t["right"] > width + 0.5:
                problems["overflow"].append(f"{name}: {t['tag']} ends at {t['right']:.0f}px: {t['text']!r}")
            if t["size"] < MIN_FONT_PX:
                problems["font"].append(f"{name}: {t['tag']} is {t['size']}px: {t['text']!r}")
            if t["contrast"] < MIN_CONTRAST:
                problems["contrast"].append(f"{name}: {t['tag']} {t['contrast']:.2f}:1: {t['text']!r}")
    return problems


@pytest.mark.parametrize("mode", list(BODY_CLASSES))
@pytest.mark.parametrize("phone", list(PHONES))
def test_every_card_reads_well_on_a_phone(
    deck: list[RenderedCard], browser: tuple[Any, list[str]], phone: str, mode: str
) -> None:
    pg, requests = browser
    width, height = PHONES[phone]
    pg.set_viewport_size({"width": width, "height": height})
    sides = [c.question for c in deck] + [c.answer for c in deck]
    names = [f"{c.card_id} (front)" for c in deck] + [f"{c.card_id} (back)" for c in deck]
    results = measure(pg, sides, mode)

    assert len(results) == 2 * len(deck) > 0
    problems = _failures(results, names, width)
    for kind, found in problems.items():
        assert not found, f"{len(found)} {kind} problem(s) at {phone} {mode}:\n" + "\n".join(found[:20])

    texts = [t for r in results for t in r["texts"]]
    # The quotes inside the folded <details> were opened and measured too.
    quotes = [t for t in texts if t["tag"] == "blockquote"]
    assert len(quotes) >= len(deck)
    # Every source row is a comfortable thumb target.
    taps = [h for r in results for h in r["tapHeights"]]
    assert len(taps) >= len(deck) and min(taps) >= MIN_TAP_PX
    # The question is bigger than body text on the front.
    fronts = [t for r in results[: len(deck)] for t in r["texts"] if t["tag"] == "div.dg-question"]
    assert len(fronts) == len(deck) and min(t["size"] for t in fronts) > BODY_FONT_PX
    # Light is light and dark is dark, whichever night class the app uses.
    luminance = {round(r["bodyLuminance"], 3) for r in results}
    assert all(v > 0.9 for v in luminance) if mode == "light" else all(v < 0.05 for v in luminance)
    assert requests == [], "a card tried to load something from outside"


def test_the_measurements_can_fail(browser: tuple[Any, list[str]]) -> None:
    """Bad cards are caught: small pale text, a long unbroken URL, a wide table."""
    pg, _ = browser
    pg.set_viewport_size({"width": 360, "height": 640})
    url = "https://example.org/" + "a" * 120
    bad = [
        '<p style="color:#aaa;font-size:12px">pale and small</p>',
        f'<p style="white-space:nowrap">{url}</p>',
        '<div style="width:500px">a wide block of text</div>',
    ]
    results = measure(pg, bad, "light")
    problems = _failures(results, ["pale", "url", "wide"], 360)
    assert [p.split(":")[0] for p in problems["font"]] == ["pale"]
    assert [p.split(":")[0] for p in problems["contrast"]] == ["pale"]
    assert {p.split(":")[0] for p in problems["overflow"]} == {"url", "wide"}


def test_long_words_and_urls_wrap(deck: list[RenderedCard], browser: tuple[Any, list[str]]) -> None:
    """Text nobody wrote yet: a long URL and a long word in the answer still fit at 360 px."""
    pg, _ = browser
    pg.set_viewport_size({"width": 360, "height": 640})
    long_text = "https://example.org/" + "x" * 150 + " Pneumonoultramicroscopicsilicovolcanoconiosis" * 3
    answer = deck[0].answer.replace('<div class="dg-answer">', f'<div class="dg-answer">{long_text} ', 1)
    assert long_text in answer
    results = measure(pg, [answer], "dark")
    assert _failures(results, ["long"], 360) == {"overflow": [], "font": [], "contrast": []}


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_screenshots_regenerate(chromium_browser: Any, tmp_path: Path) -> None:
    """The screenshots on docs/phone.md come from the script, and are there at phone size."""
    from tests.phone.screenshots import SCALE, SIZE, names, take

    written = take(chromium_browser, tmp_path)
    expected = (SIZE[0] * SCALE, SIZE[1] * SCALE)
    assert [p.name for p in written] == names()
    page = (ROOT / "docs" / "phone.md").read_text(encoding="utf-8")
    for name in names():
        assert _png_size(tmp_path / name) == expected
        assert _png_size(ROOT / "docs" / name) == expected
        assert f'<img src="{name}"' in page


def test_page_is_how_anki_wraps_a_card() -> None:
    html = page("<b>x</b>", "dark")
    assert '<body class="card card1 nightMode night_mode"><b>x</b></body>' in html
