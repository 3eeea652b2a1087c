"""Pausing Python's cyclic garbage collector while a big cards file is in memory.

A big cards file is millions of small objects (YAML nodes, then the model),
all alive until the end and none in a cycle. The collector would walk them
again and again as they pile up: at 50,000 cards that costs three times as
long as parsing itself. Reference counting still frees everything dropped.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector for a while (a context manager or a decorator).

    When it is over, what survived (the model, for one) goes straight to the
    collector's oldest generation: left young, all of it would be walked by
    the very next collection, a third of a second at 50,000 cards. That is
    done with ``gc.freeze()`` then ``gc.unfreeze()``, but only when the
    caller had nothing frozen: unfreezing would otherwise also thaw the
    caller's own frozen objects, and the library leaves the process's
    collector as it found it.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()
