"""One short question, one fact: answers that hold several facts (W411), long questions (W412).

A long question is read slowly at every review and usually carries context
that belongs on the back; an answer with a second clause ("…; …",
"… - and …", "…, but …", a bracketed sentence) asks the learner to recall
two facts as one, and a review cannot tell which of them was forgotten.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from generator.check.rules.finding import Finding
from generator.check.rules.wording import ASKED
from generator.codes import Doc, cards
from generator.codes import card as example_card
from generator.model import Card

LONGEST_QUESTION = 20
"""W412 when a question has more words than this."""

_ABBREVIATIONS = re.compile(r"\b(?:e\.g|i\.e|etc|vs|cf|approx|dr|st|no|fig)\.", re.I)
_SECOND_FACT = re.compile(
    r"(?<![0-9])[.!?][ \t]+[A-Z0-9\"'(*]"  # a second sentence on the line (not a numbered list's "1. ")
    r"|;\s"  # a second clause (not an entity such as &nbsp;)
    r"|(?<=\S)[ \t]+[-\u2013\u2014][ \t]+\S+[ \t]+\S"  # a spaced dash before two words or more
    r"|,\s+(?:but|though|although|whereas|while|yet)\s"  # a contrast
    r"|,\s+and\s+(?:how|what|which|why|where|when|who|whether|it|they|this|that|there)\s"  # another clause
    r"|\((?=[^()]*\b(?:is|are|was|were|has|have|had|calls?|says?|not|no)\b)(?:[^()\s]*\s+){3,}[^()]*\)"
)
"""A second fact: a sentence, a clause after ';' or a dash, a contrast, a bracketed clause with a verb."""


def _marked(answer: str) -> bool:
    """Whether an answer has a mark a second fact needs (a quick test before the pattern)."""
    return (
        ", " in answer
        or ",\n" in answer
        or ". " in answer
        or "; " in answer
        or ";\n" in answer
        or "(" in answer
        or " - " in answer
        or "\u2013" in answer
        or "\u2014" in answer
        or "! " in answer
        or "? " in answer
        or "\t" in answer
    )


def second_fact(answer: str) -> str | None:
    """Where an answer goes on to a second fact (the text from there), or None."""
    if not _marked(answer):
        return None
    text = _ABBREVIATIONS.sub("", answer.strip())
    match = _SECOND_FACT.search(text)
    return text[match.start() :].strip() if match else None


def check_focus(cards: Sequence[Card]) -> Iterator[Finding]:
    """W411 answers that hold several facts; W412 questions over :data:`LONGEST_QUESTION` words."""
    for card in cards:
        if card.kind not in ASKED:
            continue
        question = card.question
        spaced = question.count(" ") >= LONGEST_QUESTION or "\n" in question or "\t" in question
        words = len(question.split()) if spaced else 0
        if words > LONGEST_QUESTION:
            yield (
                card.at("question"),
                "W412",
                f"card {card.id!r} has a {words}-word question; keep questions to {LONGEST_QUESTION} words "
                "(context goes in extra, on the back)",
            )
        more = second_fact(card.answer)
        if more is not None:
            shown = more if len(more) <= 40 else more[:39] + "…"
            yield (
                card.at("answer"),
                "W411",
                f"card {card.id!r}: the answer holds more than one fact (from {shown!r}); "
                "keep one fact to an answer: move the rest to extra, or to a card of its own",
            )


_MYELIN = "strips nerve cells of a protective coating called myelin"
_LESIONS = "found in about 80 percent of people newly diagnosed with MS"

DOCS = (
    Doc(
        "W411",
        checks=(
            "An answer that goes on to a second fact: a second sentence, a clause after `;` or a "
            "spaced dash, a contrast (`…, but …`, `…, whereas …`), another clause after `, and` "
            "(`…, and it …`), or a bracketed clause with a verb. Basic and type-in cards only."
        ),
        why=(
            "Wozniak's rule 4, the **minimum information principle**: an answer with two facts is "
            "recalled in part and graded as a whole, and the review cannot tell which fact was "
            "forgotten. Keep one fact in the answer; put the rest in `extra:`, or on a card of its own."
        ),
        bad=cards(
            "cards:\n"
            + example_card(
                "myelin",
                "What is the protective coating of nerve cells called?",
                "Myelin, but MS strips it away.",
                _MYELIN,
            )
        ),
        fix=cards(
            "cards:\n"
            + example_card(
                "myelin",
                "What is the protective coating of nerve cells called?",
                "Myelin.",
                _MYELIN,
                more="    extra: In MS, an inflammatory response strips it away.\n",
            )
        ),
    ),
    Doc(
        "W412",
        checks=f"A question of more than {LONGEST_QUESTION} words. Basic and type-in cards only.",
        why=(
            "Wozniak's rule 12, **optimise wording**: a question is read at every review, so each "
            "word costs time again and again, and a long one holds context the learner skims past. "
            "Keep the question to what cues the answer; context goes in `extra:`, on the back."
        ),
        bad=cards(
            "cards:\n"
            + example_card(
                "spinal-lesions",
                "According to the figures given in this article about spinal cord lesions, which share "
                "of the people who have been newly diagnosed with MS have them?",
                "About 80 percent.",
                _LESIONS,
            )
        ),
        fix=cards(
            "cards:\n"
            + example_card(
                "spinal-lesions",
                "What share of people newly diagnosed with MS have spinal cord lesions?",
                "About 80 percent.",
                _LESIONS,
            )
        ),
    ),
)
"""The codes of focus, W411 and W412, documented (see :class:`generator.codes.Doc`)."""
