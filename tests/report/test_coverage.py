"""Source coverage: sentence splitting, covered/ignored sentences, ignore checks, the command."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from generator.check import check
from generator.check.schema import json_schema
from generator.cli import main
from generator.report.coverage import SourceCoverage, lines, measure_all, split
from generator.text.source import SourceText
from tests.media_files import png

WriteCards = Callable[..., Path]


def units(text: str) -> list[tuple[int, str, str]]:
    return [(u.line, u.kind, u.text) for u in split(SourceText(text))]


# ---------------------------------------------------------------- splitting


def test_split_paragraphs_links_and_abbreviations() -> None:
    doc = (
        "# MS Spine Lesions\n"
        "\n"
        "[Multiple sclerosis \\(MS\\)](#) is a disease of the CNS. It affects\n"
        "the brain, e.g. its white matter. Lesions are common in MS. Dr. Smith says so!\n"
        "Is it common? Yes, in 80 percent.\n"
    )
    assert units(doc) == [
        (1, "heading", "MS Spine Lesions"),
        (3, "sentence", "Multiple sclerosis (MS) is a disease of the CNS."),
        (3, "sentence", "It affects the brain, e.g. its white matter."),
        (4, "sentence", "Lesions are common in MS."),
        (4, "sentence", "Dr. Smith says so!"),
        (5, "sentence", "Is it common?"),
        (5, "sentence", "Yes, in 80 percent."),
    ]


def test_split_lists_and_headings() -> None:
    doc = (
        "Signs of spinal cord lesion\n"
        "\n"
        "There are many signs, for example:\n"
        "\n"
        "  • Paralysis,\n"
        "  • Pain. It can be severe.\n"
        "- Muscle spasms\n"
        "1. Numbness\n"
        "\n"
        "How do lesions form?\n"
        "\n"
        "Short line with a period.\n"
        "\n"
        "**healthline**\n"
        "\n"
        "Medically  \n"
        "reviewed by Nancy Hammond, MD\n"
    )
    assert units(doc) == [
        (1, "heading", "Signs of spinal cord lesion"),
        (3, "sentence", "There are many signs, for example:"),
        (5, "sentence", "Paralysis,"),
        (6, "sentence", "Pain."),
        (6, "sentence", "It can be severe."),
        (7, "sentence", "Muscle spasms"),
        (8, "sentence", "Numbness"),
        (10, "heading", "How do lesions form?"),
        (12, "sentence", "Short line with a period."),
        (14, "heading", "healthline"),
        (16, "sentence", "Medically reviewed by Nancy Hammond, MD"),
    ]


LICENCE = """\
                                 Apache License

   1. Definitions.

      "License" shall mean the terms and conditions for use.

   2. Grant of Copyright License. Subject to the terms and conditions of
      this License, each Contributor grants You a copyright license.

Section 4.

You may reproduce copies of the Work.

Section 1 – Definitions.

Section 5. Redistribution. You may redistribute copies.

   3. Pain.

   4. Water boils at 100 degrees Celsius at sea level.
"""


def test_split_numbered_section_titles_are_headings() -> None:
    assert units(LICENCE) == [
        (1, "heading", "Apache License"),
        (3, "heading", "Definitions."),
        (5, "sentence", '"License" shall mean the terms and conditions for use.'),
        (7, "heading", "Grant of Copyright License."),
        (
            7,
            "sentence",
            "Subject to the terms and conditions of this License, each Contributor grants You a "
            "copyright license.",
        ),
        (10, "heading", "Section 4."),
        (12, "sentence", "You may reproduce copies of the Work."),
        (14, "heading", "Section 1 - Definitions."),
        (16, "heading", "Section 5."),
        (16, "heading", "Redistribution."),
        (16, "sentence", "You may redistribute copies."),
        (18, "heading", "Pain."),
        (20, "sentence", "Water boils at 100 degrees Celsius at sea level."),
    ]


def test_numbered_items_of_a_list_still_count() -> None:
    doc = "Signs:\n\n1. Numbness.\n2. Pain. It can be severe.\n3. Muscle Spasms\n"
    assert units(doc) == [
        (1, "sentence", "Signs:"),
        (3, "sentence", "Numbness."),
        (4, "sentence", "Pain."),
        (4, "sentence", "It can be severe."),
        (5, "sentence", "Muscle Spasms"),
    ]


def test_split_keeps_exact_raw_offsets_and_lines() -> None:
    doc = "\n\nFirst one. Second\none spans lines.\n\n  • Item"
    text = SourceText(doc)
    found = split(text)
    assert [(u.line, u.end_line, doc[u.start : u.end]) for u in found] == [
        (3, 3, "First one."),
        (3, 4, "Second\none spans lines."),
        (6, 6, "Item"),
    ]
    assert found[1].lines == "3-4"


@given(st.text(alphabet=st.sampled_from(list("ab .?!:,#*-•[]()\\\n\r\t’1\u2028")), max_size=200))
def test_split_any_text_gives_ordered_units_within_the_text(doc: str) -> None:
    text = SourceText(doc)
    found = split(text)
    rows = lines(doc)
    assert len(rows) == text.line_count
    previous_end = 0
    for unit in found:
        assert previous_end <= unit.start < unit.end <= len(doc)
        assert not doc[unit.start].isspace() and not doc[unit.end - 1].isspace()
        assert unit.text and unit.line <= unit.end_line
        assert text.position(unit.start)[0] == unit.line
        first, last = rows[unit.line - 1]
        assert first <= unit.start < max(last, first + 1)
        previous_end = unit.end


# ---------------------------------------------------------------- coverage

DOC = """\
# A small document

Spinal cord lesions are common in [MS](#). They’re found in about [80 percent](#) of people.

The CNS includes the brain, spinal cord, and optic nerves.

MRI uses strong magnetic and radio waves to produce detailed pictures.

Sign up for our newsletter.
"""


CNS = "The CNS includes the brain, spinal cord, and optic nerves."


def card(card_id: str, quote: str) -> str:
    return f"""\
  - id: {card_id}
    question: Question about {card_id}?
    answer: An answer.
    evidence:
      doc: {json.dumps(quote)}
"""


def measure(write_cards: WriteCards, cards: str, ignore: str = "", source: str = DOC) -> SourceCoverage:
    header = "deck:\n  name: T\n  id: 1234567890\nsources:\n  doc:\n    title: A doc\n    file: doc.txt\n"
    path = write_cards(header + ignore + "cards:\n" + cards, source=source)
    cards_file, diagnostics = check(path)
    assert cards_file is not None
    assert [d.format() for d in diagnostics if d.code.startswith("E")] == []
    report = measure_all(cards_file.sources, cards_file.cards)
    assert not isinstance(report, str)
    return report[0]


def by_status(sc: SourceCoverage) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for unit in sc.units:
        out.setdefault(unit.status, []).append(unit.text)
    return out


def test_whole_and_half_sentence_quotes_cover(write_cards: WriteCards) -> None:
    sc = measure(
        write_cards,
        card("eighty", "They're found in about 80 percent of people.")
        + card("cns", "the brain, spinal cord, and optic nerves"),  # about 70% of its sentence
    )
    assert by_status(sc) == {
        "heading": ["A small document"],
        "uncovered": [
            "Spinal cord lesions are common in MS.",
            "MRI uses strong magnetic and radio waves to produce detailed pictures.",
            "Sign up for our newsletter.",
        ],
        "covered": [
            "They're found in about 80 percent of people.",
            "The CNS includes the brain, spinal cord, and optic nerves.",
        ],
    }
    assert (sc.covered, sc.content, sc.ignored, sc.headings) == (2, 5, 0, 1)
    assert sc.percent == 40.0
    assert sc.below(41) and not sc.below(40)
    covered = [u for u in sc.units if u.status == "covered"]
    assert [u.cards for u in covered] == [("eighty",), ("cns",)]


def test_a_few_words_from_a_sentence_do_not_cover_it(write_cards: WriteCards) -> None:
    sc = measure(write_cards, card("optic", "optic nerves"))
    cns = next(u for u in sc.units if u.text.startswith("The CNS"))
    assert cns.status == "uncovered"
    assert cns.cards == ("optic",)
    assert 0 < cns.share < 0.5


def test_ignored_quotes_and_lines(write_cards: WriteCards) -> None:
    ignore = """\
    ignore:
      - quote: "Sign up for our newsletter."
        reason: newsletter box
      - lines: 7
        reason: no fact here, for the test
      - lines: 3-5
        reason: covered anyway
"""
    sc = measure(write_cards, card("eighty", "They're found in about 80 percent of people."), ignore)
    assert by_status(sc) == {
        "heading": ["A small document"],
        # a sentence both quoted and ignored counts as covered: a card cites it
        "covered": ["They're found in about 80 percent of people."],
        "ignored": [
            "Spinal cord lesions are common in MS.",
            "The CNS includes the brain, spinal cord, and optic nerves.",
            "MRI uses strong magnetic and radio waves to produce detailed pictures.",
            "Sign up for our newsletter.",
        ],
    }
    assert (sc.covered, sc.content, sc.ignored) == (1, 1, 4)
    assert sc.percent == 100.0
    feedback = sc.units[-1]
    assert feedback.reasons == ("newsletter box",) and feedback.line == 9
    assert 0.5 < sc.ignored_share < 1


def test_ignoring_part_of_a_sentence_leaves_the_rest_to_cover(write_cards: WriteCards) -> None:
    source = "As you could notice it is hard to deal with and doctors still do not know much.\n"
    ignore = """\
    ignore:
      - quote: As you could notice it is hard to deal with
        reason: a vague aside
"""
    sc = measure(write_cards, card("doctors", "doctors still do not know much."), ignore, source)
    assert [(u.status, u.cards, u.reasons) for u in sc.units] == [
        ("covered", ("doctors",), ("a vague aside",))
    ]


def test_ignore_quote_matches_every_occurrence(write_cards: WriteCards) -> None:
    source = "ADVERTISEMENT\n\nA fact is here.\n\nADVERTISEMENT\n"
    ignore = "    ignore:\n      - quote: ADVERTISEMENT\n        reason: ads\n"
    sc = measure(write_cards, card("fact", "A fact is here."), ignore, source)
    assert [u.status for u in sc.units] == ["ignored", "covered", "ignored"]


def test_evidence_covers_the_occurrence_the_checker_finds(write_cards: WriteCards) -> None:
    source = "Pain is common.\n\nPain is common.\n"
    sc = measure(write_cards, card("pain", "Pain is common."), source=source)
    assert [(u.line, u.status) for u in sc.units] == [(1, "covered"), (3, "uncovered")]


# ---------------------------------------------------------------- ignore entries are checked


@pytest.mark.parametrize(
    ("entry", "code", "message"),
    [
        ("- quote: Not in the document\n  reason: x", "E310", "passage not found in {folder}/doc.txt"),
        ("- lines: 8-99\n  reason: x", "E310", "lines 8-99 are outside {folder}/doc.txt, which has 7 lines"),
        ("- lines: 2", "E311", "ignore entry has no reason"),
        ("- quote: MRI\n  reason: ' '", "E311", "ignore entry has no reason"),
        ("- reason: x", "E312", "gives neither quote nor lines"),
        ("- {quote: MRI, lines: 2, reason: x}", "E312", "gives both quote and lines"),
        ("- lines: two\n  reason: x", "E101", "lines must be a line or a range like 3-14, not 'two'"),
        ("- lines: 5-2\n  reason: x", "E101", "lines '5-2' end before they start"),
        ("- lines: 2\n  why: x", "E103", "unknown key 'why'"),
        ("quote: MRI", "E101", "ignore must be a list of passages, not a mapping"),
    ],
)
def test_bad_ignore_entries(write_cards: WriteCards, entry: str, code: str, message: str) -> None:
    body = "\n".join("      " + line for line in entry.splitlines())
    path = write_cards(f"    ignore:\n{body}\ncards:\n" + card("c", "MRI uses strong magnetic"), header=True)
    _, diagnostics = check(path)
    found = [(d.code, d.message) for d in diagnostics]
    message = message.format(folder=path.parent)  # the document's path as the user can use it
    assert any(c == code and message in m for c, m in found), found


def test_ignore_entries_are_clean_when_they_match(write_cards: WriteCards) -> None:
    ignore = "    ignore:\n      - lines: 1-7\n        reason: all of it\n      - {quote: MRI, reason: x}\n"
    path = write_cards(ignore + "cards:\n" + card("c", "MRI uses strong magnetic"), header=True)
    cards_file, diagnostics = check(path)
    assert diagnostics == []
    assert cards_file is not None
    assert [(i.lines, i.quote, i.reason) for i in cards_file.sources["doc"].ignore] == [
        ((1, 7), None, "all of it"),
        (None, "MRI", "x"),
    ]


def test_json_schema_describes_ignore() -> None:
    source = json_schema()["properties"]["sources"]["additionalProperties"]
    entry = source["properties"]["ignore"]["items"]
    assert entry["required"] == ["reason"]
    assert set(entry["properties"]) == {"quote", "lines", "reason"}
    assert entry["additionalProperties"] is False


# ---------------------------------------------------------------- the command


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_command_lists_uncovered_sentences_with_lines(write_cards: WriteCards) -> None:
    path = write_cards("cards:\n" + card("c", CNS), header=True)
    code, out, _ = run("coverage", str(path))
    assert code == 0
    doc = path.parent / "doc.txt"
    assert out.splitlines() == [
        f"doc: {doc}",
        "  1 of 4 content sentences covered (25.0%); 0 ignored (0.0% of the text); 1 headings not counted",
        "  not covered yet:",
        f"    {doc}:3: Spinal cord lesions are common in MS.",
        f"    {doc}:3: They're found in about 80 percent of people.",
        f"    {doc}:7: MRI uses strong magnetic and radio waves to produce detailed pictures.",
        "Total: 1 of 4 content sentences covered (25.0%)",
    ]


def test_command_min_floor(write_cards: WriteCards) -> None:
    path = write_cards("cards:\n" + card("c", CNS), header=True)
    assert run("coverage", str(path), "--min", "25")[0] == 0
    code, _, err = run("coverage", str(path), "--min", "25.5")
    assert code == 1
    assert "Coverage below the floor of 25.5%: doc (25.0%)" in err
    assert run("coverage", str(path), "--min", "101")[0] == 2  # usage error


def test_command_json(write_cards: WriteCards) -> None:
    path = write_cards("cards:\n" + card("c", "MRI uses strong magnetic and radio waves"), header=True)
    code, out, _ = run("coverage", str(path), "--format", "json", "--min", "50")
    assert code == 1
    data = json.loads(out)
    assert data["floor"] == 50 and data["ok"] is False
    (source,) = data["sources"]
    assert {k: source[k] for k in ("source", "content", "covered", "uncovered", "ignored", "headings")} == {
        "source": "doc",
        "content": 4,
        "covered": 1,
        "uncovered": 3,
        "ignored": 0,
        "headings": 1,
    }
    assert [(u["line"], u["status"], u["cards"]) for u in source["units"]] == [
        (1, "heading", []),
        (3, "uncovered", []),
        (3, "uncovered", []),
        (5, "uncovered", []),
        (7, "covered", ["c"]),
    ]


def test_command_refuses_a_file_with_errors(write_cards: WriteCards) -> None:
    path = write_cards("cards:\n" + card("c", "not in the document"), header=True)
    code, out, err = run("coverage", str(path))
    assert code == 1 and out == ""
    assert "E305" in err and "fix the errors above" in err


def test_html_report_is_escaped_and_links_cards(write_cards: WriteCards, tmp_path: Path) -> None:
    source = "Lesions <script>alert(1)</script> are common & varied.\n\nAn uncovered sentence.\n"
    cards = """\
cards:
  - id: lesions
    question: What are lesions like, <b>really</b>?
    answer: Common & varied.
    evidence:
      doc: "Lesions <script>alert(1)</script> are common & varied."
"""
    path = write_cards(cards, header=True, source=source)
    out = tmp_path / "report.html"
    code, _, err = run("coverage", str(path), "--html", str(out))
    assert code == 0 and f"Wrote {out}" in err
    page = out.read_text(encoding="utf-8")
    assert "<script>" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "What are lesions like, &lt;b&gt;really&lt;/b&gt;?" in page
    assert '<a href="#card-lesions" title="lesions">1</a>' in page  # the sentence links to its card
    assert '<li id="card-lesions" value="1">' in page
    assert '<a href="#doc-L1">doc:1</a>' in page  # the card links back to its passage
    assert '<a href="#doc-L3">line 3</a>: An uncovered sentence.' in page
    assert 'id="doc-L3"' in page


def test_html_report_shows_a_cloze_card_by_its_text(write_cards: WriteCards, tmp_path: Path) -> None:
    cards = """\
cards:
  - id: cns-cloze
    kind: cloze
    text: The CNS includes the {{c1::brain}} & the {{c2::spinal cord::where?}}.
    evidence:
      doc: "The CNS includes the brain, spinal cord, and optic nerves."
"""
    out = tmp_path / "report.html"
    code, _, _ = run("coverage", str(write_cards(cards, header=True)), "--html", str(out))
    assert code == 0
    page = out.read_text(encoding="utf-8")
    assert '<span class="cq">The CNS includes the brain &amp; the spinal cord.</span>' in page
    assert "{{c1::" not in page and "→" not in page.split('id="cards"', 1)[1]


def test_html_report_names_a_picture_by_its_alt_text(write_cards: WriteCards, tmp_path: Path) -> None:
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "cord.png").write_bytes(png(4, 3))
    cards = """\
cards:
  - id: cord
    question: "Which part of the CNS is this? ![Cord & roots, side view](images/cord.png)"
    answer: The spinal cord.
    evidence:
      doc: "The CNS includes the brain, spinal cord, and optic nerves."
  - id: cord-cloze
    kind: cloze
    text: "![Cord & roots, side view](images/cord.png) The CNS includes the {{c1::spinal cord}}."
    evidence:
      doc: "The CNS includes the brain, spinal cord, and optic nerves."
"""
    out = tmp_path / "report.html"
    code, _, _ = run("coverage", str(write_cards(cards, header=True)), "--html", str(out))
    assert code == 0
    page = out.read_text(encoding="utf-8")
    assert (
        '<span class="cq">Which part of the CNS is this? [picture: Cord &amp; roots, side view]</span> '
        '<span class="ca">→ The spinal cord.</span>'
    ) in page
    assert (
        '<span class="cq">[picture: Cord &amp; roots, side view] The CNS includes the spinal cord.</span>'
    ) in page
    assert "![" not in page and "cord.png" not in page and "<img" not in page


def test_ignores_match_the_json_schema() -> None:
    """A source's ignore entries (a quote or lines, each with its reason) as the JSON Schema has them
    (the MS deck's whole file: tests/deck)."""
    jsonschema = pytest.importorskip("jsonschema")
    ignore = [
        {"quote": "Sign up for our newsletter.", "reason": "newsletter box"},
        {"lines": "3-5", "reason": "x"},
    ]
    data = {
        "deck": {"name": "T", "id": 1234567890},
        "sources": {"doc": {"title": "A doc", "file": "doc.txt", "ignore": ignore}},
        "cards": [{"id": "c", "question": "Q?", "answer": "A.", "evidence": {"doc": CNS}}],
    }
    jsonschema.validate(data, json_schema())
    bad = {**data, "sources": {"x": {"title": "t", "file": "f", "ignore": [{"quote": "q"}]}}}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, json_schema())
