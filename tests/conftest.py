"""Shared fixtures: real Anki collections, the browsers, small cards files.

Tests that need Anki or a browser skip when those are missing on a laptop,
but fail when CI=true, so CI can never pass by skipping them.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import textwrap
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
pytest_plugins = ["tests.phone.checks"]  # the browser fixtures, for the phone tests and the deck's
CHROMIUM_PATHS = ("/usr/bin/chromium", "/usr/bin/chromium-browser")


# No wall-clock limits in tests: Hypothesis's per-example deadline is one, and it
# fails property tests on a busy machine. Work is bounded by example counts instead.
settings.register_profile("deckgen", deadline=None)
settings.load_profile("deckgen")


@pytest.fixture(autouse=True)
def build_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test's own cache folder for build records (generator/compile/cache.py), never the user's."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("DECKGEN_CACHE", str(folder))
    return folder


THOROUGH = os.environ.get("DECKGEN_THOROUGH", "") == "1"
"""``DECKGEN_THOROUGH=1 pytest -m slow`` runs the slow property tests at full strength."""


def budget(thorough: int, least: int = 100) -> int:
    """Examples for a slow property test: all of them when thorough, a tenth (at least ``least``) by default.

    The default still runs in every whole-suite run and in CI; the tests that use
    it carry the ``slow`` marker, so ``-m slow`` picks them out.
    """
    return thorough if THOROUGH else max(thorough // 10, least)


def pytest_collection_finish(session: pytest.Session) -> None:
    """On a whole-suite run, every tests/**/test_*.py file must have been collected.

    (pytest passes over some folder names by default, ``build`` among them: a
    test folder it passes over would go quiet without this.)
    """
    if session.config.option.file_or_dir or session.config.option.keyword or session.config.option.markexpr:
        return
    collected = {Path(str(item.path)) for item in session.items}
    on_disk = set((ROOT / "tests").rglob("test_*.py"))
    if on_disk - collected:
        names = sorted(str(p.relative_to(ROOT)) for p in on_disk - collected)
        raise pytest.UsageError(f"test files not collected: {names}")


def missing(what: str) -> None:
    """Skip on a laptop, fail on CI: a test that needs ``what`` cannot run."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{what} is required when CI=true")
    pytest.skip(f"{what} is not installed")


@pytest.fixture
def anki_collection(tmp_path: Path) -> Iterator[Any]:
    """A fresh, empty collection of the real Anki engine."""
    try:
        from anki.collection import Collection
    except ImportError:
        missing("the anki package")
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        yield col
    finally:
        col.close()


def import_apkg(col: Any, path: Path) -> Any:
    """Import a package the way Anki's import dialog does by default."""
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    request = ImportAnkiPackageRequest(package_path=str(path), options=ImportAnkiPackageOptions())
    return col.import_anki_package(request)


def find_chromium() -> str | None:
    """Path of Debian's Chromium, or None on a machine without it."""
    for path in CHROMIUM_PATHS:
        if Path(path).exists():
            return path
    return shutil.which("chromium")


def chromium_path() -> str:
    """Path of Debian's Chromium (skips on a laptop without it, fails on CI)."""
    found = find_chromium()
    if found:
        return found
    missing("Chromium")
    raise AssertionError("unreachable")


@pytest.fixture
def chromium() -> str:
    """Path of Debian's Chromium."""
    return chromium_path()


SOURCE_TEXT = """\
# A small document

Spinal cord lesions are common in [MS](#). They’re found in about [80 percent](#) of people.

The CNS includes the brain, spinal cord, and optic nerves.

MRI uses strong magnetic and radio waves to produce detailed pictures.
"""

HEADER = """\
deck:
  name: Test Deck
  id: 1234567890
sources:
  doc:
    title: A small document
    file: doc.txt
"""

ONE = (
    HEADER
    + """\
cards:
  - id: cns-parts
    question: Which parts make up the *CNS*?
    answer: <b>brain</b> & spinal cord
    extra: "- one\\n- two"
    evidence: {doc: "The CNS includes the brain, spinal cord, and optic nerves."}
    tags: [anatomy]
"""
)
TWO = (
    ONE
    + """\
  - id: mri-waves
    question: What does MRI use to make its pictures?
    answer: Strong magnetic and radio waves.
    evidence: {doc: "MRI uses strong magnetic and radio waves"}
"""
)
"""One card, and two, over the small document (for build tests)."""

CNS = """\
  - id: cns-parts
    question: Which parts make up the CNS?
    answer: The brain, spinal cord and optic nerves.
    evidence: {doc: "The CNS includes the brain, spinal cord, and optic nerves."}
"""
MRI = """\
  - id: mri-waves
    question: What does MRI use to make its pictures?
    answer: Strong magnetic and radio waves.
    evidence: {doc: "MRI uses strong magnetic and radio waves"}
"""
LESIONS = """\
  - id: lesions-common
    question: In which disease are spinal cord lesions common?
    answer: MS.
    evidence: {doc: "Spinal cord lesions are common in MS."}
"""
PLAIN = HEADER + "cards:\n" + CNS + MRI + LESIONS
"""Three plain cards over the small document, and each card alone (for tests that edit a deck
between builds: a card dropped, renamed or changed)."""


@pytest.fixture
def write_cards(tmp_path: Path) -> Callable[..., Path]:
    """Write a cards file (and its source document) into a temp folder; return its path.

    ``write_cards(cards_yaml)`` writes the text as is; ``write_cards(cards_yaml,
    header=True)`` puts a standard deck and source header before it.
    """

    def write(text: str, header: bool = False, source: str = SOURCE_TEXT) -> Path:
        (tmp_path / "doc.txt").write_text(source, encoding="utf-8")
        body = textwrap.dedent(text)
        path = tmp_path / "cards.yaml"
        path.write_text(HEADER + body if header else body, encoding="utf-8")
        return path

    return write


def rewrite_notes(apkg: Path, scratch: Path, html: str) -> None:
    """Put ``html`` in place of "Strong" in the fields of every note of ``apkg`` (by way of the database file
    ``scratch``), keeping its zip comment: a package with markup deckgen never writes."""
    with zipfile.ZipFile(apkg) as archive:
        comment, media, db = archive.comment, archive.read("media"), archive.read("collection.anki2")
    scratch.write_bytes(db)
    conn = sqlite3.connect(scratch)
    conn.execute("UPDATE notes SET flds = replace(flds, 'Strong', ?)", (html,))
    conn.commit()
    conn.close()
    with zipfile.ZipFile(apkg, "w") as archive:
        archive.comment = comment
        archive.writestr("collection.anki2", scratch.read_bytes())
        archive.writestr("media", media)
