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
from generator.check.rules.wording import ASKED, Profile
from generator.codes import Doc, cards
from generator.codes import card as example_card
from generator.model import Card, CardKind, Source
from generator.text.words import content, listed, stem

_SHARES = frozenset(
    map(
        stem, listed("percent percentage cent half halves majority minority million billion thousand hundred")
    )
)
"""Words that give a figure by themselves: "80 percent", "more than half", "just over 2 million"."""
_FRACTIONS = frozenset(map(stem, listed("third quarter fifth sixth eighth tenth")))
_FRACTION = re.compile(
    r"\b(?:a|one|two|three|four|five|seven|nine|\d+)[ -]"
    r"(?:thirds?|quarters?|fifths?|sixths?|eighths?|tenths?)\b",
    re.I,
)
_NUMBERS = listed("one two three four five six seven eight nine ten hundred thousand")
_MARKED = re.compile(r"%|\d,\d{3}")
"""A percent sign, or a number with thousands marked: 400,000."""


_NUMBER = r"\d+|one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand"
_RATIO = re.compile(rf" (?:in|out of) (?:{_NUMBER})\b")
"""The second half of a ratio, in folded text: "… *in five*", "… *out of 10*"."""


def _ratio(folded: str) -> bool:
    """Whether folded text holds a ratio: "one in five", "3 out of 10"."""
    for match in _RATIO.finditer(folded):
        before = folded[: match.start()].rpartition(" ")[2]
        if before.isdigit() or before in _NUMBERS:
            return True
    return False


def figure(text: str, stems: frozenset[str]) -> bool:
    """Whether ``text`` (with the stems of its content words) gives a figure: a percentage, a share,
    a large count or a ratio; a year or a small number alone does not."""
    if not _SHARES.isdisjoint(stems) or _MARKED.search(text):
        return True
    if not _FRACTIONS.isdisjoint(stems) and _FRACTION.search(text):
        return True
    return (" in " in text or " out of " in text) and _ratio(fold(text))


def _quoted(text: str) -> bool:
    """:func:`figure` for a text whose words are not worked out yet (a quote, a cloze text)."""
    return figure(text, frozenset(content(fold(text).split())))


def check_sourcing(
    cards: Sequence[Card],
    sources: dict[str, Source],
    profiles: Sequence[Profile],
    rivals: dict[int, set[int]],
) -> Iterator[Finding]:
    """W414 a question naming the card's only source; W415 a figure from a source with no date."""
    undated = frozenset(key for key, source in sources.items() if not source.date.strip())
    for j, card in enumerate(cards):
        words = profiles[j]
        if not (words.named or words.cue):  # W414 cannot apply; can W415?
            for evidence in card.evidence:
                if evidence.source in undated:
                    break
            else:
                continue
        if card.kind == CardKind.CLOZE:
            numbers, field = _quoted(card.text), "text"
        else:
            numbers = figure(card.answer, words.answer) or figure(card.question, words.asked)
            field = "answer"
        keys = card.source_keys() if numbers or words.named or words.cue else ()
        named = len(keys) == 1 and (keys[0] in words.named or (words.cue and not words.named))
        rivalled = any(keys[0] not in cards[i].source_keys() for i in rivals.get(j, ())) if named else True
        if named and card.kind in ASKED and not numbers and not rivalled:
            yield (
                card.at("question"),
                "W414",
                f"card {card.id!r} names its source {keys[0]!r} in the question; the back names it "
                "already: ask the question on its own (name a source only where sources disagree "
                "or a figure is its own)",
            )
        if numbers:
            from_ = [ev.source for ev in card.evidence if _quoted(ev.quote)] or list(keys)
            dateless = [key for key in dict.fromkeys(from_) if key in undated]
            if dateless:
                yield (
                    card.at(field),
                    "W415",
                    f"card {card.id!r} gives a figure from {', '.join(map(repr, dateless))}, which has no "
                    "date; add date: to the source (published, reviewed or read), so the figure can be "
                    "placed in time",
                )


_CNS = "The CNS includes the brain, spinal cord, and optic nerves."
_LESIONS = "found in about 80 percent of people newly diagnosed with MS"
_SOURCE = """\
sources:
  healthline:
    title: MS Spine Lesions
    publisher: Healthline
{date}    file: sources/healthline.txt
"""
_FIGURE = example_card(
    "spinal-lesions",
    "What share of people newly diagnosed with MS have spinal cord lesions?",
    "About 80 percent.",
    _LESIONS,
)

DOCS = (
    Doc(
        "W414",
        checks=(
            "A question that names the card's only source, by its key, title or publisher, or says "
            "`according to` (`per`, `cited by`) a source. Not reported where the card gives a figure "
            "(a figure is its source's own), or where another card asks nearly the same from another "
            "source (the sources disagree). Basic and type-in cards only."
        ),
        why=(
            "Wozniak's rule 18, **provide sources**, is kept by the card's back, which names and quotes "
            "every source. In the question the source's name becomes a cue: the learner learns to "
            'answer "according to Healthline", and the fact without it is not practised.'
        ),
        bad=cards(
            "cards:\n"
            + example_card(
                "cns-parts",
                "According to Healthline, what does the central nervous system include?",
                "The brain, spinal cord and optic nerves.",
                _CNS,
            )
        ),
        fix=cards(
            "cards:\n"
            + example_card(
                "cns-parts",
                "What does the central nervous system include?",
                "The brain, spinal cord and optic nerves.",
                _CNS,
            )
        ),
    ),
    Doc(
        "W415",
        checks=(
            "A figure (a percentage, a share such as `half`, a count such as `2 million` or `400,000`, "
            "a ratio such as `one in five`) on a card whose source has no `date:`. A year or a small "
            "number alone is not a figure."
        ),
        why=(
            "Wozniak's rule 19, **date stamping**: figures change, and one from an undated source "
            "cannot be placed in time, by the author checking it or by the learner recalling it. Give "
            "the source the date it was published, reviewed or read."
        ),
        bad=cards(_SOURCE.format(date="") + "cards:\n" + _FIGURE),
        fix=cards(_SOURCE.format(date='    date: "2019-01-07"\n') + "cards:\n" + _FIGURE),
    ),
)
"""The codes of sources in questions and undated figures, W414 and W415 (see :class:`generator.codes.Doc`)."""
