"""The documentation of the codes of card kinds, cloze deletions and type-in answers (:mod:`.kinds`).

A module of its own beside :mod:`.kinds` (whose cloze faults come from
:mod:`generator.text.cloze`), so that the checking code reads without its
prose; :mod:`generator.codes` says where each code is documented.
"""

from __future__ import annotations

from generator.check.schema import KINDS, LIMITS
from generator.codes import Doc, cards
from generator.text.cloze import MAX_NUMBER

_CLOZE = """\
cards:
  - id: cns-parts-cloze
    kind: cloze
    text: "{text}"
    evidence:
      healthline: The CNS includes the brain, spinal cord, and optic nerves.
"""
_GOOD = "The CNS includes the {{c1::brain}}, the {{c2::spinal cord}} and the {{c3::optic nerves}}."


def _cloze(text: str) -> str:
    return _CLOZE.format(text=text)


_REVERSED = """\
cards:
  - id: cns
    kind: {kind}
    question: Central nervous system (CNS)
    answer: The brain, spinal cord and optic nerves.
    evidence:
      healthline: The CNS includes the brain, spinal cord, and optic nerves.
"""
_TYPE_IN = """\
cards:
  - id: mri-type-in
    kind: type-in
    question: Which scan shows lesions of the brain and spinal cord?
    answer: {answer}
    evidence:
      healthline: scan for brain and spinal cord lesions using magnetic resonance imaging (MRI)
"""
_LONG_ANSWER = "A scan for brain and spinal cord lesions using magnetic resonance imaging"
"""Longer than a type-in answer may be."""
_ANKI_CLOZE = "Anki shows the cloze card's text with each deletion hidden in turn"

DOCS = (
    Doc(
        "E320",
        checks=(
            f"A card's `kind:` is not one of {', '.join(f'`{kind}`' for kind in KINDS)}. A kind spelt "
            "nearly so is offered (did you mean 'reversed'?)."
        ),
        why=(
            "The kind decides the card's keys and the cards Anki makes from it; a guess would be a "
            "different card."
        ),
        bad=cards(_REVERSED.format(kind="reverse")),
        fix=cards(_REVERSED.format(kind="reversed")),
    ),
    Doc(
        "E321",
        checks=(
            "A card has a text key its kind does not take: `text:` on a basic, reversed or type-in "
            "card (did you mean `kind: cloze`?), `question:` or `answer:` on a cloze card."
        ),
        why="Anki would never show that text: the card's note type has no field for it.",
        bad=cards(_cloze(_GOOD) + "    question: What does the CNS include?\n"),
        fix=cards(_cloze(_GOOD)),
    ),
    Doc(
        "E322",
        checks="A cloze card's text has no deletion (`{{c1::...}}`).",
        why=f"{_ANKI_CLOZE}: with no deletion, Anki makes no card at all from the note.",
        bad=cards(_cloze("The CNS includes the brain, the spinal cord and the optic nerves.")),
        fix=cards(_cloze(_GOOD)),
    ),
    Doc(
        "E323",
        checks=(
            f"A deletion's number is not one Anki reads: `c1` to `c{MAX_NUMBER}`, lowercase, without "
            "spaces or leading zeros (`c0`, `C1`, `c01`, `c 1` are not)."
        ),
        why="Anki shows such a deletion as typed, braces and all, and makes no card for it.",
        bad=cards(_cloze(_GOOD.replace("c1::", "c0::"))),
        fix=cards(_cloze(_GOOD)),
    ),
    Doc(
        "E324",
        checks="A deletion is opened (`{{c1::`) and never closed with `}}`.",
        why="Anki would show the rest of the text as typed, braces and all, and hide nothing.",
        bad=cards(_cloze(_GOOD.replace("{{c3::optic nerves}}", "{{c3::optic nerves"))),
        fix=cards(_cloze(_GOOD)),
    ),
    Doc(
        "E325",
        checks="A deletion is written inside another (`{{c1::the {{c2::spinal}} cord}}`).",
        why=(
            "Anki's reading of nested deletions differs between its versions and clients, so no one "
            "can say what each card would show."
        ),
        bad=cards(
            _cloze("The CNS includes the {{c1::brain, {{c2::spinal cord}}}} and the {{c3::optic nerves}}.")
        ),
        fix=cards(_cloze(_GOOD)),
    ),
    Doc(
        "E326",
        checks=(
            "A number's deletions hide the whole text: no word is left outside them, so its card "
            "shows nothing but `[...]`."
        ),
        why="A card that shows nothing gives nothing to recall from: it asks the learner to recite the note.",
        bad=cards(_cloze("{{c1::The CNS includes the brain, the spinal cord and the optic nerves.}}")),
        fix=cards(_cloze(_GOOD)),
    ),
    Doc(
        "E327",
        checks=(
            "A type-in card's answer is not one line of plain text: it has Markdown marks "
            "(`*`, `_`, `` ` ``, `\\`), a list, a line break or HTML."
        ),
        why=(
            "Anki compares what the learner types with the answer, character by character: marks the "
            "learner cannot see or type make every typed answer wrong."
        ),
        bad=cards(_TYPE_IN.format(answer='"**MRI**"')),
        fix=cards(_TYPE_IN.format(answer="MRI")),
    ),
    Doc(
        "E328",
        checks=f"A type-in card's answer is over {LIMITS['type-in']} characters long.",
        why=(
            "An answer to type should be a word or two: a sentence typed on a phone is a typing test, "
            "and one wrong character marks the whole answer wrong."
        ),
        bad=cards(_TYPE_IN.format(answer=_LONG_ANSWER)),
        fix=cards(_TYPE_IN.format(answer="MRI")),
    ),
    Doc(
        "E329",
        checks="A deletion hides nothing (`{{c1::}}`, or only spaces or a hint).",
        why="Its card would hide nothing, and ask nothing.",
        bad=cards(_cloze(_GOOD.replace("{{c2::spinal cord}}", "{{c2::}}spinal cord"))),
        fix=cards(_cloze(_GOOD)),
    ),
    Doc(
        "E332",
        checks=(
            "A deletion opened with one brace or one colon (`{c1::...}}`, `{{c1:...}}`): nearly a "
            "deletion, but not one Anki reads."
        ),
        why="Anki shows it as typed, braces and all, and makes no card for it.",
        bad=cards(_cloze(_GOOD.replace("{{c2::", "{{c2:"))),
        fix=cards(_cloze(_GOOD)),
    ),
    Doc(
        "W333",
        checks="The deletions' numbers skip one: `c1`, `c2` and `c4`, but no `c3`.",
        why=(
            "Anki makes a card for each number used and none for a missing one, so a gap is most "
            "often a deletion removed or a number mistyped. Number new deletions from `c1` up; where a "
            "deletion was removed from a card already in use, keep the other numbers as they are "
            "(renumbering would move their review history to other cards)."
        ),
        bad=cards(_cloze(_GOOD.replace("c3::", "c4::"))),
        fix=cards(_cloze(_GOOD)),
    ),
)
"""The codes of card kinds, cloze deletions and type-in answers (see :class:`generator.codes.Doc`)."""
