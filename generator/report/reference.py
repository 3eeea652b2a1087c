"""The diagnostic codes reference: ``docs/diagnostics.md`` and ``deckgen codes``.

The index (:mod:`generator.codes`) names, for every code, the module that
documents it; :func:`docs` reads each such module's ``DOCS`` table. So the
documentation stays beside the rules, and this module only lays it out:
:func:`markdown` is the whole page (a test keeps ``docs/diagnostics.md``
equal to it), :func:`entry` one code for a terminal, :func:`listing` every
code in a line.
"""

from __future__ import annotations

import importlib
import textwrap
from functools import cache

from generator.codes import (
    ALIASES,
    CODES,
    EXAMPLE_FILE,
    EXAMPLE_SOURCE,
    EXAMPLE_SOURCE_PATH,
    GROUPS,
    RENUMBERED,
    Blob,
    Doc,
    Example,
)

_DEFAULT_COMMAND = Example({}).command


@cache
def docs() -> dict[str, Doc]:
    """Every code's documentation, read from the module the index names for it, in index order."""
    found: dict[str, Doc] = {}
    for module in dict.fromkeys(code.where for code in CODES.values()):
        for doc in importlib.import_module(module).DOCS:
            found[doc.code] = doc
    missing = [code for code in CODES if code not in found]
    if missing:
        raise LookupError(f"no documentation for {', '.join(missing)} in the modules the index names")
    return {code: found[code] for code in CODES}


def _group(code: str) -> str:
    name, _ = GROUPS[code[1]]
    return name


def _anchor(code: str) -> str:
    """The anchor of a code's heading on the page, as GitHub makes it."""
    return f"{code.lower()}-{CODES[code].name}"


def _fence(text: str, language: str) -> list[str]:
    return [f"```{language}", text.rstrip("\n"), "```"]


def _language(path: str) -> str:
    if path.endswith((".yaml", ".yml")):
        return "yaml"
    return "xml" if path.endswith(".svg") else "text"


def _shown(example: Example, before: Example | None = None) -> list[tuple[str, str, str]]:
    """What the reference shows of an example: (label, text, language) for each part; a file that is
    as it was in the example ``before`` (the fix's, the bad example) is not shown again."""
    parts: list[tuple[str, str, str]] = []
    if example.command != _DEFAULT_COMMAND:
        parts.append(("", example.command, "sh"))
    labelled = len(example.files) > 1 or list(example.files) != ["cards.yaml"]
    for path, content in example.files.items():
        if before is not None and labelled and before.files.get(path) == content:
            parts.append((f"`{path}` as above.", "", ""))
            continue
        if isinstance(content, Blob):
            parts.append((f"`{path}`: {content.about}", "", ""))
            continue
        text = example.shown if example.shown and path in example.cards_files else content
        if not text and path in example.cards_files and not example.whole:
            parts.append((f"`{path}` is the example file, as it is.", "", ""))
            continue
        if not text:
            parts.append((f"`{path}` is empty.", "", ""))
            continue
        parts.append((f"`{path}`:" if labelled else "", text, _language(path)))
    return parts


def _example_md(example: Example, before: Example | None = None) -> list[str]:
    out = [example.caption, ""] if example.caption else []
    for label, text, language in _shown(example, before):
        if label:
            out += [label, ""]
        if text:
            out += [*_fence(text, language), ""]
    return out


def _was(code: str) -> str:
    old = [alias for alias, now in ALIASES.items() if now == code]
    return f" (formerly {', '.join(old)})" if old else ""


def section(code: str) -> str:
    """One code's section of the page."""
    entry, doc = CODES[code], docs()[code]
    out = [
        f"### {code} {entry.name}",
        "",
        f"**{entry.severity}**{_was(code)}: {entry.title}.",
        "",
        f"**What it checks.** {doc.checks}",
        "",
        f"**Why it matters.** {doc.why}",
        "",
        "**Example**",
        "",
        *_example_md(doc.bad),
        *([f"It reports {', '.join(doc.also)} too.", ""] if doc.also else []),
        "**Fix**",
        "",
        *_example_md(doc.fix, doc.bad),
    ]
    return "\n".join(out)


_INTRO = """\
# Diagnostic codes

`deckgen check` reports every problem in one run as
`path:line:col: severity [CODE] message`; lines and columns count from 1.
Errors stop a build; warnings do not, unless `--strict` is given. Codes are
stable and never reused; each has a short name too. `deckgen codes CODE`
prints a code's entry in a terminal, `deckgen codes` lists them all.

Each code below says what it checks, why it matters, an example that has the
problem, and the fix. The card-quality warnings (W4xx) name the principle of
learning they follow: most come from Piotr Wozniak's *Twenty rules of
formulating knowledge* (1999), the advice behind SuperMemo and Anki.

This page is generated from the documentation kept beside the code that
reports each problem (the index, `generator/codes.py`, says where):
`deckgen codes --markdown > docs/diagnostics.md`. A test checks every example
on it: the example reports its code, and the fix reports nothing.
"""


def _example_file() -> list[str]:
    return [
        "## The example file",
        "",
        "Every example is a part of this cards file, `cards.yaml`, checked with",
        "`deckgen check cards.yaml` unless it shows another command. The example's",
        "top-level keys (`deck:`, `sources:`, `cards:`) take the place of the file's",
        "own, and the file keeps the rest; an example that is a whole file says so.",
        "",
        *_fence(EXAMPLE_FILE, "yaml"),
        "",
        f"Its source, `{EXAMPLE_SOURCE_PATH}`:",
        "",
        *_fence(EXAMPLE_SOURCE, "text"),
        "",
    ]


def _renumbered() -> list[str]:
    out = [
        "## Renumbered codes",
        "",
        "Two numbers were once given to an error and a warning both. Each code has",
        "a number of its own now; the old spelling is still accepted where a code is",
        "named (`allow:` entries, `deckgen codes`), and diagnostics print the new one.",
        "",
        "| old | now | why |",
        "|---|---|---|",
    ]
    out += [f"| {old} | [{now}](#{_anchor(now)}) | {RENUMBERED[old]} |" for old, now in ALIASES.items()]
    return [*out, ""]


def markdown() -> str:
    """The whole reference page: the example file, the renumbered codes, an index, then every code."""
    out = [_INTRO, *_example_file(), *_renumbered(), "## Index", ""]
    for digit, (name, about) in GROUPS.items():
        codes = [c for c in CODES if c[1] == digit]
        out += [f"**{name}** ({about}):", "", "| code | name | severity | problem |", "|---|---|---|---|"]
        out += [
            f"| [{c}](#{_anchor(c)}) | {CODES[c].name} | {CODES[c].severity} | {CODES[c].title} |"
            for c in codes
        ]
        out.append("")
    for digit, (name, about) in GROUPS.items():
        out += [f"## {name}", "", f"{about[0].upper()}{about[1:]}.", ""]
        out += [section(c) for c in CODES if c[1] == digit]
    return "\n".join(out).rstrip("\n") + "\n"


def _wrapped(label: str, text: str) -> str:
    return textwrap.fill(f"{label} {text}", width=100, initial_indent="  ", subsequent_indent="  ") + "\n"


def _example_text(label: str, example: Example, before: Example | None = None) -> str:
    out = [f"  {label}:"]
    if example.caption:
        out.append(textwrap.indent(textwrap.fill(example.caption, 96), "    "))
    for part_label, text, language in _shown(example, before):
        if part_label:
            out.append(f"    {part_label}")
        if text:
            shown = f"$ {text}" if language == "sh" else text.rstrip("\n")
            out.append(textwrap.indent(shown, "      ", lambda line: True))
    return "\n".join(out) + "\n"


def entry(code: str) -> str:
    """One code for a terminal: its name, severity and problem, what it checks, why, the example, the fix."""
    index, doc = CODES[code], docs()[code]
    head = f"{code} {index.name} ({index.severity}, {_group(code).lower()}){_was(code)}: {index.title}\n"
    return (
        head
        + _wrapped("What it checks:", doc.checks)
        + _wrapped("Why it matters:", doc.why)
        + _example_text("Example", doc.bad)
        + (f"    It reports {', '.join(doc.also)} too.\n" if doc.also else "")
        + _example_text("Fix", doc.fix, doc.bad)
    )


def listing() -> str:
    """Every code in a line (name, severity, problem), then the renumbered ones."""
    lines = [f"{c} {e.name} ({e.severity}): {e.title}" for c, e in CODES.items()]
    lines += [f"({old} is now {now}: renumbered)" for old, now in ALIASES.items()]
    return "\n".join(lines) + "\n"
