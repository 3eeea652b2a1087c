"""Structure (E1xx): shapes, keys and value kinds, each at the node's position."""

from __future__ import annotations

from tests.checking import CARD, HEADER, check, messages, run

GOOD = HEADER + CARD
EVIDENCE = "    evidence:\n      doc: The CNS includes the brain, spinal cord, and optic nerves.\n"


def test_wrong_top_level_type() -> None:
    assert messages("- a\n- b\n") == ["E101 1:1 the top level must be a mapping (key: value), not a list"]
    assert check("hello\n") == [("E101", 1, 1)]


def test_missing_required_keys_at_the_mapping() -> None:
    assert check("version: 1\ncards:\n  - id: a\n") == [
        ("E102", 1, 1),  # deck
        ("E102", 1, 1),  # sources
        ("E102", 3, 5),  # answer
        ("E102", 3, 5),  # evidence
        ("E102", 3, 5),  # question
    ]
    found = messages("version: 1\ncards:\n  - id: a\n")[2]
    assert found == "E102 3:5 card 'a' is missing the required key 'answer'; add answer: ..."


def test_a_file_of_cards_only_is_an_included_file() -> None:
    # Its missing deck: and sources: said once, with what to do; its cards read, but not their quotes.
    assert messages("cards:\n  - id: a\n" + EVIDENCE.replace("doc:", "dok:")) == [
        "E102 1:1 cards.yaml holds only cards:, as an included file does (a cards file has deck: and "
        "sources: too); no cards file here or above includes it: include it from one (- include: "
        "cards.yaml), or give it deck: and sources: to make it a deck",
        "E102 2:5 card 'a' is missing the required key 'answer'; add answer: ...",
        "E102 2:5 card 'a' is missing the required key 'question'; add question: ...",
    ]


def test_unknown_key_with_did_you_mean() -> None:
    assert messages(GOOD + "    anwser: x\n") == [
        "E103 14:5 unknown key 'anwser' in card 'cns'; did you mean 'answer'?"
    ]
    assert check("dek: {}\n" + GOOD.replace("deck:", "dek2:", 1))[-2:] == [("E103", 1, 1), ("E103", 2, 1)]


def test_unknown_key_without_a_near_match_lists_the_allowed() -> None:
    assert messages(GOOD + "    1: y\n") == [
        "E103 14:5 unknown key '1' in card 'cns'; "
        "allowed: id, kind, question, answer, text, evidence, tags, extra, note, audio, allow, deck, was"
    ]


def test_duplicate_key_names_both_positions() -> None:
    assert messages(GOOD + "    answer: Again.\n") == [
        "E104 14:5 duplicate key 'answer', first written at line 11, column 5; keep one of them"
    ]


def test_duplicate_keys_in_any_mapping_even_unknown_ones() -> None:
    found = check("x: {a: 1, a: 2}\n" + GOOD)
    assert ("E104", 1, 11) in found
    assert check(GOOD.replace("  doc:\n", "  doc:\n    title: Again\n", 1)) == [("E104", 7, 5)]


def test_cards_must_be_a_list() -> None:
    assert messages(HEADER + "  a: b\n") == ["E101 9:3 cards must be a list of cards, not a mapping"]


def test_evidence_must_be_a_mapping() -> None:
    as_list = GOOD.replace("      doc: The", "      - doc: The")
    assert messages(as_list) == ["E101 13:7 card 'cns' evidence must be a mapping (key: value), not a list"]


def test_a_card_is_named_by_its_id_once_it_has_one() -> None:
    # Every message about a card names it by its id, the keys' too; by its number only without one.
    assert messages(GOOD.replace("    question:", "    qestion:")) == [
        "E102 9:5 card 'cns' is missing the required key 'question'; add question: ...",
        "E103 10:5 unknown key 'qestion' in card 'cns'; did you mean 'question'?",
    ]
    assert messages(GOOD.replace("  - id: cns\n    question:", "  - question:")) == [
        "E102 9:5 card 1 is missing the required key 'id'; add id: ..."
    ]


def test_a_source_key_under_an_empty_evidence_is_told_to_indent() -> None:
    # The evidence's source key written at the card's level: one message, at the key, saying what to
    # do; the quote is still checked, as if it were indented.
    outdented = GOOD.replace("      doc: The CNS", "    doc: The CNS")
    assert messages(outdented) == [
        "E103 13:5 card 'cns': 'doc' is written at the card's level, after an empty evidence:; indent "
        "`doc:` under `evidence:` (two spaces deeper)"
    ]
    missing = outdented.replace("cord, and optic nerves.", "cord, and optical nerves.")
    assert [code for code, _, _ in check(missing)] == ["E103", "E305"]
    two = GOOD.replace(EVIDENCE, "    evidence:\n    doc: The CNS includes the brain\n    dok: spinal cord\n")
    assert check(two) == [("E103", 13, 5), ("E103", 14, 5), ("E201", 14, 5)]


def test_evidence_without_quotes() -> None:
    assert messages(GOOD.replace(EVIDENCE, "    evidence:\n")) == [
        "E308 12:14 card 'cns' has no evidence; quote at least one source"  # not "a mapping, not text"
    ]
    assert check(GOOD.replace(EVIDENCE, "    evidence: {}\n")) == [("E308", 12, 15)]
    assert check(GOOD.replace(EVIDENCE, "    evidence:\n      doc: []\n")) == [("E308", 13, 12)]


def test_text_must_be_text() -> None:
    assert messages(GOOD.replace("question: What does the CNS include?", "question: [a, b]")) == [
        "E101 10:15 card 'cns' question must be text, not a list"
    ]
    assert check(GOOD + "    tags: anatomy\n") == [("E101", 14, 11)]


def test_keys_must_be_text() -> None:
    assert messages(GOOD + "    [x]: y\n") == ["E101 14:5 keys in card 'cns' must be text, not a list"]


def test_deck_id_must_be_a_whole_number() -> None:
    assert check(GOOD.replace("id: 1234567890", "id: '1234567890'")) == [("E101", 3, 7)]
    assert check(GOOD.replace("id: 1234567890", "id: -5")) == [("E107", 3, 7)]  # below the floor
    assert check(GOOD.replace("id: 1234567890", "id: 1.5")) == [("E101", 3, 7)]


def test_schema_version() -> None:
    assert check("version: 1\n" + GOOD) == []
    assert messages("version: 2\n" + GOOD) == ["E105 1:10 schema version 2 is not supported; use 1"]
    assert check("version: one\n" + GOOD) == [("E101", 1, 10)]


def test_empty_deck_name() -> None:
    assert messages(GOOD.replace("name: Test Deck", "name: '  '")) == [
        "E303 2:9 deck name is empty; write the deck's name"
    ]


def test_retyped_scalars_stay_text_and_warn() -> None:
    for value, kind in [
        ("no", "a boolean"),
        ("yes", "a boolean"),
        ("on", "a boolean"),
        ("1.10", "a number"),
        ("2017", "a number"),
        ("null", "null (no value)"),
        ("~", "null (no value)"),
        ("2019-01-07", "a date"),
    ]:
        text = GOOD + f"    extra: {value}\n"
        assert messages(text) == [
            f"W106 14:12 card 'cns' extra {value!r} is unquoted, and other YAML readers take it "
            f"as {kind}; write it in quotes"
        ], value


def test_quoted_values_do_not_warn_and_keep_their_text() -> None:
    model, found = run(GOOD + "    extra: 'no'\n")
    assert found == []
    assert model is not None and model.cards[0].extra == "no"
    model, _ = run(GOOD + "    extra: 1.10\n")
    assert model is not None and model.cards[0].extra == "1.10"


def test_empty_value_is_empty_text_not_a_retype_warning() -> None:
    assert messages(GOOD.replace("answer: The brain, spinal cord and optic nerves.", "answer:")) == [
        "E303 11:12 card 'cns' has an empty answer; write the answer"
    ]


def test_source_missing_its_file_is_reported_once() -> None:
    assert messages(GOOD.replace("    file: doc.txt\n", "")) == [
        "E102 6:5 source 'doc' is missing the required key 'file'; add file: ..."
    ]


def test_sources_must_be_a_mapping() -> None:
    assert check(GOOD.replace("sources:\n  doc:", "sources:\n  - doc:")) == [("E101", 5, 3)]
