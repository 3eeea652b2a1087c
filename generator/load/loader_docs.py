"""The documentation of the codes the loader reports (:mod:`.loader`, with :mod:`.compose`'s limits).

A module of its own beside the loader, which is long enough without its
prose; :mod:`generator.codes` says where each code is documented.
"""

from __future__ import annotations

from generator.codes import Doc, Example, cards
from generator.load.compose import MAX_ALIAS_EXPANSION, MAX_ALIAS_TEXT, MAX_DEPTH
from generator.load.loader import MAX_BYTES

_LAUGHS = """\
a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
"""

DOCS = (
    Doc(
        "E001",
        checks=(
            "The file is YAML that cannot be read: a syntax error, reported at its line and column, in "
            "plain words where the mistake is a common one (a bracket or quote never closed, a colon "
            "inside an unquoted value, a line indented to the wrong depth). A cards file holds one "
            "document, so a second (`---`) is E001 too, and so is an alias (`*name`) with no anchor "
            "before it, and a character YAML does not allow in a file (a control character written as "
            "is; written as an escape inside a quoted value, it is E330)."
        ),
        why=(
            "Nothing after a syntax error can be read with certainty. A reader that guessed would "
            "check a file other than the one written, and another tool would guess differently."
        ),
        bad=cards("deck:\n  name: [Multiple sclerosis\n  id: 1874512301\n"),
        fix=cards("deck:\n  name: Multiple sclerosis\n  id: 1874512301\n"),
    ),
    Doc(
        "E002",
        checks=(
            "The file's bytes are not UTF-8 (a byte-order mark aside: W008). The first byte that is "
            "not is reported, with its line and column."
        ),
        why=(
            "Text in another encoding reads as other characters: names, answers and quotes would not "
            "be what the author wrote, and no quote with an accent would match its source."
        ),
        bad=cards(
            "deck:\n  name: Sclérose en plaques\n  id: 1874512301\n",
            encoding="latin-1",
            caption="The file saved as Latin-1 (Windows-1252), as some editors do:",
        ),
        fix=cards(
            "deck:\n  name: Sclérose en plaques\n  id: 1874512301\n",
            caption="The same file saved as UTF-8 (in a terminal: `iconv -f cp1252 -t utf-8`):",
        ),
    ),
    Doc(
        "E003",
        checks="The file holds no data: it is empty, or holds only blank lines and comments.",
        why=(
            "An empty file builds nothing. It is most often the wrong file, or one not saved yet, and "
            "saying so is better than an empty deck."
        ),
        bad=cards("# The MS deck: cards to come\n", whole=True, caption="A whole file:"),
        fix=cards("", caption="A deck, its sources and its cards:"),
    ),
    Doc(
        "E004",
        checks="A line is indented with a tab. YAML allows only spaces for indentation.",
        why=(
            "A tab is as wide as each editor makes it, so the nesting a reader sees is not the one "
            "the file holds; YAML refuses tabs for that reason, and so does every YAML reader."
        ),
        bad=cards(
            "deck:\n\tname: Multiple sclerosis\n  id: 1874512301\n",
            caption="The deck's name is indented with a tab, its id with two spaces:",
        ),
        fix=cards("deck:\n  name: Multiple sclerosis\n  id: 1874512301\n", caption="Both with two spaces:"),
    ),
    Doc(
        "E006",
        checks=(
            f"The input is larger than the checker reads: a file over {MAX_BYTES // 1024**2} MiB "
            f"({MAX_BYTES:,} bytes), aliases that add over {MAX_ALIAS_EXPANSION:,} values in all or over "
            f"{MAX_ALIAS_TEXT:,} characters of text in all (a long text repeated by alias), or "
            f"lists and mappings nested over {MAX_DEPTH} levels deep."
        ),
        why=(
            "The limits keep checking any file quick and small in memory, whoever wrote it: a few lines "
            'of aliases can stand for billions of values ("billion laughs"), and deep nesting crashes '
            "readers that recurse. A real cards file is far from every limit: it nests five levels."
        ),
        bad=cards(_LAUGHS, whole=True, caption="A whole file of aliases, a million values in all:"),
        fix=cards("", caption="Write the data out:"),
    ),
    Doc(
        "E007",
        checks=(
            "The cards file named on the command line cannot be read: it does not exist, it is a "
            "folder or a device, or it may not be read. `deckgen check` exits with status 2, not 1. "
            "(An included file that cannot be read is E206.)"
        ),
        why=(
            "Nothing was checked, so no other result would be true. The exit status of its own lets a "
            "script or a CI job tell a wrong path from a deck with errors."
        ),
        bad=Example(
            {},
            command="deckgen check card.yaml",
            caption="The project holds `cards.yaml`; the command names another file:",
        ),
        fix=Example(
            {"cards.yaml": ""},
            caption="Name the file that is there: `deckgen check cards.yaml` (or `deckgen check`, which "
            "checks `cards.yaml`).",
        ),
    ),
    Doc(
        "W008",
        checks=(
            "The file starts with a UTF-8 byte-order mark (the bytes EF BB BF), as some Windows editors "
            "write. The file is read without it."
        ),
        why=(
            "The mark is invisible in most editors, but not to every tool: some YAML readers and "
            "line tools (`grep '^deck:'`, `head`) see a stray character before the first key."
        ),
        bad=Example(
            {"cards.yaml": ""}, encoding="utf-8-sig", caption="The example file saved as UTF-8 with BOM."
        ),
        fix=Example({"cards.yaml": ""}, caption="The same file saved as UTF-8 without a BOM."),
    ),
)
"""The loader's codes, documented (see :class:`generator.codes.Doc`)."""
