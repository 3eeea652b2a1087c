"""The index of diagnostic codes, and the shape of a code's documentation.

Every kind of problem has one stable code. The index (:data:`CODES`) gives
each its severity, a short name (kebab-case, as ruff names its rules), a
title, and the module that documents it: what the code checks, why it
matters, an example that has the problem and the example fixed live beside
the code that reports it, as :class:`Doc` values in that module's ``DOCS``
table. The reference page ``docs/diagnostics.md`` and ``deckgen codes`` are
made from them (:mod:`generator.report.reference`), and a test checks every
example with the real checker.

Codes are stable and never reused. Two numbers were once given twice, to an
error and a warning; those codes have numbers of their own now, and their
old spellings stay accepted wherever a user names a code (:data:`ALIASES`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Code:
    """A diagnostic code in the index."""

    severity: Literal["error", "warning"]
    name: str
    """A short kebab-case name, such as ``quote-not-found``."""
    title: str
    """What the problem is, in a line (numbers that are limits are in the documentation, which reads them)."""
    where: str
    """The module whose ``DOCS`` table documents the code (the module that reports it, or one beside it)."""


GROUPS: dict[str, tuple[str, str]] = {
    "0": ("Syntax and input", "the file itself, and where its sources are"),
    "1": ("Structure", "shapes, keys and value kinds"),
    "2": ("References", "sources, included files and the decks of one project"),
    "3": ("Content", "ids, text, quotes, tags, card kinds, cloze deletions, pictures and sounds"),
    "4": ("Card quality", "warnings on how cards teach, and the `allow:` entries that switch them off"),
}
"""By the code's first digit: the group's name and what its codes are about."""

_LOADER = "generator.load.loader_docs"
_COMPOSE = "generator.load.compose"
_INCLUDE = "generator.load.include"
_SHAPES = "generator.check.structure_docs"
_SUBDECKS = "generator.check.subdecks"
_DECKNAMES = "generator.check.decknames"
_PROJECT = "generator.check.project"
_PREFLIGHT = "generator.compile.preflight"
_KINDS = "generator.check.kinds_docs"
_REFERENCES = "generator.check.references"
_MARKS = "generator.check.marks"
_STYLE = "generator.check.style"
_IDENTITY = "generator.check.rules.identity_docs"
_CITATIONS = "generator.check.rules.citations_docs"
_MEDIA = "generator.check.rules.mediafiles"
_QUALITY = "generator.check.rules.quality"
_INTERFERENCE = "generator.check.rules.interference"
_GIVEAWAY = "generator.check.rules.giveaway"
_ELIMINATION = "generator.check.rules.elimination"
_FOCUS = "generator.check.rules.focus"
_SOURCING = "generator.check.rules.sourcing"
_ALLOWING = "generator.check.rules.allowing"
_PLACEHOLDERS = "generator.check.rules.placeholders"
_DELETIONS = "generator.check.rules.deletions"
_SAMEFACT = "generator.check.rules.samefact"

# fmt: off
CODES: dict[str, Code] = {
    # Syntax and input (E0xx): the file itself, and where its sources are
    "E001": Code("error", "yaml-syntax", "YAML syntax error, a second document, an undefined alias or a control character", _LOADER),
    "E002": Code("error", "not-utf8", "file is not valid UTF-8", _LOADER),
    "E003": Code("error", "empty-file", "file is empty", _LOADER),
    "E004": Code("error", "tab-indent", "tab character used for indentation", _LOADER),
    "E005": Code("error", "yaml-tag", "YAML tag not allowed (the file is data, never code)", _COMPOSE),
    "E006": Code("error", "input-too-large", "input too large: file size, alias expansion or nesting", _LOADER),
    "E007": Code("error", "unreadable-file", "cards file cannot be read (exit status 2)", _LOADER),
    "W008": Code("warning", "byte-order-mark", "file starts with a byte-order mark", _LOADER),
    "E009": Code("error", "source-outside-project", "source file outside the project folder (the cards file's folder), links followed", _SHAPES),
    # Structure (E1xx): shapes, keys and value kinds
    "E101": Code("error", "wrong-type", "wrong type (a list where text belongs), or a number out of its range", _SHAPES),
    "E102": Code("error", "missing-key", "required key missing", _SHAPES),
    "E103": Code("error", "unknown-key", 'unknown key (with "did you mean")', _SHAPES),
    "E104": Code("error", "duplicate-key", "duplicate key in a mapping (both positions named)", _COMPOSE),
    "E105": Code("error", "unsupported-version", "unsupported schema version", _SHAPES),
    "W106": Code("warning", "implicit-type", "unquoted value that YAML would read as another type", _SHAPES),
    "E107": Code("error", "small-deck-id", "deck id too small to be unique; the message offers a fresh random id", _SHAPES),
    "E108": Code("error", "subdeck-name", "subdeck name Anki would not keep as written, or one subdeck spelt two ways", _SUBDECKS),
    # References (E2xx): sources, included files and the decks of one project
    "E201": Code("error", "unknown-source", "evidence names an undefined source", _CITATIONS),
    "W202": Code("warning", "unused-source", "source used by no card", _CITATIONS),
    "E203": Code("error", "source-unreadable", "source file missing, unreadable, or not UTF-8 text", _CITATIONS),
    "W204": Code("warning", "url-not-linked", "source url is not a plain http(s) address; cards show no link to it", _SHAPES),
    "E205": Code("error", "duplicate-deck-name", "two decks of one project with the same name, or the same file in `decks/`", _PROJECT),
    "E206": Code("error", "include-unreadable", "included file missing or unreadable", _INCLUDE),
    "E207": Code("error", "include-loop", "a file included twice, a file that includes itself, or includes nested too deep", _INCLUDE),
    "E208": Code("error", "include-outside-project", "include path absolute or outside the project folder (the cards file's folder)", _INCLUDE),
    "E209": Code("error", "duplicate-deck-id", "two decks of one project with the same id (both files named), or a deck with the id of another deck's build in its output folder", _PROJECT),
    "E210": Code("error", "deck-id-changed", "deck id differs from the id of the deck's previous build in its output folder", _PREFLIGHT),
    # Content (E3xx): ids, text, quotes, tags, card kinds, cloze deletions, pictures and sounds
    "E301": Code("error", "not-a-slug", "id or source key is not a slug", _IDENTITY),
    "E302": Code("error", "duplicate-id", "duplicate id (both positions named)", _IDENTITY),
    "E303": Code("error", "empty-text", "empty text", _IDENTITY),
    "E304": Code("error", "duplicate-question", "same question twice (ignoring case, spaces, punctuation)", _IDENTITY),
    "E305": Code("error", "quote-not-found", "evidence quote not found in its source (closest passage shown)", _CITATIONS),
    "E306": Code("error", "mangled-tag", "tag Anki would split or mangle", _IDENTITY),
    "E307": Code("error", "text-too-long", "text too long", _SHAPES),
    "E308": Code("error", "no-evidence", "card has no evidence", _SHAPES),
    "E309": Code("error", "id-case-clash", "ids that differ only in case", _IDENTITY),
    "E310": Code("error", "ignore-not-found", "ignored passage not found in its source, or lines outside the file", _CITATIONS),
    "E311": Code("error", "ignore-without-reason", "ignore entry without a reason", _CITATIONS),
    "E312": Code("error", "ignore-quote-or-lines", "ignore entry needs exactly one of `quote` or `lines`", _CITATIONS),
    "E313": Code("error", "reserved-tag", "the tag of removed cards (`deckgen::removed`) on a card", _IDENTITY),
    "E320": Code("error", "unknown-kind", 'unknown card kind (with "did you mean")', _KINDS),
    "E321": Code("error", "key-not-for-kind", "key that the card's kind does not take", _KINDS),
    "E322": Code("error", "cloze-without-deletion", "cloze text without a deletion", _KINDS),
    "E323": Code("error", "cloze-bad-number", "cloze deletion with a number Anki does not read", _KINDS),
    "E324": Code("error", "cloze-unclosed", "cloze deletion never closed", _KINDS),
    "E325": Code("error", "cloze-nested", "cloze deletion inside another", _KINDS),
    "E326": Code("error", "cloze-hides-all", "cloze deletion hides the whole text", _KINDS),
    "E327": Code("error", "type-in-not-plain", "type-in answer is not one line of plain text (Markdown, HTML)", _KINDS),
    "E328": Code("error", "type-in-too-long", "type-in answer too long to type", _KINDS),
    "E329": Code("error", "cloze-hides-nothing", "cloze deletion hides nothing", _KINDS),
    "E330": Code("error", "control-character", "control character in text (U+001F is Anki's field separator)", _SHAPES),
    "E331": Code("error", "deck-name-rewritten", "deck or subdeck name Anki would rename or merge", _DECKNAMES),
    "E332": Code("error", "cloze-misspelt", "cloze deletion opened with one brace or one colon (Anki shows it as typed)", _KINDS),
    "W333": Code("warning", "cloze-number-gap", "cloze numbers with a gap (no card for the missing number)", _KINDS),
    "E340": Code("error", "image-syntax", "image written in a form that is not read (a title, spaces or brackets in it)", _REFERENCES),
    "E341": Code("error", "image-without-alt", "image without alt text", _REFERENCES),
    "E342": Code("error", "media-url", "picture or sound is a URL (remote or `data:`): never fetched", _MEDIA),
    "E343": Code("error", "media-missing", "picture or sound file missing or unreadable", _MEDIA),
    "E344": Code("error", "media-outside-project", "picture or sound outside the cards file's folder (links followed)", _MEDIA),
    "E345": Code("error", "media-format", "format not shipped, or a sound where a picture belongs", _MEDIA),
    "E346": Code("error", "media-too-large", "picture or sound file too large", _MEDIA),
    "E347": Code("error", "media-wrong-bytes", "file's bytes are not the format its extension names", _MEDIA),
    "E348": Code("error", "svg-not-static", "SVG that is not a static drawing (script, event handler, external link)", _MEDIA),
    "E349": Code("error", "svg-unreadable", "SVG that cannot be read as an SVG drawing", _MEDIA),
    "E350": Code("error", "media-in-description", "picture in the deck's description, where it cannot be shown", _REFERENCES),
    "E351": Code("error", "sound-tag-in-text", "Anki's `[sound:...]` tag written in a card's text", _REFERENCES),
    "E360": Code("error", "maths-unclosed", "maths opened with `\\(` or `\\[` and never closed", _MARKS),
    "E361": Code("error", "maths-stray-closer", "maths closer `\\)` or `\\]` with no maths open", _MARKS),
    "W362": Code("warning", "dollar-maths", "maths between dollars (`$...$`), which Anki shows as typed", _MARKS),
    "E363": Code("error", "cloze-closer-in-maths", "`}}` inside maths that would end a cloze deletion", _MARKS),
    "W364": Code("warning", "code-language-unknown", "fenced code block in a language the highlighter does not know", _MARKS),
    "E365": Code("error", "style-unreadable", "the deck's style file missing, unreadable, not UTF-8, too large or outside the project", _STYLE),
    "E366": Code("error", "style-loads", "the deck's style loads something: `@import`, or `url()` other than `data:`", _STYLE),
    "E367": Code("error", "style-fixed", "the deck's style uses `position: fixed`", _STYLE),
    "E368": Code("error", "style-not-css", "the deck's style holds `<`, which could end the note type's style sheet", _STYLE),
    # Card quality (W4xx): warnings on how cards teach, and the allow: entries that switch them off
    "W401": Code("warning", "answer-in-question", "answer given away in the question", _QUALITY),
    "W402": Code("warning", "yes-no-question", "yes/no question", _QUALITY),
    "W403": Code("warning", "long-answer", "very long answer", _QUALITY),
    "W404": Code("warning", "many-things-asked", "question asks for many things at once", _QUALITY),
    "W405": Code("warning", "html-in-text", "HTML in a text field (it is shown as text)", _QUALITY),
    "W406": Code("warning", "near-duplicate-question", "question nearly the same as an earlier card's (the earlier card named)", _INTERFERENCE),
    "W407": Code("warning", "same-answer", "same answer as an earlier card, to a related question", _INTERFERENCE),
    "W408": Code("warning", "answer-words-in-question", "answer's words (stemmed) stand in the question", _GIVEAWAY),
    "W409": Code("warning", "set-by-elimination", "set learnt by elimination (besides, other than, apart from … a list)", _ELIMINATION),
    "W410": Code("warning", "long-enumeration", "answer enumerates a long list", _ELIMINATION),
    "W411": Code("warning", "several-facts", "answer holds several facts (a second sentence, clause, contrast or bracketed clause)", _FOCUS),
    "W412": Code("warning", "long-question", "question too long", _FOCUS),
    "W413": Code("warning", "disguised-yes-no", "yes/no question in disguise (answer `No`, `None`, `Not …`, or a question asking whether)", _GIVEAWAY),
    "W414": Code("warning", "source-in-question", "question names the card's only source (a hint: the back names it)", _SOURCING),
    "W415": Code("warning", "undated-figure", "figure (percentage, share, count) from a source with no date", _SOURCING),
    "W416": Code("warning", "allow-without-reason", "warning switched off without a reason", _ALLOWING),
    "W417": Code("warning", "allow-unknown-code", "`allow:` names an unknown code, or one that cannot be switched off", _ALLOWING),
    "W418": Code("warning", "allow-unused", "`allow:` switches off a warning that is not reported there", _ALLOWING),
    "W419": Code("warning", "placeholder-answer", "answer points at a fact that its extra or note states", _PLACEHOLDERS),
    "W420": Code("warning", "cloze-hides-filler", "cloze deletion hides a word with no fact (a function word, a word many of the cards use)", _DELETIONS),
    "W421": Code("warning", "cloze-given-away", "cloze deletion the card's own text gives away (elsewhere, glossed, or by a sibling deletion)", _DELETIONS),
    "W422": Code("warning", "answer-repeats-question", "answer repeats most of its question's words around its news", _PLACEHOLDERS),
    "W423": Code("warning", "same-fact-other-kind", "the same fact asked by an earlier card of another kind (basic, reversed, cloze)", _SAMEFACT),
}
# fmt: on

ALIASES: dict[str, str] = {"E204": "E209", "W320": "W333"}
"""Old spellings of renumbered codes → the code now. An old spelling is accepted in ``allow:`` and by
``deckgen codes``; diagnostics print the code now. An old number is never given to another code."""
RENUMBERED: dict[str, str] = {
    "E204": "it shared its number with W204 (a source url that is not linked), which had it first",
    "W320": "it shared its number with E320 (an unknown card kind), the first of the card kinds' codes",
}
"""Why each old spelling was renumbered, as the reference says it."""

SWITCHABLE = frozenset(code for code in CODES if code.startswith("W4")) - {"W416", "W417", "W418"}
"""The card-quality warnings ``allow:`` can switch off, for one card or a whole deck."""


def resolve(code: str) -> str:
    """The code an old spelling now is (:data:`ALIASES`); any other code as it is."""
    return ALIASES.get(code, code)


# The documentation of a code, kept beside the code that reports it.


@dataclass(frozen=True)
class Blob:
    """A file of an example that is not text to show: what the reference says it is, and its bytes."""

    about: str
    """What the file is, in a few words (``a PNG picture``)."""
    head: bytes = b""
    size: int = 0
    """How long the file is; the bytes after ``head`` are zero (a file over a size limit)."""

    def data(self) -> bytes:
        return self.head + bytes(max(0, self.size - len(self.head)))


File = str | Blob


@dataclass(frozen=True)
class Example:
    """A project with a problem, or the same project fixed, as the reference shows it and a test checks it.

    ``files`` are the project's files by path (relative to the project folder;
    ``../`` leaves it). Each cards file the ``command`` checks is a part of
    the :data:`EXAMPLE_FILE`: its top-level keys (``deck:``, ``sources:``,
    ``cards:``) take the place of the example file's own, which keep the rest
    (:meth:`expand`), unless ``whole``. The example file's source document
    (:data:`EXAMPLE_SOURCE`) is there too, unless ``files`` gives one of its own.
    """

    files: Mapping[str, File]
    command: str = "deckgen check cards.yaml"
    """The command the example is checked with (the cards files it names are checked together)."""
    whole: bool = False
    """The cards files are whole files, not parts of the example file."""
    encoding: str = "utf-8"
    """How the cards files are saved (``latin-1`` for a file that is not UTF-8)."""
    caption: str = ""
    """A line the reference shows before the files (Markdown)."""
    shown: str = ""
    """What the reference shows of the cards file instead of its text, where that is too long to show."""

    @property
    def cards_files(self) -> list[str]:
        """The cards files the command checks."""
        return [word for word in self.command.split()[2:] if not word.startswith("-")]

    @property
    def options(self) -> list[str]:
        """The command's options (``--allow-outside-sources``)."""
        return [word for word in self.command.split()[2:] if word.startswith("-")]

    def expand(self) -> dict[str, bytes]:
        """Every file of the project, complete, by path."""
        out: dict[str, bytes] = {}
        if EXAMPLE_SOURCE_PATH not in self.files:
            out[EXAMPLE_SOURCE_PATH] = EXAMPLE_SOURCE.encode()
        for path, content in self.files.items():
            if isinstance(content, Blob):
                out[path] = content.data()
            elif path in self.cards_files:
                text = content if self.whole else merge(EXAMPLE_FILE, content)
                out[path] = text.encode(self.encoding)
            else:
                out[path] = content.encode()
        return out


def cards(
    yaml: str, *, whole: bool = False, encoding: str = "utf-8", caption: str = "", shown: str = ""
) -> Example:
    """An :class:`Example` of one cards file, ``cards.yaml`` (a part of the example file unless ``whole``)."""
    return Example({"cards.yaml": yaml}, whole=whole, encoding=encoding, caption=caption, shown=shown)


_PLAIN_WORDS = frozenset(["yes", "no", "true", "false", "on", "off", "null", "~", "y", "n"])
_NEEDS_QUOTES = re.compile(r"""^[\[\]{}>|*&!%@`"'#,?:-]|: | #|^\s|\s$|^[-+.\d][\d.,_:-]*$""")


def scalar(text: str) -> str:
    """``text`` as a YAML value: plain where every YAML reader takes it as that text, else in double quotes."""
    if _NEEDS_QUOTES.search(text) or text.lower() in _PLAIN_WORDS:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


def card(card_id: str, question: str, answer: str, quote: str, *, more: str = "") -> str:
    """A basic card as an item of a ``cards:`` list (YAML), quoting the example file's source;
    ``more``: its further keys, as written (indented by four)."""
    return (
        f"  - id: {card_id}\n    question: {scalar(question)}\n    answer: {scalar(answer)}\n"
        f"    evidence:\n      healthline: {scalar(quote)}\n{more}"
    )


@dataclass(frozen=True)
class Doc:
    """A diagnostic code's documentation, beside the code that reports it."""

    code: str
    checks: str
    """What the code checks, exactly (Markdown; limits read from the constants the check uses)."""
    why: str
    """Why it matters; for the card-quality warnings, the principle of learning it follows."""
    bad: Example
    """An example that has the problem: checking it reports the code."""
    fix: Example
    """The example fixed: checking it reports nothing."""
    also: tuple[str, ...] = ()
    """Codes the example reports besides its own, where it cannot help it (the reference says so)."""


_TOP_KEY = re.compile(r"^[A-Za-z_][\w-]*(?=:)", re.M)


def _blocks(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The text before the first top-level key, and each top-level key's block of lines."""
    starts = [(m.start(), m.group()) for m in _TOP_KEY.finditer(text)]
    head = text[: starts[0][0]] if starts else text
    ends = [start for start, _ in starts[1:]] + [len(text)] * bool(starts)
    return head, [(key, text[start:end]) for (start, key), end in zip(starts, ends, strict=True)]


def merge(whole: str, part: str) -> str:
    """``whole`` with each top-level block ``part`` writes in its place, and ``part``'s new blocks at
    the end."""
    if part and not part.endswith("\n"):
        part += "\n"
    head, blocks = _blocks(whole)
    part_head, part_blocks = _blocks(part)
    written = {key for key, _ in part_blocks}
    out, placed = [part_head + head], set()
    for key, block in blocks:
        if key not in written:
            out.append(block)
        elif key not in placed:
            placed.add(key)
            out += [b for k, b in part_blocks if k == key]
    known = {key for key, _ in blocks}
    out += [b for k, b in part_blocks if k not in known]
    return "".join(out)


EXAMPLE_SOURCE_PATH = "sources/healthline.txt"
EXAMPLE_SOURCE = """\
# MS Spine Lesions

ADVERTISEMENT

Multiple sclerosis (MS) is an immune-mediated disease that causes the body to attack the
central nervous system (CNS). The CNS includes the brain, spinal cord, and optic nerves.

A misdirected inflammatory response progressively strips nerve cells of a protective coating
called myelin. In addition to protecting the nerve cells, the myelin coating facilitates
nerve transmission signals, or impulses. The resulting decrease in myelin leads to the
symptoms of MS.

The most effective and non-invasive way to determine if a person has MS is to scan for brain
and spinal cord lesions using magnetic resonance imaging (MRI).

Spinal cord lesions are common in MS. They're found in about 80 percent of people newly
diagnosed with MS.

Fatigue is a common symptom of multiple sclerosis, along with pain, muscle weakness, and
numbness.

If spinal lesions are detected, it's important to get the correct diagnosis because the
treatments for MS and NMO are very different.
"""
"""The source document of the example file."""

EXAMPLE_CARDS = """\
cards:
  - id: cns-parts
    question: What does the central nervous system include?
    answer: The brain, spinal cord and optic nerves.
    evidence:
      healthline: The CNS includes the brain, spinal cord, and optic nerves.
"""
"""The example file's cards: a rule's example adds to its card, or writes its own after it."""

EXAMPLE_FILE = f"""\
version: 1
deck:
  name: Multiple sclerosis
  id: 1874512301
sources:
  healthline:
    title: MS Spine Lesions
    publisher: Healthline
    date: "2019-01-07"
    file: {EXAMPLE_SOURCE_PATH}
{EXAMPLE_CARDS}"""
"""The cards file every example is a part of: clean, as its test checks."""

PICTURE = Blob("a PNG picture", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
"""A picture for examples (the start of a PNG file, which is what the checker reads)."""
SOUND = Blob("an MP3 sound", b"ID3\x04\x00\x00\x00\x00\x00\x00")
"""A sound for examples (the start of an MP3 file with an ID3 tag)."""
