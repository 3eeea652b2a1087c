"""Cloze deletions that hide nothing worth recalling (W420), and those the card's own text gives away (W421).

A cloze card asks for what one deletion hides, with the rest of the text as
its cue. A deletion of filler hides no fact: a function word ("the", "can"),
a word that names nothing ("things", "way"), a number word that counts the
list after it ("{{c1::two}} symptoms: …"), or, in a deck of
:data:`COMMON_DECK` cards or more, a word that many of its questions and
cloze texts use anyway ("lesions" in an MS deck). A deletion is given away when the text its card shows holds
it: the same word elsewhere (in any form), a gloss of it
(:data:`.terms.GLOSSES`: "{{c1::thoracic}} … the chest"), or the other half of
a pair said together, shown or hidden by a sibling deletion (:data:`.terms.PAIRS`:
"{{c1::inflammation}} and {{c2::demyelination}}": each card shows the other half).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator, Sequence
from functools import lru_cache

from generator.check.rules.finding import Finding
from generator.check.rules.quality import fold
from generator.check.rules.terms import FILLER, GLOSSED, NUMBER_WORDS, PARTNERS, any_stem, gloss_in, root
from generator.codes import Doc, cards
from generator.mediaformat import IMAGE
from generator.model import Card, CardKind
from generator.text.cloze import reveal, scan
from generator.text.words import content, stem_of

COMMON_DECK = 20
"""A deck of this many cards or more has words many of its cards use (:data:`COMMON_SHARE`)."""
COMMON_SHARE = 0.2
"""A word in at least this share of a deck's questions and cloze texts is no news to hide in a cloze
deletion."""


Hidden = dict[int, list[tuple[int, int, str]]]
"""A cloze text's deletions by number: each one's offsets (start, end) and hidden text."""


@lru_cache(maxsize=1 << 13)
def hidden(text: str) -> Hidden:
    """The well-formed, closed, top-level deletions of ``text``, by number (not to be changed: the
    result is shared)."""
    out: Hidden = {}
    for d in scan(text):
        if d.number and d.closed and not d.depth:
            words = text[d.inner : d.close].partition("::")[0]
            out.setdefault(d.number, []).append((d.start, d.end, words))
    return out


class Common:
    """Which words many of a deck's cards use: in its questions (counted from W406's weights,
    ``log(1 + cards / questions with the word)``) and its cloze texts."""

    def __init__(self, cards: Sequence[Card], weight: dict[str, float]) -> None:
        self.total = len(cards)
        self.weight = weight
        self.clozes: Counter[str] = Counter()
        if self.total >= COMMON_DECK:
            for card in cards:
                if card.kind == CardKind.CLOZE:
                    self.clozes.update(set(content(fold(reveal(card.text)).split())))

    def __contains__(self, word: object) -> bool:
        if self.total < COMMON_DECK or not isinstance(word, str):
            return False
        asked = self.total / math.expm1(self.weight[word]) if word in self.weight else 0
        return asked + self.clozes[word] >= COMMON_SHARE * self.total - 1e-9


def shown(text: str, found: Hidden, number: int) -> str:
    """The text as card ``number`` shows it: its own deletions blank, the others' hidden words shown."""
    out, pos = [], 0
    spans = sorted((start, end, words, n) for n, ds in found.items() for start, end, words in ds)
    for start, end, words, n in spans:
        out.append(text[pos:start])
        out.append(" … " if n == number else words)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def filler(text: str, end: int, words: str, common: Common) -> str:
    """Why a deletion of ``words`` (ending at ``end``) hides no fact, or ''."""
    folded = fold(words)
    if not folded:
        return ""  # a deletion that hides nothing is E329's
    stems = set(content(folded.split()))
    if not stems:
        return "only function words"
    if stems <= FILLER:
        return "a word that names no fact"
    if folded in NUMBER_WORDS and ":" in text[end : end + 60].split(".", maxsplit=1)[0]:
        return "the number of the list that follows it"
    if all(word in common for word in stems):
        return "a word many of the deck's cards use"
    return ""


def given(text: str, found: Hidden, number: int) -> str:
    """How the text card ``number`` shows gives away what it hides, or ''."""
    own = [words for _, _, words in found[number]]
    stems = set(content(fold(" ".join(own)).split()))
    if not stems:
        return ""
    seen = fold(IMAGE.sub(" ", shown(text, found, number))).split()  # a picture's alt text is not shown
    visible = {root(w) for w in content(seen)}
    if {root(w) for w in stems} <= visible:
        return "the text shows it elsewhere"
    partners = {y for x in stems for y in PARTNERS.get(x, ())}
    said = sorted({w for w in seen if stem_of(w) in partners})
    if said:
        return f"the text shows {said[0]!r}, which is said together with it"
    glossy = GLOSSED.intersection(stems)
    if glossy:
        stemmed = list(map(any_stem, seen))
        for term in sorted(glossy):
            phrase = gloss_in(term, stemmed)
            if phrase:
                return f"the text says {phrase!r}"
    return ""


def check_deletions(cards: Sequence[Card], weight: dict[str, float]) -> Iterator[Finding]:
    """W420 deletions of filler; W421 deletions the card's own text gives away."""
    common: Common | None = None
    for card in cards:
        if card.kind != CardKind.CLOZE:
            continue
        if common is None:
            common = Common(cards, weight)
        text, at = card.text, card.at("text")
        found = hidden(text)
        for number, deletions in sorted(found.items()):
            for _, end, words in deletions:
                why = filler(text, end, words, common)
                if why:
                    yield (
                        at,
                        "W420",
                        f"card {card.id!r}: deletion c{number} hides {words.strip()!r}, {why}; "
                        "hide a fact the learner must recall",
                    )
            how = given(text, found, number)
            if how:
                yield (
                    at,
                    "W421",
                    f"card {card.id!r}: deletion c{number} hides {_joined(deletions)!r}, and {how}; "
                    "hide it everywhere, or reword the text",
                )


def _joined(deletions: list[tuple[int, int, str]]) -> str:
    return " … ".join(words.strip() for _, _, words in deletions)


_MYELIN = "strips nerve cells of a protective coating called myelin"
_SYMPTOMS = (
    "Fatigue is a common symptom of multiple sclerosis, along with pain, muscle weakness, and numbness."
)


def _cloze(card_id: str, text: str, quote: str) -> str:
    return (
        f"cards:\n  - id: {card_id}\n    kind: cloze\n    text: {text}\n"
        f"    evidence:\n      healthline: {quote}\n"
    )


DOCS = (
    Doc(
        "W420",
        checks=(
            "A cloze deletion that hides no fact: only function words (`the`, `can`, `where it is`), "
            "words that name nothing (`things`, `type`), a number word that counts the list after it "
            f"(`{{{{c1::two}}}} symptoms: …`), or, in a deck of {COMMON_DECK} cards or more, words that "
            f"at least {COMMON_SHARE:.0%} of its questions and cloze texts use (`lesions` in an MS deck)."
        ),
        why=(
            "**Retrieval practice**: a cloze card teaches what its deletion hides. A deletion of "
            "filler is answered from grammar or from what the whole deck is about, never from memory "
            "of the fact, and the review is spent on a word the learner knew before the card. Hide "
            "the fact the sentence carries."
        ),
        bad=cards(
            _cloze(
                "ms-symptoms",
                "Fatigue is a common symptom of MS, {{c1::along with}} pain, {{c2::muscle weakness}} "
                "and numbness.",
                _SYMPTOMS,
            )
        ),
        fix=cards(
            _cloze(
                "ms-symptoms",
                "Fatigue is a common symptom of MS, along with pain, {{c1::muscle weakness}} and numbness.",
                _SYMPTOMS,
            )
        ),
    ),
    Doc(
        "W421",
        checks=(
            "A cloze deletion that the text its own card shows gives away: the same word elsewhere "
            "in the text (in any of its forms), a phrase that means it (from the table of glosses "
            "W408 reads: `{{c1::thoracic}} … the chest`), or the other half of a pair of words said "
            "together (`inflammation` and `demyelination`, `injections` and `oral` medicines, "
            "`bladder` and `bowel`), written in the text or hidden by a sibling deletion, which this "
            "card shows."
        ),
        why=(
            "**Retrieval practice**, and Wozniak's rule 11, **combat interference**: a deletion the "
            "rest of the text names is read, not recalled; two deletions that are the halves of one "
            "phrase each answer the other, so the learner learns the phrase, not either fact. Hide "
            "the word everywhere, or give each half a cue of its own."
        ),
        bad=cards(
            _cloze(
                "myelin",
                "Inflammation strips nerve cells of a protective coating called {{c1::myelin}}; the loss "
                "of myelin leads to the symptoms of MS.",
                _MYELIN,
            )
        ),
        fix=cards(
            _cloze(
                "myelin",
                "Inflammation strips nerve cells of a protective coating called {{c1::myelin}}; its loss "
                "leads to the symptoms of MS.",
                _MYELIN,
            )
        ),
    ),
)
"""The codes of cloze deletions without a fact to recall, W420 and W421, documented."""
