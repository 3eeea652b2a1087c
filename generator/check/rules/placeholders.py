"""Answers that carry no fact of their own: placeholders (W419), answers that repeat the question (W422).

A placeholder answer points at the fact without stating it ("In size",
"Harm the patient", "Certain movements") while the card's ``extra:`` or
``note:`` holds the fact itself: the learner recalls the pointer, and reads
the fact on the back at every review without ever being asked for it. An
answer of vague words only (:data:`.terms.VAGUE`), or of words its question
already says, with a longer extra or note beside it, is reported.

An answer that repeats its question ("What does spinal cord involvement
predict?" → "Spinal cord involvement predicts worse outcomes") buries its
news among words the learner has just read: most of its content words are
the question's, though the rest are news (else the question gives the
answer away, W401 or W408).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence

from generator.check.rules.finding import Finding
from generator.check.rules.giveaway import HYPHEN, asked_for, given_away
from generator.check.rules.quality import fold, paths, shows_answer, without_paths
from generator.check.rules.terms import VAGUE, root
from generator.check.rules.wording import ASKED, Profile
from generator.codes import Doc, cards
from generator.codes import card as example_card
from generator.model import Card
from generator.text.words import content

PLACEHOLDER_WORDS = 4
"""W419 looks at answers of at most this many words."""
FACT_WORDS = 6
"""W419 when the extra or note beside such an answer has at least this many words."""
REPEATED_WORDS = 4
"""W422 looks at answers of at least this many content words (besides those naming what is asked for)."""


def placeholder(card: Card, words: Profile) -> str:
    """The field (``extra`` or ``note``) that holds the fact a placeholder answer points at, or ''."""
    if not words.answer or len(card.answer.split()) > PLACEHOLDER_WORDS:
        return ""
    news = words.answer - words.asked
    if not news <= VAGUE:
        return ""
    for name in ("extra", "note"):
        value: str = getattr(card, name)
        if (
            len(value.split()) >= FACT_WORDS
            and set(content(fold(value).split())) - words.asked - words.answer
        ):
            return name
    return ""


def repeated(card: Card, words: Profile) -> list[str]:
    """The answer's content words that repeat its question, when they are most of them (else [])."""
    if len(words.answer) < REPEATED_WORDS or words.asked.isdisjoint(words.answer):
        return []  # the usual case, decided on the card's words as worked out once
    exempt = {root(w) for w in asked_for(fold(card.question).split())}
    text = HYPHEN.sub("", card.answer)  # a hyphenated term is one word ("blood-brain barrier")
    written = paths(text)  # and so is a file path
    words_of = content(fold(without_paths(text) if written else text).split())
    answer = [w for w in dict.fromkeys(words_of) if root(w) not in exempt] + sorted(written)
    if len(answer) < REPEATED_WORDS:
        return []
    asked = {root(w) for w in words.asked} | paths(card.question)
    again = [w for w in answer if root(w) in asked]
    return again if len(again) * 2 > len(answer) and len(again) < len(answer) else []


def check_placeholders(
    cards: Sequence[Card], profiles: Sequence[Profile], weight: dict[str, float]
) -> Iterator[Finding]:
    """W419 placeholder answers; W422 answers that repeat the question (where W401 or W408 is not
    reported: ``weight`` is theirs)."""
    lone = math.log(1 + len(cards))
    for card, words in zip(cards, profiles, strict=True):
        if card.kind not in ASKED or not words.answer:
            continue
        where = placeholder(card, words)
        if where:
            yield (
                card.at("answer"),
                "W419",
                f"card {card.id!r}: the answer {card.answer.strip()!r} points at the fact its {where} "
                "states; put the fact in the answer",
            )
        elif (again := repeated(card, words)) and not (
            shows_answer(card.question, card.answer) or given_away(card, words, weight, lone)
        ):
            yield (
                card.at("answer"),
                "W422",
                f"card {card.id!r}: the answer repeats the question ({', '.join(again)}); "
                "answer with the news alone",
            )


_NMO = "the treatments for MS and NMO are very different"
_LESIONS = "found in about 80 percent of people newly diagnosed with MS"
_SPINAL = example_card(
    "lesions-ms",
    "In which disease are spinal cord lesions common?",
    "MS.",
    "Spinal cord lesions are common in MS.",
) + example_card(
    "lesions-scan",
    "Which scan shows spinal cord lesions best?",
    "MRI.",
    "scan for brain and spinal cord lesions using magnetic resonance imaging (MRI)",
)

DOCS = (
    Doc(
        "W419",
        checks=(
            f"An answer of at most {PLACEHOLDER_WORDS} words whose content words are all vague "
            "(`size`, `way`, `certain`, `harm`, `patient`, `problem`, `effect`, `type`, `movement` …) "
            "or already in the question, beside an `extra:` or `note:` of at least "
            f"{FACT_WORDS} words with words of its own: the answer points at a fact the back states. "
            "Basic and type-in cards only."
        ),
        why=(
            "**Retrieval practice**: what is recalled is what is learnt. A placeholder answer "
            "(`In size`, `Harm the patient`, `Certain movements`) is recalled at every review and the "
            "fact beside it only read, so the learner keeps the pointer and loses the fact; it is "
            "also a guess that is easy to grade as right. Promote the fact to the answer and keep "
            "the detail in `extra:`."
        ),
        bad=cards(
            "cards:\n"
            + example_card(
                "nmo-treatment",
                "What can a wrong diagnosis of MS mean for someone who has NMO?",
                "Harm the patient.",
                _NMO,
                more="    extra: Some MS medicines, such as interferon beta, make NMO worse.\n",
            )
        ),
        fix=cards(
            "cards:\n"
            + example_card(
                "nmo-treatment",
                "Which MS medicine can make NMO worse?",
                "Interferon beta.",
                _NMO,
                more="    extra: So the right diagnosis matters, as the treatments are very different.\n",
            )
        ),
    ),
    Doc(
        "W422",
        checks=(
            f"An answer of at least {REPEATED_WORDS} content words (besides the words naming what a "
            "`which …` question asks for) most of which, in any of their forms, are the question's, "
            "though not all: the answer restates the question around its news. Not reported where "
            "W401 or W408 is. Basic and type-in cards only."
        ),
        why=(
            "Wozniak's rule 4, the **minimum information principle**: an answer that says the "
            "question again is longer to recall and to check, and hides its one new word among "
            "words the learner has just read; the learner grades the sentence, not the fact. "
            "Answer with the news alone."
        ),
        bad=cards(
            "cards:\n"
            + _SPINAL
            + example_card(
                "lesions-at-diagnosis",
                "What share of people newly diagnosed with MS have spinal cord lesions?",
                "About 80 percent of them have spinal cord lesions.",
                _LESIONS,
            ),
            caption="In a deck where many questions are about spinal cord lesions:",
        ),
        fix=cards(
            "cards:\n"
            + _SPINAL
            + example_card(
                "lesions-at-diagnosis",
                "What share of people newly diagnosed with MS have spinal cord lesions?",
                "About 80 percent.",
                _LESIONS,
            )
        ),
    ),
)
"""The codes of answers without a fact of their own, W419 and W422, documented."""
