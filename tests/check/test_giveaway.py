"""Answers the question gives away (W408) and yes/no questions in disguise (W413)."""

from __future__ import annotations

import pytest

from tests.checking import codes_of, deck, messages

MS_DECK = [
    ("Where in the spinal cord do MS lesions form?", "In the white matter."),
    ("What do spinal cord lesions often cause in the legs?", "Weakness."),
    ("Which spinal cord lesions does an MRI scan show best?", "Active ones."),
    ("When do brain lesions usually appear in MS?", "Early."),
    ("Why do MS lesions in the spinal cord cause symptoms?", "They block signals."),
    ("Which cells attack myelin in MS?", "Immune cells."),
]
"""Cards of an MS deck, where "MS", "lesion", "spinal" and "cord" are in most questions: no news."""
LAST = (10 + 5 * len(MS_DECK), 15)
"""Where the question of a card after :data:`MS_DECK` is."""


def test_w408_the_answers_words_in_another_form_or_order() -> None:
    assert messages(deck(*MS_DECK, ("What does the scan of the brain look for?", "Brain lesions."))) == [
        f"W408 {LAST[0]}:15 card 'c6': the question gives the answer away (brain); "
        "ask without the answer's words"
    ]
    assert codes_of(("What protects the nerve cells?", "Protective nerve cells.")) == [("W408", 10, 15)]
    assert codes_of(
        ("What happens to blood pressure when the heart rate rises?", "Blood pressure rises.")
    ) == [("W408", 10, 15)]
    assert codes_of(
        ("What does insulin do to the level of glucose in the blood?", "It lowers blood glucose.")
    ) == [("W408", 10, 15)]


def test_w408_weighs_the_words_a_deck_asks_about_anyway_as_no_news() -> None:
    card = ("Which event can cause a spinal cord lesion?", "A spinal cord infarction.")
    assert codes_of(card) == [("W408", 10, 15)]  # alone, two words of three are given away
    assert codes_of(*MS_DECK, card) == []  # in an MS deck, "spinal cord" is no news
    half = ("What does the scan of the brain look for?", "Brain lesions.")
    assert codes_of(half) == []  # alone, half the answer is not more than half


def test_w408_leaves_the_whole_answer_in_the_question_to_w401() -> None:
    assert codes_of(("Do MRI scans show lesions?", "lesions")) == [("W401", 10, 15), ("W402", 10, 15)]


def test_a_path_is_given_away_only_by_itself() -> None:
    # The path's news is the whole path: /usr/doc in the question gives away neither /usr/share/doc
    # nor /usr; a question that writes the path out gives it away.
    assert codes_of(("Which directory replaced /usr/doc?", "/usr/share/doc")) == []
    assert codes_of(("What does /usr/share/doc hold, which replaced /usr/doc?", "/usr/share/doc")) == [
        ("W401", 10, 15)
    ]
    assert codes_of(("Which directory, /usr/share/doc or /usr/doc, is current?", "/usr/share/doc")) == [
        ("W401", 10, 15)
    ]
    assert codes_of(("Which part of the nervous system holds the brain?", "The nervous system")) == [
        ("W401", 10, 15)
    ]


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("Which therapy helps restore function after a relapse?", "Physical therapy."),  # what is asked for
        ("In which region of the spinal cord are MS lesions most often found?", "The cervical region."),
        ("Which kind of therapy is used against MS?", "Disease-modifying therapies."),
        ("Which two kinds of bodily control can spinal lesions impair?", "Bowel and bladder control."),
        ("What must white blood cells cross to reach the brain?", "The blood-brain barrier."),  # one term
        ("What is MS called when its symptoms come and go?", "Relapsing-remitting MS."),
        ("What decides which symptoms a spinal cord lesion causes?", "Where it is, its type and its cause."),
        ("How does the loss of myelin slow nerve signals?", "Impulses travel more slowly."),
        ("Which disease of the optic nerves and cord can look like MS?", "Neuromyelitis optica."),
        # shared context, not the news: the part of the nervous system asked for, a path's other parts
        ("To which part of the nervous system do the optic nerves belong?", "The central nervous system"),
        ("Which region of the spinal cord do MS lesions favour?", "The cervical spinal cord."),
        ("Which directory replaced /usr/doc?", "/usr/share/doc"),
        ("Which directory contains the static files for the boot loader?", "/boot"),
    ],
)
def test_no_w408_where_the_answers_news_is_not_in_the_question(question: str, answer: str) -> None:
    assert codes_of((question, answer)) == []
    assert codes_of(*MS_DECK, (question, answer)) == []


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("What does the Spine Institute say about preventing MS?", "It is not preventable."),
        ("What is known to prevent MS?", "Nothing."),
        ("Which standard test diagnoses MS?", "That none exists."),
        ("What cure for MS is there?", "There is none, though therapies exist."),
        ("How preventable is MS?", "Not preventable."),
        ("Which drug cures MS?", "None"),
        ("What does the page say about whether MS is inherited?", "Partly: some genes raise the risk."),
    ],
)
def test_w413_yes_or_no_in_disguise(question: str, answer: str) -> None:
    assert ("W413", 11, 13) in codes_of((question, answer))


def test_w413_message_and_the_plain_yes_no_question_left_to_w402() -> None:
    assert messages(deck(("Which drug cures MS?", "None."))) == [
        "W413 11:13 card 'c0' is a yes/no question in disguise (answer 'None.'); "
        "ask for the fact itself: what, which, how much"
    ]
    assert codes_of(("Is there a cure for MS?", "No.")) == [("W402", 10, 15)]


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("Why is back pain from MS not treated with surgery?", "No surgical procedure corrects it."),
        ("Why is the role of spinal lesions poorly known?", "They have not been studied much."),
        ("What is the best way to determine whether a person has MS?", "An MRI scan."),
        ("What share of people with MS have no lesions at diagnosis?", "About 5 percent."),
        ("Which nerves does NMO attack?", "The optic nerves, not the brain."),
    ],
)
def test_no_w413_for_facts_that_happen_to_be_negative(question: str, answer: str) -> None:
    assert [code for code, _, _ in codes_of((question, answer)) if code == "W413"] == []


def test_w408_a_word_form_gives_its_other_forms_away() -> None:
    # "inflammatory" and "inflammation", "protective" and "protects": one root (terms.root).
    assert codes_of(("What do inflammatory cells cause in the cord?", "Inflammation.")) == [("W408", 10, 15)]
    assert messages(deck(("What does a protective coating do?", "It protects."))) == [
        "W408 10:15 card 'c0': the question gives the answer away (protect); ask without the answer's words"
    ]
    # "-al" is not a derivational ending here: "spinal" does not give away "spine".
    assert codes_of(("Which spinal structure holds the cord?", "The spine.")) == []


def test_w408_a_gloss_in_the_question_gives_its_term_away() -> None:
    assert messages(deck(("Which growths can cause spinal lesions?", "Tumours."))) == [
        "W408 10:15 card 'c0': the question gives the answer away (tumour as 'growth'); "
        "ask without the answer's words"
    ]
    assert messages(
        deck(
            (
                "After the neck, which part of the spinal cord can MS lesions also affect?",
                "The thoracic part.",
            )
        )
    ) == [
        "W408 10:15 card 'c0': the question gives the answer away (thoracic as 'after the neck'); "
        "ask without the answer's words"
    ]
    hormone = ("Which hormone-based anti-inflammatory drugs treat an MS relapse?", "Steroids.")
    assert codes_of(hormone) == [("W408", 10, 15)]  # a word may stand between two of a gloss's
    assert codes_of(("Since when has a congenital defect been there?", "Since birth.")) == [("W408", 10, 15)]
    # "neck" alone is not "after the neck": the question asks which region, and the neck is the answer.
    assert codes_of(("Which part of the spine is below the skull?", "The neck (cervical) part.")) == []
    assert codes_of(("In which region of the cord are MS lesions most common?", "The cervical region.")) == []


def test_w408_a_description_is_the_cue_of_a_question_that_asks_for_the_name() -> None:
    # Asking for a term by its meaning is a vocabulary card, not a give-away.
    assert codes_of(("What is a sudden, involuntary muscle tightening called?", "A spasm.")) == []
    assert codes_of(
        ("Which sudden, involuntary muscle tightenings can lesions cause?", "Muscle spasms.")
    ) == [("W408", 10, 15)]


def test_w408_weighs_the_answer_without_its_brackets() -> None:
    # A bracket qualifies the answer; its news is outside.
    assert codes_of(("Which growths cause spinal lesions?", "Tumours (benign or cancerous).")) == [
        ("W408", 10, 15)
    ]
    assert codes_of(("Which growths cause spinal lesions?", "Tumours, benign or cancerous.")) == []
    assert codes_of(("Which growths cause spinal lesions?", "Benign or cancerous tumours.")) == []
