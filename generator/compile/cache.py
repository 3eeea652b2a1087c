"""The record of the last build, so that a build where nothing changed returns at once.

After a build succeeds, :func:`remember` writes a record of it to the cache
folder (:func:`folder`): what the build was asked (the cards files and output
folders as given, the working folder, the options, ``SOURCE_DATE_EPOCH``
and the ``DECKGEN_*`` settings, the tool itself: every file of the
``generator`` package, and the Python, genanki, PyYAML, SQLite and zlib it
runs on), every file the check read or tried to read, each source and
media file, with a SHA-256 of each, the names in the folders that hold them,
and every file in each output folder with its size and SHA-256. It also keeps
what the build reported: the check's diagnostics, and each deck as a build
that finds nothing to do reports it.

The next build with the same request (:func:`replay`) reads every one of
those files again and compares: only when every input and every output file
is byte for byte what was recorded, and no name was added to or removed from
those folders, does it report the recorded result without checking or
compiling anything; anything else (a changed, added, removed or replaced
file, a foreign, damaged or unreadable record) and the build takes its
whole path, which judges the files on disk as always. The record is written
atomically; a build killed before or while writing it leaves the previous
record, which no longer matches the folder, or none.

A record is not written when an input changed while the build ran (its
modification time is not before the build's start), so a record never
vouches for bytes the build did not see.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sqlite3
import stat
import sys
import time
import zlib
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from generator.compile import manifest as mf
from generator.compile.output import future_message, latest_mod
from generator.compile.pipeline import BuiltDeck, Options, RemovedNotes
from generator.diagnostics import Diagnostic, Severity
from generator.files import TooLarge, read_regular, write_atomic
from generator.model import CardsFile

FORMAT = 1
"""The record's layout: a record of another layout is ignored."""
SETTING = "DECKGEN_CACHE"
"""The environment variable naming the cache folder; ``off`` (or empty) turns the record off."""
MAX_RECORD = 256 << 20
MAX_INPUT = 4 << 30
_SLACK_NS = 2_000_000_000
"""An input modified this close to the build's start may have changed while it ran (coarse clocks)."""

Json = dict[str, Any]


def folder() -> Path | None:
    """The cache folder: ``$DECKGEN_CACHE``, else ``$XDG_CACHE_HOME/deckgen``, else
    ``~/.cache/deckgen``; None when ``DECKGEN_CACHE`` is ``off`` or empty."""
    setting = os.environ.get(SETTING)
    if setting is not None:
        return None if setting.strip() in ("", "off") else Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "deckgen"


def _versions() -> list[str]:
    found = [sys.version, sqlite3.sqlite_version, zlib.ZLIB_RUNTIME_VERSION]
    for name in ("genanki", "PyYAML"):
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} -")
    return found


def tool() -> str:
    """A SHA-256 of the tool: every file of the ``generator`` package, and what it runs on."""
    digest = hashlib.sha256("\n".join(_versions()).encode())
    home = Path(__file__).resolve().parent.parent
    for root, dirs, names in os.walk(home):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            if name.endswith((".pyc", ".pyo")):
                continue
            path = Path(root) / name
            digest.update(f"\0{path.relative_to(home).as_posix()}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def request(paths: Sequence[Path], out_dir: Path | None, options: Options, now: int | None) -> Json:
    """What a build was asked, everything but the files: a record is used only for the same request."""
    env = {
        name: value
        for name, value in sorted(os.environ.items())
        if name in ("SOURCE_DATE_EPOCH", "TZ") or (name.startswith("DECKGEN_") and name != SETTING)
    }
    return {
        "format": FORMAT,
        "tool": tool(),
        "cwd": os.getcwd(),
        "paths": [os.fsdecode(p) for p in paths],
        "out": None if out_dir is None else os.fsdecode(out_dir),
        "options": dataclasses.asdict(options),
        "now": now,
        "env": env,
    }


def _where(key: Json) -> Path | None:
    home = folder()
    if home is None:
        return None
    name = hashlib.sha256(json.dumps(key, sort_keys=True).encode("utf-8", "surrogateescape")).hexdigest()
    return home / "builds" / f"{name[:40]}.json"


def _sha(path: str) -> str | None:
    """The SHA-256 of the regular file at ``path``; None when there is none (or it can't be read)."""
    try:
        return hashlib.sha256(read_regular(Path(path), MAX_INPUT)).hexdigest()
    except (OSError, TooLarge, ValueError):
        return None


def _names(path: str) -> str | None:
    """A SHA-256 of the names in the folder ``path``, sorted; None when it can't be listed."""
    try:
        names = sorted(os.listdir(path))
    except (OSError, ValueError):
        return None
    return hashlib.sha256("\0".join(names).encode("utf-8", "surrogateescape")).hexdigest()


def _outputs(path: str) -> dict[str, list[Any]] | None:
    """Every name in the output folder ``path``: [size, SHA-256] for a regular file, [] for the rest."""
    try:
        names = sorted(os.listdir(path))
    except (OSError, ValueError):
        return None
    found: dict[str, list[Any]] = {}
    for name in names:
        full = os.path.join(path, name)
        try:
            info = os.stat(full, follow_symlinks=False)
        except OSError:
            return None
        found[name] = [info.st_size, _sha(full)] if stat.S_ISREG(info.st_mode) else []
    return found


def _inputs(read: set[str], models: Sequence[CardsFile]) -> list[str]:
    """Every file the build's result may depend on: what the check read, each source, each media file."""
    found = set(read)
    for model in models:
        found.update(os.path.abspath(source.path) for source in model.sources.values())
        found.update(os.path.abspath(media.path) for media in model.media.values())
    return sorted(found)


def _changed_since(paths: list[str], start_ns: int) -> bool:
    """Whether any of ``paths`` was modified at or after ``start_ns``, or just before it."""
    for path in paths:
        try:
            info = os.stat(path)
        except OSError:
            continue
        if max(info.st_mtime_ns, info.st_ctime_ns) >= start_ns - _SLACK_NS:
            return True
    return False


def _deck(deck: BuiltDeck, manifest: mf.Manifest) -> Json:
    """What a build that finds nothing to do reports about ``deck``: every card unchanged."""
    return {
        "cards_path": deck.cards_path,
        "counts": list(deck.counts),
        "apkg": os.fsdecode(deck.apkg),
        "manifest": os.fsdecode(deck.manifest),
        "retired": None if deck.retired is None else os.fsdecode(deck.retired),
        "changelog": None if deck.changelog is None else os.fsdecode(deck.changelog),
        "version": deck.version,
        "unchanged": sorted(manifest.cards),
        "shipped": sorted(manifest.removed),
        "latest": latest_mod(manifest),
    }


def remember(
    key: Json,
    *,
    start_ns: int,
    read: set[str],
    models: Sequence[CardsFile],
    diagnostics: Sequence[Sequence[Diagnostic]],
    decks: Sequence[tuple[BuiltDeck, mf.Manifest]],
    folders: Sequence[Path],
) -> bool:
    """Write the record of a build that succeeded (its folders now hold what it built).

    Returns whether it was written: not when the cache is off or can't be
    written, nor when an input changed while the build ran.
    """
    where = _where(key)
    if where is None:
        return False
    inputs = _inputs(read, models)
    if _changed_since(inputs, start_ns):
        return False
    outputs = {}
    for out in sorted({os.path.abspath(f) for f in folders}):
        found = _outputs(out)
        if found is None:
            return False
        outputs[out] = found
    record = {
        "key": key,
        "inputs": [[path, os.path.realpath(path), _sha(path)] for path in inputs],
        "folders": {d: _names(d) for d in sorted({os.path.dirname(p) for p in inputs})},
        "outputs": outputs,
        "diagnostics": [[d.as_dict() for d in found] for found in diagnostics],
        "decks": [_deck(deck, manifest) for deck, manifest in decks],
    }
    try:
        write_atomic(where, json.dumps(record, sort_keys=True).encode("utf-8", "surrogateescape"))
    except (OSError, ValueError):
        return False
    return True


def _load(key: Json) -> Json | None:
    """The record of this request, if there is one and it is whole and of this request."""
    where = _where(key)
    if where is None:
        return None
    try:
        record = json.loads(read_regular(where, MAX_RECORD).decode("utf-8", "surrogateescape"))
    except (OSError, TooLarge, ValueError, RecursionError):
        return None
    if type(record) is not dict or record.get("key") != key:
        return None
    return record


def _holds(record: Json) -> bool:
    """Whether every input, folder and output file is exactly as recorded."""
    for path, real, sha in record["inputs"]:
        if sha is None:
            if os.path.lexists(path):
                return False
        elif os.path.realpath(path) != real or _sha(path) != sha:
            return False
    if any(_names(d) != names for d, names in record["folders"].items()):
        return False
    return all(_outputs(out) == found for out, found in record["outputs"].items())


def _diagnostic(d: Json) -> Diagnostic:
    values = (d["path"], d["line"], d["col"], d["severity"], d["code"], d["message"])
    if not all(type(v) is t for v, t in zip(values, (str, int, int, str, str, str), strict=True)):
        raise TypeError("not a diagnostic")
    return Diagnostic(d["path"], d["line"], d["col"], Severity(d["severity"]), d["code"], d["message"])


def _built(d: Json) -> tuple[BuiltDeck, str | None]:
    """The deck as a build that finds nothing to do reports it, and its warning about future times."""

    def path(value: Any) -> Path | None:
        if value is None:
            return None
        if type(value) is not str:
            raise TypeError("not a path")
        return Path(value)

    apkg, manifest = path(d["apkg"]), path(d["manifest"])
    counts = d["counts"]
    unchanged, shipped = d["unchanged"], d["shipped"]
    if (
        apkg is None
        or manifest is None
        or type(d["cards_path"]) is not str
        or type(d["version"]) is not int
        or type(d["latest"]) is not int
        or not (type(counts) is list and len(counts) == 2 and all(type(c) is int for c in counts))
        or not all(type(k) is str for k in [*unchanged, *shipped])
    ):
        raise TypeError("not a deck")
    deck = BuiltDeck(
        cards_file=None,
        cards_path=d["cards_path"],
        counts=(counts[0], counts[1]),
        apkg=apkg,
        manifest=manifest,
        changes=mf.Changes(unchanged=list(unchanged)),
        removed=RemovedNotes(shipped=tuple(shipped)),
        up_to_date=True,
        retired=path(d["retired"]),
        version=d["version"],
        changelog=path(d["changelog"]),
    )
    return deck, future_message(d["latest"], manifest)


def replay(key: Json) -> list[tuple[list[Diagnostic], BuiltDeck, str | None]] | None:
    """The recorded result of this request when nothing it depends on changed; else None.

    One (diagnostics, deck, warning about future times) a cards file.
    """
    record = _load(key)
    if record is None:
        return None
    try:
        if not _holds(record):
            return None
        found = [[_diagnostic(d) for d in each] for each in record["diagnostics"]]
        decks = [_built(d) for d in record["decks"]]
    except (KeyError, TypeError, ValueError, AttributeError):
        return None  # a damaged record: never trusted
    if len(found) != len(decks) or len(decks) != len(key["paths"]):
        return None
    return [(diagnostics, deck, warning) for diagnostics, (deck, warning) in zip(found, decks, strict=True)]


def started() -> int:
    """The build's start, for :func:`remember` (nanoseconds, the clock file times are in)."""
    return time.time_ns()
