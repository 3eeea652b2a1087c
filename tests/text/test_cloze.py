"""Cloze deletions read the way Anki reads them (the Anki tests compare the rendering with Anki's own)."""

from __future__ import annotations

import pytest

from generator.text import cloze
from generator.text.cloze import Fault, Problem


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("no deletion", ()),
        ("{{c1::a}} {{c2::b}} {{c1::c}}", (1, 2)),
        ("{{c3::a}} {{c1::b::hint}}", (1, 3)),
        ("{{c0::a}} {{C2::b}} {{c01::c}} {{c100::d}} {{c 4::e}}", ()),
        ("{{c1::never closed", ()),
        ("{{{c2::a}}} }} x", (2,)),
        ("<ul><li>{{c1::<em>a</em>}}</li><li>{{c2::b}}</li></ul>", (1, 2)),
    ],
)
def test_numbers_are_those_of_well_formed_closed_deletions(text: str, numbers: tuple[int, ...]) -> None:
    assert cloze.numbers(text) == numbers


def test_scan_finds_nesting_and_unclosed_deletions() -> None:
    found = cloze.scan("{{c1::a {{c2::b}} c}} {{c3::d")
    assert [(d.opener, d.number, d.depth, d.closed) for d in found] == [
        ("{{c1::", 1, 0, True),
        ("{{c2::", 2, 1, True),
        ("{{c3::", 3, 0, False),
    ]


def test_render_hides_the_cards_own_number_and_shows_the_others() -> None:
    html = "{{c1::MS::a disease}} affects the {{c2::CNS}} and {{c1::cord}}."
    assert cloze.render(html, 1, answer=False) == (
        '<span class="cloze" data-cloze="MS" data-ordinal="1">[a disease]</span> affects the '
        '<span class="cloze-inactive" data-ordinal="2">CNS</span> and '
        '<span class="cloze" data-cloze="cord" data-ordinal="1">[...]</span>.'
    )
    assert cloze.render(html, 2, answer=True) == (
        '<span class="cloze-inactive" data-ordinal="1">MS</span> affects the '
        '<span class="cloze" data-ordinal="2">CNS</span> and '
        '<span class="cloze-inactive" data-ordinal="1">cord</span>.'
    )


def test_render_encodes_the_hidden_text_for_its_attribute_as_anki_does() -> None:
    out = cloze.render("{{c1::café &amp; <em>x</em> 1-2 ’}}", 1, answer=False)
    assert out == (
        '<span class="cloze" data-cloze="caf&#xE9;&#x20;&amp;amp&#x3B;&#x20;&lt;em&gt;x&lt;&#x2F;em&gt;'
        '&#x20;1&#x2D;2&#x20;’" data-ordinal="1">[...]</span>'
    )


def test_render_refuses_what_the_checker_refuses() -> None:
    with pytest.raises(ValueError, match="unnested"):
        cloze.render("{{c1::a {{c2::b}} c}}", 1, answer=False)


def test_reveal_reads_the_text_with_every_deletion_shown() -> None:
    assert cloze.reveal("{{c1::MS::a disease}} hits the {{c2::CNS}} in {{c3::80}} percent.") == (
        "MS hits the CNS in 80 percent."
    )
    assert cloze.reveal("no deletion, {{c0::a bad one}}") == "no deletion, {{c0::a bad one}}"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("no deletion", [Problem(Fault.NO_DELETION, 0, "")]),
        ("The {{c1::CNS}} and the {{c2::PNS}}.", []),
        ("a {{c0::b}}", [Problem(Fault.BAD_NUMBER, 2, "{{c0::", fix="{{c1::")]),
        (
            "a {{c04::b}} {{c 100::c}}",
            [
                Problem(Fault.BAD_NUMBER, 2, "{{c04::", fix="{{c4::"),
                Problem(Fault.BAD_NUMBER, 13, "{{c 100::", fix="{{c1::"),
            ],
        ),
        ("a {{c1::b", [Problem(Fault.UNCLOSED, 2, "{{c1::")]),
        ("a {{c1::b {{c2::c}} d}}", [Problem(Fault.NESTED, 10, "{{c2::")]),
        (
            "a {{C3::b",
            [Problem(Fault.BAD_NUMBER, 2, "{{C3::", fix="{{c3::"), Problem(Fault.UNCLOSED, 2, "{{C3::")],
        ),
        (
            "a {{c1::}} b {{c2:: ::hint}}",
            [
                Problem(Fault.HIDES_NOTHING, 2, "{{c1::"),
                Problem(Fault.HIDES_NOTHING, 13, "{{c2::"),
            ],
        ),
        ("{{c1::a}} {{c1::b}}.", [Problem(Fault.HIDES_ALL, 0, "{{c1::", numbers=(1,))]),
        ("{{c1::a}} {{c2::b}}.", []),  # each card shows the other deletion's words
        ("a {{c2::b}} c {{c5::d}} {{c4::e}}", [Problem(Fault.NUMBER_GAP, 2, "{{c2::", numbers=(1, 3))]),
        ("a {{c1:b}} c", [Problem(Fault.MISSPELT, 2, "{{c1:", fix="{{c1::")]),
        ("a {c02::b}} c", [Problem(Fault.MISSPELT, 2, "{c02::", fix="{{c2::")]),
        # a misspelt opener beside good deletions stops the checks that need every deletion well formed
        ("{{c1::a}} {{c3:b}} {{c3::c}}", [Problem(Fault.MISSPELT, 10, "{{c3:", fix="{{c3::")]),
        ("{x} and {{cloze:Text}} and {{c1::y}}", []),
    ],
)
def test_problems_are_facts_with_offsets(text: str, found: list[Problem]) -> None:
    assert list(cloze.problems(text)) == found
    for problem in found:
        assert text[problem.offset :].startswith(problem.written)


def test_the_whole_text_is_hidden_only_when_a_cards_deletions_leave_no_word() -> None:
    assert list(cloze.problems("{{c1::a}}, {{c2::b}}{{c1::c}}!")) == []
    assert list(cloze.problems("{{c2::a}} {{c2::b}} {{c1::c}}")) == []
    assert list(cloze.problems("{{c1::a b}}")) == [Problem(Fault.HIDES_ALL, 0, "{{c1::", numbers=(1,))]
