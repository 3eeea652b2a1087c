"""The closest passage to a quote that is not in its source, and how the two differ, in whole words."""

from __future__ import annotations

import pytest

from generator.text.closest import SENTENCE_WORDS, clip, closest, difference
from generator.text.source import SourceText

HIER = """\
/boot  Contains  static files for the boot loader.  This direc\u2010
       tory holds only the files which are  needed  during  the
       boot process.  The map installer and configuration files
       should go to /sbin and /etc.  The operating system  ker\u2010
       nel  (initrd for example) must be located in either / or
       /boot.
"""
"""Lines of ``man 7 hier`` as a terminal shows them (hyphenated with U+2010 at line ends)."""


def test_the_passage_runs_on_to_the_end_of_its_sentence() -> None:
    text = SourceText(HIER)
    assert closest(text, "Contains static files for the bootloader") == (
        1,
        "Contains static files for the boot loader.",
    )
    assert closest(text, "This directory holds just the files") == (
        1,
        "This directory holds only the files which are needed during the boot process.",
    )


def test_the_passage_runs_on_a_few_words_at_most() -> None:
    words = " ".join(f"w{i}" for i in range(100))
    _, passage = closest(SourceText(words + "."), "w0 w1 w2 x3") or (0, "")
    assert passage.split() == [f"w{i}" for i in range(4 + SENTENCE_WORDS)]


@pytest.mark.parametrize(
    ("quote", "passage", "differs"),
    [
        # the case: the whole words, not 'boot' where the source has 'boot loader.'
        (
            "static files for the bootloader",
            "static files for the boot loader.",
            ("bootloader", "boot loader."),
        ),
        ("files for the boot load", "files for the boot loader.", ("load", "loader.")),
        (
            "The operating system kernel ... must be located",
            "The operating system kernel (initrd for example) must be located in either / or /boot.",
            ("...", "(initrd for example)"),
        ),
        # the quote ends before its sentence does: only the words in its last words' place, and one more
        (
            "holds only the files that are",
            "holds only the files which are needed during the boot process.",
            ("that", "which"),
        ),
        (
            "holds only the papers",
            "holds only the files which are needed during the boot process.",
            ("papers", "files which"),
        ),
        ("the boot loader and more", "the boot loader.", ("and more", "")),
        ("the boot loader,", "the boot loader. This", ("loader,", "loader.")),
        ("the boot loader", "the boot loader. This", None),
    ],
)
def test_the_difference_is_in_whole_words(quote: str, passage: str, differs: tuple[str, str] | None) -> None:
    assert difference(quote, passage) == differs


def test_clip_cuts_at_a_words_end() -> None:
    assert clip("the boot loader.", 60) == "the boot loader."
    assert clip("This directory holds only the files", 21) == "This directory holds…"
    assert clip("This directory holds only the files", 20) == "This directory…"
    assert clip("x" * 30, 10) == "x" * 9 + "…"
