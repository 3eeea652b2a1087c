"""Shared by the phone tests and the screenshot script: the real deck as Anki
renders it, headless Chromium pages, and the JavaScript that measures a card
in any engine (:mod:`tests.phone.engines`).

Cards are rendered by Anki's own template engine (the ``anki`` package): the
deck is built from a cards file (the sample of every card kind, :data:`SAMPLE`,
or the MS deck's), imported into a temporary collection, and each card's
question and answer HTML (with the note type's ``<style>``) is taken from
there. A type-in card's ``[[type:Answer]]`` becomes what Anki's reviewer shows
there: the typing box on the front, and on the back Anki's own comparison
(``compare_answer``) of a typed answer with the right one. Pages wrap it the
way Anki's reviewers do: ``<body class="card">``, plus ``nightMode``/``night_mode``
at night. The pictures a card shows come from the collection's media folder,
put into the page as ``data:`` URLs (a phone's reviewer serves them from that
folder), so the page still loads nothing from outside. The sample has cards
with pictures in every place one can be (a wide one, a tall one, a drawing
wider than a phone, two in a question, one in a cloze text).
"""

from __future__ import annotations

import base64
import html
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.compile import build
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

PHONES = {"360x640": (360, 640), "412x915": (412, 915), "375x667": (375, 667), "390x844": (390, 844)}
"""Viewports in CSS px: a small and a large Android phone, a small and a common iPhone."""

BODY_CLASSES = {
    "light": "card card1",
    # Anki desktop puts both on <body>; AnkiMobile uses nightMode, AnkiDroid night_mode.
    "dark": "card card1 nightMode night_mode",
    "dark-ankidroid": "card card1 night_mode",
    "dark-ankimobile": "card card1 nightMode",
}


SAMPLE = ROOT / "tests" / "phone" / "sample" / "cards.yaml"
"""A deck with every kind of card (long texts, a hint, a list, pictures): the tool's tests' realistic
deck, so that they need none of the MS deck's cards."""


@dataclass(frozen=True)
class RenderedCard:
    card_id: str
    question: str
    answer: str
    css: str
    ord: int = 0
    """Which of its note's cards (template ord, or cloze number less one)."""

    @property
    def name(self) -> str:
        return self.card_id if not self.ord else f"{self.card_id} (card {self.ord + 1})"


def mistyped(expected: str) -> str:
    """An answer typed with a mistake, so the comparison shows right, wrong and missed letters."""
    text = html.unescape(expected)
    return text[:2] + "x" + text[4:] if len(text) > 4 else text + "x"


def render_deck(
    cards: Path, now: int = 1_700_000_000, *, typed: bool = True, inline: bool = True
) -> list[RenderedCard]:
    """Every card of the deck built from ``cards``, rendered by Anki, in deck order.

    A type-in card's back compares the right answer with itself (``typed``) or
    with :func:`mistyped` (not ``typed``). With ``inline``, pictures are put in as
    ``data:`` URLs (see :func:`inline_media`); without, the HTML is Anki's as it is.
    """
    from anki.collection import Collection

    from generator.report.template import reviewer

    with tempfile.TemporaryDirectory() as tmp:
        result = build(cards, Path(tmp) / "out", now=now)
        assert result.deck is not None, [str(d) for d in result.diagnostics]
        col = Collection(str(Path(tmp) / "collection.anki2"))
        try:
            import_apkg(col, result.deck.apkg)
            media = Path(col.media.dir())
            out = []
            for cid in col.find_cards(""):
                card = col.get_card(cid)
                note = card.note()
                question, answer = card.question(), card.answer()
                if "Answer" in note and "[[type:" in question:
                    given = note["Answer"] if typed else mistyped(note["Answer"])
                    question = reviewer(question, front=True, comparison="")
                    comparison = col.compare_answer(note["Answer"], given)
                    answer = reviewer(answer, front=False, comparison=comparison)
                if inline:
                    question, answer = inline_media(question, media), inline_media(answer, media)
                css = note.note_type()["css"]
                out.append(RenderedCard(note["Id"], question, answer, css, card.ord))
        finally:
            col.close()
    order = {c.id: i for i, c in enumerate(result.deck.cards_file.cards)}
    return sorted(out, key=lambda c: (order.get(html.unescape(c.card_id), len(order)), c.ord))


_TYPES = {".png": "image/png", ".svg": "image/svg+xml", ".jpg": "image/jpeg", ".gif": "image/gif"}


def inline_media(side_html: str, folder: Path) -> str:
    """``side_html`` with each picture in ``folder`` put in as a ``data:`` URL."""

    def data_url(match: re.Match[str]) -> str:
        path = folder / match.group(1)
        if not path.is_file():
            return match.group(0)
        encoded = base64.b64encode(path.read_bytes()).decode()
        return f'src="data:{_TYPES[path.suffix]};base64,{encoded}"'

    return re.sub(r'src="([^"/:]+)"', data_url, side_html)


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


# Runs in the page: for each side of each card, put it in <body> (and wait for
# its pictures), then for each view (sources folded or unfolded, and a set of
# night classes on <body>) measure it. Returns one list of records per view,
# one record per side. Async: both drivers wait for the promise.
MEASURE_JS = r"""
async ([sides, views]) => {
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
  // Memoised per view: each element's is its own background over its parent's.
  let behind = new Map();
  const WHITE = {r: 255, g: 255, b: 255, a: 1};
  const background = (el) => {
    if (!el) return WHITE;
    let colour = behind.get(el);
    if (colour === undefined) {
      const c = parse(getComputedStyle(el).backgroundColor);
      colour = c && c.a > 0 ? over(c, background(el.parentElement)) : background(el.parentElement);
      behind.set(el, colour);
    }
    return colour;
  };
  const textNodes = (el) => [...el.childNodes].filter(
    (n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim() !== "");
  const lines = (node, start, end) => {
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, end);
    return [...range.getClientRects()].filter((r) => r.width > 0);
  };
  // A date (2019-01-07) or a range (12-15) is read as one thing: it must not break at a hyphen.
  const NUMBER = /\d+(?:[-\u2010\u2011\u2013]\d+)+/g;
  // The nearest box around el that scrolls its overflow sideways (overflow-x auto or scroll).
  const scroller = (el) => {
    for (let p = el; p && p !== document.body; p = p.parentElement) {
      if (["auto", "scroll"].includes(getComputedStyle(p).overflowX)) return p;
    }
    return null;
  };
  // What a reader sees outside code: where maths MathJax left untypeset would show its delimiters.
  const shownText = () => {
    const copy = document.body.cloneNode(true);
    copy.querySelectorAll("pre, code, mjx-container, style, script").forEach((e) => e.remove());
    return copy.textContent;
  };
  const measureView = () => {
    behind = new Map();
    const texts = [];
    const broken = [];
    for (const el of document.body.querySelectorAll("*")) {
      const nodes = textNodes(el);
      // Text nobody can see (display:none, visibility:hidden, a folded <details>) is not measured,
      // nor the copy of a formula MathJax keeps for screen readers (clipped to nothing).
      if (nodes.length === 0 || !el.checkVisibility({visibilityProperty: true})) continue;
      if (el.closest("mjx-assistive-mml")) continue;
      const cs = getComputedStyle(el);
      const bg = background(el);
      const fg = over(parse(cs.color), bg);
      // The right edge of the text itself, not of its box (nowrap text spills out of a box);
      // text in a box that scrolls sideways (a code block, a table) shows up to the box's edge.
      let right = el.getBoundingClientRect().right;
      const box = scroller(el);
      for (const n of nodes) {
        for (const r of lines(n, 0, n.textContent.length)) right = Math.max(right, r.right);
        for (const m of n.textContent.matchAll(NUMBER)) {
          const tops = new Set(lines(n, m.index, m.index + m[0].length).map((r) => Math.round(r.top)));
          if (tops.size > 1) broken.push(m[0]);
        }
      }
      if (box) right = Math.min(right, box.getBoundingClientRect().right);
      texts.push({
        // (An SVG element's className is no string: MathJax's drawings are named by their tag.)
        tag: el.tagName.toLowerCase() + (typeof el.className === "string" && el.className
          ? "." + el.className : ""),
        inQuestion: el.closest(".dg-question") !== null,
        text: el.textContent.trim().slice(0, 60),
        size: parseFloat(cs.fontSize),
        contrast: ratio(fg, bg),
        right,
      });
    }
    return {
      scrollWidth: document.scrollingElement.scrollWidth,
      innerWidth: window.innerWidth,
      clientWidth: document.documentElement.clientWidth,
      bodyLuminance: lum(background(document.body)),
      tapHeights: [...document.querySelectorAll("summary")].map((s) => s.getBoundingClientRect().height),
      // Whether each quote shows: none while the sources are folded, every one unfolded.
      quotes: [...document.querySelectorAll("blockquote")].map(
        (q) => q.checkVisibility({visibilityProperty: true})),
      // A typing box: its text's size and colour (the colour it is painted in: WebKit paints
      // -webkit-text-fill-color), on its own background composited over the page's.
      inputs: [...document.querySelectorAll("input")].map((i) => {
        const cs = getComputedStyle(i);
        const bg = background(i);
        const fg = over(parse(cs.webkitTextFillColor || cs.color), bg);
        const rgb = (c) => `rgb(${Math.round(c.r)}, ${Math.round(c.g)}, ${Math.round(c.b)})`;
        return {
          size: parseFloat(cs.fontSize),
          height: i.getBoundingClientRect().height,
          right: i.getBoundingClientRect().right,
          color: rgb(fg),
          background: rgb(bg),
          contrast: ratio(fg, bg),
        };
      }),
      broken,
      texts,
      // Pictures: where each ends, how tall it is, its alt text, whether it loaded.
      images: [...document.images].map((i) => {
        const r = i.getBoundingClientRect();
        return {right: r.right, height: r.height, alt: i.alt, loaded: i.complete && i.naturalWidth > 0};
      }),
      // Maths as MathJax typeset it (when the page has MathJax, as Anki's clients do), and any
      // delimiter left as typed.
      maths: document.querySelectorAll("mjx-container").length,
      rawMaths: (shownText().match(/\\[(\[]/g) || []).length,
      // Boxes that scroll sideways: where each ends, and whether its content is wider than it.
      scrollBoxes: [...document.querySelectorAll("pre, .dg-table, mjx-container")].map((b) => ({
        tag: b.tagName.toLowerCase(),
        right: b.getBoundingClientRect().right,
        scrolls: b.scrollWidth > b.clientWidth + 1,
        overflowX: getComputedStyle(b).overflowX,
      })),
      answerTop: document.querySelector(".dg-answer")
        ? document.querySelector(".dg-answer").getBoundingClientRect().top : null,
    };
  };
  // A picture that fails (or never answers) stops the wait too: it is then measured as not loaded.
  const pictures = () => Promise.race([
    Promise.all([...document.images].map((i) => i.decode().catch(() => null))),
    new Promise((done) => setTimeout(done, 5000)),
  ]);
  const out = views.map(() => []);
  for (const html of sides) {
    document.body.innerHTML = html;
    if (document.images.length) await pictures();
    // A page with MathJax (as every Anki client has) typesets each side's maths, as a reviewer does.
    if (window.MathJax && window.MathJax.typesetPromise) {
      window.MathJax.typesetClear();
      await window.MathJax.typesetPromise([document.body]);
    }
    views.forEach(([bodyClass, open], i) => {
      document.body.className = bodyClass;
      document.querySelectorAll("details").forEach((d) => { d.open = open; });
      out[i].push(measureView());
    });
  }
  return out;
}
"""
