"""The build time: ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else the clock."""

from __future__ import annotations

import os
import time

from generator.compile import manifest as mf

MAX_CLOCK = 4_102_444_800
"""The latest build time accepted (2100-01-01): far enough below the latest time a manifest holds
(:data:`generator.compile.manifest.MAX_TIME`, early in 2106) that every later edit, a second later
each, can still be written and read back."""


class ClockError(ValueError):
    """``SOURCE_DATE_EPOCH`` is not a usable time; the message says why."""


def build_time(warnings: list[str] | None = None) -> int:
    """``SOURCE_DATE_EPOCH`` when set (reproducible builds), else the clock, in seconds.

    A time far ahead of the clock is appended to ``warnings``: every later
    edit would have to carry a time after it.
    """
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is None or value == "":
        return int(time.time())
    try:
        stamp = int(value.strip()) if len(value) <= 20 else -1
    except ValueError:
        raise ClockError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {value!r}") from None
    if not 0 < stamp <= MAX_CLOCK:
        raise ClockError(
            f"SOURCE_DATE_EPOCH must be a positive number of seconds up to {MAX_CLOCK} "
            f"({mf.show_time(MAX_CLOCK)}), not {value[:40]!r}"
        )
    if warnings is not None and stamp > time.time() + mf.FUTURE:
        warnings.append(
            f"SOURCE_DATE_EPOCH is {mf.show_time(stamp)}, in the future: every later edit must "
            "carry a newer time, or Anki will not update the note"
        )
    return stamp
