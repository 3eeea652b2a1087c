"""Answers the question gives away (W408) and yes/no answers in disguise (W413).

W401 (in :mod:`.quality`) finds an answer written out whole in its question.
W408 finds one whose content words, stemmed, stand in the question in other
forms or another order ("What does the scan of the brain look for?" →
"Brain lesions"): more than :data:`GIVEN_SHARE` of the answer's weight, each
word weighing as in :mod:`.interference` (a word most questions of the deck
use, such as "lesion" in an MS deck, weighs little: it is no news). A word
stands in the question in any of its forms (:func:`.terms.root`), or as a
phrase that means it (:data:`.terms.GLOSSES`: "growths" for "tumours", "after
the neck" for "thoracic"), unless the question asks what a thing is called;
the share is of the answer without its brackets ("Tumours (benign or cancerous)").
Two
kinds of words do not count, being the context the question and answer
share rather than the answer's news: those of the question's own "which …"
phrase ("Which therapy …?" → "Physical therapy" names what is asked for;
"Which part of the nervous system …?" → "The central nervous system", whose
news is *central*), and parts of a hyphenated term or a file path ("white
blood cells" do not give away "blood-brain barrier", nor "/usr/doc"
"/usr/share/doc": a path is a word of its own).

W413 finds a yes/no question that does not look like one (W402 catches
those that start "Is …", "Can …"): an answer that is a bare "No", "None",
"Not preventable", "It is not", "That none exists", or a question that asks
what a source says *about whether* something is so.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence

from generator.check.rules.finding import Finding
from generator.check.rules.quality import (
    fold,
    path_given,
    paths,
    shows_answer,
    without_paths,
    yes_no_question,
)
from generator.check.rules.terms import GLOSSED, gloss_in, root
from generator.check.rules.wording import ASKED, Profile
from generator.codes import Doc, cards
from generator.codes import card as example_card
from generator.model import Card
from generator.text.words import AUXILIARIES, WH_WORDS, content, listed, stem, stem_of

GIVEN_SHARE = 0.5
"""W408 when the answer's words in the question weigh more than this share of the answer's."""
_PHRASE = 6
"""How many words after "which"/"what" may name what is asked for."""
_PHRASE_ENDS = listed(
    "to in on at for from with by as into than that when if about after before during through under over "
    "between against without within like unlike the a an this these those its their of"
)
_NUMBERS = listed("one two three four five six seven eight nine ten")
_KINDS = listed("kind kinds type types sort sorts class classes form forms group groups")
"""Words that end the "which …" phrase ("what happens *to* blood pressure": only "happens" is asked for)."""
_PARTS = listed(
    "part parts portion portions region regions division divisions branch branches section sections "
    "segment segments component components area areas layer layers side sides member members"
)
"""Words that ask for a part of what follows them: "which part of *the nervous system*" asks for a
nervous system, so its words are part of what is asked for too."""
_ARTICLES = listed("the a an")

_BARE = re.compile(
    r"(?:yes|no|none|never|nothing|nobody|no one|neither|unknown|not at all"
    r"|not(?: [a-z]+){1,2}"
    r"|(?:it|they|this|that|there) (?:is|are|was|were|does|do|did|can|cannot|has|have|had)"
    r" (?:not|no|none|never|nothing)(?: [a-z]+)?"
    r"|(?:that |there )?(?:none|nothing|no one) (?:exists?|is known))"
)
_BARE_START = listed("yes no none never nothing nobody neither unknown not it they this that there")
HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
_FIRST_CLAUSE = re.compile(r"[,;:(]|\s[-\u2013\u2014]\s")
_BRACKETS = re.compile(r"\([^()]*\)")
"""A bracketed aside in an answer ("The thoracic (chest) part"): it glosses the answer, it is not its news."""
_NAMING = re.compile(r"\b(?:called|named|termed|known as|terms?|names?|words?)\b", re.I)
"""A question asking for a thing's name: its description is the cue, not a give-away."""
_WHETHER = re.compile(r"\b(?:about|on|as to|says?|said|know|known|tells?|states?)\s+whether\b", re.I)


def asked_for(words: list[str]) -> set[str]:
    """The stems naming what a question asks for, the (at most two) words after "which" or "what",
    past a number and "kind of": "which two kinds of *bodily control* …" → {"bodili", "control"};
    past "part of the" too, which is asked for with them: "which part of *the nervous system*" →
    {"part", "nervous", "system"}."""
    for i, word in enumerate(words):
        if word in ("which", "what"):
            following = words[i + 1 : i + 1 + _PHRASE]
            phrase = set()
            while following and (following[0] in _NUMBERS or following[0] in _KINDS or following[0] == "of"):
                following = following[1:]
            if following and following[0] in _PARTS and following[1:2] == ["of"]:
                phrase.add(stem_of(following[0]))
                following = following[2:]
                if following and following[0] in _ARTICLES:
                    following = following[1:]
            for named in following[:2]:
                if named in AUXILIARIES or named in WH_WORDS or named in _PHRASE_ENDS:
                    break
                phrase.add(stem_of(named))
            return phrase
    return set()


def given_away(card: Card, words: Profile, weight: dict[str, float], lone: float) -> list[str]:
    """The answer's content words that its question gives away (empty when they weigh too little).

    A word is given away when the question writes it, in this form or another ("inflammatory" gives
    away "inflammation": :func:`.terms.root`), or writes a phrase that means it ("growths" gives
    away "tumours": :data:`.terms.GLOSSES`; not in a question that asks what a thing is called).
    The share is of the answer without its brackets where that has content words ("Tumours
    (benign or cancerous)": the bracket qualifies the answer, it is not its news).
    ``lone`` is the weight of a word no question uses.
    """
    glossy = GLOSSED.intersection(words.answer)
    if words.asked.isdisjoint(words.answer) and not glossy:
        asked_roots = {root(w) for w in words.asked}
        if asked_roots.isdisjoint(map(root, words.answer)):
            return []
    text = HYPHEN.sub("", card.answer)  # a hyphenated term stays whole
    written = paths(text)
    if written:  # a path is one word: its parts are not news the question can give away
        text = without_paths(text)
    answer = set(content(fold(text).split())) | written
    asked = words.asked | {path for path in written if path_given(path, paths(card.question))}
    question = fold(card.question).split()
    exempt = {root(w) for w in asked_for(question)}
    asked_roots = {root(w) for w in asked}
    given = {w: w for w in answer if (w in asked or root(w) in asked_roots) and root(w) not in exempt}
    if glossy and not _NAMING.search(card.question):
        stemmed = [stem(w) for w in question]
        for term in glossy - given.keys():
            phrase = gloss_in(term, stemmed)
            if phrase and root(term) not in exempt:
                given[term] = f"{term} as {phrase!r}"
    if not given:
        return []
    core = set(content(fold(_BRACKETS.sub(" ", text)).split())) if "(" in text else answer
    counted = [w for w in (core or answer) if root(w) not in exempt]  # what is asked for is no news
    total = sum(weight.get(w, lone) for w in counted)
    if not total:
        return []
    share = sum(weight.get(w, lone) for w in given if w in counted) / total
    return sorted(given.values()) if share > GIVEN_SHARE else []


def disguised(card: Card) -> bool:
    """Whether a card asks for yes or no without looking like it."""
    first = _FIRST_CLAUSE.split(card.answer.strip(), maxsplit=1)[0]
    return bool(_BARE.fullmatch(fold(first))) or bool(_WHETHER.search(card.question))


def check_giveaway(
    cards: Sequence[Card], profiles: Sequence[Profile], weight: dict[str, float]
) -> Iterator[Finding]:
    """W408 answers whose content words stand in the question; W413 yes/no answers in disguise."""
    lone = math.log(1 + len(cards))  # as if one card had the word
    for card, words in zip(cards, profiles, strict=True):
        if card.kind not in ASKED:
            continue
        whole = fold(card.answer)
        given = given_away(card, words, weight, lone)
        if given and not shows_answer(card.question, card.answer):  # else W401
            yield (
                card.at("question"),
                "W408",
                f"card {card.id!r}: the question gives the answer away ({', '.join(given)}); "
                "ask without the answer's words",
            )
        maybe = whole.partition(" ")[0] in _BARE_START or "hether" in card.question
        if maybe and not yes_no_question(card.question) and disguised(card):  # W402 reports the plain ones
            yield (
                card.at("answer"),
                "W413",
                f"card {card.id!r} is a yes/no question in disguise (answer {card.answer.strip()!r}); "
                "ask for the fact itself: what, which, how much",
            )


_LESIONS = "found in about 80 percent of people newly diagnosed with MS"
_NMO = "the treatments for MS and NMO are very different"

DOCS = (
    Doc(
        "W408",
        checks=(
            "Most of the answer's content words stand in the question, in other forms or "
            f"another order: over {GIVEN_SHARE:.0%} of the weight of the answer's words outside brackets (a "
            "bracket qualifies the answer), each word weighing the more the fewer of the "
            "deck's questions use it. A word stands in the question in any of its forms "
            "(`inflammatory` gives away `inflammation`, `protective` `protects`), or as a phrase that "
            "means it, from a small table of glosses (`growths` gives away `tumours`, `after the neck` "
            "`thoracic`, `mood disorder` `depression`), except in a question that asks what a "
            "thing is called, whose description is its cue. The words naming what a `which …` or "
            "`what …` question asks for do not count (`Which therapy …?` → `Physical therapy`; "
            "`Which part of the nervous system …?` → `The central nervous system`), nor do parts "
            "of a hyphenated term or of a file path (`/usr/doc` does not give away "
            "`/usr/share/doc`): they are context the question and answer share, not the answer's "
            "news. Basic and type-in cards only; an answer written out whole "
            "in its question is W401."
        ),
        why=(
            "**Retrieval practice**: an answer recalled from the question's own words is read off the "
            "card, not recalled from memory, and the learner cannot tell the difference; the fact is "
            "never practised. Ask without the answer's words."
        ),
        bad=cards(
            "cards:\n"
            + example_card(
                "spinal-lesions",
                "Which finding of the spinal cord do most people newly diagnosed with MS have?",
                "Spinal cord lesions.",
                _LESIONS,
            )
        ),
        fix=cards(
            "cards:\n"
            + example_card(
                "spinal-lesions",
                "Where do about 80 percent of people newly diagnosed with MS have lesions?",
                "In the spinal cord.",
                _LESIONS,
            )
        ),
    ),
    Doc(
        "W413",
        checks=(
            "A yes/no question that does not look like one (W402 reports those that start `Is …`, "
            "`Can …`): the answer is a bare `No`, `None`, `Never`, `Not …`, `It is not …`, `That none "
            "exists`, or the question asks what is said *about whether* something is so. Basic and "
            "type-in cards only."
        ),
        why=(
            "As for W402, **retrieval practice**: an answer of yes or no, however the question is "
            "put, is a guess half right and recalls no fact. Ask for the fact the `No` stands for."
        ),
        bad=cards(
            "cards:\n"
            + example_card(
                "ms-nmo-treatment",
                "Which treatment works for both MS and NMO?",
                "None: the treatments differ.",
                _NMO,
            )
        ),
        fix=cards(
            "cards:\n"
            + example_card(
                "ms-nmo-treatment",
                "How do the treatments for MS and NMO compare?",
                "They are very different.",
                _NMO,
            )
        ),
    ),
)
"""The give-away codes W408 and W413, documented (see :class:`generator.codes.Doc`)."""
