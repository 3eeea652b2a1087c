"""Regenerate the phone screenshots of docs/phone.md: docs/card-{front,back}-{light,dark}.png.

One card of the real deck, rendered by Anki's template engine, shown in
headless Chromium at 360x640 CSS px (a small phone), light and dark. On the
back, the first source is opened to show its quote; the others stay folded.

    python -m tests.phone.screenshots [--chromium /usr/bin/chromium]
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from tests.phone.render import ROOT, launch, new_page, page, render_deck

CARD_ID = "spinal-lesions-at-diagnosis-healthline"
SIZE = (360, 640)
SCALE = 2
"""Device pixels per CSS px, as on most phones; the PNGs are 720x1280."""


def names() -> list[str]:
    return [f"card-{side}-{mode}.png" for side in ("front", "back") for mode in ("light", "dark")]


def take(browser: Any, out: Path = ROOT / "docs") -> list[Path]:
    """Write the four screenshots into ``out`` with a Playwright ``browser``; return their paths."""
    card = next(c for c in render_deck() if c.card_id == CARD_ID)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    pg = new_page(browser, *SIZE, scale=SCALE)
    try:
        for side, html in (("front", card.question), ("back", card.answer)):
            for mode in ("light", "dark"):
                pg.set_content(page(html, mode))
                pg.evaluate("() => { const d = document.querySelector('details'); if (d) d.open = true; }")
                path = out / f"card-{side}-{mode}.png"
                pg.screenshot(path=str(path))
                written.append(path)
    finally:
        pg.context.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    with launch(args.chromium) as browser:
        for path in take(browser):
            print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
