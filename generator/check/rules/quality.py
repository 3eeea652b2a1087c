"""Card-quality rules (warnings): cards that are hard to learn from.

Each finding points at the field it is about. These are style advice: they
never stop a build unless ``--strict`` is given.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from functools import lru_cache

from generator.check.rules.finding import Finding
from generator.codes import Doc, cards
from generator.codes import card as example_card
from generator.model import Card, CardKind
from generator.text import marks

_YES_NO = re.compile(
    r"^(is|are|was|were|does|do|did|can|could|will|would|should|has|have|had|may|must)\b", re.I
)
_HTML = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(\s[^<>]*)?/?>|<!--|&[a-zA-Z]+;|&#\d+;")
_MANY = re.compile(
    r"\b(list|name|give|what are) (all|every|each|the (three|four|five|six|seven|eight|nine|ten))\b", re.I
)
_PUNCT = re.compile(r"[\W_]+")
_PATH = re.compile(r"(?<![\w/~.])(?:~|\.{1,2})?(?:/[\w.~+-]*\w)+")
"""A file path written out: ``/boot``, ``/usr/share/doc``, ``~/notes``, ``../sources/a.txt``."""
LONG_ANSWER_WORDS = 25


@lru_cache(maxsize=1 << 17)
def fold(text: str) -> str:
    """Text folded for comparisons: compatibility forms, case and punctuation ignored."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return _PUNCT.sub(" ", text.casefold()).strip()


def paths(text: str) -> set[str]:
    """The file paths written in ``text`` (``/usr/share/doc``), each a word of its own to compare."""
    return set(_PATH.findall(text)) if "/" in text else set()


def without_paths(text: str) -> str:
    """``text`` with its file paths taken out."""
    return _PATH.sub(" ", text)


def path_given(path: str, question: set[str]) -> bool:
    """Whether a question that writes ``question``'s paths writes ``path``, or a path inside it."""
    return any(p == path or p.startswith(path + "/") for p in question)


def shows_answer(question: str, answer: str) -> bool:
    """Whether ``question`` holds the whole ``answer`` (W401): its words, in order, and its paths.

    Words are compared folded (:func:`fold`); a path in the answer must be a path in the question
    too, since folding would make ``/boot`` the word "boot" ("the boot loader").
    """
    key = fold(answer)
    if len(key) < 4 or f" {key} " not in f" {fold(question)} ":
        return False
    asked = paths(question)
    return all(path_given(path, asked) for path in paths(answer))


def yes_no_question(question: str) -> bool:
    """Whether a question asks for yes or no ("Is …?", "Can …?"; not "Is it A or B?")."""
    return bool(_YES_NO.match(question.strip())) and " or " not in question


def check_quality(cards: Sequence[Card]) -> Iterator[Finding]:
    """W401 answer in question; W402 yes/no; W403 long answer; W404 many things; W405 HTML."""
    for card in cards:
        yield from _html(card)
        if card.kind == CardKind.CLOZE:
            continue
        if shows_answer(card.question, card.answer):
            yield (
                card.at("question"),
                "W401",
                f"card {card.id!r}: the question contains its own answer; rephrase it so it does not",
            )
        if card.kind == CardKind.REVERSED:
            if shows_answer(card.answer, card.question):
                yield (
                    card.at("answer"),
                    "W401",
                    f"card {card.id!r} is reversed, and its answer contains the question, which the "
                    "reverse card asks for; rephrase one of them",
                )
            continue  # a term and its meaning: not a question to phrase
        if yes_no_question(card.question):
            yield (
                card.at("question"),
                "W402",
                f"card {card.id!r} asks a yes/no question; ask for the fact itself (what, which, how)",
            )
        words = len(card.answer.split())
        if words > LONG_ANSWER_WORDS:
            yield (
                card.at("answer"),
                "W403",
                f"card {card.id!r} has a {words}-word answer; keep answers under {LONG_ANSWER_WORDS} "
                "words (split the card, or move detail to extra)",
            )
        if card.question.count("?") > 1 or _MANY.search(card.question):
            message = f"card {card.id!r} asks for several things; split it into one card each"
            yield card.at("question"), "W404", message


_FIELDS = {CardKind.CLOZE: ("text", "extra", "note"), CardKind.TYPE_IN: ("question", "extra", "note")}
"""The fields W405 looks at by kind (a type-in answer with HTML is an error, E327, instead)."""


def _prose(text: str) -> str:
    """The text without its maths and code, where ``<b>`` or ``&amp;`` is what it says (shown as written)."""
    if "`" not in text and "\\" not in text and "~~~" not in text:
        return text
    return marks.outside(text, marks.scan(text)[0])


def _html(card: Card) -> Iterator[Finding]:
    for name in _FIELDS.get(card.kind, ("question", "answer", "extra", "note")):
        value = getattr(card, name)
        if ("<" in value or "&" in value) and _HTML.search(value) and _HTML.search(_prose(value)):
            yield (
                card.at(name),
                "W405",
                f"card {card.id!r}: HTML in {name} is shown as text, not markup; "
                "use plain text or Markdown (*emphasis*, lists)",
            )


_CNS = "The CNS includes the brain, spinal cord, and optic nerves."
_MYELIN = "strips nerve cells of a protective coating called myelin"
_MS = "Multiple sclerosis (MS) is an immune-mediated disease"
_MRI = "scan for brain and spinal cord lesions using magnetic resonance imaging (MRI)"
_SYMPTOMS = (
    "Fatigue is a common symptom of multiple sclerosis, along with pain, muscle weakness, and numbness."
)

DOCS = (
    Doc(
        "W401",
        checks=(
            "The question holds the whole answer (compared without case and punctuation; answers of "
            "four characters or more). A file path counts as a word of its own: `/boot` is not in "
            "`the boot loader`. On a reversed card, the answer holding the question, which "
            "the reverse card asks for. Cloze cards are not looked at."
        ),
        why=(
            "**Retrieval practice**: a card teaches by making the learner recall the answer, and "
            "recalling is what strengthens the memory. A question that shows its answer is read, not "
            "recalled, and the review is wasted; worse, the learner believes they know it."
        ),
        bad=cards(
            "cards:\n"
            + example_card(
                "myelin", "What is myelin, the coating of nerve cells, called?", "Myelin.", _MYELIN
            )
        ),
        fix=cards(
            "cards:\n"
            + example_card(
                "myelin", "What is the protective coating of nerve cells called?", "Myelin.", _MYELIN
            )
        ),
    ),
    Doc(
        "W402",
        checks=(
            "A question that asks for yes or no: it starts with a verb such as `Is`, `Are`, `Does`, "
            "`Can`, `Has`, and offers no choice (`Is it A or B?` is not reported). Basic and type-in "
            "cards only."
        ),
        why=(
            "**Retrieval practice**: a review strengthens a memory by making the learner recall it. A "
            "yes/no question recalls a word, not the fact, and a guess is right half the time, so the "
            "review says little about what the learner knows. Ask for the fact itself."
        ),
        bad=cards("cards:\n" + example_card("ms-disease", "Is MS an immune-mediated disease?", "Yes.", _MS)),
        fix=cards(
            "cards:\n"
            + example_card("ms-disease", "What kind of disease is MS?", "An immune-mediated disease.", _MS)
        ),
    ),
    Doc(
        "W403",
        checks=f"An answer of more than {LONG_ANSWER_WORDS} words. Basic and type-in cards only.",
        why=(
            "Wozniak's rule 4, the **minimum information principle**: simple items are remembered "
            "easily and reviewed in a moment; a long answer is remembered in part, graded as a whole, "
            "and reviewed again and again for the part forgotten. Keep the fact in the answer and "
            "the detail in `extra:`."
        ),
        bad=cards(
            "cards:\n"
            + example_card(
                "ms-diagnosis",
                "How do doctors confirm that a person has MS?",
                "The most effective and non-invasive way to determine if a person has MS is to scan for "
                "brain and spinal cord lesions using magnetic resonance imaging (MRI).",
                _MRI,
            )
        ),
        fix=cards(
            "cards:\n"
            + example_card(
                "ms-diagnosis",
                "How do doctors confirm that a person has MS?",
                "An MRI scan for brain and spinal cord lesions.",
                _MRI,
                more="    extra: It is the most effective way, and not invasive.\n",
            )
        ),
    ),
    Doc(
        "W404",
        checks=(
            "A question that asks for several things: more than one question mark, or `list`, "
            "`name`, `give` or `what are` followed by `all`, `every`, `each` or a number of items "
            "(`the three`). Basic and type-in cards only."
        ),
        why=(
            "Wozniak's rules 9 and 10, **avoid sets and enumerations**: a set is hard to recall whole, "
            "and a card that asks for one is failed for any member forgotten, so its easy members are "
            "reviewed as often as its hard ones. One card a member, each with a cue of its own."
        ),
        bad=cards(
            "cards:\n"
            + example_card(
                "ms-symptoms",
                "Name all the symptoms of MS that come with fatigue.",
                "Pain, muscle weakness and numbness.",
                _SYMPTOMS,
            )
        ),
        fix=cards(
            "cards:\n"
            + example_card(
                "ms-weakness",
                "Which common symptom of MS makes lifting things harder?",
                "Muscle weakness.",
                _SYMPTOMS,
            ),
            caption="A card for each symptom, with a cue of its own:",
        ),
    ),
    Doc(
        "W405",
        checks=(
            "HTML in a text field: a tag (`<b>`), a comment, or an entity (`&nbsp;`). Text is plain "
            "text with a little Markdown; HTML is shown as typed, never run. (In a type-in answer it "
            "is an error, E327.)"
        ),
        why=(
            "The card would show the markup itself, `<b>` and all. Markdown says the same, "
            "`**strong**` and `*emphasis*`, and it is checked."
        ),
        bad=cards(
            "cards:\n"
            + example_card(
                "cns-parts",
                "What does the central nervous system include?",
                "The brain, <b>spinal cord</b> and optic nerves.",
                _CNS,
            )
        ),
        fix=cards(
            "cards:\n"
            + example_card(
                "cns-parts",
                "What does the central nervous system include?",
                "The brain, **spinal cord** and optic nerves.",
                _CNS,
            )
        ),
    ),
)
"""The card-quality codes W401-W405, documented (see :class:`generator.codes.Doc`)."""
