"""Sets learnt by elimination (W409) and long enumerations in answers (W410).

"Besides X and Y, what else …?" is answered by remembering the list, not the
fact: the learner runs through the set and names what is missing. A long
enumeration as an answer is a set to recite, hard to recall whole and
reviewed as one item however much of it was forgotten.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from generator.check.rules.finding import Finding
from generator.check.rules.wording import ASKED
from generator.codes import Doc, cards
from generator.codes import card as example_card
from generator.model import Card

LONGEST_LIST = 3
"""W410 when an answer enumerates more items than this."""

_MARKER = re.compile(
    r"\b(?:besides|other than|apart from|aside from|in addition to|except for|except|excluding)\s", re.I
)


def _marked(question: str) -> bool:
    """Whether a question holds a marker of elimination (a quick test before the pattern)."""
    lowered = question.lower()
    return (
        "besides" in lowered
        or "other than" in lowered
        or "apart from" in lowered
        or "aside from" in lowered
        or "addition to" in lowered
        or "except" in lowered
        or "excluding" in lowered
    )


_CLAUSE_END = re.compile(
    r",\s*(?:[a-z]+\s+){0,2}?(?:what|which|who|whom|whose|where|when|why|how)\b"
    r"|,\s*(?:is|are|was|were|do|does|did|can|could|may|might|must|will|would|should|has|have|had)\b"
    r"|[?;:.]",
    re.I,
)
_LIST = re.compile(r",|\band\b|\bor\b|&|/")
_BRACKETS = re.compile(r"\([^()]*\)")
_NUMBER_COMMA = re.compile(r"(?<=\d),(?=\d{3})")
_ITEM_LINE = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\S", re.M)


def eliminated(question: str) -> str | None:
    """The list a question eliminates ("besides A and B, …" → "A and B"), or None."""
    for marker in _MARKER.finditer(question):
        rest = question[marker.end() :]
        end = _CLAUSE_END.search(rest)
        items = rest[: end.start() if end else len(rest)].strip(" ,")
        if _LIST.search(_BRACKETS.sub("", items)):
            return items
    return None


def items(answer: str) -> int:
    """How many items an answer enumerates: its list lines, else its parts between commas (and
    semicolons), one more where the last part is joined by "and" or "or"."""
    lines = len(_ITEM_LINE.findall(answer))
    if lines:
        return lines
    text = _BRACKETS.sub("", _NUMBER_COMMA.sub("", answer))
    parts = [p for p in re.split(r"[,;]", text) if p.strip()]
    last = re.sub(r"^\s*(?:and|or)\s", "", parts[-1]) if parts else ""
    return len(parts) + bool(re.search(r"\s(?:and|or)\s", f" {last} "))


def check_elimination(cards: Sequence[Card]) -> Iterator[Finding]:
    """W409 questions that name the rest of a set; W410 answers that enumerate a long list."""
    for card in cards:
        if card.kind not in ASKED:
            continue
        listed = eliminated(card.question) if _marked(card.question) else None
        if listed is not None:
            shown = listed if len(listed) <= 60 else listed[:59] + "…"
            yield (
                card.at("question"),
                "W409",
                f"card {card.id!r} asks for a set's member by elimination ({shown!r}); "
                "learners answer from the list, not the fact: give the item a cue of its own",
            )
        answer = card.answer
        listing = "," in answer or "\n" in answer or " and " in answer or " or " in answer
        if listing and (count := items(answer)) > LONGEST_LIST:
            yield (
                card.at("answer"),
                "W410",
                f"card {card.id!r} answers with a list of {count} items; lists over {LONGEST_LIST} are "
                "hard to recall whole: one card per item, each with its own cue",
            )


_SYMPTOMS = (
    "Fatigue is a common symptom of multiple sclerosis, along with pain, muscle weakness, and numbness."
)

DOCS = (
    Doc(
        "W409",
        checks=(
            "A question that asks for a member of a set by naming the rest: `besides`, `other than`, "
            "`apart from`, `aside from`, `in addition to`, `except` or `excluding`, followed by a list "
            "(two items or more). Basic and type-in cards only."
        ),
        why=(
            "Wozniak's rule 9, **avoid sets**: a member asked for by elimination is found by running "
            "through the set and naming what is missing, not by recalling the fact; the learner learns "
            "the list, and fails the card the day the list is not at hand. Give the item a cue of its "
            "own."
        ),
        bad=cards(
            "cards:\n"
            + example_card(
                "ms-weakness",
                "Besides fatigue, pain and numbness, which symptom is common in MS?",
                "Muscle weakness.",
                _SYMPTOMS,
            )
        ),
        fix=cards(
            "cards:\n"
            + example_card(
                "ms-weakness",
                "Which common symptom of MS makes lifting things harder?",
                "Muscle weakness.",
                _SYMPTOMS,
            )
        ),
    ),
    Doc(
        "W410",
        checks=(
            f"An answer that enumerates more than {LONGEST_LIST} items: list lines, or parts between "
            "commas and semicolons, with one more where the last is joined by `and` or `or`. Basic "
            "and type-in cards only."
        ),
        why=(
            "Wozniak's rule 10, **avoid enumerations**: a list is hard to recall whole, and reviewed "
            "as one item however much of it was forgotten, so the learner reviews the members they "
            "know as often as the one they forget. A cloze card with a deletion for each item asks for "
            "each in turn, with the others as its cue."
        ),
        bad=cards(
            "cards:\n"
            + example_card(
                "ms-symptoms",
                "Which symptoms are common in MS?",
                "Fatigue, pain, muscle weakness and numbness.",
                _SYMPTOMS,
            )
        ),
        fix=cards(
            "cards:\n  - id: ms-symptoms\n    kind: cloze\n"
            "    text: Fatigue is a common symptom of MS, along with "
            "{{c1::pain}}, {{c2::muscle weakness}} and {{c3::numbness}}.\n"
            f"    evidence:\n      healthline: {_SYMPTOMS}\n"
        ),
    ),
)
"""The codes of sets and enumerations, W409 and W410, documented (see :class:`generator.codes.Doc`)."""
