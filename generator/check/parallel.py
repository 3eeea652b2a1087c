"""When the quotes are looked up by a helper process (:mod:`generator.twocore`), and which share of them."""

from __future__ import annotations

FORK_QUOTES = 2_000
"""From this many quotes on, a helper process looks them up: below it, forking costs more than it saves."""
RULES_PER_CARD = 350
"""The work of the other rules for one card, in the units of a document's work (a byte of it read;
a quote looked up is 50): measured at 50,000 cards, where the two take about as long."""


def helper_share(cards: int, documents: int) -> float:
    """The share of the documents' work (``documents`` units) the helper takes, so that both processes
    finish together: half of all the work, the other rules' for ``cards`` cards included, at most all
    of the documents."""
    if documents <= 0:
        return 1.0
    return min(1.0, (documents + cards * RULES_PER_CARD) / (2 * documents))


def worth_forking(quotes: int) -> bool:
    """Whether checking this many quotes is worth a helper process (if one is available)."""
    return quotes >= FORK_QUOTES
