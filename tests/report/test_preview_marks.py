"""The preview shows maths, code and tables as Anki will: the deck's marks CSS and own style in its
frames, and maths typeset by MathJax when DECKGEN_MATHJAX names one."""

from __future__ import annotations

import shutil
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from generator.check import check
from generator.compile.notetypes import MARKS_CSS
from generator.report.preview import MATHJAX_VARIABLE, card_views, preview_html
from tests.conftest import missing
from tests.phone import mathjax
from tests.phone.render import SAMPLE
from tests.phone.test_marks_phone import MARKS


def _styled(tmp_path: Path) -> Path:
    folder = tmp_path / "marks"
    shutil.copytree(MARKS.parent, folder)
    cards = folder / "cards.yaml"
    cards.write_text(
        cards.read_text().replace("  id: 1700000000777\n", "  id: 1700000000777\n  style: deck.css\n", 1)
    )
    return cards


def test_the_frames_have_the_css_the_build_gives_the_deck(tmp_path: Path) -> None:
    plain, _ = check(SAMPLE)
    marks, _ = check(MARKS)
    styled, _ = check(_styled(tmp_path))
    assert plain is not None and marks is not None and styled is not None
    assert not any(MARKS_CSS in view.css for view in card_views(plain))
    assert all(view.css.endswith(MARKS_CSS) for view in card_views(marks))
    style = (MARKS.parent / "deck.css").read_text()
    assert all(
        view.css.endswith(MARKS_CSS + "\n/* The deck's own style (deck: style:) */\n" + style)
        for view in card_views(styled)
    )


def test_without_mathjax_the_page_says_how_to_see_maths_typeset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(MATHJAX_VARIABLE, raising=False)
    marks, _ = check(MARKS)
    plain, _ = check(SAMPLE)
    assert marks is not None and plain is not None
    assert "maths shows as typed here (Anki typesets it): to see it typeset, set DECKGEN_MATHJAX" in (
        preview_html(marks)
    )
    assert "maths shows as typed" not in preview_html(plain)
    assert '"mathjax":' not in preview_html(marks)  # no script is carried when none is named


@pytest.mark.browser
def test_the_preview_typesets_maths_with_the_mathjax_it_is_given(
    tmp_path: Path, chromium_browser: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing("the playwright package")
    mathjax.script()  # installed into the cache
    build = Path(mathjax.cache(), f"mathjax-{mathjax.VERSION}", "node_modules", "mathjax", mathjax.BUILD)
    monkeypatch.setenv(MATHJAX_VARIABLE, str(build))
    cards_file, _ = check(MARKS)
    assert cards_file is not None
    out = tmp_path / "preview.html"
    page = preview_html(cards_file)
    assert "maths is typeset by the MathJax that DECKGEN_MATHJAX names" in page
    out.write_text(page, encoding="utf-8")
    with closing(chromium_browser.new_page(viewport={"width": 1000, "height": 900})) as pg:
        requests: list[str] = []
        pg.on("request", lambda request: requests.append(request.url))
        pg.goto(out.as_uri())
        back = pg.frame_locator("iframe.pv-phone").nth(1)  # the first card's back: maths in both sides
        back.locator("mjx-container").first.wait_for()
        assert back.locator("mjx-container").count() >= 2
        assert "\\(" not in back.locator("body").evaluate(
            "b => { const c = b.cloneNode(true);"
            " c.querySelectorAll('mjx-container').forEach(e => e.remove()); return c.textContent; }"
        )
        assert [url for url in requests if not url.startswith(("data:", "file:", "about:"))] == []
