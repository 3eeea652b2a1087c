"""Diagnostics: problems found in a cards file are values, never exceptions.

Every check appends ``Diagnostic`` values to a list; the caller decides what to
print and which exit code follows (see :func:`exit_code`).
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator.codes import CODES


class Severity(enum.IntEnum):
    """How bad a problem is; higher is worse."""

    WARNING = 1
    ERROR = 2

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at a 1-based line and column of a file."""

    path: str
    line: int
    col: int
    severity: Severity
    code: str
    message: str

    def format(self) -> str:
        """The one-line ``path:line:col: severity [CODE] message`` form."""
        return f"{self.path}:{self.line}:{self.col}: {self.severity} [{self.code}] {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "severity": str(self.severity),
            "code": self.code,
            "message": self.message,
        }


def make(path: str, line: int, col: int, code: str, message: str) -> Diagnostic:
    """A diagnostic whose severity comes from the code's registry entry."""
    severity = Severity.ERROR if CODES[code].severity == "error" else Severity.WARNING
    return Diagnostic(path, line, col, severity, code, message)


def has_errors(diagnostics: Iterable[Diagnostic], strict: bool = False) -> bool:
    """True when any diagnostic is an error (or, with ``strict``, a warning)."""
    floor = Severity.WARNING if strict else Severity.ERROR
    return any(d.severity >= floor for d in diagnostics)


def exit_code(diagnostics: Iterable[Diagnostic], strict: bool = False) -> int:
    """0 when clean, 1 when there are errors (or warnings under ``strict``)."""
    return 1 if has_errors(diagnostics, strict) else 0


def sort(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """File order: by path, line, column, then code."""
    return sorted(diagnostics, key=lambda d: (d.path, d.line, d.col, d.code, d.message))


def _github_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def render(diagnostics: Sequence[Diagnostic], fmt: str, strict: bool = False) -> str:
    """Diagnostics as text in one of the formats ``human``, ``json``, ``github``.

    Under ``strict`` warnings are reported as errors, since they fail the run.
    """
    items = [
        Diagnostic(d.path, d.line, d.col, Severity.ERROR, d.code, d.message) if strict else d
        for d in diagnostics
    ]
    if fmt == "json":
        return json.dumps([d.as_dict() for d in items], indent=2, ensure_ascii=False) + "\n"
    if fmt == "github":
        lines = [
            f"::{d.severity} file={_github_escape(d.path, True)},line={d.line},col={d.col},"
            f"title={d.code}::{_github_escape(d.message)}"
            for d in items
        ]
        return "".join(line + "\n" for line in lines)
    return "".join(d.format() + "\n" for d in items)


def summary(diagnostics: Sequence[Diagnostic]) -> str:
    """A closing line such as ``2 errors, 1 warning``."""
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    warnings = len(diagnostics) - errors
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
