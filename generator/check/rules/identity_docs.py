"""The documentation of the codes of ids, text and tags (:mod:`.identity` and :mod:`.tags`).

A module of its own beside the two rules, which share these examples, so that
the rules' code reads without the prose; :mod:`generator.codes` says where
each code is documented.
"""

from __future__ import annotations

from generator.codes import Doc, cards

_CARD = """\
  - id: {id}
    question: {question}
    answer: {answer}
    evidence:
      healthline: {quote}
"""
_CNS = {
    "id": "cns-parts",
    "question": "What does the central nervous system include?",
    "answer": "The brain, spinal cord and optic nerves.",
    "quote": "The CNS includes the brain, spinal cord, and optic nerves.",
}
_MRI = {
    "id": "mri-lesions",
    "question": "Which scan shows lesions of the brain and spinal cord?",
    "answer": "Magnetic resonance imaging (MRI).",
    "quote": "scan for brain and spinal cord lesions using magnetic resonance imaging (MRI)",
}


def _cards(*each: dict[str, str], **changed: str) -> str:
    """A cards list of these cards, the last one with ``changed`` values."""
    written = [*each[:-1], {**each[-1], **changed}]
    return "cards:\n" + "".join(_CARD.format(**card) for card in written)


DOCS = (
    Doc(
        "E301",
        checks=(
            "A card's id, or a source's key, is not a slug: lowercase letters and digits in words "
            "joined by single hyphens (`spinal-lesions`, `mri-2`)."
        ),
        why=(
            "A card's id is its note's identity in every learner's collection, for good, and appears "
            "in tags and file names: a slug survives every tool it passes through, and cannot differ "
            "from another in case or spacing alone."
        ),
        bad=cards(_cards(_CNS, id="CNS_parts")),
        fix=cards(_cards(_CNS)),
    ),
    Doc(
        "E302",
        checks=(
            "Two cards have the same id (in one file, or in a file and one it includes). Both places "
            "are named."
        ),
        why=(
            "The id is the note's identity: two cards with one id would be one note, each build "
            "overwriting the other, and the learner's reviews of both would mix."
        ),
        bad=cards(_cards(_CNS, {**_MRI, "id": "cns-parts"})),
        fix=cards(_cards(_CNS, _MRI)),
    ),
    Doc(
        "E303",
        checks=(
            "Empty text where text is needed: a card's question, answer or cloze text, an evidence "
            "quote, an ignored passage, the deck's name, a sound's path; only spaces count as empty."
        ),
        why="An empty answer has nothing to recall, and an empty quote proves nothing.",
        bad=cards(_cards(_CNS, answer='"  "')),
        fix=cards(_cards(_CNS)),
    ),
    Doc(
        "E304",
        checks=(
            "Two cards ask the same question, ignoring case, spaces and punctuation (a cloze card's "
            "text, and a reversed card's answer, which its reverse card asks, count as questions)."
        ),
        why=(
            "Two answers to one question teach the learner that either is right, or that the second "
            "is wrong; reviews of the two cards interfere with each other."
        ),
        bad=cards(
            _cards(
                _CNS,
                {**_CNS, "id": "cns-organs", "question": "What does the central nervous system include"},
            )
        ),
        fix=cards(_cards(_CNS), caption="Keep one of the cards (or ask the other for another fact):"),
    ),
    Doc(
        "E309",
        checks=(
            "Two card ids differ only in case (`mri` and `MRI`). Such an id is not a slug either "
            "(E301), so both are reported."
        ),
        why=(
            "Anki and many file systems treat ids that differ only in case as one, or as two, as it "
            "happens: the notes would be merged on one phone and not on another."
        ),
        bad=cards(_cards(_MRI, {**_CNS, "id": "MRI-lesions"})),
        fix=cards(_cards(_MRI, _CNS)),
        also=("E301",),
    ),
    Doc(
        "E306",
        checks=(
            "A tag Anki would split or change: empty, with a space in it, with a quote or a control "
            "character, or with a stray `:` (only `::` separates the levels of a tag)."
        ),
        why=(
            "Anki separates tags with spaces: `spinal cord` would become two tags, `spinal` and "
            "`cord`, and a search for the tag would find nothing."
        ),
        bad=cards(_cards(_CNS) + "    tags: [spinal cord]\n"),
        fix=cards(_cards(_CNS) + "    tags: [spinal-cord]\n"),
    ),
    Doc(
        "E313",
        checks=(
            "The tag of removed cards, `deckgen::removed` (or a tag below it, in any case), on a card or "
            "in the deck's tags."
        ),
        why=(
            "The notes of cards a deck no longer has carry this tag, and learners are told to search "
            "`tag:deckgen::removed` and delete every note it finds: a current card with the tag would "
            "be deleted with them, and its review history lost."
        ),
        bad=cards(_cards(_CNS) + "    tags: [deckgen::removed]\n"),
        fix=cards(_cards(_CNS) + "    tags: [anatomy]\n"),
    ),
)
"""The codes of ids, text and tags, documented (see :class:`generator.codes.Doc`)."""
