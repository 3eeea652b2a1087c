"""deckgen preview: one static page with every card, rendered like Anki renders it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.check import check
from generator.cli import main
from generator.compile import build
from generator.compile.notes import compile_notes
from generator.compile.notetype import notetype
from generator.report.preview import card_views, preview_html, sides
from generator.report.template import TemplateError, field_is_empty, render, reviewer, typed_correctly
from tests.conftest import ONE, ROOT, import_apkg, missing
from tests.phone.render import MEASURE_JS, SAMPLE, render_deck

FILLED = ["x", "<b></b>", "&nbsp;", "\xa0", "\u200b", "<p></p>", "0"]
EMPTY = ["", " ", "\n", "<br>", "<br/>", "<BR />", "<div></div>", " <div> <br> </div>"]


def anki_html(html: str) -> str:
    """Anki's card HTML without the note type's <style> block, whitespace collapsed, and a
    sound as "[sound]": the field's [sound:name], which Anki's renderer numbers [anki:play:a:0]
    for its reviewer's play button, and the preview turns into an <audio> player."""
    html = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    html = re.sub(r"\[sound:[^\]]+\]|\[anki:play:[qa]:\d+\]", "[sound]", html)
    return " ".join(html.split())


def _sample() -> Any:
    cards_file, _ = check(SAMPLE)
    assert cards_file is not None
    return cards_file


def test_render_fields_and_sections() -> None:
    fields = {"A": "x &amp; <b>y</b>", "B": "", "C": "<br> <div></div>"}
    assert render("[{{A}}]", fields) == "[x &amp; <b>y</b>]"
    assert render("{{#A}}has {{A}}{{/A}}{{#B}}never{{/B}}", fields) == "has x &amp; <b>y</b>"
    assert render("{{^B}}no B{{/B}}{{^A}}never{{/A}}", fields) == "no B"
    assert render("{{#C}}never{{/C}}{{ A }}", fields) == "x &amp; <b>y</b>"
    assert render("{{#A}}{{#B}}x{{/B}}y{{/A}}", fields) == "y"


@pytest.mark.parametrize("text", EMPTY)
def test_fields_anki_treats_as_empty(text: str) -> None:
    assert field_is_empty(text)


@pytest.mark.parametrize("text", FILLED)
def test_fields_anki_treats_as_filled(text: str) -> None:
    assert not field_is_empty(text)


def test_render_cloze_and_type_filters() -> None:
    fields = {"Text": "{{c1::MS::a disease}} hits the {{c2::CNS}}.", "Answer": "80 percent"}
    assert render("{{cloze:Text}}", fields, number=2) == (
        '<span class="cloze-inactive" data-ordinal="1">MS</span> hits the '
        '<span class="cloze" data-cloze="CNS" data-ordinal="2">[...]</span>.'
    )
    assert render("{{cloze:Text}}", fields, number=1, answer=True) == (
        '<span class="cloze" data-ordinal="1">MS</span> hits the '
        '<span class="cloze-inactive" data-ordinal="2">CNS</span>.'
    )
    assert render("<div>{{type:Answer}}</div>", fields) == "<div>[[type:Answer]]</div>"


def test_the_reviewer_puts_a_typing_box_on_the_front_and_the_comparison_on_the_back() -> None:
    front = reviewer("<div>[[type:Answer]]</div>", front=True, comparison="")
    assert front.startswith("<div>\n<center>\n<input type=text id=typeans") and "onkeypress" not in front
    back = reviewer("<div>[[type:Answer]]</div>", front=False, comparison=typed_correctly("B &amp; T"))
    assert back == (
        "<div>\n<div style=\"font-family: 'Liberation Sans'; font-size: 20px\">"
        "<code id=typeans><span class=typeGood>B &amp; T</span></code></div></div>"
    )
    assert reviewer("<b>no typing</b>", front=True, comparison="") == "<b>no typing</b>"


@pytest.mark.parametrize(
    "template",
    [
        "{{Nope}}",
        "{{text:A}}",
        "{{cloze:Nope}}",
        "{{#A}}open",
        "{{/A}}",
        "{{#A}}x{{/B}}",
        "{{#A}}{{#B}}{{/A}}{{/B}}",
    ],
)
def test_templates_the_preview_cannot_render_are_refused(template: str) -> None:
    with pytest.raises(TemplateError):
        render(template, {"A": "a", "B": "b"})


def previews_as_anki_renders(deck: Path) -> None:
    """Every card of ``deck`` in the preview is exactly what Anki renders for it, front and back."""
    try:
        import anki  # noqa: F401
    except ImportError:
        missing("the anki package")
    anki_cards = {(c.card_id, c.ord): c for c in render_deck(deck, inline=False)}
    cards_file, _ = check(deck)
    assert cards_file is not None
    views = card_views(cards_file)
    assert len(views) == len(anki_cards) > 0
    for view in views:
        rendered = anki_cards[(view.card_id, view.ord)]
        assert anki_html(view.front) == anki_html(rendered.question), view.card_id
        assert anki_html(view.back) == anki_html(rendered.answer), view.card_id
        assert rendered.css == view.css


@pytest.mark.anki
def test_preview_renders_every_card_exactly_as_anki_does() -> None:
    """The sample of every card kind (the MS deck's cards: tests/deck)."""
    previews_as_anki_renders(SAMPLE)


@pytest.mark.anki
def test_empty_fields_are_empty_for_anki_too(
    tmp_path: Path, anki_collection: Any, write_cards: Callable[..., Path]
) -> None:
    """Sections ({{#Extra}}) show or hide in the preview exactly as in Anki, edge cases included."""
    result = build(write_cards(ONE), tmp_path / "out", now=1_700_000_000)
    assert result.deck is not None
    import_apkg(anki_collection, result.deck.apkg)
    card = anki_collection.get_card(anki_collection.find_cards("")[0])
    note = card.note()
    nt = notetype()
    for text in EMPTY + FILLED:
        note["Extra"] = text
        anki_collection.update_note(note)
        answer = card.render_output(reload=True).answer_text
        _, back = sides(nt, [note[name] for name in nt.fields])
        assert anki_html(back) == anki_html(answer), repr(text)
        assert ("dg-extra" in back) == (text in FILLED), repr(text)


def test_preview_page_holds_every_card_front_and_back() -> None:
    cards_file = _sample()
    page = preview_html(cards_file)
    assert page.count('<div class="pv-phone pv-slot"') == 2 * len(card_views(cards_file))
    for card in cards_file.cards:
        assert f'id="card-{card.id}' in page
    # Self-contained: no file, font, script or style is fetched from anywhere.
    assert not re.search(r"""\b(src|href)=["']?(https?:|//|file:)""", page)
    assert "<link" not in page and "@import" not in page and "url(" not in page
    assert page.count("<script") == 2 and "<script src" not in page
    # The card HTML travels as JSON in the page, escaped so nothing in it can end the script.
    data = page.split('<script type="application/json" id="pv-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data
    front, back = sides(notetype(), compile_notes(cards_file)[0].fields)
    assert json.loads(data)["cards"][0] == [front, back, 0, "card card1"]
    assert json.loads(data)["css"][0] == notetype().css


def test_preview_module_needs_neither_click_nor_genanki() -> None:
    code = "import sys, generator.report.preview; print(sorted({'click', 'genanki'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"


def test_cli_writes_the_preview(tmp_path: Path) -> None:
    out = tmp_path / "deck.html"
    result = CliRunner().invoke(main, ["preview", str(SAMPLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    cards, made = len(_sample().cards), len(card_views(_sample()))
    assert made > cards  # reversed and cloze cards make more than one Anki card each
    assert result.output == (
        f"Wrote {out}: {cards} cards written, {made} Anki cards, front and back; open it in a browser.\n"
    )
    page = out.read_text(encoding="utf-8")
    assert f"<p>{made} Anki cards, made from the {cards} cards written in {SAMPLE}, rendered" in page
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")


def test_cli_writes_nothing_when_the_cards_have_errors(
    tmp_path: Path, write_cards: Callable[..., Path]
) -> None:
    cards = write_cards(
        """\
        cards:
          - id: bad
            question: What?
            answer: This.
            evidence:
              doc: "a quote that is not in the document"
        """,
        header=True,
    )
    out = tmp_path / "preview.html"
    result = CliRunner().invoke(main, ["preview", str(cards), "-o", str(out)])
    assert result.exit_code == 1
    assert "E305" in result.output and not out.exists()


@pytest.mark.browser
def test_preview_page_switches_to_night_mode_in_a_browser(tmp_path: Path, chromium_browser: Any) -> None:
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing("the playwright package")
    out = tmp_path / "preview.html"
    out.write_text(preview_html(_sample()), encoding="utf-8")
    light = {"viewport": {"width": 1000, "height": 900}, "color_scheme": "light"}
    with closing(chromium_browser.new_page(**light)) as pg:
        pg.goto(out.as_uri())
        frame = pg.frame_locator("iframe.pv-phone").first
        frame.locator(".dg-card").wait_for()
        body = frame.locator("body")
        assert body.get_attribute("class") == "card card1"
        assert pg.locator("iframe.pv-phone").first.evaluate("f => f.contentWindow.innerWidth") == 360
        pg.check("#pv-night")
        assert body.get_attribute("class") == "card card1 nightMode night_mode"
        background = body.evaluate("b => getComputedStyle(b).backgroundColor")
        assert background == "rgb(28, 28, 30)"
        back = pg.frame_locator("iframe.pv-phone").nth(1)
        back.locator(".dg-card").wait_for()
        # Frames far down the page are filled only when they come near the screen.
        assert pg.locator("iframe.pv-phone").count() < 2 * len(_sample().cards)
        pg.locator(".pv-slot").last.scroll_into_view_if_needed()
        last = pg.locator("section.pv-card").last.frame_locator("iframe.pv-phone").last
        last.locator(".dg-back").wait_for()
        assert last.locator("body").get_attribute("class") == "card card1 nightMode night_mode"
        assert back.locator("details").first.evaluate("d => d.open") is False
        pg.check("#pv-unfold")
        assert back.locator("details").first.evaluate("d => d.open") is True
        pg.check("#pv-large")
        assert pg.locator("iframe.pv-phone").first.evaluate("f => f.contentWindow.innerWidth") == 412


def test_the_preview_shows_each_card_of_every_kind() -> None:
    cards_file, _ = check(SAMPLE)
    assert cards_file is not None
    views = card_views(cards_file)
    assert [(v.card_id, v.label) for v in views] == [
        ("sample-basic", ""),
        ("sample-reversed", "front to back"),
        ("sample-reversed", "back to front"),
        ("sample-type-in", ""),
        ("sample-type-in-long", ""),
        ("sample-cloze", "c1"),
        ("sample-cloze", "c2"),
        ("sample-cloze-list", "c1"),
        ("sample-cloze-list", "c2"),
        ("sample-cloze-list", "c3"),
        ("sample-pictures", ""),
        ("sample-two-tall-pictures", ""),
        ("sample-cloze-picture", ""),  # one deletion: one card, no label
    ]
    page = preview_html(cards_file)
    data = json.loads(page.split('id="pv-data">', 1)[1].split("</script>", 1)[0])
    assert len(data["css"]) == 2 and [card[2:] for card in data["cards"][:3]] == [
        [0, "card card1"],
        [1, "card card1"],
        [1, "card card2"],
    ]
    assert "sample-reversed (back to front)" in page and 'id="card-sample-cloze-list-3"' in page
    assert "type-in cards show their answer as if typed correctly" in page
    assert "&ldquo;deckgen Cloze&rdquo;" in page


@pytest.mark.anki
def test_cloze_text_of_every_sort_renders_as_in_anki(
    tmp_path: Path, write_cards: Callable[..., Path]
) -> None:
    """The hidden text goes into an attribute, encoded character by character as Anki encodes it."""
    try:
        import anki  # noqa: F401
    except ImportError:
        missing("the anki package")
    text = "\"{{c1::café & <b>x</b> 'q' ’ ü ā 😀 1-2/3=4_5::a hint}} and {{c2::*MRI*}} {{c1::\\\\again}}\""
    cards = write_cards(
        f"""\
        cards:
          - id: tricky
            kind: cloze
            text: {text}
            evidence: {{doc: "MRI uses strong magnetic and radio waves"}}
        """,
        header=True,
    )
    cards_file, found = check(cards)
    assert cards_file is not None, found
    views = {(v.card_id, v.ord): v for v in card_views(cards_file)}
    rendered = render_deck(cards)
    assert len(rendered) == len(views) == 2
    for card in rendered:
        view = views[(card.card_id, card.ord)]
        assert anki_html(view.front) == anki_html(card.question)
        assert anki_html(view.back) == anki_html(card.answer)
    assert 'data-cloze="caf&#xE9;&#x20;&amp;amp&#x3B;' in rendered[0].question


def _deck_with_media(folder: Path) -> Path:
    from tests.media_files import MP3, png

    (folder / "images").mkdir()
    (folder / "images" / "wide.png").write_bytes(png(40, 10))
    (folder / "cns.mp3").write_bytes(MP3)
    (folder / "doc.txt").write_text("The CNS includes the brain, spinal cord, and optic nerves.\n", "utf-8")
    cards = folder / "cards.yaml"
    cards.write_text(
        "deck: {name: Media Deck, id: 1234567891}\n"
        "sources: {doc: {title: A document, file: doc.txt}}\n"
        "cards:\n"
        "  - id: cns\n"
        "    question: Which parts make up the CNS?\n"
        '    answer: "Brain, cord and optic nerves. ![A wide red bar](images/wide.png)"\n'
        "    audio: cns.mp3\n"
        '    evidence: {doc: "The CNS includes the brain, spinal cord, and optic nerves."}\n',
        encoding="utf-8",
    )
    return cards


def test_preview_carries_the_pictures_and_sounds_in_the_page(tmp_path: Path) -> None:
    cards_file, found = check(_deck_with_media(tmp_path))
    assert cards_file is not None and found == []
    page = preview_html(cards_file)
    data = json.loads(page.split('id="pv-data">', 1)[1].split("</script>", 1)[0])
    (name,) = [n for n in data["media"] if n.endswith(".png")]
    assert data["media"][name].startswith("data:image/png;base64,iVBORw0KGgo")
    assert f'<img src="{name}" alt="A wide red bar">' in data["cards"][0][1]
    assert any(url.startswith("data:audio/mpeg;base64,") for url in data["media"].values())


@pytest.mark.browser
def test_preview_shows_the_pictures_in_a_browser(tmp_path: Path, chromium_browser: Any) -> None:
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing("the playwright package")
    cards_file, _ = check(_deck_with_media(tmp_path))
    assert cards_file is not None
    out = tmp_path / "preview.html"
    out.write_text(preview_html(cards_file), encoding="utf-8")
    with closing(chromium_browser.new_page(viewport={"width": 1000, "height": 900})) as pg:
        requests: list[str] = []
        pg.on("request", lambda request: requests.append(request.url))
        pg.goto(out.as_uri())
        back = pg.frame_locator("iframe.pv-phone").nth(1)
        image = back.locator("img")
        image.wait_for()
        image.evaluate("i => i.decode()")
        assert image.evaluate("i => [i.naturalWidth, i.naturalHeight, i.alt]") == [40, 10, "A wide red bar"]
        assert back.locator("audio[controls]").count() == 1
        assert [url for url in requests if not url.startswith(("data:", "file:", "about:"))] == []


SCROLL_THROUGH = """async (selector) => {
  for (const element of document.querySelectorAll(selector)) {
    element.scrollIntoViewIfNeeded();
    await new Promise((done) => requestAnimationFrame(done));  // the observers see the next frame
  }
}"""
"""Scroll each element of ``selector`` into view in turn, letting the page see each position."""
MEASURE_FRAMES = f"""async (selector) => {{
  const out = [];
  for (const frame of document.querySelectorAll(selector)) {{
    // Each frame's card, once it is there (the frames are the page's own, so their documents are
    // open to it), measured in the frame as it is: its body, its classes, its sources unfolded.
    for (let wait = 0; !frame.contentDocument.querySelector(".dg-card"); wait++) {{
      if (wait === 600) throw new Error(`no card in the frame ${{frame.title}}`);
      await new Promise((done) => setTimeout(done, 50));
    }}
    const measure = frame.contentWindow.eval({json.dumps("(" + MEASURE_JS + ")")});
    const body = frame.contentDocument.body;
    const [[record]] = await measure([[body.innerHTML], [[body.className, true]]]);
    out.push([frame.title, record]);
  }}
  return out;
}}"""
"""Each frame of ``selector`` measured in its own window, with its title: one call for all of them."""


@pytest.mark.browser
def test_every_kind_reads_well_in_the_preview_page(tmp_path: Path, chromium_browser: Any) -> None:
    """Each frame of the sample's preview, light and at night, measured as the phone tests measure
    a card: no sideways scrolling, text and typing boxes at least 16 px, text contrast 4.5:1."""
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing("the playwright package")
    cards_file, _ = check(SAMPLE)
    assert cards_file is not None
    out = tmp_path / "preview.html"
    out.write_text(preview_html(cards_file), encoding="utf-8")
    expected = 2 * len(card_views(cards_file))
    problems: list[str] = []
    with closing(chromium_browser.new_page(viewport={"width": 1000, "height": 900})) as pg:
        pg.goto(out.as_uri())
        figures = pg.locator("section.pv-card figure")
        assert figures.count() == expected
        # Frames are filled as they come near the screen: each figure is scrolled to in turn, as
        # a reader would, in the page (one call rather than one a figure).
        pg.evaluate(SCROLL_THROUGH, "section.pv-card figure")
        frames = pg.locator("iframe.pv-phone")
        frames.nth(expected - 1).wait_for()
        assert frames.count() == expected
        for night in (False, True):
            pg.set_checked("#pv-night", night)
            measured = pg.evaluate(MEASURE_FRAMES, "iframe.pv-phone")
            assert len(measured) == expected and all(record["texts"] for _, record in measured)
            for title, record in measured:
                if record["scrollWidth"] > 360 or any(t["right"] > 360.5 for t in record["texts"]):
                    problems.append(f"{title} night={night}: wider than the frame")
                small = [t["text"] for t in record["texts"] if t["size"] < 16]
                small += ["a typing box" for box in record["inputs"] if box["size"] < 16]
                pale = [t["text"] for t in record["texts"] if t["contrast"] < 4.5]
                problems += [f"{title} night={night}: under 16px: {text!r}" for text in small]
                problems += [f"{title} night={night}: contrast under 4.5: {text!r}" for text in pale]
    assert problems == []
