"""Card kinds: the ``kind`` key, the text keys each kind takes, cloze and type-in text.

Part of the shapes pass (:mod:`generator.check.structure`): a card's kind
decides which of ``question``, ``answer`` and ``text`` it must have and must
not have. A cloze card's deletions are checked here too: the text layer finds each
fault (:func:`generator.text.cloze.problems`), and this module gives it its
code and message, at the line and column where it is written in the file (the
Reader keeps the file's text for that); and so is a type-in card's answer.
"""

from __future__ import annotations

import difflib
import re

from generator.check.reader import Fields, Reader, pos
from generator.check.schema import KIND_KEYS, KINDS, LIMITS, TYPE_IN_PATTERN
from generator.load.nodes import Node
from generator.model import CardKind
from generator.text import cloze
from generator.text.cloze import Fault

DEFAULT = CardKind.BASIC
_TYPE_IN = re.compile(TYPE_IN_PATTERN)
_SQUASH = re.compile(r"[\s_\-]+")


def read_kind(r: Reader, fields: Fields, where: str) -> CardKind | None:
    """The card's kind (``basic`` when not written); None when it is not one (reported, E320)."""
    if "kind" not in fields:
        return DEFAULT
    node = fields["kind"][1]
    value = r.text(node, f"{where} kind")
    if value is None:
        return None
    if value in KINDS:
        return CardKind(value)
    names = [kind.value for kind in KINDS]
    squashed = {_SQUASH.sub("", name): name for name in names}
    guess = squashed.get(_SQUASH.sub("", value.casefold()))
    close = [guess] if guess else difflib.get_close_matches(value.casefold(), names, n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}? " if close else ""
    r.report(pos(node), "E320", f"{where} has the unknown kind {value!r}; {hint}kinds: {', '.join(KINDS)}")
    return None


def check_card(
    r: Reader,
    node: Node,
    fields: Fields,
    kind: CardKind,
    *,
    values: dict[str, str | None],
    where: tuple[str, str],
) -> None:
    """A card's text keys for its kind, then a cloze card's text or a type-in card's answer.

    ``where`` names the card as its mapping's diagnostics do (by its place in
    the list), then by its id.
    """
    if kind == DEFAULT and "question" in fields and "answer" in fields and "text" not in fields:
        return  # the common case, quickly
    check_keys(r, node, fields, kind, where)
    text, answer = values.get("text"), values.get("answer")
    if kind == "cloze" and text is not None and text.strip():  # empty text: E303
        check_cloze(r, fields["text"][1], text, where[1])
    elif kind == "type-in" and answer is not None:
        check_type_in(r, fields["answer"][1], answer, where[1])


def check_keys(r: Reader, node: Node, fields: Fields, kind: CardKind, where: tuple[str, str]) -> None:
    """E102 a text key the kind requires is missing; E321 a text key it does not take is there."""
    listed, named = where
    takes = KINDS[kind].keys
    for name in takes:
        if name not in fields:
            hint = " with deletions {{c1::...}}" if name == "text" else ""
            article = "an" if kind == "type-in" else "a"
            of_kind = "" if kind == DEFAULT else f" ({article} {kind} card)"
            message = f"{listed}{of_kind} is missing the required key {name!r}; add {name}: ...{hint}"
            r.report(pos(node), "E102", message)
    for name in KIND_KEYS:
        if name in fields and name not in takes:
            r.report(pos(fields[name][0]), "E321", _not_taken(named, kind, name))


def _not_taken(where: str, kind: CardKind, name: str) -> str:
    if kind == CardKind.CLOZE:
        return (
            f"{where} is a cloze card: it takes text, not {name}; write the sentence as text with the part "
            "to recall as {{c1::...}} (did you mean text?), or give the card another kind"
        )
    return (
        f"{where} is {'an' if kind == CardKind.TYPE_IN else 'a'} {kind} card: it takes question and answer, "
        "not text; did you mean kind: cloze?"
    )


def check_cloze(r: Reader, node: Node, text: str, where: str) -> None:
    """A cloze card's deletions (E322-E326, E329, E332, W333), each reported where it is written."""
    for problem in cloze.problems(text):
        code, message = cloze_diagnostic(problem)
        r.report(r.locate(node, text, problem.offset, problem.written), code, f"{where} text {message}")


def cloze_diagnostic(problem: cloze.Problem) -> tuple[str, str]:
    """The code and message (after "card 'x' text ") of a fault found in a cloze card's text."""
    opener = problem.written
    match problem.fault:
        case Fault.MISSPELT:
            return "E332", (
                f"{opener} is not a deletion Anki reads (it shows as typed): a deletion opens with two "
                f"braces, the number and two colons; write {problem.fix}"
            )
        case Fault.NO_DELETION:
            return "E322", "has no deletion; hide a part of the text as {{c1::...}}"
        case Fault.BAD_NUMBER:
            return "E323", (
                f"{opener} is not a deletion Anki reads: numbers are written c1 to c{cloze.MAX_NUMBER}, "
                f"lowercase, no spaces or leading zeros; write {problem.fix}"
            )
        case Fault.UNCLOSED:
            return "E324", f"deletion {opener} is never closed; end it with }}}}"
        case Fault.NESTED:
            return "E325", (
                f"deletion {opener} is inside another deletion; make them follow one another instead"
            )
        case Fault.HIDES_NOTHING:
            return "E329", f"deletion {opener} hides nothing; put the words to hide after the ::"
        case Fault.HIDES_ALL:
            return "E326", (
                f"c{problem.numbers[0]} hides the whole text, so its card shows nothing to go by; "
                "hide only the part to recall"
            )
        case Fault.NUMBER_GAP:
            names = ", ".join(f"c{n}" for n in problem.numbers)
            return "W333", (
                f"deletion numbers skip {names}: Anki makes no card for a missing number. Number new "
                "deletions from c1 up; if one was removed from a card in use, keep the others' numbers "
                "(renumbering moves review history to other cards)"
            )


def check_type_in(r: Reader, node: Node, answer: str, where: str) -> None:
    """A type-in answer is one short line of plain text: Anki compares it with what was typed."""
    value = answer.strip()
    if not _TYPE_IN.fullmatch(value):
        r.report(
            pos(node),
            "E327",
            f"{where} is a type-in card, so its answer must be one line of plain text to type: no Markdown "
            "marks (* _ ` \\), list, line break or HTML; write it as it would be typed",
        )
    elif len(value) > LIMITS["type-in"]:
        r.report(
            pos(node),
            "E328",
            f"{where} is a type-in card with a {len(value)}-character answer; keep it to "
            f"{LIMITS['type-in']} characters (a word or two), move detail to extra, or use kind: basic",
        )
