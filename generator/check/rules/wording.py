"""Each card's words, worked out once for the card-quality rules that compare them.

A :class:`Profile` holds a card's question and answer as content-word stems
(:mod:`generator.text.words`), with the names of the deck's sources taken out
of the question: which sources it names is kept apart (:attr:`Profile.named`),
so two questions that differ only in the source they name compare equal.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from generator.check.rules.quality import fold
from generator.model import Card, CardKind, Source
from generator.text.words import AUXILIARIES, WH_WORDS, listed, stems

GENERIC = frozenset(["web", "online", "internet", "page", "site", "website"])
"""Words a source's name may be cited without ("the untitled article" for "the untitled web article")."""
SOURCE_NOUNS = frozenset(
    fold(
        "source sources article articles study studies paper papers page pages website site document "
        "text textbook report reports author authors review book booklet leaflet guideline guidelines survey"
    ).split()
)
"""Nouns that make "according to the …" a reference to a source."""
_CUES = {"according": "to", "cited": "by", "per": None}
"""Words that cite a source: "according to X", "cited by X", "per X"."""
_CUE_WORDS = frozenset(_CUES)
_CUE_LENGTH = 5
"""How many words after "according to" may name a source."""
_SAYS = listed(
    "say says said state states report reports call calls list lists describe describes define defines "
    "mention mentions give gives write writes claim claims estimate estimates mean means use uses "
    "recommend recommends found find finds show shows"
)
"""Verbs that report what a named source says: "What does Healthline *call* …"."""
_DETERMINERS = listed("the this that these those a an its their each both one")


ASKED = frozenset([CardKind.BASIC, CardKind.TYPE_IN])
"""The kinds of card that ask a question (a reversed card pairs a term and its meaning; a cloze card
hides part of a text): the rules on how a question is put look at these."""


class Profile(NamedTuple):
    """One card's words."""

    asked: frozenset[str]
    """The question's content-word stems, without source names or an "according to" phrase."""
    answer: frozenset[str]
    """The answer's content-word stems."""
    named: frozenset[str]
    """Keys of the sources the question names."""
    cue: bool
    """The question says "according to" (or "per", "cited by") a source."""


class Names:
    """The deck's sources' names, as word sequences to find in questions."""

    def __init__(self, sources: dict[str, Source]) -> None:
        self.names: dict[tuple[str, ...], set[str]] = {}
        self.lengths: dict[str, set[int]] = {}
        for key, source in sources.items():
            for name in _variants(key, source):
                self.names.setdefault(name, set()).add(key)
                self.lengths.setdefault(name[0], set()).add(len(name))
        self.starts = frozenset(self.lengths)

    def find(self, words: list[str]) -> tuple[set[str], set[int]]:
        """The keys of the sources named among ``words``, and the positions of the naming words (with
        a reporting verb after a name: "the Spine Institute *says*")."""
        keys: set[str] = set()
        spans: set[int] = set()
        if self.starts.isdisjoint(words):
            return keys, spans
        for start in self.starts.intersection(words):
            i = -1
            for _ in range(words.count(start)):
                i = words.index(start, i + 1)
                for length in self.lengths[start]:
                    named = self.names.get(tuple(words[i : i + length]))
                    if named:
                        keys |= named
                        says = i + length < len(words) and words[i + length] in _SAYS
                        spans.update(range(i, i + length + says))
        return keys, spans


def _variants(key: str, source: Source) -> set[tuple[str, ...]]:
    """The ways a question may name a source: publisher, author, a long title, a bracketed label."""
    names = [source.publisher, source.author]
    names += re.findall(r"\(([^()]+)\)", source.title)
    if len(fold(source.title).split()) >= 4:
        names.append(source.title)
    if "-" in key:
        names.append(key)
    found: set[tuple[str, ...]] = set()
    for name in names:
        words = fold(name).split()
        if words[:1] == ["the"]:
            words = words[1:]
        if words:
            found.add(tuple(words))
            short = tuple(w for w in words if w not in GENERIC)
            if short:
                found.add(short)
    return found


def _cited(words: list[str], named: bool, spans: set[int]) -> bool:
    """Whether the question cites a source ("according to the article"); its words join ``spans``."""
    cue = False
    for word in _CUE_WORDS.intersection(words):
        i = words.index(word)
        after = _CUES[word]
        start = i + 1 + (after is not None)
        if after is not None and words[i + 1 : i + 2] != [after]:
            continue
        cited = []
        for following in words[start : start + _CUE_LENGTH]:
            if following in WH_WORDS or following in AUXILIARIES:
                break
            cited.append(following)
        if named or not SOURCE_NOUNS.isdisjoint(cited):
            cue = True
            spans.update(range(i, start + len(cited)))
    return cue


def _reported(words: list[str], spans: set[int]) -> bool:
    """Whether the question reports what a source says ("the article lists", "this study's estimate")."""
    cue = False
    for noun in SOURCE_NOUNS.intersection(words):
        i = words.index(noun)
        verb = i + 1 + (words[i + 1 : i + 2] == ["s"])  # the article's …
        if i > 0 and words[i - 1] in _DETERMINERS and verb < len(words) and words[verb] in _SAYS:
            cue = True
            spans.update(range(i, verb + 1))
    return cue


def _sourced(words: list[str], answer: frozenset[str], names: Names) -> Profile:
    named, spans = names.find(words)
    cue = _cited(words, bool(named), spans) if not _CUE_WORDS.isdisjoint(words) else False
    if not cue and not SOURCE_NOUNS.isdisjoint(words):
        cue = _reported(words, spans)
    kept = [w for i, w in enumerate(words) if i not in spans] if spans else words
    return Profile(stems(kept), answer, frozenset(named), cue)


def profiles(cards: Sequence[Card], sources: dict[str, Source]) -> list[Profile]:
    """Every card's :class:`Profile`, in card order (with a quick path for the many questions that
    name no source and cite none)."""
    names = Names(sources)
    plain = names.starts | _CUE_WORDS | SOURCE_NOUNS
    none: frozenset[str] = frozenset()
    out = []
    for card in cards:
        if card.kind == CardKind.CLOZE:  # no question and answer: its text is compared by no rule here
            out.append(Profile(none, none, none, False))
            continue
        words = fold(card.question).split()
        answer = stems(fold(card.answer).split())
        if plain.isdisjoint(words):
            out.append(Profile(stems(words), answer, none, False))
        else:
            out.append(_sourced(words, answer, names))
    return out
