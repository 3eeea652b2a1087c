"""The quick way to the node tree (generator/load/quick.py) gives the reference's very tree, or steps aside.

The reference is libyaml's events composed by generator/load/compose.py. For every text, the quick way
either gives None (the reference reads it) or the same tree: the same node kinds, tags, values, styles
and positions, for a text the reference reads without a single problem.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.load import quick
from generator.load.compose import MAX_DEPTH, Stop, compose, from_events
from generator.load.nodes import MappingNode, Node, ScalarNode
from tests.conftest import budget

ROOT = Path(__file__).resolve().parents[2]


def shape(node: Node | None) -> object:
    """A node tree as plain values, to compare two trees at once."""
    if node is None:
        return None
    head = (type(node).__name__, node.tag, node.line, node.col)
    if type(node) is ScalarNode:
        return (*head, node.value, node.style)
    if type(node) is MappingNode:
        return (*head, [(shape(k), shape(v)) for k, v in node.value])
    return (*head, [shape(item) for item in node.value])


def the_reference(text: str) -> object:
    """The reference's tree, when it reads ``text`` without a problem; else the problem's class."""
    problems: list[object] = []
    try:
        root = from_events("t.yaml", text, problems)
    except (Stop, yaml.YAMLError) as exc:
        return type(exc).__name__
    return ("problems", len(problems)) if problems else shape(root)


def agrees(text: str) -> bool:
    """Whether the quick way gives the reference's tree, or None; True when it took the text."""
    found = quick.tree(text)
    if found is None:
        return False
    assert shape(found) == the_reference(text), text
    return True


def test_the_reference_is_the_composer_without_the_quick_way() -> None:
    assert quick.MAX_DEPTH == MAX_DEPTH
    text = "a: 1\n"
    assert shape(compose("t.yaml", text, [])) == the_reference(text)


CARDS = """\
version: 1
deck:
  name: Neuro  # a comment
  id: 2103260501
  description: >-
    A deck about the
    nervous system.

    Second paragraph.
  tags: [neuro, ms ,  spine]
sources:
  doc:
    file: doc.txt
    date: 2020-01-01
cards:
  - id: cns
    question: "What does the \\"CNS\\" include? \\u00e9 \\x41 \\\\(x\\\\)"
    answer: 'The brain''s cord'
    evidence:
      doc:
        - The CNS includes the brain.
        - "Quoted # not a comment"
    extra: |
      ```python
      print(1)

        indented()
      ```

    note: |-
      kept
        as written
    tags: []
  -   id: pns
      question: What is 3 > 2 and C# ?
      answer: yes
      evidence: {doc: flow mapping}
"""


def test_a_cards_file_in_the_plain_layout_reads_the_same_both_ways() -> None:
    plain = CARDS.replace("      evidence: {doc: flow mapping}\n", "      evidence:\n        doc: A quote.\n")
    assert agrees(plain)
    assert not agrees(CARDS)  # the flow mapping: the reference's


@pytest.mark.parametrize(
    "path",
    [
        "cards.yaml",
        "examples/statistics/cards.yaml",
        *sorted(str(p.relative_to(ROOT)) for p in ROOT.glob("tests/**/*.yaml")),
    ],
)
def test_every_cards_file_of_the_project_reads_the_same_both_ways(path: str) -> None:
    agrees((ROOT / path).read_text(encoding="utf-8", errors="replace"))


def test_the_real_deck_takes_the_quick_way() -> None:
    assert agrees((ROOT / "cards.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",  # anchors and aliases
        "a: !!str 1\n",  # a tag
        "---\na: 1\n",
        "%YAML 1.1\n---\na: 1\n",
        "a: 1\na: 2\n",  # a duplicate key: the reference reports it
        "a:\n  b: plain\n   continued\n",
        "a: plain\n  continued\n",
        'a: "two\n  lines"\n',
        "a: [x,\n  y]\n",
        "a:\n",  # a key with no value
        "a: b: c\n",
        "a:\tb\n",
        "a: b\r\n",
        "a: |+\n  kept\n\n",
        "a: |2\n   x\n",
        "a: >\n  x\n   more indented\n  y\n",
        "a: |\n    x\n   y\n",
        "- a\n- b\n",
        "just text\n",
        "",
        "# only a comment\n",
        'a: "\\ud800"\n',
        'a: "\\q"\n',
        "a:\n" + "".join("  " * depth + f"k{depth}:\n" for depth in range(1, 70)) + "  " * 70 + "v: 1\n",
        "? complex\n: key\n",
        "'quoted key': 1\n",
        "a: - b\n",
        "a: @b\n",
        "a: `b`\n",
        "a: 'unclosed\n",
        "a: [x, [y]]\n",
        "a: [x, ]\n",
        'a: "x" y\n',
        "a: 1 #c\nb: 2# not a comment\n",
    ],
)
def test_what_the_quick_way_is_not_sure_of_it_leaves_to_the_reference(text: str) -> None:
    found = quick.tree(text)
    assert found is None or shape(found) == the_reference(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: yes\nc: null\ne: 1.5\nf: 0x1F\ng: 2020-01-01\nh: no way\n",
        "a:\n- x\n- y\nb: 1\n",  # a sequence at its key's indent
        "a:\n  - b: 1\n    c: 2\n  - d\n",
        "a: |\n\n  after a blank line\n\n  and another\n\n\nb: 1\n",
        "a: >-\n  folded\n  lines\n\n  para\nb: |-\n  x\n",
        "a: >\n\n  x\n",
        'a: "esc \\t \\n \\" \\\\ \\/ \\x41 \\u263A \\U0001F600 \\N \\_ \\L \\P"\n',
        'a: "more \\e \\0 \\a \\b \\v \\f \\r \\ "\n',
        "a: 'it''s'   # comment\n",
        "a: [ x , y y ,z]  # comment\nb: []\nc: [ ]\n",
        "a: é ü — “quoted”\nb: [x]\n",
        "a:    spaced value   \n",
        "a: C#\nb: x:y\nc: (x) [y] {z}\n",
        "1: one\nyes: true\n",
        "a:\n  b:\n    c:\n      - d: 1\n        e: [f]\n",
        "\n\n# lead\na: 1\n\n#\n#\nb: 2\n",
    ],
)
def test_what_the_quick_way_reads_it_reads_as_the_reference_does(text: str) -> None:
    assert agrees(text), "expected the quick way to take this text"


_KEYS = st.sampled_from(["id", "question", "answer", "a", "b", "yes", "1", "x-y", "k.z"])
_VALUES = st.sampled_from(
    [
        "plain text",
        "plain: colon",
        "C# x",
        "value # comment",
        '"double \\" quoted"',
        '"with \\u00e9 escape"',
        "'single '' quoted'",
        "[a, b c]",
        "[a,b]",
        "[]",
        "|",
        "|-",
        ">",
        ">-",
        "yes",
        "12",
        "2020-01-01",
        "&anchor x",
        "*alias",
        "!!str x",
        "{a: b}",
        "- x",
        "",
        "é ü",
        "(paren)",
    ]
)
_BODY = st.sampled_from(["  line", "    more", "", "   ", "  # hash", "line0"])


@st.composite
def documents(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 14))):
        indent = " " * draw(st.sampled_from([0, 0, 2, 2, 4, 6, 3]))
        form = draw(st.sampled_from(["entry", "item", "item-entry", "comment", "blank", "body"]))
        if form == "entry":
            lines.append(
                f"{indent}{draw(_KEYS)}: {draw(_VALUES)}".rstrip()
                if draw(st.booleans())
                else f"{indent}{draw(_KEYS)}:"
            )
        elif form == "item":
            lines.append(f"{indent}- {draw(_VALUES)}")
        elif form == "item-entry":
            lines.append(f"{indent}- {draw(_KEYS)}: {draw(_VALUES)}")
        elif form == "comment":
            lines.append(f"{indent}# note")
        elif form == "blank":
            lines.append("")
        else:
            lines.append(indent + draw(_BODY))
    return "\n".join(lines) + "\n"


@pytest.mark.slow
@settings(max_examples=budget(1500, least=500), deadline=None)
@given(documents())
def test_generated_texts_read_the_same_both_ways_or_go_to_the_reference(text: str) -> None:
    """Texts of up to 14 lines, each a key with a value or none, a list item, a list item with a key,
    a comment, a blank line or a bare line of text, at indents 0, 2, 3, 4 and 6; the values every
    sort the quick way must take or leave: plain text (with a colon, a hash, a comment), both quoted
    styles with escapes, flow lists and mappings, the four block indicators, an anchor, an alias, a
    tag, a number, a date, yes, an empty value and non-ASCII text. Each example draws a form and a
    value for every line: the default 500 examples draw every value some twenty times or more (150
    drew some only once or twice); ``DECKGEN_THOROUGH=1`` runs 1,500."""
    found = quick.tree(text)
    if found is not None:
        assert shape(found) == the_reference(text)


_SCALARS = st.sampled_from(
    [
        "plain text",
        "C# x",
        "x:y",
        "value # comment",
        '"double \\" quoted"',
        '"with \\u00e9 escape \\\\(x\\\\)"',
        "'single '' quoted'",
        "[a, b c]",
        "[]",
        "yes",
        "12",
        "1.5",
        "2020-01-01",
        "é ü",
        "(paren)",
        "~",
        "&anchor x",
        "{a: b}",
    ]
)
_BLOCKS = st.sampled_from(["|", "|-", ">", ">-"])
_BLOCK_LINES = st.lists(
    st.sampled_from(["text", "more text", "", "  indented", "# hash"]), min_size=1, max_size=4
)


@st.composite
def _layout(draw: st.DrawFn, indent: int, depth: int) -> list[str]:
    """A mapping at ``indent``, written in the plain layout (sometimes with something else mixed in)."""
    lines: list[str] = []
    pad = " " * indent
    for key in draw(st.lists(_KEYS, min_size=1, max_size=4, unique=True)):
        if draw(st.integers(0, 5)) == 0:
            lines.append(draw(st.sampled_from(["", pad + "# note", "   "])))
        forms = st.sampled_from(["scalar", "scalar", "map", "seq", "block"]) if depth < 3 else _just_scalar
        form = draw(forms)
        if form == "scalar":
            lines.append(f"{pad}{key}: {draw(_SCALARS)}")
        elif form == "map":
            lines.append(f"{pad}{key}:")
            lines += draw(_layout(indent + draw(st.sampled_from([1, 2, 4])), depth + 1))
        elif form == "seq":
            lines.append(f"{pad}{key}:")
            dash = indent + draw(st.sampled_from([0, 2]))
            for _ in range(draw(st.integers(1, 3))):
                if draw(st.booleans()):
                    lines.append(" " * dash + "- " + draw(_SCALARS))
                else:
                    inner = draw(_layout(dash + 2, depth + 1))
                    first = inner[0].lstrip(" ") if inner[0].strip() else "x: 1"
                    lines.append(" " * dash + "- " + first)
                    lines += inner[1:]
        else:
            lines.append(f"{pad}{key}: {draw(_BLOCKS)}")
            lines += [(" " * (indent + 2) + text) if text else "" for text in draw(_BLOCK_LINES)]
    return lines


_just_scalar = st.just("scalar")


@pytest.mark.slow
@settings(max_examples=budget(1500), deadline=None)
@given(_layout(0, 0))
def test_generated_cards_files_in_the_plain_layout_read_the_same_both_ways(lines: list[str]) -> None:
    """Mappings nested up to four deep, each key's value a scalar (every sort in ``_SCALARS``), a
    mapping indented by 1, 2 or 4, a list at its key's indent or 2 further (of scalars and of
    mappings), or a block scalar with each of the four indicators and its lines (text, blank,
    indented, a hash); with comments, blank and blank-looking lines between keys. Each example
    draws several keys, each a form: the default 150 examples draw every scalar and every block
    indicator some twenty times or more; ``DECKGEN_THOROUGH=1`` runs 1,500."""
    text = "\n".join(lines) + "\n"
    found = quick.tree(text)
    if found is not None:
        assert shape(found) == the_reference(text)
