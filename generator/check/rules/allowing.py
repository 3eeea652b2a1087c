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

An entry may name a code by an old spelling (:data:`generator.codes.ALIASES`):
it means the code that spelling is now.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence

from generator.check.rules.finding import Finding
from generator.codes import CODES, SWITCHABLE, Doc, resolve
from generator.codes import card as example_card
from generator.codes import cards as example
from generator.model import Allow, Card, Pos

_LOOK_ALIKES = str.maketrans("OIL", "011")
"""Letters typed for the digits they look like, in a code's number."""


def switch_off(findings: list[Finding], cards: Sequence[Card], deck: Sequence[Allow]) -> list[Finding]:
    """The findings less those switched off, then what is wrong with the ``allow:`` entries."""
    owners: dict[Pos, int] = {}
    for index, card in enumerate(cards):
        if card.allow:
            owners[card.pos] = index
            owners.update((at, index) for _, at in card.positions)
    whole = {resolve(entry.code) for entry in deck if resolve(entry.code) in SWITCHABLE}
    if not owners and not whole:
        return findings
    used: dict[int, set[str]] = {}
    kept = []
    for finding in findings:
        at, code, _ = finding
        if code in SWITCHABLE:
            owner = owners.get(at)
            if owner is not None and any(resolve(entry.code) == code for entry in cards[owner].allow):
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
        code = resolve(entry.code)
        code_was = code if code == entry.code else f"{entry.code} (now {code})"
        if code not in CODES:
            typed = code.upper().translate(_LOOK_ALIKES)  # "W4O9" is W409 typed with a letter O
            hint = difflib.get_close_matches(typed, sorted(SWITCHABLE), n=1, cutoff=0.6)
            known = f"did you mean {hint[0]!r}?" if hint else "`deckgen codes` lists them"
            yield entry.pos, "W417", f"{where} allows {code!r}, which is no diagnostic code; {known}"
            continue
        if code not in SWITCHABLE:
            what = "an error" if CODES[code].severity == "error" else "not a card-quality warning"
            yield (
                entry.pos,
                "W417",
                f"{where} allows {code_was}, which is {what} and cannot be switched off; fix what it reports",
            )
            continue
        if not entry.reason.strip():
            message = f"{where} switches {code_was} off without a reason; say why the card is right as it is"
            yield entry.pos, "W416", message
        if code not in used:
            later = " (it is reported on the later card of a pair)" if code in ("W406", "W407") else ""
            yield (
                entry.pos,
                "W418",
                f"{where} switches {code_was} off, but {code} is not reported there{later}; remove the entry",
            )


_SYMPTOMS = (
    "Fatigue is a common symptom of multiple sclerosis, along with pain, muscle weakness, and numbness."
)
_LIST = example_card(
    "ms-symptoms",
    "Which symptoms are common in MS?",
    "Fatigue, pain, muscle weakness and numbness.",
    _SYMPTOMS,
)
_CNS = example_card(
    "cns-parts",
    "What does the central nervous system include?",
    "The brain, spinal cord and optic nerves.",
    "The CNS includes the brain, spinal cord, and optic nerves.",
)

DOCS = (
    Doc(
        "W416",
        checks=(
            "An `allow:` entry (a card's, or the deck's) that switches a warning off with an empty "
            "reason. The warning is switched off all the same."
        ),
        why=(
            "A warning switched off says the card is right as it is, against the rule; the reason is "
            "what lets a reviewer, or the author a year on, check that it still holds."
        ),
        bad=example("cards:\n" + _LIST + '    allow:\n      W410: ""\n'),
        fix=example(
            "cards:\n"
            + _LIST
            + '    allow:\n      W410: "the four are the common symptoms the source lists"\n'
        ),
    ),
    Doc(
        "W417",
        checks=(
            "An `allow:` entry names a code that is no diagnostic code (a close one is offered), or "
            "one that cannot be switched off: an error, a warning other than the card-quality ones "
            f"({min(SWITCHABLE)}-{max(SWITCHABLE)}), or W416-W418 themselves. An old spelling of a "
            "code counts as the code it is now."
        ),
        why=(
            "Errors make a deck wrong, not merely hard to learn from: they are fixed, never excused. "
            "An entry naming a code that does not exist switches nothing off, and says it does."
        ),
        bad=example("cards:\n" + _CNS + '    allow:\n      E305: "the quote is close enough"\n'),
        fix=example("cards:\n" + _CNS, caption="Fix what the error reports, and remove the entry:"),
    ),
    Doc(
        "W418",
        checks=(
            "An `allow:` entry switches off a warning that is not reported there: on that card (or, "
            "for the deck's `allow:`, on any card). W406 and W407 are reported on the later card of "
            "the pair, so that is where their entry goes."
        ),
        why=(
            "An entry outlives the problem it excused: once the card is rewritten, a stale entry "
            "would silently switch off the warning the day the problem comes back."
        ),
        bad=example("cards:\n" + _CNS + '    allow:\n      W412: "a long question"\n'),
        fix=example("cards:\n" + _CNS, caption="Remove the entry:"),
    ),
)
"""The codes of ``allow:`` entries, W416-W418, documented (see :class:`generator.codes.Doc`)."""
