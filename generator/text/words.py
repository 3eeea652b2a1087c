"""Words of a card's text for the card-quality rules: tokens, content words, simple stems.

A token is a run of letters or digits (hyphens and apostrophes split words);
a content word is a token that is not a function word (:data:`STOPWORDS`),
reduced by :func:`stem` so that "lesions", "lesion", "protecting" and
"protect" compare equal. The stemmer is deliberately simple and
conservative: it strips plural and verb endings, never a derivational
suffix ("spinal" stays apart from "spine").
"""

from __future__ import annotations


def listed(words: str) -> frozenset[str]:
    """The words of a space-separated list, as a set."""
    return frozenset(words.split())


STOPWORDS = listed(
    """
    a about above according across after again against all along also although am among an and another any
    anything are around as at be because been before being below beside besides between beyond both
    but by can cannot could did do does doing done down during each either else even ever every few
    for from further had has have having he her here hers him his how however i if in inside instead
    into is it its itself just kind kinds least less like many may me might more most much must my
    near neither no nor not of off often on once one only onto or other others our out outside over
    own per rather same several shall she should since so some something sometimes sort such than
    that the their theirs them then there these they this those though through to too toward towards
    under unless unlike until up upon us usually very via was we were what whatever when where whether
    which while who whom whose why will with within without would yet you your
    """
)
"""Function words: they carry no fact of a card's own."""

WH_WORDS = listed("what which who whom whose where when why how")
AUXILIARIES = listed(
    "is are was were be been do does did can could may might must shall should will would has had have"
)


def _stem(word: str) -> str:
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for ending in ("ing", "ed"):
        root = word[: -len(ending)]
        if word.endswith(ending) and len(root) >= 3 and any(v in root for v in "aeiouy"):
            word = root[:-1] if len(root) > 3 and root[-1] == root[-2] and root[-1] not in "lsz" else root
            break
    else:
        if word.endswith("ly") and len(word) > 5:
            word = word[:-2]
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    if len(word) > 4 and word.endswith("y"):
        word = word[:-1] + "i"
    return word


class _Stems(dict[str, str]):
    """Stems by token, learnt on first sight; function words and single letters stem to ''."""

    def __missing__(self, word: str) -> str:
        stemmed = "" if word in STOPWORDS or (len(word) == 1 and not word.isdigit()) else _stem(word)
        self[word] = stemmed
        return stemmed


_STEMS = _Stems()
stem_of = _STEMS.__getitem__
"""A token's stem, or '' for a function word."""


def stem(word: str) -> str:
    """A content word's stem ("lesions" → "lesion", "protecting" → "protect", "therapies" → "therapi")."""
    return _stem(word.casefold())


_NOTHING = frozenset([""])


def stems(words: list[str]) -> frozenset[str]:
    """The stems of the content words among ``words``, as a set."""
    return frozenset(map(stem_of, words)) - _NOTHING


def content(words: list[str]) -> list[str]:
    """The stems of the content words among ``words`` (casefolded words, in order)."""
    return [s for s in map(stem_of, words) if s]
