"""Card-quality rules (warnings): cards that are hard to learn from.

Each finding points at the field it is about. These are style advice: they
never stop a build unless ``--strict`` is given.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from functools import lru_cache

from generator.check.rules.finding import Finding
from generator.model import Card, CardKind

_YES_NO = re.compile(
    r"^(is|are|was|were|does|do|did|can|could|will|would|should|has|have|had|may|must)\b", re.I
)
_HTML = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(\s[^<>]*)?/?>|<!--|&[a-zA-Z]+;|&#\d+;")
_MANY = re.compile(
    r"\b(list|name|give|what are) (all|every|each|the (three|four|five|six|seven|eight|nine|ten))\b", re.I
)
_PUNCT = re.compile(r"[\W_]+")
LONG_ANSWER_WORDS = 25


@lru_cache(maxsize=1 << 17)
def fold(text: str) -> str:
    """Text folded for comparisons: compatibility forms, case and punctuation ignored."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return _PUNCT.sub(" ", text.casefold()).strip()


def yes_no_question(question: str) -> bool:
    """Whether a question asks for yes or no ("Is …?", "Can …?"; not "Is it A or B?")."""
    return bool(_YES_NO.match(question.strip())) and " or " not in question


def check_quality(cards: Sequence[Card]) -> Iterator[Finding]:
    """W401 answer in question; W402 yes/no; W403 long answer; W404 many things; W405 HTML."""
    for card in cards:
        yield from _html(card)
        if card.kind == CardKind.CLOZE:
            continue
        answer_key = fold(card.answer)
        if len(answer_key) >= 4 and f" {answer_key} " in f" {fold(card.question)} ":
            yield (
                card.at("question"),
                "W401",
                f"card {card.id!r}: the question contains its own answer; rephrase it so it does not",
            )
        if card.kind == CardKind.REVERSED:
            question_key = fold(card.question)
            if len(question_key) >= 4 and f" {question_key} " in f" {answer_key} ":
                yield (
                    card.at("answer"),
                    "W401",
                    f"card {card.id!r} is reversed, and its answer contains the question, which the "
                    "reverse card asks for; rephrase one of them",
                )
            continue  # a term and its meaning: not a question to phrase
        if yes_no_question(card.question):
            yield (
                card.at("question"),
                "W402",
                f"card {card.id!r} asks a yes/no question; ask for the fact itself (what, which, how)",
            )
        words = len(card.answer.split())
        if words > LONG_ANSWER_WORDS:
            yield (
                card.at("answer"),
                "W403",
                f"card {card.id!r} has a {words}-word answer; keep answers under {LONG_ANSWER_WORDS} "
                "words (split the card, or move detail to extra)",
            )
        if card.question.count("?") > 1 or _MANY.search(card.question):
            message = f"card {card.id!r} asks for several things; split it into one card each"
            yield card.at("question"), "W404", message


_FIELDS = {CardKind.CLOZE: ("text", "extra", "note"), CardKind.TYPE_IN: ("question", "extra", "note")}
"""The fields W405 looks at by kind (a type-in answer with HTML is an error, E327, instead)."""


def _html(card: Card) -> Iterator[Finding]:
    for name in _FIELDS.get(card.kind, ("question", "answer", "extra", "note")):
        value = getattr(card, name)
        if ("<" in value or "&" in value) and _HTML.search(value):
            yield (
                card.at(name),
                "W405",
                f"card {card.id!r}: HTML in {name} is shown as text, not markup; "
                "use plain text or Markdown (*emphasis*, lists)",
            )
