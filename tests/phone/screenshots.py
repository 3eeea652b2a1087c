"""Regenerate the phone screenshots of docs/phone.md: one card of the real deck,
front and back, light and dark, in each engine Anki's clients use.

The card is rendered by Anki's template engine and shown at 360x640 CSS px (a
small phone), two device pixels per CSS px. On the back, the first source is
opened to show its quote; the others stay folded. Chromium's are
``docs/card-{front,back}-{light,dark}.png``, WebKit's the same names ending
in ``-webkit``.

    python -m tests.phone.screenshots [--engine chromium|webkit]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tests.conftest import ROOT
from tests.phone.engines import ENGINES, Engine, open_engine, unavailable
from tests.phone.render import RenderedCard, render_deck

CARD_ID = "scar-tissue"


def names(engine: str) -> list[str]:
    suffix = "" if engine == "chromium" else f"-{engine}"
    return [f"card-{side}-{mode}{suffix}.png" for side in ("front", "back") for mode in ("light", "dark")]


def take(engine: Engine, out: Path = ROOT / "docs", deck: list[RenderedCard] | None = None) -> list[Path]:
    """Write the four screenshots of ``engine`` into ``out``; return their paths.

    ``deck`` is the rendered deck, if the caller has it already.
    """
    card = next(c for c in deck or render_deck(ROOT / "cards.yaml") if c.card_id == CARD_ID)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    sides = (card.question, card.question, card.answer, card.answer)
    for name, html, mode in zip(names(engine.name), sides, ("light", "dark") * 2, strict=True):
        path = out / name
        engine.screenshot(html, mode, path)
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=list(ENGINES), action="append", help="default: all")
    args = parser.parse_args()
    for name in args.engine or list(ENGINES):
        reason = unavailable(name)
        if reason:
            sys.exit(f"cannot take the {name} screenshots: {reason} is not installed")
        with open_engine(name) as engine:
            for path in take(engine):
                print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
