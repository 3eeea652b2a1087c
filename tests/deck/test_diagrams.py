"""The MS deck's diagrams: drawn by images/diagrams.py, static, and saying what the cards say."""

from __future__ import annotations

import importlib.util
import re
from types import ModuleType

import pytest

from generator.check import check
from generator.check.rules.quality import fold
from generator.check.svg import check_svg
from tests.conftest import ROOT

CARDS_FILE, _ = check(ROOT / "cards.yaml")

AGREES = [
    # (card, diagram, what the diagram says, where the card says it, what the card says)
    ("cervical-region-most-common", "spine-regions.svg", "Cervical", "answer", "cervical"),
    ("cervical-region-most-common", "spine-regions.svg", "neck", "answer", "neck"),
    (
        "cervical-region-most-common",
        "spine-regions.svg",
        "MS lesions: most often cervical",
        "evidence",
        "most of the time are being found in the cervical region",
    ),
    # the thoracic region, once a card of its own, is now said under the cervical card's answer
    (
        "cervical-region-most-common",
        "spine-regions.svg",
        "Thoracic",
        "extra",
        "The thoracic (chest) region is affected too",
    ),
    (
        "cervical-region-most-common",
        "spine-regions.svg",
        "sometimes thoracic",
        "evidence",
        "sometimes it can be found in the thoracic region",
    ),
    ("cord-lower-end-spine-institute", "spine-regions.svg", "Lumbar", "note", "lumbar spine"),
    (
        "cord-lower-end-spine-institute",
        "spine-regions.svg",
        "The spinal cord ends at about L1–L2",
        "answer",
        "at about the L1 to L2 vertebrae",
    ),
    (
        "myelin-sheath-fat-layer-ms-article",
        "nerve-fibre-lesion.svg",
        "Myelin sheath",
        "answer",
        "myelin sheath",
    ),
    (
        "myelin-sheath-fat-layer-ms-article",
        "nerve-fibre-lesion.svg",
        "Nerve fibre",
        "question",
        "nerve fibres",
    ),
    ("scar-tissue", "nerve-fibre-lesion.svg", "scar tissue left", "answer", "scar tissue"),
    ("scar-tissue", "nerve-fibre-lesion.svg", "myelin stripped away", "evidence", "myelin is stripped away"),
    (
        "slower-impulses-ms-article",
        "nerve-fibre-lesion.svg",
        "Impulses travel more slowly",
        "answer",
        "impulses travel more slowly",
    ),
]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("diagrams", ROOT / "images" / "diagrams.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _words(svg: str) -> str:
    """The text a diagram shows, its labels one after another."""
    return " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg))


@pytest.mark.parametrize("name", ["spine-regions.svg", "nerve-fibre-lesion.svg"])
def test_each_diagram_is_the_scripts_drawing_and_a_static_one(name: str) -> None:
    drawn = _script().DRAWINGS[name]()
    assert (ROOT / "images" / name).read_text(encoding="utf-8") == drawn, "run: python images/diagrams.py"
    assert check_svg(drawn.encode()) is None


def test_the_labels_agree_with_the_cards_that_show_them() -> None:
    assert CARDS_FILE is not None
    cards = {card.id: card for card in CARDS_FILE.cards}
    shown = {(card.id, ref.path.rsplit("/", 1)[-1]) for card in CARDS_FILE.cards for ref in card.media}
    assert shown == {(card_id, diagram) for card_id, diagram, *_ in AGREES}
    for card_id, diagram, label, field, says in AGREES:
        words = _words((ROOT / "images" / diagram).read_text(encoding="utf-8"))
        assert label in words, (diagram, label)
        card = cards[card_id]
        text = " ".join(e.quote for e in card.evidence) if field == "evidence" else getattr(card, field)
        assert fold(says) in fold(text), (card_id, field, says)


def test_the_pictures_are_behind_the_answer() -> None:
    """A diagram labels the answer, so it is shown only on the back (in the extra)."""
    assert CARDS_FILE is not None
    for card in CARDS_FILE.cards:
        for ref in card.media:
            assert ref.path not in card.question and ref.path in card.extra, card.id
            assert len(ref.alt) > 40, card.id  # it says what the diagram shows
