"""A source named in the question (W414) and figures from undated sources (W415)."""

from __future__ import annotations

import pytest

from generator.check.rules.sourcing import figure
from tests.checking import HEADER, TWO_SOURCES, card, check, cited, codes_of, messages

FIGURE = "found in about 80 percent of people"


def test_w414_a_question_that_names_its_only_source() -> None:
    text = TWO_SOURCES + cited(
        "myelin", "According to Healthline, what does myelin do?", "Protects.", "healthline"
    )
    text += cited("cns", "Which nerves belong to the CNS?", "The optic nerves.", "spine-institute")
    assert messages(text) == [
        "W414 16:15 card 'myelin' names its source 'healthline' in the question; the back names it already: "
        "ask the question on its own (name a source only where sources disagree or a figure is its own)"
    ]


@pytest.mark.parametrize(
    "question",
    [
        "What does the Spine Institute call constant muscle contractions?",
        "Which term does the untitled web article use for a stiff muscle?",
        "In the untitled article's list, which sign comes first?",
        "According to the article, which sign comes first?",
        "Per the source, which sign comes first?",
    ],
)
def test_w414_names_by_publisher_label_or_a_source_noun(question: str) -> None:
    header = TWO_SOURCES.replace("title: Effect of", "title: Article (untitled web article) on the effect of")
    text = header + cited("c0", question, "Spasticity.", "spine-institute")
    text += cited("c1", "Which nerves belong to the CNS?", "The optic nerves.", "healthline")
    assert check(text) == [("W414", 16, 15)]


@pytest.mark.parametrize(
    ("question", "answer", "sources"),
    [
        ("According to Healthline, what does myelin do?", "Protects.", ("healthline", "spine-institute")),
        ("What does myelin do, per the Spine Institute?", "Insulates.", ("healthline", "healthline")),
        ("According to Healthline, what share of people have lesions?", "About 80 percent.", ("healthline",)),
        (
            "According to the McDonald criteria, what confirms MS?",
            "Lesions in space and time.",
            ("healthline",),
        ),
        ("Which term does the spine surgeon use?", "Spasticity.", ("spine-institute",)),
    ],
)
def test_no_w414_where_naming_the_source_is_the_point(
    question: str, answer: str, sources: tuple[str, ...]
) -> None:
    """Two sources cited, the named source not the cited one, a figure, no source at all."""
    body = card("c0", question, answer, FIGURE if "percent" in answer else "The CNS includes the brain")
    evidence = "".join(f"      {key}: The CNS includes the brain\n" for key in dict.fromkeys(sources))
    body = body.replace('      doc: "The CNS includes the brain"\n', evidence)
    body = body.replace(f'      doc: "{FIGURE}"\n', "".join(f'      {key}: "{FIGURE}"\n' for key in sources))
    rest = cited("c1", "Which nerves belong to the CNS?", "The optic nerves.", "spine-institute")
    rest += cited("c2", "Where does MS attack?", "The CNS.", "healthline")
    assert [c for c in check(TWO_SOURCES + body + rest) if c[0] == "W414"] == []


def test_no_w414_where_another_card_asks_nearly_the_same_from_another_source() -> None:
    text = TWO_SOURCES
    text += cited(
        "a",
        "According to Healthline, what share of MS patients develop spinal lesions?",
        "Most.",
        "healthline",
    )
    text += cited(
        "b",
        "What share of MS patients develop spinal lesions, says the Spine Institute?",
        "Half.",
        "spine-institute",
    )
    assert check(text) == [("W406", 21, 15), ("W415", 22, 13)]


def test_w415_a_figure_from_a_source_with_no_date() -> None:
    text = HEADER + card("c0", "What share of people have spinal lesions?", "About 80 percent.", FIGURE)
    assert messages(text) == [
        "W415 11:13 card 'c0' gives a figure from 'doc', which has no date; add date: to the source "
        "(published, reviewed or read), so the figure can be placed in time"
    ]
    dated = text.replace("    file: doc.txt\n", '    file: doc.txt\n    date: "2019-01-07"\n')
    assert check(dated) == []


def test_w415_names_the_undated_source_the_figure_is_quoted_from() -> None:
    both = cited("c0", "What share of people have lesions?", "About 80 percent.", "healthline", FIGURE)
    both += f"      spine-institute: {FIGURE}\n"
    assert check(TWO_SOURCES + both) == [("W415", 17, 13)]
    assert "from 'spine-institute'" in messages(TWO_SOURCES + both)[0]
    one_figure = both.replace(
        f"      spine-institute: {FIGURE}\n", "      spine-institute: The CNS includes\n"
    )
    assert check(TWO_SOURCES + one_figure) == []  # the figure is the dated source's


@pytest.mark.parametrize(
    ("text", "is_figure"),
    [
        ("About 80 percent.", True),
        ("80%", True),
        ("More than half.", True),
        ("Just over 2 million.", True),
        ("About 400,000 in the US.", True),
        ("One in five.", True),
        ("3 out of 10 people", True),
        ("Two thirds of patients.", True),
        ("A majority of patients.", True),
        ("2017.", False),  # a year
        ("Three or more vertebral segments.", False),  # a small number
        ("C3 to C5.", False),
        ("The third ventricle.", False),
        ("In case 12345.", False),
    ],
)
def test_what_counts_as_a_figure(text: str, is_figure: bool) -> None:
    from generator.check.rules.quality import fold
    from generator.text.words import content

    assert figure(text, frozenset(content(fold(text).split()))) is is_figure
    assert codes_of(("How many?", text)) == ([("W415", 11, 13)] if is_figure else [])


def test_w415_in_a_cloze_text_and_no_w414_for_a_cloze_or_reversed_card() -> None:
    cloze = (
        "  - id: share\n    kind: cloze\n    text: Lesions are found in about {{c1::80 percent}} of people.\n"
    )
    cloze += f'    evidence: {{doc: "{FIGURE}"}}\n'
    assert check(HEADER + cloze) == [("W415", 11, 11)]
    term = "  - id: term\n    kind: reversed\n    question: According to the source, MRI\n"
    term += "    answer: A scan with magnets.\n    evidence: {doc: MRI uses strong magnetic}\n"
    assert check(HEADER + term) == []
