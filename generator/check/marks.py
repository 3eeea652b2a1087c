r"""Maths and code written in a card, checked where they are written (E360-E363, W364).

The text layer finds each span and slip (:mod:`generator.text.marks`); here
each slip becomes a diagnostic at its line and column: E360 maths opened and
never closed, E361 a closer with no maths open, W362 ``$…$`` (which Anki shows
as typed), E363 a ``}}`` inside maths that Anki would take for the end of a
cloze deletion, W364 a fenced code block in a language the highlighter does not know.
"""

from __future__ import annotations

from generator.check.reader import Fields, Reader
from generator.codes import EXAMPLE_CARDS, Doc, Example
from generator.load.nodes import ScalarNode
from generator.text import cloze
from generator.text import marks as mk
from generator.text.highlight import known
from generator.text.marks import Fault

TEXT_FIELDS = ("question", "answer", "text", "extra", "note")
_LANGUAGE = "`~"
_OPENER = {"\\)": "\\(", "\\]": "\\["}


def card_marks(r: Reader, fields: Fields, where: str) -> None:
    """The slips in the maths and code of a card's text fields, each where it is written."""
    for name in TEXT_FIELDS:  # run for every card: a lookup and a few searches a field
        entry = fields.get(name)
        if entry is None:
            continue
        node = entry[1]
        value = node.value
        # four substring tests: several times faster than a regular expression on plain text
        marked = "\\" in value or "`" in value or "$" in value or "~" in value
        if marked and isinstance(node, ScalarNode):
            _field(r, node, value, f"{where} {name}", cloze_text=name == "text")


def _field(r: Reader, node: ScalarNode, text: str, where: str, *, cloze_text: bool) -> None:
    marks, _ = mk.scan(text)
    for problem in mk.problems(text, marks):
        at = r.locate(node, text, problem.offset, problem.written)
        match problem.fault:
            case Fault.UNCLOSED:
                closer = "\\)" if problem.written == "\\(" else "\\]"
                r.report(
                    at,
                    "E360",
                    f"{where}: maths opened with {problem.written} is never closed; end it with {closer} "
                    f"(to show a bracket after a backslash, write \\\\{problem.written[1]})",
                )
            case Fault.STRAY_CLOSER:
                r.report(
                    at,
                    "E361",
                    f"{where}: {problem.written} closes maths that was never opened; open it with "
                    f"{_OPENER[problem.written]}, or remove it",
                )
            case Fault.DOLLARS:
                r.report(
                    at,
                    "W362",
                    f"{where}: Anki does not read {problem.written[:30]!r} as maths (it shows the dollars "
                    "as typed); write \\( ... \\) inline or \\[ ... \\] on a line of its own, "
                    "or \\$ for a dollar sign",
                )
    if cloze_text and "}}" in text and any(m.maths for m in marks):
        found = [(d.start, d.close) for d in cloze.scan(text) if d.closed]
        for offset in mk.closers_in_maths(text, marks, found):
            r.report(
                r.locate(node, text, offset, "}}"),
                "E363",
                f"{where}: Anki ends the cloze deletion at this }} inside maths, cutting the maths in two; "
                "put a space between the braces (} }), which TeX reads the same",
            )
    for mark in marks:
        if mark.kind == mk.Kind.FENCE:
            _language(r, node, text, mark, where)


def _language(r: Reader, node: ScalarNode, text: str, mark: mk.Mark, where: str) -> None:
    """W364: a fenced block's language (the first word after its fence) is one Pygments knows."""
    end = text.find("\n", mark.start, mark.end)
    line = text[mark.start : end if end >= 0 else mark.end]
    info = line.strip().lstrip(_LANGUAGE).strip()
    language = info.split(maxsplit=1)[0] if info else ""
    if language and not known(language):
        r.report(
            r.locate(node, text, mark.start + line.index(language), language),
            "W364",
            f"{where}: the code block's language {language!r} is not one the highlighter knows, so it is "
            "shown as plain text; name it as Pygments does (python, c, sql, bash, javascript, ...), "
            "or write no language",
        )


_CLOZE = """\
cards:
  - id: cns-parts
    kind: cloze
    text: {text}
    evidence:
      healthline: The CNS includes the brain, spinal cord, and optic nerves.
"""


def _extra(extra: str) -> Example:
    """The example card with ``extra:`` written as given (a YAML scalar)."""
    return Example({"cards.yaml": EXAMPLE_CARDS + f"    extra: {extra}\n"})


DOCS = (
    Doc(
        "E360",
        checks=(
            "Maths opened with `\\(` (inline) or `\\[` (display) and never closed by its own closer "
            "(`\\)`, `\\]`), in any text field. A backslash pair `\\\\` is an escaped backslash and "
            "opens nothing; nothing in code (`` `...` ``, fenced blocks) is maths."
        ),
        why=(
            "Anki's MathJax typesets only what is between a pair of delimiters: an unclosed opener is "
            "shown as typed, backslash and all, in the middle of the card."
        ),
        bad=_extra("'Three of them: \\(n = 3.'"),
        fix=_extra("'Three of them: \\(n = 3\\).'"),
    ),
    Doc(
        "E361",
        checks="A maths closer (`\\)` or `\\]`) with no maths open before it.",
        why=(
            "It is a half of a pair: the maths it was meant to close is shown as typed, or it was meant "
            "as a bracket and shows its backslash."
        ),
        bad=_extra("'Three of them: n = 3\\).'"),
        fix=_extra("'Three of them: \\(n = 3\\).'"),
    ),
    Doc(
        "W362",
        checks=(
            "Maths written between dollars, `$...$` or `$$...$$` (TeX's way), outside code: a dollar "
            "with no space after it, a closing one with no space before it and no digit after it, so "
            "that prices (`$5 and $10`) are not taken for maths."
        ),
        why=(
            "Anki's MathJax reads only `\\(...\\)` and `\\[...\\]`: the dollars and the TeX inside "
            "them are shown as typed. (A dollar sign is written `\\$`.)"
        ),
        bad=_extra("'Three of them: $n = 3$.'"),
        fix=_extra("'Three of them: \\(n = 3\\).'"),
    ),
    Doc(
        "E363",
        checks=(
            "A `}}` inside maths that Anki would take for the end of a cloze deletion opened before "
            "the maths, as in `{{c1::\\(\\frac{1}{x^{2}}\\)}}`."
        ),
        why=(
            "Anki ends a deletion at the first `}}` after it opens, even inside maths: the card would "
            "hide half a formula and show the rest as typed. TeX reads `} }` as it reads `}}`."
        ),
        bad=Example(
            {"cards.yaml": _CLOZE.format(text="'The CNS has {{c1::\\(\\frac{1}{x^{2}}\\)}} parts.'")}
        ),
        fix=Example(
            {"cards.yaml": _CLOZE.format(text="'The CNS has {{c1::\\(\\frac{1}{x^{2} }\\)}} parts.'")}
        ),
    ),
    Doc(
        "W364",
        checks=(
            "A fenced code block (```` ```python ````) whose language the highlighter (Pygments) does "
            "not know, by its name or one of its aliases."
        ),
        why=(
            "The block is shown as plain text, not highlighted: most often the name is misspelt (`pyhton`)."
        ),
        bad=_extra("|\n      ```pyhton\n      print(3)\n      ```"),
        fix=_extra("|\n      ```python\n      print(3)\n      ```"),
    ),
)
"""The codes of maths and code as written, documented (see :class:`generator.codes.Doc`)."""
