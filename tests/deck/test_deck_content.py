"""The MS deck keeps the promises a program can check.

Issue: write the first deck; issue 15: rewrite it for learners (fewer, better
cards that never drill a wrong fact); issue 16: figures and lists as cloze
cards, terms and their meanings as reversed cards; issue 29: the third pass,
for a stated audience (patients, carers and students starting neurology): what
the learner recalls is accurate, the answer carries the fact, no question names
a source or gives its answer away, no two cards interfere.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Sequence

from generator.check import check
from generator.check.rules.quality import fold
from generator.model import Card
from generator.text import cloze
from generator.text.words import stems
from tests.conftest import ROOT

CARDS_FILE, DIAGNOSTICS = check(ROOT / "cards.yaml")


def prompt(card: Card) -> str:
    """What the card asks: its question, or a cloze card's text."""
    return card.text if card.kind == "cloze" else card.question


def answered(cards: Sequence[Card]) -> list[Card]:
    """The cards with an answer of their own (all but cloze cards)."""
    return [card for card in cards if card.kind != "cloze"]


def words(card: Card) -> str:
    """Everything the card shows as its own: question, answer or text (its deletions shown)."""
    return " ".join((card.question, card.answer, cloze.reveal(card.text)))


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


# Issue 29 asked for "about 60-100 cards"; held to its own standard, the three documents give 51
# (of the 80: 5 kept as they were, 41 rewritten or merged into, 34 dropped; 3 new, 1 restored; then
# 1 more whose quote states its answer: which regions of the spine are scanned).
CARD_COUNT = (45, 100)


def test_ids_unique_questions_unique_answers_short() -> None:
    assert CARDS_FILE is not None
    cards = CARDS_FILE.cards
    assert CARD_COUNT[0] <= len(cards) <= CARD_COUNT[1]
    assert len({c.id for c in cards}) == len(cards)
    assert len({fold(prompt(c)) for c in cards}) == len(cards)
    lengths = sorted(len(c.answer.split()) for c in answered(cards))
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


def test_description_and_sources_readme_name_the_audience() -> None:
    """Issue 29: the deck says who it is for, and the sources' README says the same."""
    assert CARDS_FILE is not None
    readme = " ".join((ROOT / "sources" / "README.md").read_text(encoding="utf-8").split())
    for text in (" ".join(CARDS_FILE.deck.description.split()), readme):
        for audience in ("patients", "carers", "students starting neurology"):
            assert audience in text, audience


# A year ("approved in 2017") or a vertebra ("L1 to L2") is a fact, not one source's figure.
NOT_A_FIGURE = re.compile(r"\b(?:19|20)\d\d\b|\b[CTLS]\d\b")
# Whose figure a card can name: its sources, and the bodies whose figures the sources cite or lack.
FIGURE_OWNERS = (
    "Healthline",
    "Spine Institute",
    "article",
    "National MS Society",
    "MS International Federation",
)


def figures(card: Card) -> list[str]:
    """The figures a card shows as its own (its question, answer or text), years and vertebrae aside."""
    return re.findall(r"\d+(?:\.\d+)?", NOT_A_FIGURE.sub("", words(card)))


def test_contested_figures_name_their_source() -> None:
    """Issue 29: no question names a source, so the card's extra says whose figure it is, in so many
    words, and the figure is either quoted from the card's evidence or, where the sources are out of
    date, given in the card's note beside the source's own."""
    assert CARDS_FILE is not None
    figure_cards = [card for card in CARDS_FILE.cards if figures(card)]
    assert len(figure_cards) >= 3
    for card in figure_cards:
        assert "The figure is" in card.extra, card.id
        assert any(owner in card.extra for owner in FIGURE_OWNERS), card.id
        for figure in figures(card):
            quoted = any(figure in _plain(ev.quote) for ev in card.evidence)
            assert quoted or figure in card.note, (card.id, figure)


# ---------------------------------------------------------------- issue 15: a deck to learn from

SOURCE_NAMES = re.compile(
    r"Healthline|Spine Institute|\barticle\b|National MS Society|according to|\bper\b", re.I
)
# Cards that quote a source's doubtful, wrong or out-of-date claim: each answers what is
# accurate, and its own editorial note explains the source's error.
NOTED = {
    "paresthesia-spine-institute-reversed",  # paralysis listed as a paresthesia symptom
    "spasticity-spine-institute-reversed",  # spasticity as "constant muscle contractions"
    "nmo-alternative-disease-healthline",  # NMO "primarily on the spinal cord"; the 2015 NMOSD criteria
    "medicine-2017-ppms-ms-article",  # the article's unnamed 2017 medicine
    "worldwide-estimate-spine-institute-cloze",  # "just over 2 million": out of date
    "mri-best-way-healthline",  # MRI alone does not "determine if a person has MS"
    "posterior-columns-ms-article",  # "confirmed ... in each ms type" overstates, and names one column
    "cord-lower-end-spine-institute",  # the cord ends at L1 to L2, not lower in the lumbar spine
    "demyelination-definition-healthline-reversed",  # demyelination as CNS-only and "progressive"
    "symptoms-depend-on-location-ms-article-cloze",  # discomfort "limited to the affected area"
    "life-expectancy-spine-institute",  # a "normal life expectancy"
}
# Doubtful claims in the documents (source, words of the claim). Each one is either
# ignored, with a reason, or quoted only by cards that carry a note.
DOUBTFUL = [
    ("spine-institute", "paresthesia symptoms (numbness, tingling, and paralysis)"),
    ("spine-institute", "Constant spine-related muscle contractions (spasticity)"),
    ("healthline", "NMO occurs primarily on the spinal cord"),
    ("spine-institute", "About 20 percent of MS patients only experience lesions in this area."),
    ("spine-institute", "go on to enjoy a normal life expectancy"),
    ("ms-article", "cause damage to the myelin"),
    ("ms-article", "it still isn't know if there is any kind of therapy that can help them"),
    ("spine-institute", "see a Los Angeles spine surgeon"),
    ("spine-institute", "holistic remedies to prevent or manage flare-ups"),
    ("spine-institute", "sometimes referred to as spinal muscular sclerosis"),
    ("ms-article", "Some reserchers has discovered"),
    ("ms-article", "has more spinal cord lesions than brain lesions"),
    ("spine-institute", "the discomfort is often limited to the affected area"),
    ("spine-institute", "neck pain to be the first noticeable sign of MS"),
    ("spine-institute", "affects just over 2 million people"),
    ("ms-article", "lesions most of the time are located in the posterior columns in each ms type"),
    ("healthline", "way to determine if a person has MS"),
    ("spine-institute", "all the way down to the lumbar spine"),
    ("healthline", "the progressive stripping of the myelin sheath in the CNS"),
]


def _plain(text: str) -> str:
    """Text compared the way quotes are: typographic quotes as ASCII, spaces collapsed."""
    text = text.translate(str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'}))
    return " ".join(text.split())


def test_card_count_and_question_length() -> None:
    assert CARDS_FILE is not None
    lengths = [len(prompt(card).split()) for card in CARDS_FILE.cards]
    assert CARD_COUNT[0] <= len(lengths) <= CARD_COUNT[1]
    assert statistics.median(lengths) <= 14
    assert max(lengths) <= 25, [c.id for c in CARDS_FILE.cards if len(prompt(c).split()) > 25]


def test_no_question_names_a_source() -> None:
    """Issue 29: the Sources section on the back names the source; a question never does (it was
    one source's figure, term or claim in six cards: "Per the National MS Society (Healthline, 2019)")."""
    assert CARDS_FILE is not None
    naming = {card.id for card in CARDS_FILE.cards if SOURCE_NAMES.search(prompt(card))}
    assert naming == set()
    assert not any("What does" in card.question and " say" in card.question for card in CARDS_FILE.cards)


def test_no_set_learnt_by_elimination_and_no_bare_yes_or_no() -> None:
    assert CARDS_FILE is not None
    for card in CARDS_FILE.cards:
        assert not re.search(r"\b(besides|apart from|other than)\b", prompt(card), re.I), card.id
    for card in answered(CARDS_FILE.cards):
        assert fold(card.answer) not in {"yes", "no", "none", "nothing"}, card.id


def test_no_two_cards_share_an_answer() -> None:
    assert CARDS_FILE is not None
    answers = Counter(fold(card.answer) for card in answered(CARDS_FILE.cards))
    assert [answer for answer, n in answers.items() if n > 1] == []


def test_figures_name_the_date_of_a_dated_source() -> None:
    assert CARDS_FILE is not None
    for card in CARDS_FILE.cards:
        if figures(card):
            for key in card.source_keys():
                date = CARDS_FILE.sources[key].date
                if date:
                    assert date[:4] in card.extra, card.id


def test_flagged_cards_carry_an_editorial_note() -> None:
    assert CARDS_FILE is not None
    by_id = {card.id: card for card in CARDS_FILE.cards}
    assert set(by_id) >= NOTED
    for card_id in NOTED:
        assert len(by_id[card_id].note.split()) >= 10, card_id


def test_doubtful_claims_are_ignored_or_corrected() -> None:
    assert CARDS_FILE is not None
    for key, claim in DOUBTFUL:
        source = CARDS_FILE.sources[key]
        assert _plain(claim) in _plain(source.path.read_text(encoding="utf-8")), claim
        quoting = [
            card
            for card in CARDS_FILE.cards
            for ev in card.evidence
            if ev.source == key and _plain(claim) in _plain(ev.quote)
        ]
        ignored = [ig for ig in source.ignore if ig.quote and _plain(claim) in _plain(ig.quote)]
        assert quoting or ignored, f"{claim!r} is neither quoted by a card nor ignored"
        for card in quoting:
            assert card.note, f"card {card.id!r} quotes {claim!r} without a note"
        for entry in ignored:
            assert len(entry.reason.split()) >= 8, entry.reason


def test_the_article_contradicting_itself_on_progressive_ms_drills_only_what_is_true() -> None:
    """The article says no therapy is known for progressive MS, and names a 2017 one for it. Issue 29:
    the out-of-date claim is not drilled (a Note after a wrong answer comes too late): it is ignored,
    with the medicines that refute it, and the 2017 card answers the medicine's name."""
    assert CARDS_FILE is not None
    by_id = {card.id: card for card in CARDS_FILE.cards}
    claim = "it still isn't know if there is any kind of therapy that can help them"
    assert not any(claim in _plain(ev.quote) for card in CARDS_FILE.cards for ev in card.evidence)
    (ignored,) = [ig for ig in CARDS_FILE.sources["ms-article"].ignore if claim in _plain(ig.quote)]
    assert (
        "out of date" in ignored.reason and "ocrelizumab" in ignored.reason and "siponimod" in ignored.reason
    )
    approved = by_id["medicine-2017-ppms-ms-article"]
    assert approved.answer == "Ocrelizumab."
    assert "out of date" in approved.note and "progressive" in approved.note


def test_warnings_are_switched_off_per_card_each_with_a_reason_of_its_own() -> None:
    """Issue 14: the deck passes --strict by better cards, and by allow: entries only where a card is
    right as it is (a source's own label, claim or undated figure)."""
    assert CARDS_FILE is not None
    assert CARDS_FILE.deck.allow == ()
    allowed = [(card.id, entry) for card in CARDS_FILE.cards for entry in card.allow]
    assert len(allowed) <= 8
    # W414 (a question naming its only source) is never switched off: no question names a source.
    assert {entry.code for _, entry in allowed} <= {"W415"}
    reasons = [entry.reason for _, entry in allowed]
    assert len(set(reasons)) == len(reasons)
    assert all(len(reason.split()) >= 10 for reason in reasons), reasons


def test_paired_figures_do_not_say_the_sources_disagree() -> None:
    """80 percent of the newly diagnosed and more than half of all patients can both be true."""
    assert CARDS_FILE is not None
    for card in CARDS_FILE.cards:
        text = " ".join((words(card), card.extra, card.note))
        assert "disagree" not in text.lower(), card.id
        assert "researchers cited" not in text.lower(), card.id


# ---------------------------------------------------------------- issue 16: kinds that teach better

# Figures and facts in their sentence are cloze cards: the figure, or what matters, hidden.
CLOZE = {
    "spinal-lesions-at-diagnosis-healthline-cloze",
    "no-lesions-on-mri-healthline-cloze",
    "worldwide-estimate-spine-institute-cloze",
    "disability-progression-factors-ms-article-cloze",
    "symptoms-depend-on-location-ms-article-cloze",
    "sign-balance-ms-article-cloze",
}
# A term and its meaning, learnt both ways.
REVERSED = {
    "demyelination-definition-healthline-reversed",
    "atrophy-definition-ms-article-reversed",
    "paresthesia-spine-institute-reversed",
    "spasticity-spine-institute-reversed",
    "relapsing-remitting-ms-article-reversed",
    "relapse-definition-ms-article-reversed",
    "progressive-pattern-ms-article-reversed",
}


def test_figures_and_lists_are_cloze_cards_and_terms_are_reversed() -> None:
    assert CARDS_FILE is not None
    kinds = {card.id: card.kind for card in CARDS_FILE.cards}
    assert {card_id for card_id, kind in kinds.items() if kind == "cloze"} == CLOZE
    assert {card_id for card_id, kind in kinds.items() if kind == "reversed"} == REVERSED
    for card in CARDS_FILE.cards:
        if card.kind == "basic":
            # no figure to recall as an answer (a vertebra or a year is no figure), and no list
            # asked for in one go
            assert not re.search(r"\d", NOT_A_FIGURE.sub("", card.answer)), card.id
            assert not re.search(r"\b(two|three|four|five)\b", card.question, re.I), card.id
        if card.kind == "reversed":
            # the term is short; its meaning, asked back, is a question of its own
            assert len(card.question.split()) <= 3 and len(card.answer.split()) >= 3, card.id


# ---------------------------------------------------------------- issue 29: cards a neurology teacher signs

_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_DELETION = re.compile(r"\{\{c\d+::(.*?)\}\}")


def recalled(card: Card) -> list[str]:
    """What a card asks the learner to recall: a basic card's answer, a reversed card's meaning (its
    term is vocabulary the deck uses everywhere), each of a cloze card's deletions."""
    if card.kind == "cloze":
        return _DELETION.findall(card.text)
    return [card.answer]


def shown_with(card: Card) -> str:
    """What a card shows besides its answer: its question or text, and its extra (a diagram's alt
    text aside: a diagram is shown whole on the cards it illustrates)."""
    return fold(_IMAGE.sub("", " ".join((prompt(card), card.extra))))


def test_no_card_prints_another_cards_answer() -> None:
    """Interference: no card's question, text or extra holds what another card asks the learner to
    recall ("What must white blood cells cross ...?" beside "What causes the inflammation?" -> "White
    blood cells"; two figure cards, each extra printing the other's figure)."""
    assert CARDS_FILE is not None
    printed = []
    for card in CARDS_FILE.cards:
        for answer in recalled(card):
            # an abbreviation in brackets is the answer's own gloss, not part of what is recalled
            folded = fold(re.sub(r"\s*\([^)]*\)", "", answer))
            printed += [
                (card.id, other.id)
                for other in CARDS_FILE.cards
                if other is not card and folded and re.search(rf"\b{re.escape(folded)}\b", shown_with(other))
            ]
    assert printed == []


def test_cloze_deletions_do_not_cue_each_other() -> None:
    """A cloze hides what matters: where it hides several parts, none shares a content word with
    another (one visible deletion would cue the hidden one), and none is a filler the issue found."""
    assert CARDS_FILE is not None
    fillers = {"brain", "lesions", "inflammation", "injections", "the course of the disease", "where it is"}
    for card in CARDS_FILE.cards:
        hidden = _DELETION.findall(card.text)
        assert not {fold(h) for h in hidden} & fillers, card.id
        for i, one in enumerate(hidden):
            for other in hidden[i + 1 :]:
                assert not stems(one.split()) & stems(other.split()), (card.id, one, other)


# Answers that were placeholders, the fact in the extra or the note, and what each answer now carries.
PROMOTED = {
    "nmo-lesion-size-healthline": "segments",
    "nmo-wrong-treatment-healthline": "natalizumab",
    "shooting-pain-trigger-spine-institute": "Lhermitte",
    "lesion-formation-mechanism-ms-article": "blood-brain barrier",
    "cord-lower-end-spine-institute": "L1 to L2",
    "medicine-2017-ppms-ms-article": "Ocrelizumab",
}
PLACEHOLDERS = {"in size", "harm the patient", "certain movements", "the same way as lesions in the brain"}


def test_answers_carry_the_fact() -> None:
    assert CARDS_FILE is not None
    by_id = {card.id: card for card in CARDS_FILE.cards}
    for card_id, fact in PROMOTED.items():
        assert fact in by_id[card_id].answer, card_id
    assert not [card.id for card in answered(CARDS_FILE.cards) if fold(card.answer) in PLACEHOLDERS]


def test_what_the_learner_recalls_is_current() -> None:
    """The answer is accurate, whatever the source says; the note only explains the source."""
    assert CARDS_FILE is not None
    by_id = {card.id: card for card in CARDS_FILE.cards}
    # MS International Federation, Atlas of MS (2020), not the Spine Institute's "just over 2 million"
    assert _DELETION.findall(by_id["worldwide-estimate-spine-institute-cloze"].text) == ["2.8 million"]
    # MS lesions of the cord lie in the lateral as well as the posterior columns
    assert "lateral" in by_id["posterior-columns-ms-article"].answer
    # demyelination is any loss of myelin: not CNS-only, not always progressive
    demyelination = by_id["demyelination-definition-healthline-reversed"].answer
    assert "CNS" not in demyelination and "progressive" not in demyelination
    assert "Guillain-Barré" in by_id["demyelination-definition-healthline-reversed"].extra
    # transverse myelitis is not presented as the MS attack, which is usually a partial myelitis
    myelitis = by_id["cause-transverse-myelitis-ms-article"]
    assert "whole width" not in myelitis.question and "partial" in myelitis.extra
    # NMOSD as the 2015 criteria define it: with AQP4-IgG one core attack is enough
    assert "2015" in by_id["nmo-alternative-disease-healthline"].note
    assert "AQP4-IgG" in by_id["nmo-alternative-disease-healthline"].note
    # spasticity is velocity-dependent, not a constant contraction
    assert "faster" in by_id["spasticity-spine-institute-reversed"].answer


# Cards added after issue 29's rewrite, held to the bar eighteen rejected drafts failed (a bare list item
# quoted for a fact it does not state): the quote states the answer, so the answer's news (its words
# outside brackets that its question does not hold) stands in the card's own quotes.
STATED = {"spine-regions-scanned-ms-article"}


def _stems_of(text: str) -> frozenset[str]:
    return stems(re.findall(r"[a-z0-9]+", fold(text)))


def test_added_cards_quote_what_they_answer() -> None:
    assert CARDS_FILE is not None
    by_id = {card.id: card for card in CARDS_FILE.cards}
    for card_id in STATED:
        card = by_id[card_id]
        news = _stems_of(re.sub(r"\([^)]*\)", "", card.answer)) - _stems_of(card.question)
        quoted = _stems_of(" ".join(ev.quote for ev in card.evidence))
        assert news and news <= quoted, (card_id, sorted(news - quoted))


# Sentences not worth a learner's review time, for any audience: ignored, each with its reason.
NOT_WORTH_LEARNING = [
    ("spine-institute", "Adjustments to diet and exercise habits"),
    ("spine-institute", "Support from family members and friends"),
    ("spine-institute", "Counseling or therapy to develop effective management skills"),
    ("ms-article", "Lesion is some kind of change which is out of normal"),
    ("ms-article", "Congenital defects,"),
    ("ms-article", "they do not know why some patients have more lesions in the brain or skinal cord"),
    ("healthline", "It's not known why some people with MS may have more lesions"),
    ("spine-institute", "sometimes referred to as spinal muscular sclerosis"),
]


def test_sentences_not_worth_learning_are_ignored_with_a_reason() -> None:
    assert CARDS_FILE is not None
    for key, passage in NOT_WORTH_LEARNING:
        source = CARDS_FILE.sources[key]
        assert not any(
            _plain(passage) in _plain(ev.quote) for card in CARDS_FILE.cards for ev in card.evidence
        ), passage
        (entry,) = [ig for ig in source.ignore if ig.quote and _plain(passage) in _plain(ig.quote)]
        assert len(entry.reason.split()) >= 8, entry.reason
