"""Shared by the phone tests and the screenshot script: the real deck as Anki
renders it, and headless Chromium pages that measure it.

Cards are rendered by Anki's own template engine (the ``anki`` package): the
deck is built from the repository's cards.yaml, imported into a temporary
collection, and each card's question and answer HTML (with the note type's
``<style>``) is taken from there. Pages wrap it the way Anki's reviewers do:
``<body class="card">``, plus ``nightMode``/``night_mode`` at night.
"""

from __future__ import annotations

import html
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.build import build
from tests.conftest import ROOT, import_apkg

# Without the background-networking flags Chromium waits on the network it lacks.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

PHONES = {"360x640": (360, 640), "412x915": (412, 915)}
"""Viewports in CSS px: a small Android phone and a large one."""

BODY_CLASSES = {
    "light": "card card1",
    # Anki desktop puts both on <body>; AnkiMobile uses nightMode, AnkiDroid night_mode.
    "dark": "card card1 nightMode night_mode",
    "dark-ankidroid": "card card1 night_mode",
    "dark-ankimobile": "card card1 nightMode",
}


@dataclass(frozen=True)
class RenderedCard:
    card_id: str
    question: str
    answer: str
    css: str


def render_deck(cards: Path = ROOT / "cards.yaml", now: int = 1_700_000_000) -> list[RenderedCard]:
    """Every card of the deck built from ``cards``, rendered by Anki, in deck order."""
    from anki.collection import Collection

    with tempfile.TemporaryDirectory() as tmp:
        result = build(cards, Path(tmp) / "out", now=now)
        assert result.apkg is not None, [str(d) for d in result.diagnostics]
        col = Collection(str(Path(tmp) / "collection.anki2"))
        try:
            import_apkg(col, result.apkg)
            out = []
            for cid in col.find_cards(""):
                card = col.get_card(cid)
                note = card.note()
                out.append(RenderedCard(note["Id"], card.question(), card.answer(), note.note_type()["css"]))
        finally:
            col.close()
    order = {c.id: i for i, c in enumerate(result.cards_file.cards)} if result.cards_file else {}
    return sorted(out, key=lambda c: order.get(html.unescape(c.card_id), len(order)))


def page(side_html: str, mode: str = "light") -> str:
    """A whole document for one side of a card, as a phone's reviewer shows it."""
    return (
        '<!doctype html><html><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'</head><body class="{BODY_CLASSES[mode]}">{side_html}</body></html>'
    )


@contextmanager
def launch(executable: str) -> Iterator[Any]:
    """Debian's Chromium, headless and offline, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def new_page(browser: Any, width: int = 360, height: int = 640, scale: float = 1) -> Any:
    """A page emulating a phone of ``width`` x ``height`` CSS px; it can load nothing from outside."""
    context = browser.new_context(
        viewport={"width": width, "height": height},
        device_scale_factor=scale,
        is_mobile=True,
        has_touch=True,
        offline=True,
    )
    context.route("**/*", lambda route: route.abort())
    return context.new_page()


# Runs in the page: for each side of each card, put it in <body>, open every
# <details>, and measure. Returns one record per (card, side).
MEASURE_JS = r"""
([sides, bodyClass]) => {
  const parse = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  };
  const over = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a),
    g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a),
    a: 1,
  });
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  // The colour behind an element: its own and its ancestors' backgrounds,
  // composited down to the canvas (white, as in a browser with no page colour).
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
    }
    let colour = {r: 255, g: 255, b: 255, a: 1};
    for (const c of layers.reverse()) colour = over(c, colour);
    return colour;
  };
  const hasText = (el) => [...el.childNodes].some(
    (n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim() !== "");
  const out = [];
  document.body.className = bodyClass;
  for (const html of sides) {
    document.body.innerHTML = html;
    document.querySelectorAll("details").forEach((d) => { d.open = true; });
    const texts = [];
    for (const el of document.body.querySelectorAll("*")) {
      if (!hasText(el)) continue;
      const cs = getComputedStyle(el);
      if (cs.display === "none" || cs.visibility === "hidden") continue;
      const fg = over(parse(cs.color), background(el));
      // The right edge of the text itself, not of its box (nowrap text spills out of a box).
      let right = el.getBoundingClientRect().right;
      for (const n of el.childNodes) {
        if (n.nodeType !== Node.TEXT_NODE || n.textContent.trim() === "") continue;
        const range = document.createRange();
        range.selectNodeContents(n);
        for (const r of range.getClientRects()) right = Math.max(right, r.right);
      }
      texts.push({
        tag: el.tagName.toLowerCase() + (el.className ? "." + el.className : ""),
        text: el.textContent.trim().slice(0, 60),
        size: parseFloat(cs.fontSize),
        contrast: ratio(fg, background(el)),
        right,
      });
    }
    const bodyBg = background(document.body);
    out.push({
      scrollWidth: document.scrollingElement.scrollWidth,
      innerWidth: window.innerWidth,
      clientWidth: document.documentElement.clientWidth,
      bodyLuminance: lum(bodyBg),
      tapHeights: [...document.querySelectorAll("summary")].map((s) => s.getBoundingClientRect().height),
      texts,
    });
  }
  return out;
}
"""


def measure(pg: Any, sides: list[str], mode: str) -> list[dict[str, Any]]:
    """Measure each side (question or answer HTML) in ``pg`` with the night classes of ``mode``."""
    pg.set_content(page("", mode))
    result: list[dict[str, Any]] = pg.evaluate(MEASURE_JS, [sides, BODY_CLASSES[mode]])
    return result
