"""The two-process read gives exactly the one-process diagnostics: a differential test over generated files.

A seeded generator writes cards files of the kinds that YAML reads differently by what comes before or
after a line: directives (``%YAML``, ``%TAG``, which change what ``!!str`` means), document markers
(``---``, ``...``) at the start, between the cards and after them, block scalars with every chomping
indicator (``|``, ``|-``, ``|+``, ``>``, ``>-``, ``>+``, with and without an indentation indicator) and
blank lines after them, quoted text over several lines, tags, comments. Each file is checked the plain
way (``Tuning(jobs=1)``) and with the thresholds lowered so that a small file is read in two parts by two
processes; the two results must be equal, model and diagnostics.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from generator.check import check
from generator.check.fast import Tuning, parts
from generator.load.loader import read_file
from tests.conftest import HEADER, SOURCE_TEXT, budget

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork on this platform")

REFERENCE = Tuning(jobs=1)
PREFIXES = [
    "",
    "---\n",
    "--- # the deck\n",
    "# a comment\n---\n",
    "%YAML 1.1\n---\n",
    "%TAG !! tag:evil.example,2000:\n---\n",
    "%TAG !e! tag:example.com,2000:\n---\n",
]
SUFFIXES = ["", "...\n", "---\nmore: 1\n", "...\n%YAML 1.1\n---\nx: 1\n", "\n\n# the end\n", "..."]
BETWEEN = ["", "\n", "\n\n\n", "  # a comment\n", "# at the margin\n\n", "---\n", "...\n"]
CHOMPING = ["|", "|-", "|+", ">", ">-", ">+", "|2", "|2+", ">1-"]
TAGS = [*[""] * 20, "!!str ", "!!str ", "!e!x ", "!custom ", "! "]


def _value(rng: random.Random, i: int, last: bool, tags: list[str]) -> str:
    """A text value as it follows ``key:`` (with its own line feed, and any lines after it)."""
    kind = rng.choice(["plain", "single", "double", "block", "block", "double-lines"])
    tag = rng.choice(tags)
    words = f"Text of card {i}, with words"
    if kind == "plain":
        return f" {tag}{words}.\n"
    if kind == "single":
        return f" {tag}'{words}: it''s quoted.'\n"
    if kind == "double":
        return f' {tag}"{words}: \\"quoted\\"."\n'
    if kind == "double-lines":
        return f' {tag}"{words}\n\n      over lines."\n'
    chomp = rng.choice(CHOMPING)
    body = "".join(f"      line {n} of card {i}\n" for n in range(rng.randint(1, 3)))
    blank = "\n" * rng.randint(0, 3 if last else 1)
    return f" {tag}{chomp}\n{body}{blank}"


def _card(rng: random.Random, i: int, tags: list[str]) -> str:
    keys = ["question", "answer", "extra"][: rng.randint(2, 3)]
    lines = [f"  - id: card-{i}\n", '    evidence: {doc: "found in about 80 percent"}\n']
    for n, key in enumerate(keys):
        lines.append(f"    {key}:" + _value(rng, i, last=n == len(keys) - 1, tags=tags))
    return "".join(lines)


def _plain(choices: list[str]) -> list[str]:
    """The choices that hold no directive and no document marker."""
    return [c for c in choices if "%" not in c and "..." not in c and "---" not in c]


def generated(seed: int) -> str:
    """A cards file made up from ``seed``: one in four with directives and document markers anywhere,
    one in four with tags, the others with neither (a file with one is read whole, the rest must be
    cut in two)."""
    rng = random.Random(seed)
    marked = rng.random() < 0.25
    tags = TAGS if rng.random() < 0.25 else [""]
    prefixes = PREFIXES if marked else ["", "---\n", "---\n", "# a comment\n"]
    between = BETWEEN if marked else _plain(BETWEEN)
    suffixes = SUFFIXES if marked else _plain(SUFFIXES)
    cards = []
    for i in range(rng.randint(8, 30)):
        cards.append(_card(rng, i, tags))
        if rng.random() < 0.3:
            cards.append(rng.choice(between))
    return rng.choice(prefixes) + HEADER + "cards:\n" + "".join(cards) + rng.choice(suffixes)


def _write(folder: Path, text: str) -> Path:
    (folder / "doc.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    path = folder / "cards.yaml"
    path.write_text(text, encoding="utf-8")
    return path


SEEDS = range(budget(1000))
SHARES = (0.15, 0.5, 0.85)


def test_every_generated_file_checks_the_same_in_two_processes(tmp_path: Path) -> None:
    split = 0
    for seed in SEEDS:
        path = _write(tmp_path, generated(seed))
        reference = check(path, tuning=REFERENCE)
        share = SHARES[seed % len(SHARES)]
        if parts.read_in_parts(read_file(path), tmp_path, path, allow_outside=False, share=share, jobs=2):
            split += 1
        two = Tuning(jobs=2, split_from=0, reading_share=share, fork_quotes=0)
        assert check(path, tuning=two) == reference, f"seed {seed}, share {share}:\n{generated(seed)}"
    # the test proves something only if many files were in fact cut in two
    assert split >= len(SEEDS) // 4, split


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "a %TAG directive gives !! another meaning",
            "%TAG !! tag:evil.example,2000:\n---\n"
            + HEADER
            + "cards:\n"
            + "".join(
                f"  - id: card-{i}\n    question: Q{i}?\n    answer: {'!!str ' if i > 10 else ''}A.\n"
                '    evidence: {doc: "found in about 80 percent"}\n'
                for i in range(20)
            ),
        ),
        (
            "a block scalar kept whole (|+) ends a card",
            HEADER
            + "cards:\n"
            + "".join(
                f"  - id: card-{i}\n    question: Q{i}?\n    answer: A.\n"
                '    evidence: {doc: "found in about 80 percent"}\n    extra: |+\n      text\n\n'
                for i in range(20)
            ),
        ),
    ],
)
def test_the_cases_that_were_read_differently(tmp_path: Path, name: str, text: str) -> None:
    path = _write(tmp_path, text)
    reference = check(path, tuning=REFERENCE)
    for share in (0.2, 0.5, 0.8):
        assert check(path, tuning=Tuning(jobs=2, split_from=0, reading_share=share, fork_quotes=0)) == (
            reference
        ), (name, share)
