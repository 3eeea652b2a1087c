"""``allow:``: card-quality warnings switched off, for one card or the whole deck, with a reason.

A card's ``allow: {W409: "the list is the point of this card"}`` drops that
card's W409; the same under ``deck:`` drops it everywhere. Only the
card-quality warnings (:data:`generator.codes.SWITCHABLE`) can be switched
off. The entries are checked like everything else:

- W416: an entry without a reason;
- W417: an unknown code, or one that cannot be switched off (an error, or
  W416-W418 themselves);
- W418: an entry that switches off nothing (the warning is not reported
  there, or no longer), so entries cannot outlive the problem they excused.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence

from generator.check.rules.finding import Finding
from generator.codes import CODES, SWITCHABLE
from generator.model import Allow, Card, Pos


def switch_off(findings: list[Finding], cards: Sequence[Card], deck: Sequence[Allow]) -> list[Finding]:
    """The findings less those switched off, then what is wrong with the ``allow:`` entries."""
    owners: dict[Pos, int] = {}
    for index, card in enumerate(cards):
        if card.allow:
            owners[card.pos] = index
            owners.update((at, index) for _, at in card.positions)
    whole = {entry.code for entry in deck if entry.code in SWITCHABLE}
    if not owners and not whole:
        return findings
    used: dict[int, set[str]] = {}
    kept = []
    for finding in findings:
        at, code, _ = finding
        if code in SWITCHABLE:
            owner = owners.get(at)
            if owner is not None and any(entry.code == code for entry in cards[owner].allow):
                used.setdefault(owner, set()).add(code)
                continue
            if code in whole:
                used.setdefault(-1, set()).add(code)
                continue
        kept.append(finding)
    for index, card in enumerate(cards):
        if card.allow:
            kept += _entries(card.allow, f"card {card.id!r}", used.get(index, set()))
    kept += _entries(deck, "the deck", used.get(-1, set()))
    return kept


def _entries(entries: Sequence[Allow], where: str, used: set[str]) -> Iterator[Finding]:
    for entry in entries:
        code = entry.code
        if code not in CODES:
            hint = difflib.get_close_matches(code.upper(), sorted(SWITCHABLE), n=1, cutoff=0.6)
            known = f"did you mean {hint[0]!r}?" if hint else "`deckgen codes` lists them"
            yield entry.pos, "W417", f"{where} allows {code!r}, which is no diagnostic code; {known}"
            continue
        if code not in SWITCHABLE:
            what = "an error" if CODES[code].severity == "error" else "not a card-quality warning"
            yield (
                entry.pos,
                "W417",
                f"{where} allows {code}, which is {what} and cannot be switched off; fix what it reports",
            )
            continue
        if not entry.reason.strip():
            message = f"{where} switches {code} off without a reason; say why the card is right as it is"
            yield entry.pos, "W416", message
        if code not in used:
            later = " (it is reported on the later card of a pair)" if code in ("W406", "W407") else ""
            yield (
                entry.pos,
                "W418",
                f"{where} switches {code} off, but {code} is not reported there{later}; remove the entry",
            )
