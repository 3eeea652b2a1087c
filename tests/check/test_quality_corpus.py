"""The card-quality rules on two small corpora: good cards that must not warn, bad cards that must.

``quality/good.yaml`` holds cards written the way good published decks write
them, on several subjects, with the cases that come closest to a rule;
``quality/bad.yaml`` holds cards with one or more of the problems, each
tagged ``expect-w4xx`` with every code it must get (and no other), and the
earlier card of each confusable pair (tagged ``interference``, no warning:
the later card gets it). The
source documents are made from the cards' own quotes, so every quote is found.
"""

from __future__ import annotations

import bisect
from pathlib import Path

import pytest
import yaml

from generator.check import check
from generator.diagnostics import Diagnostic

HERE = Path(__file__).parent / "quality"


def _checked(name: str, tmp_path: Path) -> tuple[list[dict[str, object]], list[Diagnostic], list[int]]:
    text = (HERE / name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    for key, source in data["sources"].items():
        quotes = [q for c in data["cards"] for k, q in c["evidence"].items() if k == key]
        (tmp_path / source["file"]).write_text("\n\n".join(quotes) + "\n", encoding="utf-8")
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    model, found = check(path)
    assert model is not None
    return data["cards"], found, [c.pos.line for c in model.cards]


def test_the_good_cards_get_no_warning(tmp_path: Path) -> None:
    cards, found, _ = _checked("good.yaml", tmp_path)
    assert len(cards) >= 60
    assert [d.format().split(": ", 1)[1] for d in found] == []


def test_each_bad_card_gets_exactly_the_warnings_it_is_tagged_with(tmp_path: Path) -> None:
    cards, found, starts = _checked("bad.yaml", tmp_path)
    assert len(cards) >= 40
    got: dict[str, set[str]] = {str(c["id"]): set() for c in cards}
    for d in found:
        got[str(cards[bisect.bisect_right(starts, d.line) - 1]["id"])].add(d.code)
    expected = {
        str(c["id"]): {
            t.removeprefix("expect-").upper() for t in c.get("tags", []) if t.startswith("expect-")
        }
        for c in cards
    }
    assert {k: sorted(v) for k, v in got.items()} == {k: sorted(v) for k, v in expected.items()}
    every = {code for codes in expected.values() for code in codes}
    rules = {f"W4{n:02d}" for n in [*range(6, 16), *range(19, 24)]}  # W416-W418 are allow:'s
    assert every >= rules, "every new rule has bad cards"
    pairs = [str(c["id"]) for c in cards if "interference" in c.get("tags", [])]
    assert all(expected[k] for k in expected if k not in pairs), "every bad card expects a warning"
    assert len(cards) - len(pairs) >= 38


@pytest.mark.parametrize("name", ["good.yaml", "bad.yaml"])
def test_the_corpora_are_valid_cards_files(name: str, tmp_path: Path) -> None:
    _, found, _ = _checked(name, tmp_path)
    assert not [d for d in found if d.code.startswith("E")]
