"""The documentation of the codes the shapes pass reports (:mod:`.structure` and :mod:`.reader`).

A module of its own beside the two, which are long enough without their
prose; :mod:`generator.codes` says where each code is documented.
"""

from __future__ import annotations

from generator import deckid
from generator.check.schema import LIMITS, SCHEMA_VERSION
from generator.codes import EXAMPLE_SOURCE, Blob, Doc, Example, cards

_SOURCE = """\
sources:
  healthline:
    title: MS Spine Lesions
    publisher: Healthline
    date: {date}
    file: {file}
"""
_LINKED = _SOURCE.format(date='"2019-01-07"', file="sources/healthline.txt") + "    url: {url}\n"

_CARD = """\
cards:
  - id: cns-parts
    question: What does the central nervous system include?
    answer: {answer}
    evidence:
      healthline: The CNS includes the brain, spinal cord, and optic nerves.
"""
_CARD_KEYS = """\
cards:
  - id: cns-parts
    question: What does the central nervous system include?
{keys}    evidence:
      healthline: The CNS includes the brain, spinal cord, and optic nerves.
"""
_EVIDENCE = """\
cards:
  - id: cns-parts
    question: What does the central nervous system include?
    answer: The brain, spinal cord and optic nerves.
    evidence:{evidence}
"""
_PASTED = "The brain, spinal cord and optic nerves. " * (LIMITS["text"] // 40)
_EXTRA = _CARD.format(answer="The brain, spinal cord and optic nerves.") + "    extra: {extra}\n"
_ANSWER = "The brain, spinal cord and optic nerves."

DOCS = (
    Doc(
        "E009",
        checks=(
            "A source's `file:` leads outside the project folder (the cards file's folder) once links "
            "are followed: `../`, an absolute path, or a link to a file elsewhere. "
            "`--allow-outside-sources` lets `check` and `build` read it anyway."
        ),
        why=(
            "The project folder is what is committed and shared: a source outside it is missing on "
            "every other machine. And a cards file from someone else must not make deckgen read, and "
            "quote on cards, any file of yours, such as `../../.ssh/id_ed25519`."
        ),
        bad=Example(
            {
                "cards.yaml": _SOURCE.format(date='"2019-01-07"', file="../shared/healthline.txt"),
                "../shared/healthline.txt": Blob(
                    "the example file's source, outside the project", EXAMPLE_SOURCE.encode()
                ),
            }
        ),
        fix=Example(
            {"cards.yaml": _SOURCE.format(date='"2019-01-07"', file="sources/healthline.txt")},
            caption="Copy the document into the project folder, and name it there:",
        ),
    ),
    Doc(
        "E101",
        checks=(
            "A value of the wrong kind: a list or a mapping where text belongs, text where a list "
            "(`cards:`, `tags:`) or a mapping (`evidence:`, `allow:`) belongs, or a number out of its "
            "range (the deck id, `version:`, an ignore entry's `lines:`). The message names what "
            "belongs there."
        ),
        why=(
            "A note's fields are text. A value of another shape would have to be guessed into one "
            "(the items joined? the first one?), and a guess is as often wrong as right."
        ),
        bad=cards(_CARD.format(answer="[brain, spinal cord, optic nerves]")),
        fix=cards(_CARD.format(answer=_ANSWER)),
    ),
    Doc(
        "E102",
        checks=(
            "A required key is missing: the top level's `deck:`, `sources:` and `cards:`; the deck's "
            "`name:` and `id:`; a source's `title:` and `file:`; a card's `id:`, `evidence:`, and the "
            "text keys of its kind (`question:` and `answer:`, or a cloze card's `text:`). A file that "
            "holds only `cards:` is an included file checked on its own: the one message says so, "
            "and names the cards file that includes it, with the command that checks it."
        ),
        why=(
            "A card without its answer has nothing to show on its back, and a deck without an id "
            "would get another one at every build: every learner would lose their reviews."
        ),
        bad=cards(_CARD_KEYS.format(keys="")),
        fix=cards(_CARD_KEYS.format(keys=f"    answer: {_ANSWER}\n")),
    ),
    Doc(
        "E103",
        checks=(
            "A key the format does not have, wherever it is written (the top level, the deck, a "
            "source, a card, an ignore entry). A known key spelt nearly the same is offered "
            "(did you mean 'extra'?); otherwise the message lists the keys allowed there. Keys a card "
            "does not take right after an empty `evidence:` are source keys written at the card's "
            "level: the message says to indent them under `evidence:`, and their quotes are checked."
        ),
        why=(
            "A misspelt key would otherwise be passed over in silence, and the card built without "
            "what its author wrote."
        ),
        bad=cards(
            _EXTRA.format(extra="Together they make up the central nervous system.").replace("extra", "exta")
        ),
        fix=cards(_EXTRA.format(extra="Together they make up the central nervous system.")),
    ),
    Doc(
        "E105",
        checks=f"`version:` is not {SCHEMA_VERSION}, the one version of the format deckgen reads.",
        why=(
            "A file written for another version may mean other things by the same keys: checked as "
            f"version {SCHEMA_VERSION}, it would get the wrong problems reported, or none."
        ),
        bad=cards(f"version: {SCHEMA_VERSION + 1}\n"),
        fix=cards(f"version: {SCHEMA_VERSION}\n"),
    ),
    Doc(
        "W106",
        checks=(
            "An unquoted value that YAML 1.1 reads as something other than text: `yes`, `no`, `on`, "
            "`off` (booleans), `1.10` (the number 1.1), `2019-01-07` (a date), `~` or `null` "
            "(nothing). deckgen takes the text as written; other YAML readers do not."
        ),
        why=(
            "One file should mean the same to every tool. A YAML tool that rewrites the file, or a "
            "program that reads it, would make `answer: no` false and `1.10` the number 1.1."
        ),
        bad=cards(_SOURCE.format(date="2019-01-07", file="sources/healthline.txt")),
        fix=cards(_SOURCE.format(date='"2019-01-07"', file="sources/healthline.txt")),
    ),
    Doc(
        "E107",
        checks=(
            f"The deck id is below {deckid.FLOOR:,}. The message offers a fresh random id to use "
            "(`deckgen init` makes one for a new deck)."
        ),
        why=(
            "Anki knows a deck by its id, and deckgen derives every note's identity from it. Small "
            "ids are the ones copied from examples and so shared by accident (1 is Anki's own Default "
            "deck), and two decks with one id overwrite each other's notes."
        ),
        bad=cards("deck:\n  name: Multiple sclerosis\n  id: 1\n"),
        fix=cards("deck:\n  name: Multiple sclerosis\n  id: 1874512301\n"),
    ),
    Doc(
        "W204",
        checks=(
            "A source's `url:` is not a plain web address: `http://` or `https://`, a host, no user "
            "name or password, no character an address never holds as is (a space, a quote, `<`, "
            "`>`). The url stays in the file, but cards do not link it."
        ),
        why=(
            "A card links its sources' addresses. A `javascript:` or `file:` address could run "
            "something or reach into the phone, and one without its scheme is a typo that leads "
            "nowhere."
        ),
        bad=cards(_LINKED.format(url="www.healthline.com/health/multiple-sclerosis/ms-spine-lesions")),
        fix=cards(
            _LINKED.format(url="https://www.healthline.com/health/multiple-sclerosis/ms-spine-lesions")
        ),
    ),
    Doc(
        "E307",
        checks=(
            f"Text longer than its limit: {LIMITS['text']:,} characters for a card's text fields, the "
            f"deck's name and description and a source's fields; {LIMITS['quote']:,} for an evidence "
            f"quote or an ignored passage; {LIMITS['tag']:,} for a tag; {LIMITS['path']:,} for the path "
            "of a sound."
        ),
        why=(
            "Cards are read on a phone, at every review: a page pasted into a field is a mistake, and "
            "a quote that long is no longer a quote but a copy of the source."
        ),
        bad=cards(
            _EXTRA.format(extra=_PASTED),
            shown=_EXTRA.format(
                extra=f"The brain, spinal cord … (a page pasted: {len(_PASTED):,} characters)"
            ),
        ),
        fix=cards(_EXTRA.format(extra="Together they make up the central nervous system.")),
    ),
    Doc(
        "E308",
        checks=(
            "A card's `evidence:` is empty (`{}`, or nothing after `evidence:`), or names a source "
            "with an empty list of quotes."
        ),
        why=(
            "Every card of a deckgen deck is backed by its source, word for word: that is what lets "
            "a reviewer check a card against the document, and a learner see where it comes from. A "
            "card without evidence is a claim nobody can check."
        ),
        bad=cards(_EVIDENCE.format(evidence=" {}")),
        fix=cards(
            _EVIDENCE.format(
                evidence="\n      healthline: The CNS includes the brain, spinal cord, and optic nerves."
            )
        ),
    ),
    Doc(
        "E330",
        checks=(
            "A control character (Unicode category Cc, but tab and line feed) in text that reaches a "
            'note, written as an escape in a quoted value (`"\\x1f"`, `"\\u0000"`). Written as is, '
            "such a character is a syntax error (E001)."
        ),
        why=(
            "Anki separates a note's fields with U+001F: one inside a field splits the note, and "
            "Anki refuses or changes the other control characters. The note would not be what the "
            "file says."
        ),
        bad=cards(_CARD.format(answer='"The brain, spinal cord\\x1f and optic nerves."')),
        fix=cards(_CARD.format(answer=_ANSWER)),
    ),
)
"""The shapes pass's codes, documented (see :class:`generator.codes.Doc`)."""
