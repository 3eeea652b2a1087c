"""A folder's decks: which YAML files are cards files, and the search for them from a subfolder.

A deck's cards file is ``cards.yaml``, or any other ``.yaml`` or ``.yml`` file
with a top-level ``deck:`` key; an included file holds only ``cards:``, and
other YAML is no deck. Run without a cards file, deckgen takes the decks of
the folder it runs in, or of the nearest folder above it that has any, as git
finds its repository (:func:`find_decks`). An included file checked on its
own is pointed at the deck that includes it (:func:`includer`).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from generator.starter import CARDS_FILE

_DECK_KEY = re.compile(rb"^deck[ \t]*:", re.M)
"""A top-level ``deck:`` key: what sets a deck's cards file apart from an included file (``cards:``
only) and from other YAML."""
_CHUNK = 1 << 20


def is_deck(path: Path) -> bool:
    """Whether ``path`` is a regular file with a top-level ``deck:`` key (read until it is found)."""
    try:
        if not path.is_file():
            return False
        with path.open("rb") as handle:
            tail = b""
            while chunk := handle.read(_CHUNK):
                if _DECK_KEY.search(tail + chunk):
                    return True
                tail = (tail + chunk)[-16:]
    except OSError:
        return False
    return False


def decks_in(folder: Path) -> list[Path]:
    """The cards files of ``folder``: ``cards.yaml`` first (whatever it holds), then every other
    ``.yaml`` or ``.yml`` file with a top-level ``deck:`` key, by name."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    first = [CARDS_FILE] if CARDS_FILE in names and not (folder / CARDS_FILE).is_dir() else []
    others = [
        name
        for name in names
        if name != CARDS_FILE and name.endswith((".yaml", ".yml")) and is_deck(folder / name)
    ]
    return [folder / name for name in first + others]


@dataclass(frozen=True)
class Found:
    """The decks :func:`find_decks` found, and where it looked."""

    decks: list[Path]
    """The cards files, as paths from the folder the search started in (``../cards.yaml``)."""
    looked: list[Path]
    """The folders looked in, nearest first."""


def find_decks(start: Path) -> Found:
    """The cards files of ``start``, or of the nearest folder above it that has any, as git finds its
    repository from a subfolder. The search stops at a repository's top (a folder holding ``.git``)
    and at the file system's root."""
    here = Path(os.path.abspath(start))
    looked: list[Path] = []
    for folder in (here, *here.parents):
        looked.append(folder)
        decks = decks_in(folder)
        if decks:
            up = os.path.relpath(folder, here)
            return Found([Path(name.name) if up == "." else Path(up) / name.name for name in decks], looked)
        if (folder / ".git").exists():
            break
    return Found([], looked)


_INCLUDE = re.compile(rb"^[ \t]*(?:-[ \t]+)?include[ \t]*:[ \t]*(.+?)[ \t]*(?:#.*)?$", re.M)
"""An ``include:`` item, its path written plainly or in quotes (what a search of the text can tell)."""
_NESTING = 16


def includer(path: Path) -> Path | None:
    """The deck that includes the file ``path``, directly or through other included files: one of
    the decks :func:`find_decks` finds from the file's folder (as an absolute path); None if none."""
    target = os.path.realpath(path)
    for deck in find_decks(path.parent).decks:
        whole = Path(os.path.abspath(path.parent / deck))
        if _includes(whole, target, set(), 0):
            return whole
    return None


def _includes(file: Path, target: str, seen: set[str], depth: int) -> bool:
    """Whether ``file`` includes ``target`` (a real path), directly or through the files it includes."""
    real = os.path.realpath(file)
    if real in seen or depth > _NESTING:
        return False
    seen.add(real)
    try:
        data = file.read_bytes() if file.is_file() else b""
    except OSError:
        return False
    for match in _INCLUDE.finditer(data):
        written = match.group(1).decode("utf-8", "replace").strip("'\"")
        included = file.parent / written
        try:
            real = os.path.realpath(included)
        except ValueError:  # a NUL byte: the line names no file
            continue
        if real == target or _includes(included, target, seen, depth + 1):
            return True
    return False
