"""The source documents in two parts by the work of checking them (:func:`.check_documents`)."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sized
from pathlib import Path

from generator.model import Source

QUOTE_WORK = 50
"""Looking up one quote costs about as much as reading 50 bytes of its document."""


def weights(sources: dict[str, Source], cited: Mapping[str, Sized]) -> list[int]:
    """Each document's work, in order: its size in bytes and its quotes (``cited[key]``)."""
    return [_size(source.path) + QUOTE_WORK * len(cited[key]) for key, source in sources.items()]


def _size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def helper_share(cards: int, documents: int, rules_per_card: int) -> float:
    """The share of the documents' work (``documents`` units) a helper takes, so that both processes
    finish together: half of all the work, the other rules' for ``cards`` cards included (less any the
    helper does besides: ``rules_per_card`` may then be below zero), at least none and at most all of
    the documents."""
    if documents <= 0:
        return 1.0
    return max(0.0, min(1.0, (documents + cards * rules_per_card) / (2 * documents)))


def split(
    sources: dict[str, Source], weights: list[int], share: float
) -> tuple[dict[str, Source], dict[str, Source]]:
    """The sources in two parts, in order, the first with about ``share`` of their ``weights``."""
    total, running, cut = sum(weights), 0, 0
    while cut < len(weights) and running + weights[cut] / 2 <= share * total:
        running += weights[cut]
        cut += 1
    keys = list(sources)
    return {k: sources[k] for k in keys[:cut]}, {k: sources[k] for k in keys[cut:]}
