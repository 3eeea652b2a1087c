"""The MS deck keeps the promises a program can check (issue: write the first deck)."""

from __future__ import annotations

from collections import Counter

from generator.check import check
from generator.check.rules.quality import fold
from tests.conftest import ROOT

CARDS_FILE, DIAGNOSTICS = check(ROOT / "cards.yaml")
TOPICS = {
    "anatomy",
    "pathology",
    "diagnosis",
    "signs-and-symptoms",
    "causes",
    "treatment",
    "epidemiology",
    "prognosis",
    "differential-diagnosis",
    "definitions",
    "prevention",
}


def test_deck_checks_clean_with_no_warnings() -> None:
    assert [d.format() for d in DIAGNOSTICS] == []
    assert CARDS_FILE is not None


def test_every_source_has_cards_and_every_card_cites_a_defined_source() -> None:
    assert CARDS_FILE is not None
    cited = Counter(key for card in CARDS_FILE.cards for key in card.source_keys())
    assert set(cited) == set(CARDS_FILE.sources)
    assert all(cited[key] >= 10 for key in CARDS_FILE.sources), cited


def test_ids_unique_questions_unique_answers_short() -> None:
    assert CARDS_FILE is not None
    cards = CARDS_FILE.cards
    assert 80 <= len(cards) <= 200
    assert len({c.id for c in cards}) == len(cards)
    assert len({fold(c.question) for c in cards}) == len(cards)
    lengths = sorted(len(c.answer.split()) for c in cards)
    assert lengths[-1] <= 25
    assert lengths[len(lengths) * 9 // 10] <= 15  # most answers under 15 words


def test_every_card_has_a_topic_tag() -> None:
    assert CARDS_FILE is not None
    for card in CARDS_FILE.cards:
        assert set(card.tags) & TOPICS, card.id


def test_description_says_not_medical_advice_and_names_sources() -> None:
    assert CARDS_FILE is not None
    text = " ".join(CARDS_FILE.deck.description.split())
    assert "not medical advice" in text
    for source in CARDS_FILE.sources.values():
        assert (source.publisher or source.title).split()[0] in text


def test_contested_figures_name_their_source() -> None:
    assert CARDS_FILE is not None
    for card in CARDS_FILE.cards:
        if any(ch.isdigit() for ch in card.answer + card.question):
            named = card.question + card.answer
            assert any(
                word in named for word in ("Healthline", "Spine Institute", "article", "National MS Society")
            ), card.id
