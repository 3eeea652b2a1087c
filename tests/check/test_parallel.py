"""The quotes looked up by a helper process: the answer is the same as without it."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator import twocore
from generator.check import check_document
from generator.check import parallel as helper
from generator.check.rules import citations
from generator.load.loader import load_text
from generator.model import Pos, Source
from tests.conftest import HEADER, SOURCE_TEXT

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork on this platform")


MANY = (
    HEADER.replace("sources:\n", "sources:\n  gone:\n    title: Missing\n    file: missing.txt\n")
    + "    ignore:\n      - quote: Not in the document at all.\n        reason: chrome\ncards:\n"
)


def _card(i: int, quote: str) -> str:
    return (
        f"  - id: card-{i}\n    question: Question number {i}?\n    answer: Answer {i}.\n"
        f"    evidence:\n      doc: {quote}\n      gone: Anything.\n"
    )


def test_rules_say_the_same_with_and_without_the_helper(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
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
    text = MANY + "".join(_card(i, quotes[i % len(quotes)]) for i in range(60)) + others
    used: list[bool] = []
    real_start = twocore.start

    def watched(work: Callable[[], Any], *, worth_it: bool = True) -> twocore.Pending[Any]:
        used.append(worth_it and twocore.available())
        return real_start(work, worth_it=worth_it)

    monkeypatch.setattr(twocore, "start", watched)
    monkeypatch.setattr(helper, "FORK_QUOTES", 10)
    (tmp_path / "doc.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    monkeypatch.setenv(twocore.JOBS_VARIABLE, "1")
    alone = check_document(load_text("cards.yaml", text.encode()), tmp_path)[1]
    monkeypatch.setattr(twocore, "available", lambda jobs=None: True)
    helped = check_document(load_text("cards.yaml", text.encode()), tmp_path)[1]
    assert used == [False, True]
    assert helped == alone
    codes = {d.code for d in alone}
    assert {"E203", "E303", "E305", "E310", "E302", "E306", "W409", "W411"} <= codes
    assert len([d for d in alone if d.code == "E305"]) == 15


def test_the_helper_gets_about_its_share_of_the_documents(tmp_path: Path) -> None:
    sizes = {"a": 1000, "b": 3000, "c": 2000, "d": 4000}
    sources = {}
    for key, size in sizes.items():
        (tmp_path / f"{key}.txt").write_text("x" * size, encoding="utf-8")
        sources[key] = Source(key, key, f"{key}.txt", tmp_path / f"{key}.txt", Pos(1, 1))
    cited: citations.Cited = {key: [] for key in sources}
    aside, here = citations.split(sources, cited, 0.65)
    assert list(aside) == ["a", "b", "c"] and list(here) == ["d"]  # 6,000 of 10,000 bytes
    assert citations.split(sources, cited, 0.0) == ({}, sources)
    assert citations.split(sources, cited, 1.0) == (sources, {})


def test_the_helpers_share_balances_the_documents_against_the_other_rules() -> None:
    per_card = helper.RULES_PER_CARD
    assert helper.helper_share(0, 10_000) == 0.5  # no other rules: half the documents each
    assert helper.helper_share(10_000 // per_card, 10_000) == pytest.approx(1.0, abs=0.02)
    assert helper.helper_share(5_000 // per_card, 10_000) == pytest.approx(0.75, abs=0.02)
    assert helper.helper_share(1_000_000, 10_000) == 1.0  # never more than every document
    assert helper.helper_share(100, 0) == 1.0
