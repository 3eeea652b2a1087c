"""Synthetic but realistic decks in the real cards.yaml format, for the benchmark.

A deck of N cards cites a dozen or more source documents. The sources read
like web captures: wrapped paragraphs, typographic apostrophes and dashes,
``**bold**`` words and ``[link](#)`` marks. Every card quotes one or more
passages as a reader sees them (plain ASCII, no marks; one in ten just two
to four words), so each quote really occurs in its source after
normalisation. Cards carry topic tags, some Markdown (emphasis, strong,
lists), some an ``extra`` note. About one card in sixteen is a cloze card
(two or three deletions, one with a hint) and as many are reversed cards.
About one card in 155 shows a picture (one of 24 small PNGs and SVGs in
``images/``), so 50,000 cards make over 300 picture references. One question
in 25 has inline maths, one in 33 inline code, and about one card in 70 a
fenced Python block in its extra (700 blocks in 50,000 cards). Output is the
same for the same N (fixed seed).
"""

from __future__ import annotations

import json
import random
import struct
import textwrap
import zlib
from pathlib import Path

DECK_ID = 1_700_000_001
_VOCAB = """
    axon myelin lesion cord spine nerve tissue signal brain cell sheath matter
    gray white relapse symptom numbness tingling weakness vision balance fatigue
    bladder bowel spasm reflex gait scan contrast gadolinium protein fluid
    marker inflammation immune response damage repair scar plaque region segment
    cervical thoracic lumbar sensory motor pathway column root level onset
    course progression remission therapy dose infusion steroid trial outcome risk
    factor vitamin smoking age gender climate latitude virus antibody band
    puncture test criteria diagnosis history exam clinician neurologist radiologist
    image slice sequence weighted signal contrast edema atrophy volume count
    early late mild severe chronic acute common rare typical partial complete
    patient person adult child woman man group study cohort survey report
"""
WORDS = _VOCAB.split()
TOPICS = [
    "anatomy",
    "pathology",
    "imaging",
    "diagnosis",
    "treatment",
    "symptoms",
    "epidemiology",
    "prognosis",
    "definitions",
    "research",
]
QUESTION_STARTS = ["What", "Which", "How", "On the whole, what", "In what way"]


def _sentence(rng: random.Random) -> list[str]:
    return [rng.choice(WORDS) for _ in range(rng.randint(10, 22))]


def _raw_word(rng: random.Random, word: str) -> str:
    """A word as the web capture shows it: sometimes bold, linked or with a typographic mark."""
    roll = rng.random()
    if roll < 0.04:
        return f"**{word}**"
    if roll < 0.06:
        return f"[{word}](#)"
    if roll < 0.08:
        return f"{word}\u2019s"
    return word


def _plain_word(raw: str) -> str:
    if raw.startswith("**"):
        return raw[2:-2]
    if raw.startswith("["):
        return raw[1 : raw.index("]")]
    return raw.replace("\u2019", "'")


class Source:
    def __init__(self, key: str, rng: random.Random, n_sentences: int) -> None:
        self.key = key
        self.sentences: list[list[str]] = []  # plain words, as a reader sees them
        paragraphs: list[str] = [f"# Notes on {key}", ""]
        para: list[str] = []
        for i in range(n_sentences):
            raw = [_raw_word(rng, w) for w in _sentence(rng)]
            if rng.random() < 0.1:
                cut = rng.randint(3, len(raw) - 3)
                raw[cut] = raw[cut] + " \u2014"  # an em dash between words
            raw[0] = raw[0][:1].upper() + raw[0][1:] if raw[0][:1].isalpha() else raw[0]
            self.sentences.append([_plain_word(w.replace(" \u2014", "")) for w in raw])
            for j, w in enumerate(raw):
                if w.endswith(" \u2014"):
                    self.sentences[-1][j] += " -"
            para.append(" ".join(raw) + f" ({key} {i}).")
            if len(para) >= rng.randint(3, 7):
                paragraphs.append(textwrap.fill(" ".join(para), 80))
                paragraphs.append("")
                para = []
        if para:
            paragraphs.append(textwrap.fill(" ".join(para), 80))
        self.text = "\n".join(paragraphs) + "\n"

    def quote(self, rng: random.Random) -> str:
        """A passage of one sentence, as the reader sees it (ASCII, no marks).

        One quote in ten is short, two to four words, as cards often quote.
        """
        index = rng.randrange(len(self.sentences))
        words = self.sentences[index]
        if rng.random() < 0.1:
            start = rng.randint(0, len(words) - 2)
            return " ".join(words[start : start + rng.randint(2, 4)])
        start = rng.randint(0, len(words) - 6)
        end = rng.randint(start + 6, len(words))
        text = " ".join(words[start:end])
        if end == len(words):  # the sentence's end, with its unique number
            text += f" ({self.key} {index})."
        return text


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _answer(rng: random.Random, asked: tuple[str, ...]) -> list[str]:
    """A question's answer: a short list, some Markdown, or plain words (none of the ``asked`` words,
    so that the question does not give its answer away)."""
    other = [w for w in WORDS if w not in asked]
    roll = rng.random()
    if roll < 0.05:
        first, then = rng.choice(other), rng.choice(other)
        return ["    answer: |-", f"      - first {first}", f"      - then {then}"]
    if roll < 0.15:
        return [f"    answer: {_q(f'**{rng.choice(other)}** together with {rng.choice(other)}')}"]
    x, y, z = (rng.choice(other) for _ in range(3))
    return [f"    answer: The {x} {y} of the {z}."]


MATHS_EVERY = 25
"""One question in this many has inline maths (``\\( … \\)``), ..."""
CODE_EVERY = 33
"""... one in this many inline code, ..."""
BLOCK_EVERY = 50
"""... and one card in this many, of those without an extra, a highlighted Python block: drawn from
the card's number, not the random stream, so the rest of the deck is what it was before them."""
IMAGE_EVERY = 110
"""One card in this many, of those without an extra, shows a picture."""
N_IMAGES = 24


def _png(width: int, height: int, shade: int) -> bytes:
    """A small real PNG: a grey gradient."""
    rows = b"".join(b"\x00" + bytes((shade + x + y) % 256 for x in range(width)) for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    body = chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body


def _svg(n: int) -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="120" viewBox="0 0 240 120">'
        f'<rect x="10" y="10" width="{100 + n}" height="60" fill="#36c" stroke="#123"/>'
        f'<text x="20" y="100" font-size="14">Figure {n}</text></svg>\n'
    )


def _images(folder: Path) -> list[str]:
    """Write the pictures cards show; return their paths, relative to the cards file."""
    (folder / "images").mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(N_IMAGES):
        name = f"images/figure-{n:02d}." + ("svg" if n % 4 == 3 else "png")
        if name.endswith(".svg"):
            (folder / name).write_text(_svg(n), encoding="utf-8")
        else:
            (folder / name).write_bytes(_png(64 + 8 * n, 48, n * 10))
        paths.append(name)
    return paths


def _marked(i: int, start: str, subject: str, words: tuple[str, str, str]) -> str:
    """Card ``i``'s question with maths or inline code, for one card in :data:`MATHS_EVERY` and one
    in :data:`CODE_EVERY`; else ""."""
    a, b, c = words
    if i % MATHS_EVERY == 7:  # maths: inline, a fraction and a subscript
        return f"{start} links {subject} to \\(x_{{{i}}} = \\frac{{{c}}}{{2}}\\) in case {i}?"
    if i % CODE_EVERY == 5:
        return f"{start} links `{a}.{b}()` to {c} in case {i}?"
    return ""


def _question(i: int, start: str, subject: str, words: tuple[str, str, str]) -> str:
    """Card ``i``'s question as a YAML scalar (quoted when it has maths or code)."""
    marked = _marked(i, start, subject, words)
    return _q(marked) if marked else f"{start} links {subject} to {words[2]} in case {i}?"


def _code_block(i: int, words: tuple[str, str, str]) -> list[str]:
    """An extra with a Python block, its words from the card's (no draw from the random stream)."""
    a, b, c = words
    return [
        "    extra: |",
        "      ```python",
        f"      def {a}_{b}(values: list[float]) -> float:",
        f'          """The {c} of case {i}."""',
        f"          return sum(values) / len(values)  # {WORDS[i % len(WORDS)]}",
        "      ```",
    ]


def _other_extra(i: int, words: tuple[str, str, str], images: list[str]) -> list[str]:
    """The extra of card ``i`` when it has no note: a code block, a picture, or none."""
    if i % BLOCK_EVERY == 13:  # a code block, highlighted at build time
        return _code_block(i, words)
    if i % IMAGE_EVERY == IMAGE_EVERY // 2:
        picture = images[(i // IMAGE_EVERY) % len(images)]
        return [f"    extra: 'Figure: ![A diagram for case {i}]({picture})'"]
    return []


def generate(n_cards: int, folder: Path, seed: int = 7) -> Path:
    """Write ``folder/cards.yaml`` and ``folder/sources/*.txt``; return the cards file."""
    rng = random.Random(seed * 1_000_003 + n_cards)
    n_sources = max(4, min(40, n_cards // 1000 + 4))
    sentences_per_source = max(50, n_cards * 2 // n_sources)
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    sources = [Source(f"source-{i:02d}", rng, sentences_per_source) for i in range(n_sources)]
    images = _images(folder)
    lines = [
        "version: 1",
        "deck:",
        f"  name: Benchmark Deck {n_cards}",
        f"  id: {DECK_ID}",
        "  description: >-",
        "    A synthetic deck for timing deckgen against bare genanki. Every quote",
        "    occurs in the generated source documents.",
        "  tags: [bench]",
        "",
        "sources:",
    ]
    for i, src in enumerate(sources):
        (folder / "sources" / f"{src.key}.txt").write_text(src.text, encoding="utf-8")
        lines += [
            f"  {src.key}:",
            f"    title: Synthetic source number {i}",
            f"    file: sources/{src.key}.txt",
        ]
        if i % 2 == 0:
            lines += [f"    publisher: Publisher {i}", f'    date: "2020-01-{i % 28 + 1:02d}"']
    lines += ["", "cards:"]
    for i in range(n_cards):
        topic = rng.choice(TOPICS)
        a, b, c = rng.sample(WORDS, 3)
        emph = rng.random() < 0.2
        subject = f"*{a} {b}*" if emph else f"{a} {b}"
        start = rng.choice(QUESTION_STARTS)
        question = _question(i, start, subject, (a, b, c))
        card_id = f"{topic}-{a}-{b}-{i}"
        lines.append(f"  - id: {card_id}")
        kind = rng.random()
        if kind < 0.06:  # a cloze card: two or three deletions
            third = f", and {{{{c3::{rng.choice(WORDS)}}}}}" if kind < 0.03 else ""
            text = f"In case {i}, the {{{{c1::{a} {b}}}}} links to the {{{{c2::{c}::a word}}}}{third}."
            lines += ["    kind: cloze", f"    text: {_q(text)}"]
        elif kind < 0.12:  # a reversed card: a term and its meaning
            x, y = rng.choice(WORDS), rng.choice(WORDS)
            lines += [
                "    kind: reversed",
                f"    question: {a} {b} term {i}",
                f"    answer: The {x} {y} of case {i}.",
            ]
        else:
            lines.append(f"    question: {question}")
            lines += _answer(rng, (a, b, c))
        lines.append("    evidence:")
        roll = rng.random()
        cited = rng.sample(sources, 2 if roll < 0.2 else 1)
        for k, src in enumerate(cited):
            if roll > 0.9 and k == 0:
                lines.append(f"      {src.key}:")
                lines += [f"        - {_q(src.quote(rng))}" for _ in range(2)]
            else:
                lines.append(f"      {src.key}: {_q(src.quote(rng))}")
        tags = rng.sample(TOPICS, rng.randint(0, 2))
        lines.append(f"    tags: [{', '.join([topic, *(t for t in tags if t != topic)])}]")
        if rng.random() < 0.3:
            lines.append(f"    extra: See also the section on {rng.choice(WORDS)} and {rng.choice(WORDS)}.")
        else:
            lines += _other_extra(i, (a, b, c), images)
    cards = folder / "cards.yaml"
    cards.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return cards


if __name__ == "__main__":
    import sys

    print(generate(int(sys.argv[1]), Path(sys.argv[2])))
