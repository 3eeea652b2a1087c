"""A large file read in two parts at once gives exactly what reading it whole gives."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from generator import twocore
from generator.check import check, halves, wire
from generator.diagnostics import Diagnostic
from generator.model import Allow, Card, CardsFile, Evidence, MediaRef, Pos
from tests.conftest import HEADER, ROOT, SOURCE_TEXT

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork on this platform")

Result = tuple[CardsFile | None, list[Diagnostic]]
SHARES = (0.1, 0.3, 0.45, 0.7, 0.9)


@pytest.fixture
def both(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path, float], tuple[Result, Result, bool]]:
    """Check a file whole, then in two parts (a helper always forked, the cut at ``share``):
    both results, and whether the parts were used."""
    used: list[bool] = []
    read = halves.read

    def reading(*args: Any, **kwargs: Any) -> Any:
        found = read(*args, **kwargs)
        used.append(found is not None)
        return found

    monkeypatch.setattr(halves, "read", reading)

    def run(path: Path, share: float) -> tuple[Result, Result, bool]:
        used.clear()
        with monkeypatch.context() as patch:
            patch.setattr(halves, "SPLIT_FROM", 10**12)
            whole = check(path)
        with monkeypatch.context() as patch:
            patch.setattr(halves, "SPLIT_FROM", 0)
            patch.setattr(halves, "HELPER_SHARE", share)
            patch.setattr(twocore, "available", lambda jobs=None: True)
            parts = check(path)
        return whole, parts, any(used)

    return run


def _cards(count: int, *, odd: dict[int, str] | None = None) -> str:
    """A cards file of ``count`` cards over the small document; card ``i`` is ``odd[i]`` if given."""
    lines = [HEADER, "cards:\n"]
    for i in range(count):
        lines.append(
            (odd or {}).get(i)
            or (
                f"  - id: card-{i}\n"
                f"    question: Where are spinal cord lesions found, case {i}?\n"
                f'    answer: "In about 80 percent of people, case {i}."\n'
                "    tags: [anatomy, spine]\n"
                '    evidence: {doc: "found in about 80 percent"}\n'
            )
        )
    return "".join(lines)


def _write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "doc.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    path = tmp_path / "cards.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("share", SHARES)
def test_the_deck_of_this_repository_reads_the_same_in_parts(both: Any, share: float) -> None:
    whole, parts, used = both(ROOT / "cards.yaml", share)
    assert used
    assert parts == whole
    assert whole[0] is not None and len(whole[0].cards) == 80


@pytest.mark.parametrize("name", ["good.yaml", "bad.yaml"])
def test_the_quality_corpus_reads_the_same_in_parts(both: Any, name: str) -> None:
    for share in SHARES:
        whole, parts, used = both(Path(__file__).parent / "quality" / name, share)
        assert used
        assert parts == whole


def test_a_clean_file_is_read_in_parts_and_its_cards_kept_in_order(both: Any, tmp_path: Path) -> None:
    path = _write(tmp_path, _cards(40))
    whole, parts, used = both(path, 0.45)
    assert used
    assert parts == whole
    assert whole[0] is not None
    assert [c.id for c in whole[0].cards] == [f"card-{i}" for i in range(40)]


def _inside(opener: str, closer: str) -> str:
    """A file whose card 20 opens quoted text or a flow list, goes on over lines that look like cards,
    and closes it at the left margin, before one more top-level key."""
    body = _cards(40).split("  - id: card-20\n", 1)
    return (
        body[0]
        + f"  - id: card-20\n    question: Which one?\n    answer: A.\n    tags: {opener}first\n"
        + "  - id: card-21"
        + body[1].split("  - id: card-21", 1)[1]
        + f"{closer}\nversion: 1\n"
    )


EVIDENCE = "    evidence: {doc: found in about 80 percent}\n"
ALIASED = "  - id: card-{0}\n    question: Q{0}?\n    answer: A.\n    tags: *many\n"
ODD: dict[str, str] = {
    "a diagnostic in the later cards": _cards(
        40, odd={30: "  - id: card-30\n    question: Q?\n    answer: A.\n    colour: red\n"}
    ),
    "a card in a subdeck": _cards(
        40,
        odd={
            30: "  - id: card-30\n    deck: Spine\n    question: Q?\n    answer: A.\n"
            "    evidence: {doc: found in about 80 percent}\n"
        },
    ),
    "a group": _cards(
        40,
        odd={
            30: "  - deck: Spine\n    cards:\n      - id: card-30\n        question: Q?\n        answer: A.\n"
        },
    ),
    "an anchor and its alias": _cards(
        40,
        odd={
            5: "  - id: card-5\n    question: Q?\n    answer: &a A.\n" + EVIDENCE,
            30: "  - id: card-30\n    question: Q2?\n    answer: *a\n" + EVIDENCE,
        },
    ),
    "aliases over the limit only when counted together": _cards(
        120,
        odd={
            0: "  - id: card-0\n    question: Q?\n    answer: A.\n    tags: &many ["
            + ", ".join(["x"] * 1500)
            + "]\n",
            **{i: ALIASED.format(i) for i in range(1, 120)},
        },
    ),
    "the same id in both parts": _cards(
        40,
        odd={
            35: _cards(4)[len(HEADER) + len("cards:\n") :]
            .split("  - id: card-1")[0]
            .replace("card-0", "card-3")
        },
    ),
    "quoted text across the cut": _inside("'", "'"),
    "a flow list across the cut": _inside("[", "]"),
}


@pytest.mark.parametrize("case", sorted(ODD))
def test_a_file_that_cannot_be_cut_cleanly_reads_as_a_whole_file(
    both: Any, tmp_path: Path, case: str
) -> None:
    path = _write(tmp_path, ODD[case])
    for share in SHARES:
        whole, parts, _ = both(path, share)
        assert parts == whole, (case, share)


def test_problems_in_both_parts_are_all_reported_once(both: Any, tmp_path: Path) -> None:
    bad = "  - id: card-{0}\n    question: Q{0}?\n    answer: A.\n    colour: red\n"
    path = _write(tmp_path, _cards(40, odd={5: bad.format(5), 35: bad.format(35)}))
    whole, parts, _ = both(path, 0.45)
    assert parts == whole
    assert [d.code for d in whole[1] if d.code.startswith("E1")] == ["E103", "E102", "E103", "E102"]


def test_where_a_file_is_cut() -> None:
    text = _cards(10)
    split = halves.find(text, 0.5)
    assert split is not None
    assert text[split.cut :].startswith("  - id: card-5\n")
    assert split.end == len(text)
    assert split.main_text(text).count("\n") == text.count("\n")
    helper_text = split.helper_text(text)
    assert helper_text.count("\n") == text.count("\n")
    assert helper_text.splitlines()[split.line] == "  - id: card-5"
    assert helper_text.splitlines()[split.line - 1] == "cards:"


def test_a_list_written_at_the_keys_indent_is_cut_too() -> None:
    text = _cards(10).replace("\n  ", "\n") + "sources2: {}\n"
    split = halves.find(text, 0.5)
    assert split is not None
    assert text[split.cut : split.end].startswith("- id: card-5\n")
    assert text[split.end :] == "sources2: {}\n"


@pytest.mark.parametrize(
    "text",
    [
        _cards(10) + "cards:\n  - id: again\n",  # two lists
        _cards(10).replace("\n", "\r\n"),  # line breaks a count of line feeds would miss
        HEADER + "cards: [{id: a}, {id: b}]\n",  # a flow list
        HEADER + "cards:\n",  # no cards
        HEADER + "cards:\n  - id: only-one\n",  # nothing to cut after the first card
    ],
)
def test_a_file_not_laid_out_for_it_is_not_cut(text: str) -> None:
    assert halves.find(text, 0.5) is None


def _every_field() -> Card:
    pos = Pos(3, 4, "parts/more.yaml")
    return Card(
        id="x",
        question="Q?",
        answer="A.",
        evidence=(Evidence("doc", "quote", Pos(5, 6), Pos(5, 2)), Evidence("doc", "more", Pos(7, 8))),
        pos=pos,
        tags=("t",),
        extra="extra",
        note="note",
        allow=(Allow("W401", "why", Pos(9, 9)),),
        positions=(("question", Pos(4, 14)),),
        kind="cloze",
        text="The {{c1::first}}.",
        media=(MediaRef("image", "images/a.png", Pos(4, 20), "alt"),),
        deck="Spine",
    )


def test_cards_travel_with_every_field() -> None:
    card = _every_field()
    assert wire.decode(wire.encode([card])) == [card]
    for cls, sent in ((Card, wire.encode([card])[0]), (Evidence, wire.encode([card])[0][3][0])):
        assert len(sent) == len(dataclasses.fields(cls))
    assert all(v != f.default for f in dataclasses.fields(Card) for v in [getattr(card, f.name)])
    tags = [("t", Pos(1, 2, "f"))]
    assert wire.decode_tags(wire.encode_tags(tags)) == tags
    assert type(wire.decode(wire.encode([card]))[0].pos) is Pos


def _names(cls: type) -> Iterator[str]:
    return (f.name for f in dataclasses.fields(cls))


def test_the_model_has_no_field_the_wire_does_not_carry() -> None:
    assert list(_names(Card)) == [
        *("id", "question", "answer", "evidence", "pos", "tags", "extra", "note"),
        *("allow", "positions", "kind", "text", "media", "deck"),
    ]
    assert list(_names(Evidence)) == ["source", "quote", "pos", "key_pos"]
    assert list(_names(Allow)) == ["code", "reason", "pos"]
    assert list(_names(MediaRef)) == ["kind", "path", "pos", "alt"]


def test_an_anchor_anywhere_keeps_the_file_whole(both: Any, tmp_path: Path) -> None:
    """Aliases may expand to at most so many nodes in a whole file: parts could pass what it fails."""
    anchored = "  - id: card-{0}\n    question: Q{0}?\n    answer: &a{0} A.\n" + EVIDENCE
    for at in (3, 36):
        path = _write(tmp_path, _cards(40, odd={at: anchored.replace("{0}", str(at))}))
        whole, parts, used = both(path, 0.45)
        assert parts == whole
        assert not used
