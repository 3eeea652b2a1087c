"""The diagnostic codes reference, made from the registry (:mod:`generator.codes`).

``docs/diagnostics.md`` is this module's :func:`markdown` (a test keeps them
equal), and ``deckgen codes`` prints entries from :func:`entry`.
"""

from __future__ import annotations

from generator.codes import CODES, GROUPS, Code

INTRO = """\
# Diagnostic codes

`deckgen check` reports every problem in one run as
`path:line:col: severity [CODE] message`; lines and columns count from 1.
Codes are stable and never reused. Errors stop a build; warnings do not,
unless `--strict` is given. The examples are one line of `cards.yaml`.
`deckgen codes CODE` prints one entry in a terminal.

This page is generated from the registry in `generator/codes.py`:
`deckgen codes --markdown > docs/diagnostics.md`.
"""


def markdown() -> str:
    """The whole reference page, grouped, one table row a code."""
    out = [INTRO]
    for digit, (name, about) in GROUPS.items():
        codes = [(c, e) for c, e in CODES.items() if c[1] == digit]
        letter = "W" if all(c[0] == "W" for c, _ in codes) else "E"
        out.append(f"\n## {name} ({letter}{digit}xx): {about}\n")
        out.append("| code | severity | problem | bad | fix |")
        out.append("|---|---|---|---|---|")
        out.extend(f"| {c} | {e.severity} | {e.title} | {e.bad} | {e.fix} |" for c, e in codes)
    return "\n".join(out) + "\n"


def entry(code: str, doc: Code) -> str:
    """One code for a terminal: the code, severity and problem, then the bad example and the fix."""
    name, _ = GROUPS[code[1]]
    return f"{code} ({doc.severity}, {name.lower()}): {doc.title}\n  bad: {doc.bad}\n  fix: {doc.fix}\n"
