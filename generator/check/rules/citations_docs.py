"""The documentation of the codes of sources, quotes and ignore entries (:mod:`.citations`, :mod:`.ignores`).

A module of its own beside the two rules, which share these examples, so that
the rules' code reads without the prose; :mod:`generator.codes` says where
each code is documented.
"""

from __future__ import annotations

from generator.codes import Doc, Example, cards

_SOURCE = """\
sources:
  healthline:
    title: MS Spine Lesions
    publisher: Healthline
    date: "2019-01-07"
    file: {file}
"""
_IGNORE = _SOURCE.format(file="sources/healthline.txt") + "    ignore:\n      - {entry}\n"
_EVIDENCE = """\
cards:
  - id: cns-parts
    question: What does the central nervous system include?
    answer: The brain, spinal cord and optic nerves.
    evidence:
      {key}: {quote}
"""
_SECOND = """\
  - id: mri-lesions
    question: Which scan shows lesions of the brain and spinal cord?
    answer: Magnetic resonance imaging (MRI).
    evidence:
      {key}: scan for brain and spinal cord lesions using magnetic resonance imaging (MRI)
"""
_QUOTE = "The CNS includes the brain, spinal cord, and optic nerves."
_SPINE_INSTITUTE = """\
  spine-institute:
    title: Effect of Multiple Sclerosis on the Spine
    publisher: The Spine Institute
    file: sources/spine-institute.txt
"""

DOCS = (
    Doc(
        "E201",
        checks=(
            "A card's evidence names a source that `sources:` does not define. A key spelt nearly "
            "the same is offered (did you mean 'healthline'?)."
        ),
        why=(
            "The quote cannot be checked against a document nobody named, and the card's back cannot "
            "name its source."
        ),
        bad=cards(_EVIDENCE.format(key="healthline", quote=_QUOTE) + _SECOND.format(key="helthline")),
        fix=cards(_EVIDENCE.format(key="healthline", quote=_QUOTE) + _SECOND.format(key="healthline")),
    ),
    Doc(
        "W202",
        checks="A source no card quotes. (It is reported only once every card is free of errors.)",
        why=(
            "A source nobody quotes is either a card not yet written or a source no longer needed; "
            "either way the deck says it was written from a document it does not use."
        ),
        bad=Example(
            {
                "cards.yaml": _SOURCE.format(file="sources/healthline.txt") + _SPINE_INSTITUTE,
                "sources/spine-institute.txt": "MS can cause lesions on the spinal cord.\n",
            },
            caption="A second source, which no card quotes:",
        ),
        fix=cards(
            _SOURCE.format(file="sources/healthline.txt"),
            caption="Quote it on a card, or remove it (and its file):",
        ),
    ),
    Doc(
        "E203",
        checks=(
            "A source's file is missing, cannot be read, or is not UTF-8 text. A document saved in "
            "another encoding can be converted: `iconv -f cp1252 -t utf-8 old.txt > new.txt`."
        ),
        why=(
            "Every quote from the source is checked against its file: without it, no card citing it "
            "is checked."
        ),
        bad=cards(_SOURCE.format(file="sources/healthline.md")),
        fix=cards(_SOURCE.format(file="sources/healthline.txt")),
    ),
    Doc(
        "E305",
        checks=(
            "An evidence quote is not in its source. Quote and source are compared after whitespace, "
            "typographic quotes and dashes are made plain, and a captured page's Markdown marks and a "
            "word hyphenated at a line end (`sub-` and `directories` on the next line) are read "
            "through; case and words must match. The message shows the closest passage, in whole "
            "words to the end of its sentence, and the first words that differ. A quote that skips "
            "words with an ellipsis (`...`) cannot match: the message says so, and writes the quote "
            "as a list of quotes, one a passage, which is how words are skipped."
        ),
        why=(
            "The quote is the card's proof: a reviewer checks the card against it, and a learner sees "
            "it on the back. A quote in the author's own words proves nothing about the source, and a "
            "paraphrase can drift from what the source says."
        ),
        bad=cards(
            _EVIDENCE.format(key="healthline", quote="The CNS is the brain, spinal cord and optic nerves.")
        ),
        fix=cards(_EVIDENCE.format(key="healthline", quote=_QUOTE)),
    ),
    Doc(
        "E310",
        checks=(
            "A source's `ignore:` entry names a passage its document does not have, or lines past the "
            "document's end."
        ),
        why=(
            "Ignored passages (page headers, advertising) are left out of source coverage: an entry "
            "that matches nothing leaves them counted, and hides the mistake."
        ),
        bad=cards(_IGNORE.format(entry="{quote: ADVERTISMENT, reason: advertising}")),
        fix=cards(_IGNORE.format(entry="{quote: ADVERTISEMENT, reason: advertising}")),
    ),
    Doc(
        "E311",
        checks="A source's `ignore:` entry has no `reason:`, or an empty one.",
        why=(
            "Leaving a passage out of coverage says it holds no fact worth a card; the reason lets a "
            "reviewer check that, and tells a passage of page chrome from a claim left out on purpose."
        ),
        bad=cards(_IGNORE.format(entry="{quote: ADVERTISEMENT}")),
        fix=cards(_IGNORE.format(entry="{quote: ADVERTISEMENT, reason: advertising}")),
    ),
    Doc(
        "E312",
        checks="A source's `ignore:` entry gives both `quote:` and `lines:`, or neither.",
        why=(
            "An entry with both is two entries in one, and it cannot say which of the two its reason "
            "is about."
        ),
        bad=cards(_IGNORE.format(entry="{quote: ADVERTISEMENT, lines: 3, reason: advertising}")),
        fix=cards(_IGNORE.format(entry="{quote: ADVERTISEMENT, reason: advertising}")),
    ),
)
"""The codes of sources, quotes and ignore entries, documented (see :class:`generator.codes.Doc`)."""
