"""One deck over several files (include:), and cards in subdecks (deck: on a card, a group, an include).

Every problem is reported at the file, line and column it is written at.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from generator import diagnostics as dg
from generator.check import check
from generator.model import CardsFile
from tests.checking import CARD, HEADER
from tests.conftest import SOURCE_TEXT

OTHER = """\
  - id: mri-waves
    question: What does MRI use to make its pictures?
    answer: Strong magnetic and radio waves.
    evidence: {doc: "MRI uses strong magnetic and radio waves"}
"""


def project(tmp_path: Path, cards: str, **files: str) -> tuple[CardsFile | None, list[str]]:
    """Write cards.yaml (HEADER + ``cards``), doc.txt and ``files`` (by relative path); check it."""
    (tmp_path / "doc.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    (tmp_path / "cards.yaml").write_text(HEADER + cards, encoding="utf-8")
    for name, text in files.items():
        *folders, stem, ext = name.split("__")  # parts__more__yaml: parts/more.yaml
        path = tmp_path.joinpath(*folders, f"{stem}.{ext}")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    model, found = check(tmp_path / "cards.yaml", "cards.yaml")
    return model, [f"{d.path}:{d.line}:{d.col} {d.code} {d.message}" for d in dg.sort(found)]


def test_an_included_file_adds_its_cards_in_place(tmp_path: Path) -> None:
    model, found = project(
        tmp_path, CARD + "  - include: parts/imaging.yaml\n", parts__imaging__yaml="cards:\n" + OTHER
    )
    assert found == []
    assert model is not None
    assert [c.id for c in model.cards] == ["cns", "mri-waves"]
    assert [c.pos.file for c in model.cards] == ["cards.yaml", "parts/imaging.yaml"]
    assert (model.cards[1].pos.line, model.cards[1].pos.col) == (2, 5)


def test_problems_in_an_included_file_are_reported_there(tmp_path: Path) -> None:
    bad = "cards:\n" + OTHER.replace("strong magnetic", "strong magnetical") + "    anwser: x\n"
    _, found = project(tmp_path, CARD + "  - include: parts/imaging.yaml\n", parts__imaging__yaml=bad)
    assert [f.split(" ")[0:2] for f in found] == [
        ["parts/imaging.yaml:5:21", "E305"],
        ["parts/imaging.yaml:6:5", "E103"],
    ]


def test_a_yaml_error_in_an_included_file_is_reported_there_in_plain_words(tmp_path: Path) -> None:
    bad = "cards:\n" + OTHER.replace("answer: Strong", "answer: Note: Strong")
    _, found = project(tmp_path, CARD + "  - include: parts/imaging.yaml\n", parts__imaging__yaml=bad)
    assert found == [
        "parts/imaging.yaml:4:17 E001 YAML syntax error: the value of 'answer' contains ': ', which YAML "
        "reads as the start of a new key; wrap the whole value in double quotes: "
        'answer: "Note: Strong magnetic and radio waves."'
    ]


def test_a_card_id_used_in_two_files_names_both(tmp_path: Path) -> None:
    dup = "cards:\n" + CARD.replace("What does the CNS include?", "Which organs form the CNS?")
    _, found = project(tmp_path, CARD + "  - include: parts/more.yaml\n", parts__more__yaml=dup)
    assert found == [
        "parts/more.yaml:2:9 E302 duplicate card id 'cns', first used at line 9, column 9 of cards.yaml; "
        "give each card its own id"
    ]


def test_includes_nest_relative_to_the_file_they_are_written_in(tmp_path: Path) -> None:
    model, found = project(
        tmp_path,
        CARD + "  - include: parts/a.yaml\n",
        parts__a__yaml="cards:\n  - include: b/c.yaml\n",
        parts__b__c__yaml="cards:\n" + OTHER,
    )
    assert found == [] and model is not None
    assert model.cards[1].pos.file == "parts/b/c.yaml"


def test_a_missing_included_file(tmp_path: Path) -> None:
    _, found = project(tmp_path, CARD + "  - include: parts/mising.yaml\n")
    assert found == [
        "cards.yaml:14:14 E206 cannot read the included file parts/mising.yaml: No such file or directory; "
        "check the include path"
    ]


def test_a_mistyped_include_path_gets_a_did_you_mean(tmp_path: Path) -> None:
    _, found = project(
        tmp_path,
        CARD + "  - include: parts/imagng.yaml\n  - include: part/var.yaml\n  - include: parts/zzz.yaml\n",
        parts__imaging__yaml="cards: []\n",
        parts__var__yaml="cards: []\n",
    )
    assert found == [
        "cards.yaml:14:14 E206 cannot read the included file parts/imagng.yaml: No such file or directory; "
        "did you mean 'parts/imaging.yaml'?",
        "cards.yaml:15:14 E206 cannot read the included file part/var.yaml: No such file or directory; "
        "did you mean 'parts/var.yaml'?",
        "cards.yaml:16:14 E206 cannot read the included file parts/zzz.yaml: No such file or directory; "
        "check the include path",
    ]


def test_a_file_that_includes_itself_or_is_included_twice(tmp_path: Path) -> None:
    _, found = project(
        tmp_path,
        CARD + "  - include: a.yaml\n  - include: ./a.yaml\n",
        a__yaml="cards:\n  - include: a.yaml\n  - include: cards.yaml\n" + OTHER,
    )
    assert found == [
        "a.yaml:2:14 E207 a.yaml includes itself (through cards.yaml → a.yaml → a.yaml)",
        "a.yaml:3:14 E207 cards.yaml includes itself (through cards.yaml → a.yaml → cards.yaml)",
        "cards.yaml:15:14 E207 a.yaml is already included (line 14, column 14 of cards.yaml); "
        "include each file once",
    ]


def test_an_include_outside_the_project_folder(tmp_path: Path) -> None:
    deck = tmp_path / "deck"
    deck.mkdir()
    (tmp_path / "other.yaml").write_text("cards:\n" + OTHER, encoding="utf-8")
    _, found = project(deck, CARD + "  - include: ../other.yaml\n  - include: /etc/hostname\n")
    assert found == [
        f"cards.yaml:14:14 E208 include '../other.yaml' is {tmp_path / 'other.yaml'}, outside the project "
        f"folder {deck} (the cards file's folder); move the file into the folder",
        "cards.yaml:15:14 E208 include path '/etc/hostname' is absolute; write it relative to cards.yaml",
    ]


def test_an_included_file_holds_a_cards_list_only(tmp_path: Path) -> None:
    _, found = project(tmp_path, CARD + "  - include: part.yaml\n", part__yaml=HEADER + OTHER)
    assert [f.split(" ")[:2] for f in found] == [
        ["part.yaml:1:1", "E103"],
        ["part.yaml:4:1", "E103"],
    ]
    assert found[0].endswith("unknown key 'deck' in an included file; allowed: cards")


# ---------------------------------------------------------------- subdecks


def test_subdecks_from_a_card_a_group_a_nested_group_and_an_include(tmp_path: Path) -> None:
    cards = (
        CARD.replace("  - id: cns\n", "  - id: cns\n    deck: Anatomy\n")
        + "  - deck: Imaging\n    cards:\n"
        + textwrap.indent(OTHER, "    ")
        + "      - deck: Spine\n        cards:\n"
        + textwrap.indent(
            OTHER.replace("mri-waves", "mri-deep").replace(
                "What does MRI use to make its pictures?", "Which detail do scans of the spine show?"
            ),
            "        ",
        )
        + "  - include: parts/p.yaml\n    deck: Imaging::Brain\n"
    )
    part = "cards:\n" + OTHER.replace("mri-waves", "mri-part").replace(
        "What does MRI use to make its pictures?", "How long does a brain scan take?"
    )
    model, found = project(tmp_path, cards, parts__p__yaml=part)
    assert found == []
    assert model is not None
    assert [(c.id, c.deck) for c in model.cards] == [
        ("cns", "Anatomy"),
        ("mri-waves", "Imaging"),
        ("mri-deep", "Imaging::Spine"),
        ("mri-part", "Imaging::Brain"),
    ]


@pytest.mark.parametrize(
    ("deck", "problem"),
    [
        ("'  '", "is empty"),
        ("'Imaging::'", "has an empty part: write 'Part::Sub', with no '::' at either end or twice in a row"),
        ("'A::::B'", "has an empty part: write 'Part::Sub', with no '::' at either end or twice in a row"),
        ("'Imaging :: MRI'", "has spaces at the start or end of a part, which Anki would remove"),
        ("'Imaging: MRI'", "has a single ':' (only '::' separates subdecks)"),
    ],
)
def test_subdeck_names_anki_would_not_keep(tmp_path: Path, deck: str, problem: str) -> None:
    _, found = project(tmp_path, CARD.replace("  - id: cns\n", f"  - id: cns\n    deck: {deck}\n"))
    shown = deck.strip("'")
    assert found == [f"cards.yaml:10:11 E108 card 'cns' deck {shown!r} {problem}"]


@pytest.mark.parametrize(
    ("deck", "col", "problem"),
    [
        (
            '"Ima\\u200bging"',
            15,
            "holds the invisible character U+200B (zero width space): it shows other than it is",
        ),
        ('"Imaging\\tMRI"', 19, "holds a line break or tab (U+0009 (control character)), which Anki drops"),
        (
            '"\\u202eImaging"',
            12,
            "holds the invisible character U+202E (right-to-left override): it shows other than it is",
        ),
    ],
)
def test_subdeck_names_that_show_other_than_they_are(
    tmp_path: Path, deck: str, col: int, problem: str
) -> None:
    _, found = project(tmp_path, CARD.replace("  - id: cns\n", f"  - id: cns\n    deck: {deck}\n"))
    shown = deck.strip('"').encode().decode("unicode_escape")
    assert found == [f"cards.yaml:10:{col} E331 card 'cns' deck {shown!r} {problem}; rename the subdeck"]


def test_one_subdeck_spelt_two_ways(tmp_path: Path) -> None:
    cards = CARD.replace("  - id: cns\n", "  - id: cns\n    deck: Imaging\n") + OTHER.replace(
        "  - id: mri-waves\n", "  - id: mri-waves\n    deck: imaging\n"
    )
    _, found = project(tmp_path, cards)
    assert found == [
        "cards.yaml:16:11 E108 subdeck 'imaging' differs only in case from 'Imaging' (line 10, column 11); "
        "Anki would put both in one deck: spell it one way"
    ]


def test_a_group_needs_its_deck_and_takes_no_other_key(tmp_path: Path) -> None:
    cards = "  - cards:\n" + textwrap.indent(CARD, "    ") + "    tags: [x]\n"
    _, found = project(tmp_path, cards)
    assert found == [
        "cards.yaml:9:5 E102 group 1 is missing the required key 'deck'; add deck: ...",
        "cards.yaml:15:5 E103 unknown key 'tags' in group 1; allowed: deck, cards",
    ]


def test_a_picture_in_an_included_file_is_found_from_the_cards_file_and_reported_there(
    tmp_path: Path,
) -> None:
    (tmp_path / "images").mkdir()
    part = "cards:\n" + OTHER.replace(
        "answer: Strong magnetic and radio waves.",
        'answer: "Strong waves. ![An MRI scanner](images/mri.png)"',
    )
    _, found = project(tmp_path, CARD + "  - include: parts/imaging.yaml\n", parts__imaging__yaml=part)
    assert len(found) == 1 and found[0].startswith("parts/imaging.yaml:4:")
    assert "images/mri.png" in found[0]
