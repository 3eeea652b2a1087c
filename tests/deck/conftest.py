"""Every test in this folder is about the MS deck's content (its cards, sources, diagrams, coverage,
committed package and upgrade path), not about deckgen: each carries the ``deck`` marker, so
``pytest -m deck`` runs these alone and ``pytest -m "not deck"`` the tool's tests alone. A deck
edit fails here; a tool change fails in the other folders, whose tests use small decks of their own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).parent


@pytest.hookimpl(tryfirst=True)  # before -m deselects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.deck)
