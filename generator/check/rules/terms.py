"""The meanings the card-quality rules read into words: a small curated table, each entry with its reason.

A rule that compares words by their stems (:mod:`generator.text.words`) sees
"growths" and "tumours" as two words, and "after the neck" as no word of
"thoracic" at all. This module holds what it cannot work out:

- :data:`GLOSSES`: the plain words that mean a term, or all but name it
  ("tumour": *growth*; "thoracic": *chest*, *after the neck*). A question
  that writes a gloss gives its term away (W408), unless it asks for the
  term's name ("What is … called?").
- :data:`PAIRS`: words said together so often that one brings the other to
  mind ("inflammation and demyelination", "injections or oral
  medications"): two cloze deletions that are the two halves of such a
  pair cue each other (W421).
- :data:`VAGUE` and :data:`FILLER`: words that carry no fact of a card's
  own: an answer of vague words only is a placeholder (W419), a cloze
  deletion of filler hides nothing worth recalling (W420).

The table covers the medical terms of the MS deck and the starter deck's
subject, and the general words behind every such card; a deck on another
subject gets the word-form and filler checks, and its own terms' glosses
when they are added here. Each entry says why it is there.
"""

from __future__ import annotations

from typing import NamedTuple

from generator.check.rules.quality import fold
from generator.text.words import listed, stem, stem_of


class Gloss(NamedTuple):
    """A term, the phrases that give it away, and why."""

    term: str
    """The answer's word, as written in an answer ("thoracic")."""
    phrases: tuple[str, ...]
    """Phrases a question may write instead: each gives the term away when all its content words are
    in the question ("after the neck")."""
    why: str


_GLOSSES = """
thoracic = chest | upper back | after the neck | below the neck
    the spine's chest part, next after the neck
cervical = neck
    cervical means of the neck
lumbar = lower back | small of the back
    the lumbar spine is the lower back
tumour = growth | neoplasm
    a tumour is an abnormal growth (British spelling)
tumor = growth | neoplasm
    a tumor is an abnormal growth (American spelling)
congenital = birth | born
    congenital means present from birth
steroid = hormone anti-inflammatory
    steroids are the hormone-based anti-inflammatory drugs
corticosteroid = hormone anti-inflammatory
    corticosteroids are hormone-based anti-inflammatories
depression = mood disorder | low mood
    the mood disorder a neurological deck asks about
spasm = involuntary tightening | involuntary contraction
    a spasm is a sudden involuntary tightening
spasticity = stiffness | stiff muscle
    spasticity is felt as stiffness
infarction = vascular event | blood supply cut | stroke
    an infarction is tissue death when its blood supply is cut, a stroke
paralysis = loss of movement
    paralysis is the loss of movement
paresthesia = tingling | pins and needles
    paresthesia is tingling, pins and needles
numbness = loss of feeling | loss of sensation
    numbness is the loss of feeling
fatigue = tiredness | lack of energy | exhaustion
    fatigue is tiredness, a lack of energy
demyelination = myelin loss | loss of myelin | myelin stripped
    demyelination is the loss of myelin
myelitis = inflammation spinal cord | inflamed spinal cord
    myelitis is inflammation of the spinal cord
neuritis = nerve inflammation | inflammation nerve | inflamed nerve
    neuritis is inflammation of a nerve
sclerosis = hardening
    sclerosis means hardening
infection = fever
    a fever is the sign of an infection: it names the group of causes
breathing = vital function
    of the vital functions, the one a nervous system lesion stops
optic = nmo | nmosd | neuromyelitis optica
    neuromyelitis optica is named for the optic nerves
birth = congenital
    congenital means present from birth: the term gives its gloss away too
incontinence = leak | leaking
    incontinence is leaking urine or stool
constipation = hard stools | infrequent bowel
    constipation is hard or infrequent stools
"""
"""Each term, ``=``, the phrases that give it away (``|`` between them), and on the next line why."""


def _glosses(table: str) -> tuple[Gloss, ...]:
    out = []
    for entry, why in zip(*[iter(table.strip().splitlines())] * 2, strict=True):
        term, _, phrases = entry.partition(" = ")
        out.append(Gloss(term, tuple(p.strip() for p in phrases.split("|")), why.strip()))
    return tuple(out)


GLOSSES = _glosses(_GLOSSES)
"""Terms and the phrases that give them away in a question."""


class _Any(dict[str, str]):
    """Stems of any words, function words too, learnt on first sight."""

    def __missing__(self, word: str) -> str:
        self[word] = found = stem(word)
        return found


any_stem = _Any().__getitem__
"""A word's stem, a function word's too ("after" stays "after"): the words glosses are matched by."""


def _words(phrase: str) -> tuple[str, ...]:
    """A phrase's words, each stemmed, function words kept: "after the neck" is not "neck"."""
    return tuple(stem(w) for w in fold(phrase).split())


GIVEN_BY: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = {}
"""By a term's stem, each phrase that gives it away: its words (stemmed), and as written."""
for _gloss in GLOSSES:
    _key = stem_of(_gloss.term)
    GIVEN_BY[_key] = GIVEN_BY.get(_key, ()) + tuple((_words(p), p) for p in _gloss.phrases)
GLOSSED = frozenset(GIVEN_BY)
"""The stems of the terms that have glosses."""
GAP = 1
"""How many other words may stand between two words of a gloss in a question ("hormone-*based*
anti-inflammatory")."""


def gloss_in(term: str, question: list[str]) -> str:
    """The phrase in ``question`` (its words, each stemmed) that gives away the term of stem ``term``,
    or ''."""
    for phrase, written in GIVEN_BY.get(term, ()):
        if _holds(question, phrase):
            return written
    return ""


def _holds(words: list[str], phrase: tuple[str, ...]) -> bool:
    """Whether ``words`` hold the words of ``phrase`` in order, at most :data:`GAP` others between two."""
    for start, word in enumerate(words):
        if word != phrase[0]:
            continue
        at = start
        for wanted in phrase[1:]:
            window = words[at + 1 : at + 2 + GAP]
            if wanted not in window:
                break
            at += 1 + window.index(wanted)
        else:
            return True
    return False


class Pair(NamedTuple):
    """Two words said together so often that one brings the other to mind, and why."""

    first: str
    second: str
    why: str


_PAIRS = """
inflammation + demyelination
    the two things an MS lesion is, named together in every account of it
lesions + inflammation
    what MS and the diseases like it are described by, together
injections + oral
    the two ways a medicine is given: by injection or by mouth
balance + dizziness
    unsteadiness named two ways
relapses + remissions
    the two phases of relapsing-remitting MS
relapsing + remitting
    the two halves of one name
bladder + bowel
    the two functions named together as continence
primary + secondary
    the two progressive courses of MS
benign + cancerous
    the two kinds of tumour
benign + malignant
    the two kinds of tumour
sensory + motor
    the two kinds of nerve function
arms + legs
    the limbs, named together
"""
"""Each pair, ``+`` between its words, and on the next line why."""
PAIRS = tuple(
    Pair(entry.partition(" + ")[0], entry.partition(" + ")[2], why.strip())
    for entry, why in zip(*[iter(_PAIRS.strip().splitlines())] * 2, strict=True)
)
"""Pairs of words whose halves cue each other."""

PAIRED: frozenset[frozenset[str]] = frozenset(frozenset((stem_of(p.first), stem_of(p.second))) for p in PAIRS)
"""The pairs, as sets of two stems."""
PARTNERS: dict[str, tuple[str, ...]] = {}
"""By a stem, the stems it is paired with."""
for _pair in PAIRED:
    _a, _b = sorted(_pair)
    PARTNERS[_a] = (*PARTNERS.get(_a, ()), _b)
    PARTNERS[_b] = (*PARTNERS.get(_b, ()), _a)

VAGUE = frozenset(
    map(
        stem_of,
        listed(
            """
            size sizes way ways manner thing things certain various different differently same
            harm harms harmed help helps helped patient patients person people someone somebody
            problem problems issue issues effect effects change changes changed factor factors
            type types aspect aspects part parts movement movements action actions degree degrees
            extent amount amounts matter matters situation situations case cases result results
            something anything everything worse better bad good important major minor general
            specific particular main
            """
        ),
    )
) - {""}
"""Words that point at a fact without stating it ("In size", "Harm the patient", "Certain movements"):
an answer of these alone is a placeholder for the fact (W419)."""

FILLER = frozenset(
    map(
        stem_of,
        listed("thing things way ways part parts kind kinds type types people person also often usually"),
    )
) - {""}
"""Content words a cloze deletion should not hide alone, since they name no fact (W420; the function
words, "the", "can", are filler too)."""

NUMBER_WORDS = listed("two three four five six seven eight nine ten")
"""Number words: a deletion of one alone, before the list it counts, hides what the list shows (W420)."""

_DERIVED = (
    "ation",
    "ition",
    "atori",
    "ator",
    "ion",
    "ori",
    "iv",
    "ous",
    "iti",
    "ness",
    "ment",
    "ist",
    "ic",
    "at",
)
"""Derivational endings of stems, longest first: "inflammatory" and "inflammation", "protective" and
"protect", "cancerous" and "cancer" share a root. "-al" is not one: "spinal" is not the spine."""


def _root(word: str) -> str:
    for ending in _DERIVED:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            word = word[: -len(ending)]
            break
    if len(word) > 4 and word[-1] == word[-2]:
        word = word[:-1]  # "inflamm" (inflammation) and "inflam" (inflamed)
    return word


class _Roots(dict[str, str]):
    """Roots by stem, learnt on first sight."""

    def __missing__(self, word: str) -> str:
        self[word] = found = _root(word)
        return found


root = _Roots().__getitem__
"""A stem with a derivational ending taken off ("inflammatori" → "inflam"), for comparing word forms."""
