"""The code registry is the single truth: every code documented, every emitted code registered."""

from __future__ import annotations

import re
from pathlib import Path

from generator.codes import CODES

ROOT = Path(__file__).resolve().parent.parent
CODE = re.compile(r"\b[EW]\d{3}\b")


def _readme_codes_section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start, end = text.index("<!-- section: codes -->"), text.index("<!-- end: codes -->")
    return text[start:end]


def test_every_code_is_documented_in_the_readme_with_its_severity() -> None:
    rows = {
        m.group(1): m.group(2)
        for m in re.finditer(r"^\| ([EW]\d{3}) \| (error|warning) \|", _readme_codes_section(), re.M)
    }
    assert rows == {code: entry.severity for code, entry in CODES.items()}


def test_readme_rows_have_a_bad_example_and_a_fix() -> None:
    for line in _readme_codes_section().splitlines():
        if CODE.match(line.removeprefix("| ")):
            cells = [c.strip() for c in line.strip("|").split(" | ")]
            assert len(cells) == 5 and all(cells), line


def test_every_emitted_code_is_registered() -> None:
    emitted: set[str] = set()
    for path in (ROOT / "generator").glob("*.py"):
        if path.name != "codes.py":
            emitted.update(re.findall(r"\"([EW]\d{3})\"", path.read_text(encoding="utf-8")))
    assert emitted, "no codes found: the pattern is out of date"
    assert emitted <= set(CODES), sorted(emitted - set(CODES))


def test_codes_are_grouped_and_severity_matches_the_letter() -> None:
    for code, entry in CODES.items():
        assert entry.severity == ("error" if code[0] == "E" else "warning"), code
        assert code[1] in "01234", code
