"""Node tree → model values, with a diagnostic for every structural problem.

This stage checks shapes: mappings, required and unknown keys, value kinds,
scalars YAML would retype. What the values *mean* (duplicate ids, quotes in
their sources, card quality) is checked in :mod:`generator.check.rules` on the
model this builds. Nothing here raises on bad input.
"""

from __future__ import annotations

import os
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

from generator import deckid
from generator.check import cardlist, folders, kinds, marks, references
from generator.check import style as style_file
from generator.check.decknames import deck_name_problems
from generator.check.reader import Fields, Reader, kind, whole_number
from generator.check.schema import (
    CARD,
    DECK,
    IGNORE,
    KIND_KEYS,
    KINDS,
    LIMITS,
    LINES_PATTERN,
    SCHEMA_VERSION,
    SOURCE,
    TOP,
)
from generator.check.subdecks import Subdecks
from generator.diagnostics import Diagnostic
from generator.files import outside
from generator.load import Document
from generator.load.include import Includes
from generator.load.nodes import MappingNode, Node, ScalarNode, SequenceNode
from generator.model import Allow, Card, Deck, Evidence, Ignore, Pos, Source
from generator.urls import url_problem


def _deck(r: Reader, node: Node, tag_sink: list[tuple[str, Pos]], base: Path, confine: bool) -> Deck | None:
    fields = r.mapping(node, DECK, "deck")
    if fields is None or "name" not in fields or "id" not in fields:
        return None
    name = r.text(fields["name"][1], "deck name")
    deck_id = _deck_id(r, fields["id"][1])
    tags = r.tags(fields["tags"][1], "deck tags") if "tags" in fields else ()
    tag_sink.extend(tags)
    if name is None or deck_id is None:
        return None
    if not name.strip():
        r.report(r.pos(fields["name"][1]), "E303", "deck name is empty; write the deck's name")
        return None
    name_node = fields["name"][1]
    assert isinstance(name_node, ScalarNode)  # r.text read it
    for index, problem in deck_name_problems(name):
        r.report(r.at(name_node, index), "E331", f"deck name {name.strip()!r} {problem}; rename the deck")
    description = r.optional_text(fields, "description", "deck")
    if "![" in description:
        references.not_here(r, fields["description"][1], "the deck description")
    allow = _allow(r, fields["allow"][1], "deck") if "allow" in fields else ()
    style = style_file.read_style(r, fields["style"][1], base, confine) if "style" in fields else ""
    if style is None:
        return None
    return Deck(
        name.strip(),
        deck_id,
        description,
        tuple(t for t, _ in tags),
        r.pos(node),
        allow,
        id_pos=r.pos(fields["id"][1]),
        name_pos=r.pos(fields["name"][1]),
        style=style,
    )


def _allow(r: Reader, node: Node, where: str) -> tuple[Allow, ...]:
    """Warnings switched off: code -> reason (what they mean: :mod:`generator.check.rules.allowing`)."""
    fields = r.mapping(node, None, f"{where} allow")
    out = []
    for code, (key_node, value) in (fields or {}).items():
        reason = r.text(value, f"{where} allow {code!r}")
        if reason is not None:
            out.append(Allow(code, reason, r.pos(key_node)))
    return tuple(out)


def _deck_id(r: Reader, node: Node) -> int | None:
    """The deck id: E107 below the floor (with a fresh id to use), E101 when not a number or too large."""
    value = whole_number(node)
    if value is not None and value < deckid.FLOOR:
        default = " (1 is Anki's own Default deck)" if value == 1 else ""
        r.report(
            r.pos(node),
            "E107",
            f"deck id {value} is below {deckid.FLOOR:,}: small ids are easily shared by another "
            f"deck{default}, and two decks with one id overwrite each other's notes in Anki; "
            f"use a fresh random id, for example id: {deckid.fresh()}",
        )
        return None
    return r.integer(node, "deck id", deckid.FLOOR, deckid.CEILING)


def _sources(r: Reader, node: Node, base: Path, confine: bool) -> dict[str, Source]:
    fields = r.mapping(node, None, "sources")
    out: dict[str, Source] = {}
    for key, (key_node, value) in (fields or {}).items():
        where = f"source {key!r}"
        entry = r.mapping(value, SOURCE, where)
        if entry is None or "title" not in entry or "file" not in entry:
            continue
        title = r.text(entry["title"][1], f"{where} title")
        file = r.text(entry["file"][1], f"{where} file")
        if title is None or file is None:
            continue
        extra = {k.name: r.optional_text(entry, k.name, where) for k in SOURCE[2:] if k.kind == "text"}
        del extra["reviewed_by"]  # read for its problems (E330), but a record for the author only
        problem = url_problem(extra["url"]) if extra.get("url") else None
        if problem is not None:
            r.report(
                r.pos(entry["url"][1]),
                "W204",
                f"{where} url is not a plain web address: {problem}; cards show no link to it",
            )
        ignore = _ignores(r, entry["ignore"][1], where) if "ignore" in entry else ()
        if "\x00" in file:
            continue  # E330 said so; no path holds a NUL
        resolved = outside(base, base / file) if confine else None
        if resolved is not None:
            r.report(
                r.pos(entry["file"][1]),
                "E009",
                f"{where} file {file!r} is {resolved}, outside the project folder (the cards file's "
                "folder); copy the document into the folder, or pass --allow-outside-sources to read it",
            )
            continue
        shown = os.path.normpath(os.path.join(os.path.dirname(r.path), file))
        out[key] = Source(key, title, file, base / file, r.pos(key_node), **extra, ignore=ignore, shown=shown)
    return out


_LINES = re.compile(LINES_PATTERN)


def _lines(r: Reader, node: Node, where: str) -> tuple[int, int] | None:
    """A line range written as ``N`` or ``N-M`` (an unquoted ``N`` is fine: it is a line number)."""
    match = _LINES.match(node.value) if isinstance(node, ScalarNode) else None
    if match is None:
        shown = repr(node.value) if isinstance(node, ScalarNode) else kind(node)
        r.report(r.pos(node), "E101", f"{where} lines must be a line or a range like 3-14, not {shown}")
        return None
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if last < first:
        r.report(r.pos(node), "E101", f"{where} lines {node.value!r} end before they start")
        return None
    return first, last


def _ignores(r: Reader, node: Node, where: str) -> tuple[Ignore, ...]:
    """A source's ``ignore`` list (what the entries mean: :mod:`generator.check.rules.ignores`)."""
    if not isinstance(node, SequenceNode):
        r.report(r.pos(node), "E101", f"{where} ignore must be a list of passages, not {kind(node)}")
        return ()
    out = []
    for i, item in enumerate(node.value, 1):
        here = f"{where} ignore entry {i}"
        fields = r.mapping(item, IGNORE, here)
        if fields is None:
            continue
        quote = r.text(fields["quote"][1], f"{here} quote", LIMITS["quote"]) if "quote" in fields else None
        lines = _lines(r, fields["lines"][1], here) if "lines" in fields else None
        reason = r.optional_text(fields, "reason", here)
        if ("quote" in fields and quote is None) or ("lines" in fields and lines is None):
            continue
        out.append(Ignore(reason=reason, pos=r.pos(item), quote=quote, lines=lines))
    return tuple(out)


def _named(node: Node, index: int) -> str:
    """How messages name a card: by the id written in it (when it is text), else by its number in
    its list. Its keys are looked at in order, and an id is written first, as a rule."""
    if type(node) is MappingNode:
        for key, value in node.value:
            if type(key) is ScalarNode and key.value == "id":
                if type(value) is ScalarNode and value.value and value.value.isprintable():
                    return f"card {value.value!r}"
                break
    return f"card {index}"


def _empty(node: Node) -> bool:
    """Whether a value is written as nothing at all (``evidence:`` and the end of the line)."""
    return type(node) is ScalarNode and node.value == "" and not node.style


_CARD_KEYS = frozenset(key.name for key in CARD)


def _outdented_evidence(r: Reader, node: Node, fields: Fields, where: str, reported: int) -> None:
    """An empty ``evidence:`` followed by keys a card does not take: the evidence's source keys,
    written at the card's level. Each gets one message, at it, saying to indent it (in place of
    the unknown-key message the card's mapping gave it), and the card reads them as its evidence,
    so that their quotes are checked too."""
    assert isinstance(node, MappingNode)
    pairs = node.value
    start = next(i for i, (key, _) in enumerate(pairs) if type(key) is ScalarNode and key.value == "evidence")
    moved = []
    for key, value in pairs[start + 1 :]:
        if type(key) is not ScalarNode or key.value in _CARD_KEYS or isinstance(value, MappingNode):
            break
        moved.append((key, value))
    if not moved:
        return
    places = {(key.line, key.col) for key, _ in moved}
    r.diagnostics[reported:] = [
        d for d in r.diagnostics[reported:] if not (d.code == "E103" and (d.line, d.col) in places)
    ]
    for key, _ in moved:
        r.report(
            r.pos(key),
            "E103",
            f"{where}: {key.value!r} is written at the card's level, after an empty evidence:; indent "
            f"`{key.value}:` under `evidence:` (two spaces deeper)",
        )
    first = moved[0][0]
    fields["evidence"] = (fields["evidence"][0], MappingNode(node.tag, moved, first.line, first.col))


def _evidence(r: Reader, node: Node, where: str) -> tuple[Evidence, ...]:
    if _empty(node):
        r.report(r.pos(node), "E308", f"{where} has no evidence; quote at least one source")
        return ()
    fields = r.mapping(node, None, f"{where} evidence")
    found: list[Evidence] = []
    for key, (key_node, value) in (fields or {}).items():
        items = value.value if isinstance(value, SequenceNode) else [value]
        key_at = r.pos(key_node)
        if not items:
            r.report(r.pos(value), "E308", f"{where} evidence {key!r} lists no quote; add one or remove it")
        for item in items:
            quote = r.text(item, f"{where} evidence {key!r}", LIMITS["quote"])
            if quote is not None:
                found.append(Evidence(key, quote, r.pos(item), key_at))
    if fields is not None and not fields:
        r.report(r.pos(node), "E308", f"{where} has no evidence; quote at least one source")
    return tuple(found)


KIND_TEXT = {name: kind.keys for name, kind in KINDS.items()}
"""The text keys each kind takes."""


def read_card(
    r: Reader,
    index: int,
    node: Node,
    tag_sink: list[tuple[str, Pos]],
    within: tuple[str, Subdecks] | None = None,
) -> Card | None:
    """One card of a cards list (a :data:`generator.check.cardlist.CardReader`); ``within`` is its
    group's subdeck, which its own ``deck:`` goes below, and the deck's subdecks."""
    subdeck, subdecks = within or ("", Subdecks())
    where = listed = _named(node, index)
    reported = len(r.diagnostics)
    fields = r.mapping(node, CARD, where)
    if fields is None:
        return None
    if "evidence" in fields and _empty(fields["evidence"][1]):
        _outdented_evidence(r, node, fields, where, reported)
    card_id = r.text(fields["id"][1], f"{where} id") if "id" in fields else None
    if card_id is not None:
        where = f"card {card_id!r}"
    card_kind = kinds.read_kind(r, fields, where)
    takes = KIND_TEXT[card_kind] if card_kind is not None else KIND_KEYS
    values = {}
    for name in takes:
        if name in fields:
            values[name] = r.text(fields[name][1], f"{where} {name}")
    if card_kind is not None:
        kinds.check_card(r, node, fields, card_kind, values=values, where=(listed, where))
    extra = r.optional_text(fields, "extra", where)
    note = r.optional_text(fields, "note", where)
    allow = _allow(r, fields["allow"][1], where) if "allow" in fields else ()
    tags = r.tags(fields["tags"][1], f"{where} tags") if "tags" in fields else ()
    tag_sink.extend(tags)
    evidence = _evidence(r, fields["evidence"][1], where) if "evidence" in fields else ()
    media = references.card_media(r, fields, where)
    marks.card_marks(r, fields, where)
    was = _was(r, fields["was"][1], where) if "was" in fields else ()
    if "deck" in fields:
        subdeck = subdecks.join(r, fields["deck"][1], subdeck, where) or subdeck
    if card_id is None or card_kind is None or any(values.get(name) is None for name in takes):
        return None
    return Card(
        id=card_id,
        question=values.get("question") or "",
        answer=values.get("answer") or "",
        evidence=evidence,
        pos=r.pos(node),
        tags=tuple(t for t, _ in tags),
        extra=extra,
        note=note,
        allow=allow,
        positions=_positions(fields, r.path),
        kind=card_kind,
        text=values.get("text") or "",
        media=media,
        deck=subdeck,
        was=was,
    )


def _was(r: Reader, node: Node, where: str) -> tuple[str, ...]:
    """A card's earlier ids (``was:``): one, or a list of them (which ids they may be:
    :mod:`generator.check.rules.identity`)."""
    items = node.value if isinstance(node, SequenceNode) else [node]
    if not items:
        r.report(
            r.pos(node), "E101", f"{where} was must be an earlier id or a list of them, not an empty list"
        )
    found = (r.text(item, f"{where} was", LIMITS["tag"]) for item in items)
    return tuple(value for value in found if value is not None)


_tuple = tuple.__new__


def _positions(fields: Fields, path: str) -> tuple[tuple[str, Pos], ...]:
    """Where each field's value is written (as :meth:`Reader.pos` says, without a call per field)."""
    return tuple([(name, _tuple(Pos, (value.line, value.col, path))) for name, (_, value) in fields.items()])


def _broken_sources(top: Fields, sources: dict[str, Source]) -> set[str] | None:
    """Source keys that are written but could not be read into the model; None when ``sources:``
    is written but is not a mapping (no source could be read)."""
    node = top["sources"][1] if "sources" in top else None
    if node is not None and not isinstance(node, MappingNode):
        return None
    keys = node.value if isinstance(node, MappingNode) else []
    return {k.value for k, _ in keys if isinstance(k, ScalarNode)} - set(sources)


@dataclass(frozen=True)
class Structure:
    """What the shapes pass read: the model's parts, before any rule on meaning ran."""

    deck: Deck | None
    sources: dict[str, Source]
    cards: list[Card]
    tags: list[tuple[str, Pos]]
    """Every tag written (deck and cards), with its position, for the tag rule."""
    broken: set[str] | None
    """Source keys that are written but could not be read (their evidence is not checked again);
    None when ``sources:`` itself could not be read (no evidence is checked again)."""
    base: Path
    """The cards file's folder: paths in it are relative to it, and may not leave it."""


def _structure(r: Reader, root: Node, base: Path, confine: bool, here: Path) -> Structure | None:
    """The shapes pass: node tree → model values (None when the top level is unusable)."""
    reported = len(r.diagnostics)
    top = r.mapping(root, TOP, "the top level")
    if top is None:
        return None
    included = top.keys() == {"cards"} and len(root.value) == 1
    if included:  # its cards are read, but not its evidence: its sources are the including file's
        del r.diagnostics[reported:]  # the missing deck: and sources:, said once, with what to do
        r.report(r.pos(root), "E102", _included(r.path, here))
    if "version" in top:
        version = r.integer(top["version"][1], "version")
        if version is not None and version != SCHEMA_VERSION:
            r.report(r.pos(top["version"][1]), "E105", f"schema version {version} is not supported; use 1")
    tags: list[tuple[str, Pos]] = []
    deck = _deck(r, top["deck"][1], tags, base, confine) if "deck" in top else None
    sources = _sources(r, top["sources"][1], base, confine) if "sources" in top else {}
    cards: list[Card] = []
    if "cards" in top:
        deck_cards = cardlist.Collected(read_card, Includes.of(here), cards, tags, Subdecks())
        main = deck_cards.includes.root
        cardlist.read(deck_cards, cardlist.Place(r, main, (main,)), top["cards"][1])
    return Structure(deck, sources, cards, tags, None if included else _broken_sources(top, sources), base)


def _included(shown: str, here: Path) -> str:
    """What to say of a file that holds only ``cards:``, checked as a cards file: that it looks like
    an included file, and the command that checks the deck that includes it."""
    what = f"{shown} holds only cards:, as an included file does (a cards file has deck: and sources: too)"
    deck = folders.includer(here)
    if deck is None:
        return (
            f"{what}; no cards file here or above includes it: include it from one "
            f"(- include: {here.name}), or give it deck: and sources: to make it a deck"
        )
    written = os.path.normpath(os.path.join(os.path.dirname(shown), os.path.relpath(deck, here.parent)))
    return f"{what}; {written} includes it: check that, with deckgen check {shlex.quote(written)}"


def validate(
    doc: Document, base: Path, cards_path: Path | None = None, *, allow_outside: bool = False
) -> tuple[Structure | None, list[Diagnostic]]:
    """Read a loaded document's node tree into model values; every structural problem as a diagnostic.

    Source files must be inside ``base`` once links are followed (E009),
    unless ``allow_outside``.

    None when the top level is unusable. The document is not changed: a
    caller that wants the node tree freed early lets go of the document
    (as :func:`generator.check.check` does).
    """
    r = Reader(doc.path, doc.text)
    r.diagnostics.extend(doc.diagnostics)
    if doc.root is None:
        return None, r.diagnostics
    here = cards_path if cards_path is not None else base / os.path.basename(doc.path)
    return _structure(r, doc.root, base, not allow_outside, here), r.diagnostics
