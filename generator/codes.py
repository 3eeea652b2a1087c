"""The registry of diagnostic codes: one stable code per kind of problem.

Groups: E0xx syntax and input, E1xx structure, E2xx references,
E3xx content, W4xx style and card quality. Codes are never reused.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Code:
    """A diagnostic code: its severity and a one-line title."""

    severity: Literal["error", "warning"]
    title: str


CODES: dict[str, Code] = {
    # syntax and input
    "E001": Code("error", "YAML syntax error"),
    "E002": Code("error", "file is not valid UTF-8"),
    "E003": Code("error", "file is empty"),
    "E004": Code("error", "tab character used for indentation"),
    "E005": Code("error", "YAML tag not allowed (the file is data, never code)"),
    "E006": Code("error", "input too large (file size, aliases or nesting)"),
    "E007": Code("error", "cards file cannot be read"),
    "W008": Code("warning", "file starts with a byte-order mark"),
    # structure
    "E101": Code("error", "wrong type (e.g. a list where text belongs)"),
    "E102": Code("error", "required key missing"),
    "E103": Code("error", "unknown key"),
    "E104": Code("error", "duplicate key in a mapping"),
    "E105": Code("error", "unsupported schema version"),
    "W106": Code("warning", "unquoted value that YAML would read as another type"),
    # references
    "E201": Code("error", "evidence names an undefined source"),
    "W202": Code("warning", "source used by no card"),
    "E203": Code("error", "source file missing or unreadable"),
    # content
    "E301": Code("error", "id is not a valid slug"),
    "E302": Code("error", "duplicate id"),
    "E303": Code("error", "empty text"),
    "E304": Code("error", "duplicate question"),
    "E305": Code("error", "evidence quote not found in its source"),
    "E306": Code("error", "invalid tag"),
    "E307": Code("error", "text too long"),
    "E308": Code("error", "card has no evidence"),
    "E309": Code("error", "ids that differ only in case"),
    "E310": Code("error", "ignored passage not found in its source"),
    "E311": Code("error", "ignore entry without a reason"),
    "E312": Code("error", "ignore entry needs exactly one of quote or lines"),
    # style and card quality
    "W401": Code("warning", "answer given away in the question"),
    "W402": Code("warning", "yes/no question"),
    "W403": Code("warning", "very long answer"),
    "W404": Code("warning", "question asks for many things at once"),
    "W405": Code("warning", "HTML in a text field (it is shown as text)"),
}
