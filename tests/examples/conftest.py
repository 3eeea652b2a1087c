"""Every test in this folder is about an example deck's content (its cards, source, committed package,
how Anki imports it and how a phone shows it), not about deckgen: like tests/deck, each carries the
``deck`` marker, so ``pytest -m "not deck"`` runs the tool's tests alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT

HERE = Path(__file__).parent

STATISTICS = ROOT / "examples" / "statistics" / "cards.yaml"
"""The second real deck: Python's statistics module, from its documentation."""


@pytest.hookimpl(tryfirst=True)  # before -m deselects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.deck)
