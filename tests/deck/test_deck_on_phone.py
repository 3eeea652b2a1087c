"""Every card of the MS deck, rendered by Anki, read on a phone in both engines Anki's clients
use, with the measurements the tool's phone tests make on their sample (:mod:`tests.phone.checks`),
and the screenshots of one of its cards on docs/phone.md."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.phone.checks import ENGINE_PHONES, faces, find_problems, need_anki, report
from tests.phone.engines import SCALE, SCREEN, Engine, views
from tests.phone.render import PHONES, RenderedCard, render_deck

pytestmark = [pytest.mark.anki, pytest.mark.browser]


@pytest.fixture(scope="module")
def deck() -> list[RenderedCard]:
    need_anki()
    return render_deck(ROOT / "cards.yaml")


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
    for view, records in results.items():  # what was measured: every card's quotes, sources, pictures
        where = f"{engine.name} at {phone}, {view}"
        assert sum(len(r["quotes"]) for r in records) >= len(deck), where
        assert sum(len(r["tapHeights"]) for r in records) >= len(deck), where
        assert len([i for r in records for i in r["images"]]) == sum(side.count("<img ") for side in sides)
    assert engine.requests()[before:] == [], f"{engine.name}: a card tried to load something from outside"


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
