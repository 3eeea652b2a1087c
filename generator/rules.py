"""Rules on the meaning of a structurally sound cards file.

Each rule is a small function over the model that yields diagnostics:
identity (ids, duplicates), references (sources), grounding (quotes found in
their documents), tags, and card quality (warnings).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence

from .diagnostics import Diagnostic, make
from .grounding import SourceText, normalise, read_source
from .ignores import check_ignores
from .model import Card, Pos, Source
from .schema import SLUG_PATTERN

_SLUG = re.compile(SLUG_PATTERN)
_YES_NO = re.compile(
    r"^(is|are|was|were|does|do|did|can|could|will|would|should|has|have|had|may|must)\b", re.I
)
_HTML = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(\s[^<>]*)?/?>|<!--|&[a-zA-Z]+;|&#\d+;")
_MANY = re.compile(
    r"\b(list|name|give|what are) (all|every|each|the (three|four|five|six|seven|eight|nine|ten))\b", re.I
)
_PUNCT = re.compile(r"[\W_]+")
LONG_ANSWER_WORDS = 25

Finding = tuple[Pos, str, str]


def _key(text: str) -> str:
    """Text folded for "the same question" comparisons."""
    return _PUNCT.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def check_ids(cards: Sequence[Card]) -> Iterator[Finding]:
    """E301 ids that are not slugs; E302 duplicate ids; E309 ids equal but for case."""
    seen: dict[str, Card] = {}
    folded: dict[str, Card] = {}
    for card in cards:
        if not _SLUG.match(card.id):
            yield (
                card.pos,
                "E301",
                (f"card id {card.id!r} is not a slug: use lowercase letters, digits and single hyphens"),
            )
        if card.id in seen:
            first = seen[card.id].pos
            yield (
                card.pos,
                "E302",
                (f"duplicate card id {card.id!r}; first used at line {first.line}, column {first.col}"),
            )
            continue
        seen[card.id] = card
        other = folded.get(card.id.casefold())
        if other is not None:
            yield (
                card.pos,
                "E309",
                (f"card id {card.id!r} differs only in case from {other.id!r} at line {other.pos.line}"),
            )
        folded.setdefault(card.id.casefold(), card)


def check_text(cards: Sequence[Card]) -> Iterator[Finding]:
    """E303 empty question or answer; E304 the same question twice."""
    questions: dict[str, Card] = {}
    for card in cards:
        for name in ("question", "answer"):
            if not getattr(card, name).strip():
                yield card.pos, "E303", f"card {card.id!r} has an empty {name}"
        key = _key(card.question)
        if not key:
            continue
        if key in questions:
            first = questions[key]
            yield (
                card.pos,
                "E304",
                (f"card {card.id!r} asks the same question as {first.id!r} (line {first.pos.line})"),
            )
        else:
            questions[key] = card


def check_sources(sources: dict[str, Source], cards: Sequence[Card]) -> Iterator[Finding]:
    """E301 source keys that are not slugs; E201 unknown sources; W202 unused; E203 files; E305 quotes."""
    texts: dict[str, SourceText] = {}
    for key, source in sources.items():
        if not _SLUG.match(key):
            yield source.pos, "E301", f"source key {key!r} is not a slug (lowercase letters, digits, hyphens)"
        loaded = read_source(source.path)
        if isinstance(loaded, str):
            yield source.pos, "E203", f"source {key!r}: {loaded}"
        else:
            texts[key] = loaded
    used: set[str] = set()
    for card in cards:
        for ev in card.evidence:
            used.add(ev.source)
            if ev.source not in sources:
                known = ", ".join(sorted(sources)) or "none defined"
                yield (
                    ev.pos,
                    "E201",
                    f"card {card.id!r} cites source {ev.source!r}, which is not defined (sources: {known})",
                )
                continue
            text = texts.get(ev.source)
            if text is None:
                continue
            if not normalise(ev.quote):
                yield ev.pos, "E303", f"card {card.id!r} has an empty quote from {ev.source!r}"
            elif text.find(ev.quote) is None:
                hint = text.closest(ev.quote)
                where = f"; closest passage, line {hint[0]}: {hint[1]!r}" if hint else ""
                yield ev.pos, "E305", f"quote not found in {sources[ev.source].file}{where}"
    for key, source in sources.items():
        if key not in used:
            yield source.pos, "W202", f"source {key!r} is cited by no card"


def check_tags(tags: Sequence[tuple[str, Pos]]) -> Iterator[Finding]:
    """E306 tags that Anki would split, merge or mangle."""
    for tag, at in tags:
        if not tag.strip():
            problem = "is empty"
        elif any(ch.isspace() for ch in tag):
            problem = "contains whitespace (Anki would split it into several tags)"
        elif '"' in tag or any(unicodedata.category(ch) == "Cc" for ch in tag):
            problem = "contains a quote or control character"
        elif tag.startswith(":") or tag.endswith(":") or ":::" in tag:
            problem = "has a stray ':' (use '::' between hierarchy levels)"
        else:
            continue
        yield at, "E306", f"tag {tag!r} {problem}"


def check_quality(cards: Sequence[Card]) -> Iterator[Finding]:
    """W401 answer in question; W402 yes/no; W403 long answer; W404 many things; W405 HTML."""
    for card in cards:
        answer_key = _key(card.answer)
        if len(answer_key) >= 4 and f" {answer_key} " in f" {_key(card.question)} ":
            yield card.pos, "W401", f"card {card.id!r}: the question contains its own answer"
        if _YES_NO.match(card.question.strip()) and " or " not in card.question:
            yield (
                card.pos,
                "W402",
                (f"card {card.id!r} asks a yes/no question; ask for the fact itself (what, which, how)"),
            )
        words = len(card.answer.split())
        if words > LONG_ANSWER_WORDS:
            yield (
                card.pos,
                "W403",
                (f"card {card.id!r} has a {words}-word answer; keep answers under {LONG_ANSWER_WORDS} words"),
            )
        if card.question.count("?") > 1 or _MANY.search(card.question):
            yield card.pos, "W404", f"card {card.id!r} asks for several things; split it into cards"
        for name in ("question", "answer", "extra"):
            if _HTML.search(getattr(card, name)):
                yield card.pos, "W405", f"card {card.id!r}: HTML in {name} is shown as text, not markup"


def check(
    path: str, sources: dict[str, Source], cards: Sequence[Card], tags: Sequence[tuple[str, Pos]]
) -> list[Diagnostic]:
    """Run every rule; return the diagnostics in the order found."""
    findings: list[Finding] = [
        *check_ids(cards),
        *check_text(cards),
        *check_sources(sources, cards),
        *check_ignores(sources),
        *check_tags(tags),
        *check_quality(cards),
    ]
    return [make(path, at.line, at.col, code, message) for at, code, message in findings]
