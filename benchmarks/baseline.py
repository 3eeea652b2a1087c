"""The baseline: load cards.yaml with PyYAML's C loader, write the notes with genanki. Nothing more.

Same notes as deckgen writes: five fields (question, answer, extra, the
quotes, the id; a cloze note four: text, extra, the quotes, the id), the same
tags (card, deck and ``source::<key>`` tags), a fixed GUID from the deck id
and card id, and a note type per kind (a reversed note has two cards, a
cloze note one per deletion number), and the same picture files in the
package (genanki copies each file a field names). No checks, no Markdown, no
manifest.

    python benchmarks/baseline.py CARDS.yaml OUT.apkg [--no-gc]

``--no-gc`` pauses Python's cyclic garbage collector first, as deckgen does
while it builds: the benchmark reports that variant too, for comparison.
"""

from __future__ import annotations

import gc
import re
import sys
from pathlib import Path

import genanki
import yaml

FIELDS = ("Question", "Answer", "Extra", "Sources", "Id")
PICTURE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")


def main(cards_path: str, out_path: str) -> None:
    with open(cards_path, encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=yaml.CLoader)
    back = "<hr>{{Extra}}{{Sources}}"
    models = {
        "basic": genanki.Model(
            1607392319,
            "baseline Q&A",
            fields=[{"name": name} for name in FIELDS],
            templates=[{"name": "Recall", "qfmt": "{{Question}}", "afmt": "{{Answer}}" + back}],
        ),
        "reversed": genanki.Model(
            1607392419,
            "baseline Reversed",
            fields=[{"name": name} for name in FIELDS],
            templates=[
                {"name": "Forward", "qfmt": "{{Question}}", "afmt": "{{Answer}}" + back},
                {"name": "Backward", "qfmt": "{{Answer}}", "afmt": "{{Question}}" + back},
            ],
        ),
        "cloze": genanki.Model(
            1607392619,
            "baseline Cloze",
            fields=[{"name": name} for name in ("Text", *FIELDS[2:])],
            templates=[{"name": "Cloze", "qfmt": "{{cloze:Text}}", "afmt": "{{cloze:Text}}" + back}],
            model_type=genanki.Model.CLOZE,
        ),
    }
    deck_info = data["deck"]
    deck = genanki.Deck(deck_info["id"], deck_info["name"], deck_info.get("description", ""))
    deck_tags = deck_info.get("tags", [])
    base = Path(cards_path).parent
    pictures: set[str] = set()
    for card in data["cards"]:
        pictures.update(PICTURE.findall(card.get("extra", "")))
        quotes = []
        for value in card["evidence"].values():
            quotes += value if isinstance(value, list) else [value]
        tags = {*card.get("tags", []), *deck_tags, *(f"source::{key}" for key in card["evidence"])}
        kind = card.get("kind", "basic")
        text = [card["text"]] if kind == "cloze" else [card["question"], card["answer"]]
        key = card["id"] if kind == "basic" else f"{card['id']}:{kind}"
        deck.add_note(
            genanki.Note(
                models[kind],
                fields=[*text, card.get("extra", ""), "\n".join(quotes), card["id"]],
                tags=sorted(tags),
                guid=genanki.guid_for(deck_info["id"], key),
            )
        )
    genanki.Package(deck, media_files=sorted(str(base / p) for p in pictures)).write_to_file(out_path)


if __name__ == "__main__":
    if "--no-gc" in sys.argv[3:]:
        gc.disable()
    main(sys.argv[1], sys.argv[2])
