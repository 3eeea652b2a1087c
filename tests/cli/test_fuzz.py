"""Hostile input: a corpus of nasty files, and fuzzing with random and mutated YAML.

Whatever the bytes, checking returns diagnostics with registered codes at
positions inside the file, and never raises, crashes or runs anything.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.codes import CODES
from tests.checking import CARD, HEADER, check, run

CORPUS = Path(__file__).parent / "corpus"
EXPECTED = {
    "bad-utf8.yaml": [("E002", 2, 12)],
    "billion-laughs.yaml": [("E006", 6, 8)],
    "bom-only.yaml": [("E003", 1, 1), ("W008", 1, 1)],
    "cards-mapping.yaml": [("E101", 4, 3)],
    "comments-only.yaml": [("E003", 1, 1)],
    "deep-block.yaml": [("E006", 1, 129)],
    "deep-flow.yaml": [("E006", 1, 65)],
    "merge-key.yaml": [
        *[("E102", 1, 1)] * 2,
        ("E103", 1, 1),
        *[("E102", 3, 5)] * 4,
        ("E103", 3, 5),
    ],
    "non-string-keys.yaml": [
        *[("E102", 1, 1)] * 3,
        ("E101", 1, 3),
        ("E101", 3, 3),
        ("E103", 5, 1),
        ("E103", 6, 1),
    ],
    "null-byte.yaml": [("E001", 2, 10)],
    "python-name.yaml": [("E102", 1, 1), ("E005", 2, 5), ("E101", 2, 5)],  # cards: only, as an included file
    "python-object.yaml": [("E102", 1, 1), ("E102", 1, 1), ("E005", 1, 7), ("E101", 1, 7)],
    "self-alias.yaml": [("E001", 2, 9)],
    "tab-indent.yaml": [("E004", 2, 1)],
    "top-level-list.yaml": [("E101", 1, 1)],
    "top-level-scalar.yaml": [("E101", 1, 1)],
    "two-documents.yaml": [("E001", 2, 1)],
    "utf16.yaml": [("E002", 1, 1)],
}
VALID = HEADER + CARD + "    tags: [anatomy]\n    extra: See *the* source.\n"


def assert_sane(data: bytes) -> None:
    """Checking ``data`` gives well-formed diagnostics and never raises."""
    model, found = run(data)
    lines = data.count(b"\n") + 2
    for d in found:
        assert d.code in CODES
        assert 1 <= d.line <= lines and d.col >= 1, d
        assert d.message and "\n" not in d.message.strip("\n"), d
    if model is not None and not any(d.severity.name == "ERROR" for d in found):
        assert model.cards


def test_the_corpus_is_complete() -> None:
    assert sorted(p.name for p in CORPUS.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_case(name: str) -> None:
    data = (CORPUS / name).read_bytes()
    assert check(data) == EXPECTED[name]
    assert_sane(data)


FUZZ = settings(
    max_examples=300,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
SYMBOLS = " \t\n-:?[]{},&*!|>'\"#%@`~abcxyz019.\\\u00e9\u2019\ufeff\x00"
YAMLISH = st.text(alphabet=st.sampled_from(list(SYMBOLS)))


@FUZZ
@given(st.binary(max_size=300))
def test_random_bytes(data: bytes) -> None:
    assert_sane(data)


@FUZZ
@given(YAMLISH)
def test_random_yaml_like_text(text: str) -> None:
    assert_sane(text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(st.integers(0, len(VALID)), st.integers(0, 40), YAMLISH.filter(bool))
def test_mutated_valid_file(at: int, cut: int, insert: str) -> None:
    assert_sane((VALID[:at] + insert + VALID[at + cut :]).encode())


@FUZZ
@given(st.lists(st.sampled_from(VALID.splitlines(keepends=True)), max_size=30))
def test_shuffled_lines_of_a_valid_file(lines: list[str]) -> None:
    assert_sane("".join(lines).encode())


def test_the_valid_file_is_valid() -> None:
    assert check(VALID) == []


@pytest.mark.parametrize("fmt", ["human", "json", "github"])
def test_the_command_line_reports_every_corpus_case_without_a_traceback(fmt: str) -> None:
    for path in sorted(CORPUS.iterdir()):
        result = CliRunner().invoke(main, ["check", str(path), "--format", fmt], catch_exceptions=False)
        assert result.exit_code == 1, path.name
        assert "Traceback" not in result.output
