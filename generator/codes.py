"""The registry of diagnostic codes: one stable code per kind of problem.

Each code carries its severity, what the problem is, a bad example and its
fix (Markdown, one line of ``cards.yaml`` where possible). The reference page
``docs/diagnostics.md`` is generated from this table
(:mod:`generator.report.reference`), and ``deckgen codes CODE`` prints one
entry. Codes are stable and never reused.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Code:
    """A diagnostic code's documentation."""

    severity: Literal["error", "warning"]
    title: str
    """What the problem is, in a line."""
    bad: str
    """An example that has the problem."""
    fix: str
    """The same example, fixed (or what to do)."""


GROUPS: dict[str, tuple[str, str]] = {
    "0": ("Syntax and input", "the file itself"),
    "1": ("Structure", "shapes, keys and value kinds"),
    "2": ("References", "sources, included files and decks of one project"),
    "3": ("Content", "ids, text, quotes, tags, card kinds, pictures and sounds"),
    "4": ("Style and card quality", "warnings"),
}
"""By the code's first digit: the group's name and what its codes are about."""

# fmt: off
CODES: dict[str, Code] = {
    # Syntax and input (E0xx): the file itself
    "E001": Code("error", "YAML syntax error, a second document, an undefined alias or a control character", "`name: [Test Deck`", "`name: Test Deck`"),
    "E002": Code("error", "file is not valid UTF-8", "`name: caf\\xe9` (Latin-1)", "save the file as UTF-8"),
    "E003": Code("error", "file is empty", "an empty file, or only comments", "a deck, sources and cards: see docs/cards-format.md"),
    "E004": Code("error", "tab character used for indentation", "`⇥name: x`", "`  name: x` (spaces)"),
    "E005": Code("error", "YAML tag not allowed (the file is data, never code)", "`answer: !!python/object/apply:os.system [ls]`", "`answer: plain text`"),
    "E006": Code("error", "input too large: file size (64 MiB), alias expansion, nesting (64)", "`b: &b [*a, *a, *a, *a]` (repeated)", "write the data out"),
    "E007": Code("error", "cards file cannot be read (exit status 2)", "`deckgen check missing.yaml`", "check the path"),
    "W008": Code("warning", "file starts with a byte-order mark", "UTF-8 with BOM", "save as UTF-8 without BOM"),
    "E009": Code("error", "source file outside the project folder (the cards file's folder), links followed", "`file: ../../etc/passwd`", "copy the document into the folder: `file: sources/article.txt` (or build with `--allow-outside-sources`)"),
    # Structure (E1xx): shapes, keys and value kinds
    "E101": Code("error", "wrong type (a list where text belongs), or a number out of its range (the message names it)", "`question: [a, b]`", "`question: What is a?`"),
    "E102": Code("error", "required key missing", "a card without `answer:`", "add `answer: ...`"),
    "E103": Code("error", 'unknown key (with "did you mean")', "`anwser: 80 percent`", "`answer: 80 percent`"),
    "E104": Code("error", "duplicate key in a mapping (both positions named)", "`answer:` written twice in one card", "keep one"),
    "E105": Code("error", "unsupported schema version", "`version: 2`", "`version: 1`"),
    "W106": Code("warning", "unquoted value that YAML would read as another type", "`answer: no`, `1.10`, `2017`, `~`, `2019-01-07`", '`answer: "no"`'),
    "E107": Code("error", "deck id below 1,000,000,000 (small ids get copied and shared; 1 is Anki's Default deck); the message offers a fresh random id", "`id: 1`", "`id: 4829104829123` (`deckgen init` makes one)"),
    "E108": Code("error", "subdeck name Anki would not keep as written (an empty part, spaces around '::', a single ':'), or one subdeck spelt two ways", "`deck: Imaging::` or `deck: imaging` beside `deck: Imaging`", "`deck: Imaging::MRI`, one spelling throughout"),
    # References (E2xx): sources and their files
    "E201": Code("error", "evidence names an undefined source", '`evidence: {helthline: "..."}`', '`evidence: {healthline: "..."}`'),
    "W202": Code("warning", "source used by no card", "a source no `evidence:` cites", "cite it, or remove it"),
    "E203": Code("error", "source file missing, unreadable, or not UTF-8 text", "`file: sources/missing.txt`, or a Latin-1 file", "`file: sources/healthline-ms-spine-lesions.txt`; convert a Latin-1 file: `iconv -f cp1252 -t utf-8 old.txt > new.txt`"),
    "W204": Code("warning", "source url is not a plain http(s) address; cards show no link to it", "`url: javascript:alert(1)`, `url: www.example.org`", "`url: https://www.example.org/page`"),
    "E204": Code("error", "two decks of one project with the same id (both files named): they would overwrite each other's notes", "`id: 1874512301` in `physics.yaml` and in `chemistry.yaml`", "a fresh id in one of them (the message offers one)"),
    "E205": Code("error", "two decks of one project with the same name, or the same file in `decks/` (Anki would merge them)", "`name: Physics` in two cards files", "`name: Physics` and `name: Physics 2`"),
    "E206": Code("error", "included file missing or unreadable", "`- include: parts/mising.yaml`", "`- include: parts/missing.yaml`"),
    "E207": Code("error", "a file included twice, a file that includes itself, or includes nested too deep", "`- include: parts/a.yaml` in `parts/a.yaml`", "include each file once, from the cards file or one other"),
    "E208": Code("error", "include path absolute or outside the project folder (the cards file's folder)", "`- include: ../other/cards.yaml`", "`- include: parts/more.yaml`, a file in the project"),
    # Content (E3xx): ids, text, quotes and tags
    "E301": Code("error", "id or source key is not a slug", "`id: Spinal_Lesions`", "`id: spinal-lesions`"),
    "E302": Code("error", "duplicate id (both positions named)", "`id: mri` on two cards", "`id: mri-contrast` on one"),
    "E303": Code("error", "empty text", '`answer: "  "`', "`answer: About 80 percent.`"),
    "E304": Code("error", "same question twice (ignoring case, spaces, punctuation)", "`question: What is MS?` twice", "merge the cards, or ask differently"),
    "E305": Code("error", "evidence quote not found in its source (closest passage shown)", '`healthline: "found in 80 percent"`', "copy the source's words: `\"found in about 80 percent\"`"),
    "E306": Code("error", "tag Anki would split or mangle", "`tags: [spinal cord]`", "`tags: [spinal-cord]`"),
    "E307": Code("error", "text too long (10,000 characters; quotes 2,000)", "a pasted page as `answer:`", "a short answer; detail in `extra:`"),
    "E308": Code("error", "card has no evidence", "`evidence: {}`", '`evidence: {healthline: "..."}`'),
    "E309": Code("error", "ids that differ only in case", "`id: mri` and `id: MRI`", "distinct lowercase ids"),
    "E310": Code("error", "ignored passage not found in its source, or lines outside the file", '`ignore: [{quote: "ADVERTISMENT", reason: ads}]`', '`quote: "ADVERTISEMENT"`'),
    "E311": Code("error", "ignore entry without a reason", "`ignore: [{lines: 1-14}]`", "`{lines: 1-14, reason: page header}`"),
    "E312": Code("error", "ignore entry needs exactly one of `quote` or `lines`", '`{quote: "x", lines: 3, reason: r}`', "one entry for each"),
    "E320": Code("error", 'unknown card kind (with "did you mean")', "`kind: reverse`", "`kind: reversed` (basic, reversed, type-in or cloze)"),
    "E321": Code("error", "key that the card's kind does not take", "`kind: cloze` with `question:`", "`text: The {{c1::spinal cord}} is part of the CNS.`"),
    "E322": Code("error", "cloze text without a deletion", "`text: MS affects the spinal cord.`", "`text: MS affects the {{c1::spinal cord}}.`"),
    "E323": Code("error", "cloze deletion with a number Anki does not read (c0, C1, c01, over c99)", "`{{c0::spinal cord}}`", "`{{c1::spinal cord}}`"),
    "E324": Code("error", "cloze deletion never closed", "`{{c1::spinal cord is`", "`{{c1::spinal cord}} is`"),
    "E325": Code("error", "cloze deletion inside another", "`{{c1::the {{c2::spinal}} cord}}`", "`{{c1::the}} {{c2::spinal cord}}`"),
    "E326": Code("error", "cloze deletion hides the whole text", "`text: \"{{c1::spinal cord lesions}}.\"`", "`text: MS often causes {{c1::spinal cord lesions}}.`"),
    "E327": Code("error", "type-in answer is not one line of plain text (Markdown, HTML)", "`answer: \"**80** percent\"`", "`answer: 80 percent`"),
    "E328": Code("error", "type-in answer too long to type (over 60 characters)", "a sentence as a type-in `answer:`", "a word or two; detail in `extra:`, or `kind: basic`"),
    "E329": Code("error", "cloze deletion hides nothing", "`{{c1::}} is part of the CNS`", "`{{c1::the spinal cord}} is part of the CNS`"),
    "W320": Code("warning", "cloze numbers with a gap (no card for the missing number)", "`{{c1::MS}} affects the {{c3::CNS}}`", "`{{c1::MS}} affects the {{c2::CNS}}`"),
    "E330": Code("error", "control character in text (U+001F is Anki's field separator)", '`answer: "80\\x1f percent"`', "`answer: 80 percent`"),
    "E331": Code("error", "deck or subdeck name Anki would rename or merge: empty part, line break, invisible character, `Default`", "`name: MS::::Spine`", "`name: MS::Spine`"),
    "E332": Code("error", "cloze deletion opened with one brace or one colon (Anki shows it as typed)", "`{{c1:spinal cord}}` or `{c1::spinal cord}}`", "`{{c1::spinal cord}}`"),
    "E340": Code("error", "image written in a form that is not read (a title, spaces or brackets in it)", '`extra: "![Spine](my image.png \\"Spine\\")"`', '`extra: "![Spine](images/spine.png)"`'),
    "E341": Code("error", "image without alt text (what a screen reader says, and what shows if the picture is missing)", '`extra: "![](images/spine.png)"`', '`extra: "![The spine\'s regions](images/spine.png)"`'),
    "E342": Code("error", "picture or sound is a URL (remote or `data:`): never fetched", '`extra: "![Spine](https://example.org/spine.png)"`', "save the file in the project (if its licence allows) and give its path"),
    "E343": Code("error", "picture or sound file missing or unreadable", '`extra: "![Spine](images/spien.png)"`', '`extra: "![Spine](images/spine.png)"`'),
    "E344": Code("error", "picture or sound outside the cards file's folder (links followed)", '`extra: "![Spine](../../etc/spine.png)"`', "copy it into the project: `![Spine](images/spine.png)`"),
    "E345": Code("error", "format not shipped: pictures PNG, JPEG, GIF, WebP, SVG; sounds MP3, OGG (a sound is not a picture)", '`extra: "![Spine](images/spine.bmp)"`', "convert it: `![Spine](images/spine.png)`"),
    "E346": Code("error", "file too large (a picture 2 MB, a sound 10 MB)", "a 6 MB photo", "scale or compress it"),
    "E347": Code("error", "file's bytes are not the format its extension names", "a JPEG saved as `spine.png`", "rename it `spine.jpg`, or convert it"),
    "E348": Code("error", "SVG that is not a static drawing (script, event handler, external link, `<foreignObject>`, `@import`)", '`<svg ...><script>...</script></svg>`', "remove the script, handlers and external links"),
    "E349": Code("error", "SVG that cannot be read as an SVG drawing (not well-formed XML, or another root element)", "`<svg><g></svg>`", "save it again from the drawing program"),
    "E350": Code("error", "picture in the deck's description, where it cannot be shown", '`description: "![Logo](logo.png) MS deck"`', "put the picture on a card"),
    "E351": Code("error", "Anki's `[sound:...]` tag written in a card's text", '`answer: "Haus [sound:haus.mp3]"`', "`audio: sounds/haus.mp3`"),
    # Style and card quality (W4xx): warnings
    "W401": Code("warning", "answer given away in the question", "`question: Do MRI scans show lesions?` / `answer: lesions`", "`question: What do MRI scans show in MS?`"),
    "W402": Code("warning", "yes/no question", "`question: Is MS common?`", "`question: How common is MS?`"),
    "W403": Code("warning", "very long answer (over 25 words)", "a paragraph as `answer:`", "one fact; detail in `extra:`"),
    "W404": Code("warning", "question asks for many things at once", "`question: List all symptoms of MS.`", "one card per symptom"),
    "W405": Code("warning", "HTML in a text field (it is shown as text)", "`answer: <b>80</b> percent`", "`answer: **80** percent`"),
    "W406": Code("warning", "question nearly the same as an earlier card's (interference; the earlier card named)", "`What does myelin do besides protecting nerve cells?` on two cards that name different sources", "merge the cards, or ask each for its own fact: `Which nerve function does myelin speed up?`"),
    "W407": Code("warning", "same answer as an earlier card, to a related question (interference)", "`Which therapy slows MS?` and `Which therapy is used against MS?`, both `Disease-modifying therapies.`", "merge them, or ask what sets each apart: `How do disease-modifying therapies slow MS?`"),
    "W408": Code("warning", "answer's words (stemmed) stand in the question", "`question: What does the scan of the brain look for?` / `answer: Brain lesions.`", "`question: What does an MRI of the brain show in MS?`"),
    "W409": Code("warning", "set learnt by elimination (besides, other than, apart from, in addition to … a list)", "`question: Besides numbness and weakness, which symptom does MS cause?`", "a cue of the item's own: `Which MS symptom makes a person feel unsteady?`"),
    "W410": Code("warning", "answer enumerates a long list (over 3 items)", "`answer: Weakness, numbness, pain, spasms and fatigue.`", "one card per item, each with its own cue"),
    "W411": Code("warning", "answer holds several facts (a second sentence, clause, contrast or bracketed clause)", "`answer: A neurological disease (Healthline calls it common).`", "`answer: A neurological disease.`; the rest in `extra:`"),
    "W412": Code("warning", "question too long (over 20 words)", "`question: According to the article, in the list of causes of spinal lesions that it gives, which …?` (25 words)", "a short question; context in `extra:`"),
    "W413": Code("warning", "yes/no question in disguise (answer `No`, `None`, `Not …`, or a question asking whether)", "`question: What does the page say about preventing MS?` / `answer: It is not preventable.`", "ask for a fact: `question: What is known to prevent MS?`, or drop the card"),
    "W414": Code("warning", "question names the card's only source (a hint: the back names it)", "`question: According to Healthline, what does myelin do?`", "`question: What does myelin do?` (name a source only where sources disagree or a figure is its own)"),
    "W415": Code("warning", "figure (percentage, share, count) from a source with no date", "`answer: More than half.` quoting a source without `date:`", "add `date: \"2019-01-07\"` to the source (published, reviewed or read)"),
    "W416": Code("warning", "warning switched off without a reason", "`allow: {W409: \"\"}`", "`allow: {W409: \"the list is the point of this card\"}`"),
    "W417": Code("warning", "`allow:` names an unknown code, or one that cannot be switched off (errors, W416-W418)", "`allow: {E305: \"the quote is close enough\"}`", "fix the error; `allow:` switches off card-quality warnings (W4xx) only"),
    "W418": Code("warning", "`allow:` switches off a warning that is not reported there", "`allow: {W412: \"a long question\"}` on a card whose question is short", "remove the entry"),
}

SWITCHABLE = frozenset(code for code in CODES if code.startswith("W4")) - {"W416", "W417", "W418"}
"""The card-quality warnings ``allow:`` can switch off, for one card or a whole deck."""
# fmt: on
