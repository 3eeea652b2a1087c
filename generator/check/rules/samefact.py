"""One fact asked by two cards of different kinds (W423).

W406 and W407 (:mod:`.interference`) compare questions with questions. A
fact is asked twice in other ways too: by a basic card and by a cloze
deletion ("Which scan shows MS lesions?" → "MRI", and "MS lesions show on
{{c1::MRI}} scans"), or by a reversed card and a basic one. Each card is
read as the facts it asks for, an *answer* and its *cue*: a basic or type-in
card's answer and question; a reversed card's answer and term, both ways;
each cloze deletion number's hidden words and the text its card shows. Two
facts of different kinds are the same fact when their answers are the same
content words (or the same without, or within, a bracket: "Magnetic
resonance imaging (MRI)" is "MRI") and their cues are related: a weighted
similarity of :data:`SAME_CUE` or more (the share of their words they
share).

Linear: the cloze and reversed cards' facts (few) are filed by answer, and
each fact is compared with at most :data:`COMPARED` facts filed under its
answer; a basic card whose answer is filed nowhere costs two look-ups.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from generator.check.rules.deletions import Hidden, hidden, shown
from generator.check.rules.finding import Finding
from generator.check.rules.interference import similarity
from generator.check.rules.quality import fold
from generator.check.rules.wording import ASKED, Profile
from generator.codes import Doc, cards
from generator.codes import card as example_card
from generator.model import Card, CardKind
from generator.text.words import stems

SAME_CUE = 0.35
"""W423 when two facts with one answer have cues at least this similar (the same as W407's)."""
COMPARED = 8
"""A fact is compared with at most this many facts of another kind filed under its answer."""
_BRACKET = re.compile(r"\(([^()]*)\)")


class Fact(NamedTuple):
    """What a card asks for, one way."""

    card: int
    kind: str
    """``asked`` (basic and type-in), ``reversed``, or ``cloze``."""
    answer: frozenset[str]
    cue: frozenset[str]
    number: int
    """The cloze deletion's number (0 for other kinds)."""
    prompt: str = ""
    """What the card shows, folded (a cloze card's is not kept): two cards with one prompt are E304's."""


def _keys(answer: frozenset[str], cue: frozenset[str], written: str) -> set[frozenset[str]]:
    """The answer's content words, and without or within a bracket (``written`` is the answer as
    written); each also without the cue's words ("Which scan …?" → "An MRI scan": its news is "MRI")."""
    keys = {answer, answer - cue}
    if "(" in written:
        keys.add(stems(fold(_BRACKET.sub(" ", written)).split()) - cue)
        keys.update(stems(fold(inner).split()) - cue for inner in _BRACKET.findall(written))
    keys.discard(frozenset())
    return keys


def _others(cards: Sequence[Card], profiles: Sequence[Profile]) -> Iterator[tuple[Fact, set[frozenset[str]]]]:
    """The facts of the cloze and reversed cards, with the keys of their answers."""
    for i, (card, words) in enumerate(zip(cards, profiles, strict=True)):
        if card.kind == CardKind.CLOZE:
            found: Hidden = hidden(card.text)
            for number, deletions in sorted(found.items()):
                written = " ".join(w for _, _, w in deletions)
                answer = stems(fold(written).split())
                cue = stems(fold(shown(card.text, found, number)).split())
                yield Fact(i, "cloze", answer, cue, number), _keys(answer, cue, written)
        elif card.kind == CardKind.REVERSED:
            forth = Fact(i, "reversed", words.answer, words.asked, 0, fold(card.question))
            back = Fact(i, "reversed", words.asked, words.answer, 0, fold(card.answer))
            yield forth, _keys(words.answer, words.asked, card.answer)
            yield back, _keys(words.asked, words.answer, card.question)


def same_facts(cards: Sequence[Card], profiles: Sequence[Profile]) -> dict[int, tuple[int, Fact, Fact]]:
    """By card, the first earlier card of another kind that asks for one of its facts: (that card,
    its fact, this card's fact).

    The cloze and reversed cards' facts (few) are filed by answer; each basic or type-in card (the
    many) looks its answer up among them.
    """
    filed: dict[frozenset[str], list[Fact]] = {}
    pairs: list[tuple[Fact, Fact]] = []
    for fact, keys in _others(cards, profiles):
        for key in keys:
            earlier = filed.setdefault(key, [])
            pairs += [(other, fact) for other in earlier[:COMPARED] if _same(other, fact)]
            earlier.append(fact)
    if not filed:
        return {}
    for i, (card, words) in enumerate(zip(cards, profiles, strict=True)):
        if card.kind not in ASKED or not words.answer:
            continue
        if (
            words.answer not in filed
            and (words.asked.isdisjoint(words.answer) or words.answer - words.asked not in filed)
            and "(" not in card.answer
        ):
            continue  # the usual case: no cloze or reversed card has this answer
        fact = Fact(i, "asked", words.answer, words.asked, 0, fold(card.question))
        for key in _keys(words.answer, words.asked, card.answer):
            pairs += [(other, fact) for other in filed.get(key, [])[:COMPARED] if _same(other, fact)]
    found: dict[int, tuple[int, Fact, Fact]] = {}
    for a, b in pairs:
        (first, one), (later, other) = sorted([(a.card, a), (b.card, b)], key=lambda pair: pair[0])
        if later not in found or first < found[later][0]:
            found[later] = (first, one, other)
    return found


def _same(a: Fact, b: Fact) -> bool:
    """Whether two facts filed under one answer, of different cards and kinds, have related cues."""
    if a.card == b.card or a.kind == b.kind or (a.prompt and a.prompt == b.prompt):
        return False
    return not a.cue.isdisjoint(b.cue) and _related(a.cue, b.cue)


def _related(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two cues share at least :data:`SAME_CUE` of their words (a Jaccard index; the pairs
    compared are few, so the deck's word weights are not worth working out for them)."""
    return similarity(a, b, dict.fromkeys(a | b, 1.0)) >= SAME_CUE


_KIND_NAMES = {"asked": "question", "reversed": "reversed card", "cloze": "cloze deletion"}


def check_same_facts(cards: Sequence[Card], profiles: Sequence[Profile]) -> Iterator[Finding]:
    """W423 the same fact asked by cards of different kinds."""
    for j, (i, earlier, fact) in sorted(same_facts(cards, profiles).items()):
        card, first = cards[j], cards[i]
        name = "text" if card.kind == CardKind.CLOZE else "answer"
        at = first.at("text" if first.kind == CardKind.CLOZE else "answer")
        what = _describe(fact)
        yield (
            card.at(name),
            "W423",
            f"card {card.id!r} asks, {what}, the fact that {first.id!r} (line {at.line}, column {at.col}) "
            f"asks, {_describe(earlier)}; one fact is learnt once: keep one card, or make each ask "
            "for its own",
        )


def _describe(fact: Fact) -> str:
    if fact.kind == "cloze":
        return f"by cloze deletion c{fact.number}"
    return "by a reversed card" if fact.kind == "reversed" else "by its question"


_MRI = "scan for brain and spinal cord lesions using magnetic resonance imaging (MRI)"

DOCS = (
    Doc(
        "W423",
        checks=(
            "Two cards of different kinds that ask for one fact: a basic or type-in card's answer and "
            "question, a reversed card's answer and term (both ways), and each cloze deletion's "
            "hidden words and the text its card shows are compared. They ask for one fact when the "
            "answers are the same content words (or the same without, or within, a bracket: "
            "`Magnetic resonance imaging (MRI)` is `MRI`; words of the cue do not count), and the "
            f"cues share at least {SAME_CUE:.0%} of their content words. Reported on the later "
            "card, naming the earlier. (Cards of one kind are W406's and W407's.)"
        ),
        why=(
            "Wozniak's rule 11, **combat interference**, and the cost of reviews: the learner "
            "reviews one fact twice, on two schedules, and the easier card (a cloze whose text "
            "hints at the answer) makes the other look known. Keep the card that asks best, or make "
            "each ask for a fact of its own."
        ),
        bad=cards(
            "cards:\n"
            + example_card(
                "mri-scan", "Which scan finds brain and spinal cord lesions?", "An MRI scan.", _MRI
            )
            + "  - id: mri-cloze\n    kind: cloze\n"
            "    text: A scan for brain and spinal cord lesions is done with {{c1::MRI}}.\n"
            f"    evidence:\n      healthline: {_MRI}\n"
        ),
        fix=cards(
            "cards:\n"
            + example_card(
                "mri-scan", "Which scan finds brain and spinal cord lesions?", "An MRI scan.", _MRI
            ),
            caption="Keep one of them:",
        ),
    ),
)
"""The code of one fact asked by cards of different kinds, W423, documented."""
