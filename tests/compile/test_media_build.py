"""Media in the build: names from content, and a file that changes mid-build stops it."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.compile import BuildError, build
from generator.compile import medianames as shipped
from generator.model import MediaFile
from tests.conftest import HEADER
from tests.media_files import png

CARD = """\
cards:
  - id: cns-parts
    question: Which parts make up the CNS?
    answer: "![The CNS](cns.png)"
    evidence: {doc: "The CNS includes the brain, spinal cord, and optic nerves."}
"""


def test_content_names_come_from_the_deck_and_the_bytes() -> None:
    file = MediaFile("image", Path("/x/a.jpeg"), "jpg", "0123456789abcdef" + "0" * 48, 10)
    assert (
        shipped.content_name("ms-and-spinal-cord-lesions", file)
        == "ms-and-spinal-cord-lesions-0123456789abcdef.jpg"
    )
    fields = [
        '<img src="d-0123456789abcdef.png" alt="x">',
        "[sound:d-fedcba9876543210.mp3]",
        'src="other.png"',
    ]
    assert shipped.referenced(fields) == {"d-0123456789abcdef.png", "d-fedcba9876543210.mp3"}


def test_a_picture_that_changes_during_the_build_stops_it(tmp_path: Path) -> None:
    cards = tmp_path / "cards.yaml"
    (tmp_path / "doc.txt").write_text("The CNS includes the brain, spinal cord, and optic nerves.\n", "utf-8")
    (tmp_path / "cns.png").write_bytes(png(3, 3))
    cards.write_text(HEADER + CARD, encoding="utf-8")

    def meddle(stage: str, _: float) -> None:
        if stage == "Packaging":
            (tmp_path / "cns.png").write_bytes(png(5, 5))

    with pytest.raises(BuildError, match=r"cns\.png changed while the deck was being built"):
        build(cards, tmp_path / "out", now=1_800_000_000, progress=meddle)
    written = {p.name for p in (tmp_path / "out").iterdir()} if (tmp_path / "out").exists() else set()
    assert not {name for name in written if name.endswith((".apkg", ".json"))}, written


def test_names_stay_short_for_long_deck_names() -> None:
    file = MediaFile("image", Path("/x/a.png"), "png", "ab" * 32, 10)
    name = shipped.content_name("a-" * 60 + "deck", file)
    assert len(name) <= 120 and name.endswith("-abababababababab.png")
