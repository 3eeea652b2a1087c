"""Sources in questions (W414) and figures without a date (W415).

W414 is a hint: the back of every card names its sources, so a question
that names its only source ("According to Healthline, …") teaches the
source's name as a cue instead of the fact. Naming a source in the question
makes sense where sources disagree (another card asks nearly the same from
another source) or a figure is the source's own; neither is reported.

W415: a percentage, share or count ages. A figure from a source that has
no ``date:`` cannot be placed in time, by the author or by the learner.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from generator.check.rules.finding import Finding
from generator.check.rules.quality import fold
from generator.check.rules.wording import Profile
from generator.model import Card, Source
from generator.text.words import content, listed, stem

_SHARES = frozenset(
    map(stem, listed("percent percentage cent half halves majority minority million billion"))
)
"""Words that give a figure by themselves: "80 percent", "more than half", "just over 2 million"."""
_FRACTIONS = frozenset(map(stem, listed("third quarter fifth sixth eighth tenth")))
_FRACTION = re.compile(
    r"\b(?:a|one|two|three|four|five|seven|nine|\d+)[ -]"
    r"(?:thirds?|quarters?|fifths?|sixths?|eighths?|tenths?)\b",
    re.I,
)
_NUMBERS = listed("one two three four five six seven eight nine ten hundred thousand")
_GROUPED = re.compile(r"\d,\d{3}")


def _number(word: str) -> bool:
    return word.isdigit() or word in _NUMBERS


def _ratio(words: list[str]) -> bool:
    """Whether the words hold a ratio: "one in five", "3 out of 10"."""
    for joint, after in (("in", 1), ("out", 2)):
        i = -1
        for _ in range(words.count(joint)):
            i = words.index(joint, i + 1)
            if i > 0 and i + after < len(words) and _number(words[i - 1]) and _number(words[i + after]):
                return True
    return False


def figure(text: str, stems: frozenset[str], words: list[str] | None = None) -> bool:
    """Whether ``text`` (with the stems of its content words, and its folded words if at hand) gives
    a figure: a percentage, a share, a large count or a ratio; a year or a small number alone does not."""
    if not _SHARES.isdisjoint(stems) or "%" in text:
        return True
    if "," in text and _GROUPED.search(text):
        return True
    if not _FRACTIONS.isdisjoint(stems) and _FRACTION.search(text):
        return True
    return (" in " in text or " out of " in text) and _ratio(words or fold(text).split())


def _quoted(text: str) -> bool:
    return figure(text, frozenset(content(fold(text).split())))


def check_sourcing(
    cards: Sequence[Card],
    sources: dict[str, Source],
    profiles: Sequence[Profile],
    rivals: dict[int, set[int]],
) -> Iterator[Finding]:
    """W414 a question naming the card's only source; W415 a figure from a source with no date."""
    for j, card in enumerate(cards):
        words = profiles[j]
        numbers = figure(card.answer, words.answer) or figure(card.question, words.asked, words.question)
        keys = card.source_keys() if numbers or words.named or words.cue else ()
        named = len(keys) == 1 and (keys[0] in words.named or (words.cue and not words.named))
        if named and not numbers and all(keys[0] in cards[i].source_keys() for i in rivals.get(j, ())):
            yield (
                card.at("question"),
                "W414",
                f"card {card.id!r} names its source {keys[0]!r} in the question; the back names it "
                "already: ask the question on its own (name a source only where sources disagree "
                "or a figure is its own)",
            )
        if numbers:
            from_ = [ev.source for ev in card.evidence if _quoted(ev.quote)] or list(keys)
            undated = [k for k in dict.fromkeys(from_) if k in sources and not sources[k].date.strip()]
            if undated:
                yield (
                    card.at("answer"),
                    "W415",
                    f"card {card.id!r} gives a figure from {', '.join(map(repr, undated))}, which has no "
                    "date; add date: to the source (published, reviewed or read), so the figure can be "
                    "placed in time",
                )
