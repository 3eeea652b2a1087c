"""The manifest's fast JSON writer gives exactly ``json.dumps`` of the whole manifest."""

from __future__ import annotations

import json
from dataclasses import asdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.compile import manifest as mf
from tests.conftest import budget

keys = st.text(min_size=0, max_size=12)
origins = st.sampled_from(["", "old-id", "old:cloze"])
entries = st.builds(mf.Entry, st.text(max_size=8), st.integers(0, 2**40), st.integers(0, 2**62), origins)
removed = st.builds(
    mf.Removed,
    st.integers(0, 2**40),
    st.integers(0, 2**62),
    st.text(max_size=6),
    st.lists(st.text(max_size=6), max_size=3),
    st.lists(st.text(max_size=6), max_size=3),
    st.sampled_from(["", "2027-01-15"]),
    origins,
)


notetypes = st.builds(
    mf.NotetypeEntry,
    st.integers(1, 2**40),
    st.text(max_size=8),
    st.integers(1, 9),
    st.lists(st.text(max_size=6), max_size=4),
    st.lists(st.text(max_size=6), max_size=2),
    st.text(max_size=8),
    st.integers(0, 2**40),
)


def reference(manifest: mf.Manifest) -> str:
    """json.dumps of the whole manifest; ``notetypes`` left out while empty (a deck of basic cards),
    ``cards_file`` and ``version`` while they are not recorded, a removed card's ``retired`` day
    while it is not, and a card's ``origin`` while it was never renamed."""
    data = {"format": mf.FORMAT, **asdict(manifest)}
    if not data["version"]:
        del data["version"]
    for gone in data["removed"].values():
        if not gone["retired"]:
            del gone["retired"]
        if not gone["origin"]:
            del gone["origin"]
    for entry in data["cards"].values():
        if not entry["origin"]:
            del entry["origin"]
    if not data["notetypes"]:
        del data["notetypes"]
    if not data["cards_file"]:
        del data["cards_file"]
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


@pytest.mark.slow
@settings(max_examples=budget(1000), deadline=None)
@given(
    st.text(max_size=20),
    st.dictionaries(keys, entries, max_size=6),
    st.dictionaries(keys, removed, max_size=3),
    st.dictionaries(st.sampled_from(["reversed", "type-in", "cloze"]), notetypes, max_size=3),
    st.tuples(
        st.dictionaries(keys, st.text(max_size=8), max_size=3), st.text(max_size=12), st.integers(0, 99)
    ),
)
def test_dumps_is_json_dumps_of_everything(
    deck: str,
    cards: dict[str, mf.Entry],
    gone: dict[str, mf.Removed],
    kinds: dict[str, mf.NotetypeEntry],
    files: tuple[dict[str, str], str, int],
) -> None:
    media, cards_file, version = files
    nt = mf.NotetypeEntry(1, "deckgen Q&A", 1, ["Question"], ["Recall"], "abc", 5)
    manifest = mf.Manifest(deck, 42, nt, cards, gone, kinds, media, cards_file, version)
    text = manifest.dumps()
    assert text == reference(manifest)  # (reading it back: tests/compile/test_manifest_trust.py)
