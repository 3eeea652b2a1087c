"""When a check shares its work with a helper process, and how much of it (:mod:`generator.check.fast`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Tuning:
    """When work goes to a helper process, and how much of it.

    The defaults were measured at 50,000 cards on 2 cores (see
    docs/performance.md). Whatever the values, a check says the same: they
    change only where the work is done. A caller may lower the thresholds to
    have a small file take the two-process paths.
    """

    jobs: int | None = None
    """The processes allowed (:func:`generator.twocore.available`): 1 does all work here, 2 lets a helper
    run wherever ``os.fork`` exists, None decides from the cores, the threads and ``DECKGEN_JOBS``."""
    split_from: int = 3_000_000
    """Characters from which a file is read in two parts (about 9,000 cards of the benchmark's deck)."""
    reading_share: float = 0.40
    """The share of the cards list the helper reads: under half, as it also encodes its cards and this
    process decodes them before the rules can start. Measured at 50,000 cards on 2 cores (medians of 6
    to 8 paired runs): 0.40 beat 0.36, 0.45 and 0.52."""
    ahead_from: int = 2_000
    """From this many cards (all files together) on, a build has the rules run in a helper process while
    it compiles and packages the deck (:mod:`generator.check.ahead`): below it, forking costs more than it
    saves."""
    fork_quotes: int = 2_000
    """From this many quotes on, a helper process looks them up: below it, forking costs more than it
    saves."""
    rules_per_card: int = 350
    """The work of the other rules for one card, in the units of a document's work (a byte of it read;
    a quote looked up is 50): measured at 50,000 cards, where the two take about as long. It counts the
    rules that may run in either process (``spare_per_card``) too."""
    spare_per_card: int = 175
    """The share of ``rules_per_card`` that the rules which may run in either process take: with a
    helper, they run there, after the words of every card are worked out again. Measured at 50,000
    cards on 2 cores, by how long this process waits for the helper's result: at 100 it waited 1.2 to
    1.4 s (the helper had too much), at 175 0 to 0.2 s, at 250 it never waited (this process had too
    much)."""


DEFAULT = Tuning()
"""The measured tuning, with a helper wherever one is available."""
