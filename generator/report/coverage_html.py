"""The coverage report as one self-contained HTML page.

Each source document is shown line by line, with its line numbers: covered
sentences on green, the words the cards quote underlined, sentences no card
covers yet on red, ignored passages greyed out with their reason, and
headings in bold. After every covered sentence, numbered links lead to the
cards that cite it; each card in the list at the end links back to the
passages it quotes. Every piece of text is escaped; the page has no scripts
and loads nothing: a card's picture is named by its alt text, as
``[picture: alt]``.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from generator import mediaformat
from generator.assets import asset
from generator.model import Card, CardKind
from generator.report.coverage import SourceCoverage, Unit, lines
from generator.text import cloze

_CSS = asset("coverage.css")


def _anchor(key: str, line: int) -> str:
    return f"{key}-L{line}"


def _title(unit: Unit) -> str:
    if unit.status == "covered":
        return f"covered by: {', '.join(unit.cards)}"
    if unit.status == "ignored":
        return f"ignored: {'; '.join(unit.reasons)}"
    if unit.status == "heading":
        return "heading (not counted)"
    if unit.cards:
        return f"not covered yet: only {unit.share:.0%} is quoted (by {', '.join(unit.cards)})"
    return "not covered yet"


def _document(sc: SourceCoverage, numbers: dict[str, int]) -> str:
    """The document's lines with every character classed by its unit and quotes."""
    raw, key = sc.text.raw, sc.source.key
    visible = set(sc.text.visible(0, len(raw)))
    owner = [-1] * len(raw)
    for i, unit in enumerate(sc.units):
        owner[unit.start : unit.end] = [i] * (unit.end - unit.start)
    cited: dict[int, list[str]] = {}
    for cite in sc.cites:
        for offset in range(cite.span.start, cite.span.end):
            cited.setdefault(offset, []).append(cite.card)
    ends = {unit.end: unit for unit in sc.units if unit.cards and unit.status == "covered"}

    def style(offset: int) -> tuple[int, bool, bool]:
        return owner[offset], offset in cited, not raw[offset].isspace() and offset not in visible

    rows = []
    for number, (at, line_end) in enumerate(lines(raw), 1):
        parts: list[str] = []
        run_start = at
        for offset in range(at + 1, line_end + 1):
            if offset == line_end or offset in ends or style(offset) != style(offset - 1):
                parts.append(_segment(sc, run_start, offset, style(run_start), cited))
                run_start = offset
                if offset in ends:
                    parts.append(_cites(ends[offset], numbers))
        anchor = _anchor(key, number)
        rows.append(
            f'<div class="ln" id="{anchor}"><a class="no" href="#{anchor}">{number}</a>'
            f'<span class="tx">{"".join(parts)}</span></div>'
        )
    return '<div class="doc">' + "\n".join(rows) + "</div>"


def _segment(
    sc: SourceCoverage, start: int, end: int, style: tuple[int, bool, bool], cited: dict[int, list[str]]
) -> str:
    unit_index, quoted, markup = style
    text = escape(sc.text.raw[start:end])
    classes: list[str] = []
    title = ""
    if unit_index >= 0:
        unit = sc.units[unit_index]
        classes.append(unit.status)
        title = _title(unit)
    if quoted:
        classes.append("q")
        title = f"quoted by: {', '.join(dict.fromkeys(cited[start]))}"
    if markup:
        classes.append("mk")
    if not classes:
        return text
    attr = f' title="{escape(title)}"' if title else ""
    return f'<span class="{" ".join(classes)}"{attr}>{text}</span>'


def _cites(unit: Unit, numbers: dict[str, int]) -> str:
    links = "".join(
        f'<a href="#card-{escape(card)}" title="{escape(card)}">{numbers[card]}</a>'
        for card in unit.cards
        if card in numbers
    )
    return f'<sup class="cites">{links}</sup>'


def _summary(report: Sequence[SourceCoverage]) -> str:
    rows = "".join(
        f'<tr><td><a href="#src-{escape(sc.source.key)}">{escape(sc.source.title)}</a></td>'
        f'<td class="num">{sc.covered} / {sc.content}</td><td class="num">{sc.percent:.1f}%</td>'
        f'<td class="num">{sc.ignored} ({sc.ignored_share:.1%} of the text)</td>'
        f'<td class="num">{sc.headings}</td></tr>'
        for sc in report
    )
    return (
        '<table class="summary"><tr><th>source</th><th>covered / content sentences</th><th>coverage</th>'
        f"<th>ignored sentences</th><th>headings</th></tr>{rows}</table>"
    )


def _source(sc: SourceCoverage, numbers: dict[str, int]) -> str:
    key = sc.source.key
    gaps = [u for u in sc.units if u.kind == "sentence" and u.status == "uncovered"]
    items = "".join(
        f'<li><a href="#{_anchor(key, u.line)}">line {u.lines}</a>: {escape(u.text)}'
        + (f" <em>(partly quoted: {u.share:.0%})</em>" if u.cards else "")
        + "</li>"
        for u in gaps
    )
    gap_list = "<p>Every content sentence is covered.</p>"
    if gaps:
        gap_list = f'<p>Not covered yet:</p><ol class="gaps">{items}</ol>'
    return (
        f'<section id="src-{escape(key)}"><h2>{escape(sc.source.title)}</h2>'
        f'<p class="meta"><code>{escape(sc.source.file)}</code> · source <code>{escape(key)}</code> · '
        f"{sc.covered} of {sc.content} content sentences covered ({sc.percent:.1f}%) · "
        f"{sc.ignored} ignored ({sc.ignored_share:.1%} of the text) · {sc.headings} headings</p>"
        f"{gap_list}{_document(sc, numbers)}</section>"
    )


def _shown(text: str) -> str:
    """A card's text escaped, each picture ``![alt](path)`` as ``[picture: alt]`` (the page loads nothing)."""
    out, pos = [], 0
    for found in mediaformat.scan(text):
        if isinstance(found, mediaformat.Found):
            alt = found.alt.strip()
            out.append(escape(text[pos : found.offset]))
            out.append(f"[picture: {escape(alt)}]" if alt else "[picture]")
            pos = found.offset + len(f"![{found.alt}]({found.path})")
    out.append(escape(text[pos:]))
    return "".join(out)


def _card_text(card: Card) -> str:
    """A card in a line: its question and answer, or a cloze card's text with the deletions shown."""
    if card.kind == CardKind.CLOZE:
        return f'<span class="cq">{_shown(cloze.reveal(card.text))}</span>'
    return f'<span class="cq">{_shown(card.question)}</span> <span class="ca">→ {_shown(card.answer)}</span>'


def _card_list(report: Sequence[SourceCoverage], cards: Sequence[Card], numbers: dict[str, int]) -> str:
    places: dict[str, list[str]] = {}
    for sc in report:
        for cite in sc.cites:
            line, _ = sc.text.position(cite.span.start)
            anchor = _anchor(sc.source.key, line)
            places.setdefault(cite.card, []).append(f'<a href="#{anchor}">{escape(sc.source.key)}:{line}</a>')
    items = "".join(
        f'<li id="card-{escape(card.id)}" value="{numbers[card.id]}">{_card_text(card)}'
        f'<br><span class="id">{escape(card.id)} · quotes '
        f"{', '.join(dict.fromkeys(places.get(card.id, []))) or 'nothing found'}</span></li>"
        for card in cards
    )
    return f'<section id="cards"><h2>Cards</h2><ol class="cards">{items}</ol></section>'


def render(report: Sequence[SourceCoverage], cards: Sequence[Card], title: str) -> str:
    """The whole report page."""
    numbers = {card.id: i for i, card in enumerate(cards, 1)}
    legend = (
        '<p class="legend"><span class="covered">covered</span>'
        '<span class="covered q">quoted by a card</span>'
        '<span class="uncovered">not covered yet</span><span class="ignored">ignored</span>'
        '<span class="heading">heading</span> · hover a passage for its cards or reason; '
        "numbers link to the cards</p>"
    )
    body = "".join(_source(sc, numbers) for sc in report)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Coverage: {escape(title)}</title><style>{_CSS}</style></head><body>"
        f"<h1>Source coverage: {escape(title)}</h1>{_summary(report)}{legend}{body}"
        f"{_card_list(report, cards, numbers)}</body></html>\n"
    )
