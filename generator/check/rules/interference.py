"""Interference (W406, W407): cards a learner would confuse, found across the whole deck.

Two questions are compared as sets of content-word stems without source
names (:mod:`.wording`), each word weighted by how rare it is in the deck
(``log(1 + cards / cards with the word)``): their *similarity* is the weight
of the words they share over the weight of all their words (a weighted
Jaccard index). Sharing "MS" and "lesion" counts for little in an MS deck;
sharing "myelin" and "insulate" counts for much.

- W406: a question nearly the same as an earlier one (similarity at least
  :data:`SAME_QUESTION`);
- W407: the same answer (the same content words) as an earlier card, to a
  related question (similarity at least :data:`RELATED_QUESTION`).

Each is reported on the later card, naming the first such earlier card.

No pair of cards is compared unless it could meet the threshold (prefix
filtering): each question's words are put in one order for the whole deck,
rarest first, and a question's *prefix* is its first words that weigh more
than ``1 - threshold`` of it. Two questions at least that similar share a
word of their prefixes, so each card is filed under its prefix words only
and compared with the cards filed under them before it (at most
:data:`BUCKET_LIMIT` a word). The work grows with the number of cards, not
with its square: a prefix is mostly one or two rare words.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, islice

from generator.check.rules.finding import Finding
from generator.check.rules.quality import fold
from generator.check.rules.wording import Profile
from generator.codes import Doc, cards
from generator.codes import card as example_card
from generator.model import Card

SAME_QUESTION = 0.7
RELATED_QUESTION = 0.35
BUCKET_LIMIT = 64
"""At most this many earlier cards filed under one word (or one answer) are compared with a card."""

Weights = dict[str, float]


def weigh(sets: Sequence[Iterable[str]]) -> Weights:
    """Each word's weight: ``log(1 + sets / sets holding it)``."""
    total = len(sets)
    counts = Counter(chain.from_iterable(sets))
    weights = dict.fromkeys(counts, math.log(1 + total))  # the many words only one set holds
    weights.update((word, math.log(1 + total / n)) for word, n in counts.items() if n > 1)
    return weights


def similarity(a: frozenset[str], b: frozenset[str], weight: Weights) -> float:
    """The weighted Jaccard index of two word sets (0 when they share nothing)."""
    shared = a & b
    if not shared:
        return 0.0
    common = sum(weight[w] for w in shared)
    return common / (common + sum(weight[w] for w in a ^ b))


def similar(sets: Sequence[frozenset[str]], weight: Weights, threshold: float) -> dict[int, list[int]]:
    """By index of a set, the indices of the earlier sets at least ``threshold`` similar to it, in order
    (sets with none are left out).

    ``weight`` is ``weigh(sets)``.
    """
    alone = math.log(1 + len(sets))  # the weight of a word only one set holds
    shared = [word for word, w in weight.items() if w != alone]
    order = sorted(sorted(shared), key=weight.__getitem__, reverse=True)  # rarest first, then A-Z
    rank = dict.fromkeys(weight, -1)  # a word only one set holds comes first: no other set has it
    rank.update(zip(order, range(len(order)), strict=True))
    by_rank, weight_of = rank.__getitem__, weight.__getitem__
    filed: dict[str, list[int]] = {}
    earlier: dict[int, list[int]] = {}
    for j, words in enumerate(sets):
        if not words:
            continue
        spare = (1 - threshold) * sum(map(weight_of, words))
        first = min(words, key=by_rank)
        if weight_of(first) > spare:  # the rarest word alone is the prefix (the usual case)
            if weight_of(first) == alone:
                continue  # and no other set holds it: nothing to compare, nothing to file
            prefix = [first]
        else:
            prefix = []
            for word in sorted(words, key=by_rank):
                prefix.append(word)
                spare -= weight_of(word)
                if spare < 0:
                    break
        found: set[int] = set()
        for word in prefix:
            bucket = filed.get(word)
            if bucket is None:
                filed[word] = [j]
                continue
            for i in islice(bucket, BUCKET_LIMIT):
                if i not in found and similarity(sets[i], words, weight) >= threshold:
                    found.add(i)
            bucket.append(j)
        if found:
            earlier[j] = sorted(found)
    return earlier


def same(sets: Sequence[frozenset[str]]) -> dict[int, list[int]]:
    """By index of a set, the indices of the earlier equal sets (at most :data:`BUCKET_LIMIT`), in order."""
    filed: dict[frozenset[str], list[int]] = {}
    earlier: dict[int, list[int]] = {}
    for j, words in enumerate(sets):
        if words:
            bucket = filed.get(words)
            if bucket is None:
                filed[words] = [j]
            else:
                earlier[j] = bucket[:BUCKET_LIMIT]
                bucket.append(j)
    return earlier


class Interference:
    """The deck's near-duplicate questions and same answers (computed once, used by several rules)."""

    def __init__(self, profiles: Sequence[Profile], weight: dict[str, float]) -> None:
        """``weight``: :func:`weigh` of the profiles' question words."""
        self.asked = [p.asked for p in profiles]
        self.weight = weight
        self.same_question = similar(self.asked, self.weight, SAME_QUESTION)
        self.same_answer = same([p.answer for p in profiles])

    def rivals(self) -> dict[int, set[int]]:
        """By card, the cards (earlier or later) whose questions are near duplicates of its own."""
        out: dict[int, set[int]] = {}
        for j, earlier in self.same_question.items():
            for i in earlier:
                out.setdefault(j, set()).add(i)
                out.setdefault(i, set()).add(j)
        return out


def check_interference(cards: Sequence[Card], found: Interference) -> Iterator[Finding]:
    """W406 near-duplicate questions (the same question twice is E304's); W407 the same answer to a
    related question."""
    for j in sorted(found.same_question.keys() | found.same_answer.keys()):
        card = cards[j]
        asked = fold(card.question)
        earlier = [i for i in found.same_question.get(j, ()) if fold(cards[i].question) != asked]  # E304
        if earlier:
            first = cards[earlier[0]]
            at = first.at("question")
            yield (
                card.at("question"),
                "W406",
                f"card {card.id!r} asks nearly the same as {first.id!r} (line {at.line}, column {at.col}); "
                "learners confuse such cards: merge them, or make each question ask for its own fact",
            )
            continue
        for i in found.same_answer.get(j, ()):
            related = similarity(found.asked[i], found.asked[j], found.weight) >= RELATED_QUESTION
            if related and fold(cards[i].question) != asked:
                first = cards[i]
                at = first.at("answer")
                yield (
                    card.at("answer"),
                    "W407",
                    f"card {card.id!r} has the same answer as {first.id!r} (line {at.line}, column {at.col}) "
                    "to a related question; learners confuse such cards: merge them, or ask each for its "
                    "own fact",
                )
                break


_MS = "causes the body to attack the central nervous system (CNS)"
_MRI = "scan for brain and spinal cord lesions using magnetic resonance imaging (MRI)"

DOCS = (
    Doc(
        "W406",
        checks=(
            "A question nearly the same as an earlier card's, though not the same (that is E304). "
            "Questions are compared as sets of content words, stemmed and without source names, each "
            "word weighing the more the fewer of the deck's questions use it: two questions are "
            f"nearly the same at a similarity of {SAME_QUESTION} or more (a weighted Jaccard index). "
            "Reported on the later card, naming the earlier."
        ),
        why=(
            "Wozniak's rule 11, **combat interference**: similar items are confused with each other, "
            "and one learnt makes the other harder to recall. Two cards that ask nearly the same "
            "question are either one fact twice (merge them) or two facts the learner cannot tell "
            "apart from the question (make each ask for its own)."
        ),
        bad=cards(
            "cards:\n"
            + example_card(
                "ms-attacks",
                "What does MS cause the immune system to attack in the body?",
                "The central nervous system.",
                _MS,
            )
            + example_card("ms-target", "In MS, what does the body's immune system attack?", "The CNS.", _MS)
        ),
        fix=cards(
            "cards:\n"
            + example_card(
                "ms-attacks",
                "What does MS cause the immune system to attack in the body?",
                "The central nervous system (CNS).",
                _MS,
            ),
            caption="Merge them:",
        ),
    ),
    Doc(
        "W407",
        checks=(
            "The same answer (the same content words) as an earlier card, to a related question: "
            f"a similarity of {RELATED_QUESTION} or more, counted as for W406. Reported on the later "
            "card, naming the earlier."
        ),
        why=(
            "Wozniak's rule 11, **combat interference**: when related questions share an answer, the "
            "learner learns to give that answer to anything that looks like them, and stops telling "
            "the questions apart. Merge the cards, or ask each for what sets it apart."
        ),
        bad=cards(
            "cards:\n"
            + example_card(
                "mri-lesions", "Which scan finds MS lesions?", "Magnetic resonance imaging (MRI).", _MRI
            )
            + example_card(
                "mri-spine",
                "Which scan finds lesions of the spine?",
                "MRI (magnetic resonance imaging).",
                _MRI,
            )
        ),
        fix=cards(
            "cards:\n"
            + example_card(
                "mri-lesions",
                "Which scan finds MS lesions in the brain and spinal cord?",
                "Magnetic resonance imaging (MRI).",
                _MRI,
            ),
            caption="Merge them:",
        ),
    ),
)
"""The interference codes W406 and W407, documented (see :class:`generator.codes.Doc`)."""
