"""The speed door gives exactly what the plain single-process check gives, with a helper or without.

The reference is a check with ``Tuning(jobs=1)``: the whole file composed and
read here, the quotes looked up here after the other rules. The door is
held against it with its thresholds lowered (``split_from=0``,
``fork_quotes=0``), so that small files take the two-process paths, and
with a helper process always allowed (``jobs=2``).
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.check import check
from generator.check.fast import Tuning, check_documents, parts, read_whole, wire
from generator.diagnostics import Diagnostic
from generator.load.loader import read_file
from generator.model import Allow, Card, CardsFile, Evidence, MediaRef, Pos, Source
from tests.conftest import HEADER, ROOT, SOURCE_TEXT, budget

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork on this platform")

Result = tuple[CardsFile | None, list[Diagnostic]]
SHARES = (0.1, 0.3, 0.45, 0.7, 0.9)
REFERENCE = Tuning(jobs=1)


def fast(share: float = 0.4, rules_per_card: int = 350) -> Tuning:
    """Both pieces of work shared with a helper, whatever the file's size."""
    return Tuning(jobs=2, split_from=0, reading_share=share, fork_quotes=0, rules_per_card=rules_per_card)


def same_as_the_reference(path: Path, share: float, rules_per_card: int = 350) -> Result:
    """Check ``path`` both ways and hold one against the other; the reference's result."""
    reference = check(path, tuning=REFERENCE)
    assert check(path, tuning=fast(share, rules_per_card)) == reference, share
    return reference


def in_parts(path: Path, share: float, jobs: int = 2) -> bool:
    """Whether the file is read in two parts at ``share`` (when not, it is read whole); when it is,
    the parts must give what the whole file gives."""
    found = parts.read_in_parts(
        read_file(path), path.parent, path, allow_outside=False, share=share, jobs=jobs
    )
    if found is not None:
        assert found == read_whole(read_file(path), path.parent, path)
    return found is not None


def _cards(count: int, *, odd: dict[int, str] | None = None) -> str:
    """A cards file of ``count`` cards over the small document; card ``i`` is ``odd[i]`` if given."""
    lines = [HEADER, "cards:\n"]
    for i in range(count):
        lines.append((odd or {}).get(i) or _card(i))
    return "".join(lines)


def _card(i: int) -> str:
    return (
        f"  - id: card-{i}\n"
        f"    question: Where are spinal cord lesions found, case {i}?\n"
        f'    answer: "In about 80 percent of people, case {i}."\n'
        "    tags: [anatomy, spine]\n"
        '    evidence: {doc: "found in about 80 percent"}\n'
    )


def _write(folder: Path, text: str) -> Path:
    (folder / "doc.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    path = folder / "cards.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("share", SHARES)
def test_the_deck_of_this_repository_checks_the_same(share: float) -> None:
    path = ROOT / "cards.yaml"
    assert in_parts(path, share)
    cards_file, _ = same_as_the_reference(path, share)
    # every card of the deck, read in two parts (each card of the deck's list starts "  - id: ")
    assert cards_file is not None and len(cards_file.cards) == path.read_text(encoding="utf-8").count(
        "\n  - id: "
    )


@pytest.mark.parametrize("name", ["good.yaml", "bad.yaml"])
def test_the_quality_corpus_checks_the_same(name: str) -> None:
    path = Path(__file__).parent / "quality" / name
    for share in SHARES:
        assert in_parts(path, share)
        same_as_the_reference(path, share)


@pytest.mark.parametrize("jobs", [1, 2], ids=["alone", "with a helper"])
def test_a_clean_file_is_read_in_parts_and_its_cards_kept_in_order(tmp_path: Path, jobs: int) -> None:
    path = _write(tmp_path, _cards(40))
    assert in_parts(path, 0.45, jobs)
    cards_file, _ = same_as_the_reference(path, 0.45)
    assert cards_file is not None
    assert [c.id for c in cards_file.cards] == [f"card-{i}" for i in range(40)]


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
    "one subdeck spelt two ways across the cut": _cards(
        40,
        odd={
            5: "  - id: card-5\n    deck: Spine\n    question: Q?\n    answer: A.\n" + EVIDENCE,
            30: "  - id: card-30\n    deck: spine\n    question: Q2?\n    answer: A.\n" + EVIDENCE,
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
    "the same id in both parts": _cards(40, odd={35: _card(3)}),
    "quoted text across the cut": _inside("'", "'"),
    "a flow list across the cut": _inside("[", "]"),
    "sources that are not a mapping": _cards(40).replace("sources:\n  doc:", "sources:\n- doc:"),
    "an unknown source in the later cards": _cards(40, odd={33: _card(33).replace("{doc:", "{dco:")}),
}


@pytest.mark.parametrize("case", sorted(ODD))
def test_a_file_that_cannot_be_cut_cleanly_checks_the_same(tmp_path: Path, case: str) -> None:
    path = _write(tmp_path, ODD[case])
    for share in SHARES:
        in_parts(path, share)
        same_as_the_reference(path, share)


def test_problems_in_both_parts_are_all_reported_once(tmp_path: Path) -> None:
    bad = "  - id: card-{0}\n    question: Q{0}?\n    answer: A.\n    colour: red\n"
    path = _write(tmp_path, _cards(40, odd={5: bad.format(5), 35: bad.format(35)}))
    _, found = same_as_the_reference(path, 0.45)
    assert [d.code for d in found if d.code.startswith("E1")] == ["E103", "E102", "E103", "E102"]


def test_an_anchor_anywhere_keeps_the_file_whole(tmp_path: Path) -> None:
    """Aliases may expand to at most so many nodes in a whole file: parts could pass what it fails."""
    anchored = "  - id: card-{0}\n    question: Q{0}?\n    answer: &a{0} A.\n" + EVIDENCE
    for at in (3, 36):
        path = _write(tmp_path, _cards(40, odd={at: anchored.replace("{0}", str(at))}))
        assert not in_parts(path, 0.45)
        same_as_the_reference(path, 0.45)


def test_where_a_file_is_cut() -> None:
    text = _cards(10)
    split = parts.find(text, 0.5)
    assert split is not None
    assert text[split.cut :].startswith("  - id: card-5\n")
    assert split.end == len(text)
    assert split.main_text(text).count("\n") == text.count("\n")
    helper_text = split.helper_text(text)
    assert helper_text.count("\n") == text.count("\n")
    assert helper_text.splitlines()[split.line] == "  - id: card-5"
    assert helper_text.splitlines()[split.line - 1] == "cards:"


def test_a_list_written_at_the_keys_indent_is_cut_too(tmp_path: Path) -> None:
    text = _cards(10).replace("\n  ", "\n") + "sources2: {}\n"
    split = parts.find(text, 0.5)
    assert split is not None
    assert text[split.cut : split.end].startswith("- id: card-5\n")
    assert text[split.end :] == "sources2: {}\n"
    path = _write(tmp_path, text)
    assert in_parts(path, 0.5)
    same_as_the_reference(path, 0.5)


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
def test_a_file_not_laid_out_for_it_is_read_whole(tmp_path: Path, text: str) -> None:
    path = _write(tmp_path, text)
    assert not in_parts(path, 0.5)
    same_as_the_reference(path, 0.5)


# Items of a cards list, clean and not, for files made up at random (formatted with their number).
CITED = EVIDENCE.replace("{", "{{").replace("}", "}}")
ITEMS = [
    "  - id: card-{0}\n    question: Q{0}?\n    answer: A.\n    colour: red\n",  # E103, E102
    "  - id: card-{0}\n    deck: Spine\n    question: Q{0}?\n    answer: A.\n" + CITED,
    "  - id: card-{0}\n    deck: spine\n    question: Q{0}?\n    answer: A.\n" + CITED,
    "  - deck: Spine\n    cards:\n      - id: card-{0}\n        question: Q{0}?\n        answer: A.\n",
    "  - id: card-{0}\n    question: Q{0}?\n    answer: &a{0} A.\n" + CITED,
    "  - id: card-{0}\n    question: 'Q{0}\n\n  - id: not-a-card\n    ?'\n    answer: A.\n" + CITED,
    "  - id: card-{0}\n    question: Q{0}?\n    answer: A.\n    tags: [a,\n  b]\n" + CITED,
    "  - id: card-{0}\n    question: Q{0}?\n    answer: A.\n    evidence: {{doc: not in it}}\n",  # E305
    "  - id: card-{0}\n    question: Q{0}?\n    answer: A.\n    evidence: {{gone: anything}}\n",  # E201
    "  - id: card-3\n    question: Q{0}?\n    answer: A.\n" + CITED,  # an id used before
    "  - id: card-{0}\n    question: Q{0}?\n    answer: 12\n" + CITED,  # W106
    "\n  # a comment between cards\n\n",
    "  - id: card-{0}\n\tquestion: Q?\n",  # a tab: the loader reports it, and the file is read whole
]


@pytest.mark.slow
@settings(max_examples=budget(300), deadline=None)
@given(
    odd=st.dictionaries(st.integers(0, 23), st.sampled_from(range(len(ITEMS))), max_size=3),
    share=st.floats(0.05, 0.95),
    rules_per_card=st.sampled_from([0, 350]),
)
def test_any_file_checks_the_same_with_a_helper(
    odd: dict[int, int], share: float, rules_per_card: int
) -> None:
    text = _cards(24, odd={at: ITEMS[item].format(at) for at, item in odd.items()})
    with tempfile.TemporaryDirectory() as folder:
        same_as_the_reference(_write(Path(folder), text), share, rules_per_card)


MANY = (
    HEADER.replace("sources:\n", "sources:\n  gone:\n    title: Missing\n    file: missing.txt\n")
    + "  more:\n    title: Another document\n    file: doc.txt\n"
    + "    ignore:\n      - quote: Not in the document at all.\n        reason: chrome\ncards:\n"
)


def _quoting(i: int, quote: str) -> str:
    return (
        f"  - id: card-{i}\n    question: Question number {i}?\n    answer: Answer {i}.\n"
        f"    evidence:\n      doc: {quote}\n      gone: Anything.\n      more: {quote}\n"
    )


@pytest.mark.parametrize("rules_per_card", [0, 350])
def test_the_rules_say_the_same_with_a_helper_looking_up_quotes(tmp_path: Path, rules_per_card: int) -> None:
    quotes = [
        "The CNS includes the brain, spinal cord, and optic nerves.",
        "The CNS includes the brain and the spinal cord.",  # not in the document: E305
        "MRI uses strong magnetic and radio waves",
        "''",  # empty: E303
    ]
    others = (  # findings from the other rules too: ids, tags, elimination, focus
        "  - id: card-0\n    question: Besides numbness and weakness, which symptom does MS cause?\n"
        "    answer: Fatigue. It is common, but heat makes it worse.\n    tags: ['bad:']\n"
        "    evidence:\n      doc: MRI uses strong magnetic and radio waves\n"
    )
    text = MANY + "".join(_quoting(i, quotes[i % len(quotes)]) for i in range(60)) + others
    _, found = same_as_the_reference(_write(tmp_path, text), 0.4, rules_per_card)
    codes = {d.code for d in found}
    assert {"E203", "E303", "E305", "E310", "E302", "E306", "W409", "W411"} <= codes
    assert len([d for d in found if d.code == "E305"]) == 30


def _sources(tmp_path: Path, count: int) -> dict[str, Source]:
    out = {}
    for i in range(count):
        key = f"s{i}"
        (tmp_path / f"{key}.txt").write_text("x" * 1000, encoding="utf-8")
        out[key] = Source(key, key, f"{key}.txt", tmp_path / f"{key}.txt", Pos(1, 1))
    return out


def _who(part: dict[str, Source]) -> dict[str, int]:
    """Which process checked each document."""
    return {key: os.getpid() for key in part}


def test_a_helper_checks_some_documents_while_the_rest_is_done_here(tmp_path: Path) -> None:
    sources = _sources(tmp_path, 6)
    cited = {key: [] for key in sources}
    who, here, spare = check_documents(
        _who, sources, cited, os.getpid, spare=os.getpid, cards=0, tuning=fast(rules_per_card=0)
    )
    assert spare != here  # the helper does the spare work
    assert here == os.getpid()
    assert list(who) == list(sources)
    helped = [key for key, pid in who.items() if pid != here]
    assert helped == list(sources)[: len(helped)]  # the first documents, in order
    assert 0 < len(helped) < len(sources)  # no work beside them: about half each


def test_the_more_work_beside_the_more_documents_the_helper_checks(tmp_path: Path) -> None:
    sources = _sources(tmp_path, 6)
    cited = {key: [] for key in sources}
    busy = Tuning(jobs=2, fork_quotes=0, rules_per_card=10**6)
    who, _, _ = check_documents(_who, sources, cited, os.getpid, spare=os.getpid, cards=100, tuning=busy)
    assert os.getpid() not in who.values()


@pytest.mark.parametrize(
    "tuning",
    [Tuning(jobs=1, fork_quotes=0), Tuning(jobs=2, fork_quotes=31)],
    ids=["alone", "under the threshold"],
)
def test_documents_are_checked_here_without_a_helper_or_work_enough(tmp_path: Path, tuning: Tuning) -> None:
    sources = _sources(tmp_path, 3)
    cited = {key: [object()] * 10 for key in sources}  # 30 quotes
    who, here, spare = check_documents(
        _who, sources, cited, os.getpid, spare=os.getpid, cards=0, tuning=tuning
    )
    assert set(who.values()) == {here} == {spare} == {os.getpid()}


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
        was=("y",),
    )


def test_cards_travel_as_the_plain_pickled_cards_would() -> None:
    """The reference is pickling the model's dataclasses as they are."""
    cards = [_every_field()]
    plain = pickle.loads(pickle.dumps(cards))
    sent = pickle.loads(pickle.dumps(wire.encode(cards), protocol=pickle.HIGHEST_PROTOCOL))
    assert wire.decode(sent) == plain == cards
    assert all(v != f.default for f in dataclasses.fields(Card) for v in [getattr(cards[0], f.name)])
    for cls, values in ((Card, sent[0]), (Evidence, sent[0][3][0])):
        assert len(values) == len(dataclasses.fields(cls))
    assert type(wire.decode(sent)[0].pos) is Pos
    tags = [("t", Pos(1, 2, "f"))]
    assert wire.decode_tags(pickle.loads(pickle.dumps(wire.encode_tags(tags)))) == tags


def _names(cls: type) -> Iterator[str]:
    return (f.name for f in dataclasses.fields(cls))


def test_the_model_has_no_field_the_wire_does_not_carry() -> None:
    assert list(_names(Card)) == [
        *("id", "question", "answer", "evidence", "pos", "tags", "extra", "note"),
        *("allow", "positions", "kind", "text", "media", "deck", "was"),
    ]
    assert list(_names(Evidence)) == ["source", "quote", "pos", "key_pos"]
    assert list(_names(Allow)) == ["code", "reason", "pos"]
    assert list(_names(MediaRef)) == ["kind", "path", "pos", "alt"]
