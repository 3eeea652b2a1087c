"""Building decks, one or several: all checked and packaged before any is written.

``deckgen build a.yaml b.yaml`` builds each cards file into its own deck
(``decks/`` beside each file, or one ``--out`` folder for all). The decks are
checked together (:mod:`generator.check.project`: no two with one id or one
name), then each is planned and packaged (:mod:`.pipeline`); only when every
deck is ready is anything written, so a problem in one deck leaves every deck
as it was. Each deck keeps all the guarantees of a single build (its own
manifest, mod times, removed cards, guards). :func:`build_decks` is the one
way a build runs; :func:`build` is it for one deck.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.check import DEFAULT_TUNING, Tuning, check_ahead
from generator.collector import collector_paused
from generator.compile import cache, lock, owner
from generator.compile.clock import ClockError, build_time
from generator.compile.pipeline import BuildError, BuiltDeck, Options, Plan, Progress, prepare, write_plan
from generator.diagnostics import Diagnostic, has_errors, make
from generator.files import add_reads, first_link, noting_reads
from generator.model import CardsFile

Steps = tuple[list[str], list[Plan]]
"""What a build's steps between its check and its writing give: the clock's warnings, each deck's plan."""


@dataclass(frozen=True)
class BuildResult:
    """What the build of one cards file came to: its diagnostics, and its deck when it was built."""

    diagnostics: tuple[Diagnostic, ...]
    warnings: tuple[str, ...] = ()
    """What the user should know about the build that is not about the cards file."""
    deck: BuiltDeck | None = None
    """The deck as built; None when a problem in a cards file stopped the build (of every deck)."""
    written: bool = False
    """Whether the build changed anything on disk (never with ``write=False``)."""

    @property
    def ok(self) -> bool:
        return self.deck is not None


@collector_paused()
def build_decks(
    paths: Sequence[Path],
    out_dir: Path | None = None,
    options: Options | None = None,
    *,
    write: bool = True,
    now: int | None = None,
    progress: Progress | None = None,
    tuning: Tuning = DEFAULT_TUNING,
) -> list[BuildResult]:
    """Check every cards file and build its deck into ``out_dir`` (default: ``decks/`` beside each file).

    One result a file, in order. Nothing is written unless every deck checks
    clean and packages; with ``write=False`` nothing is written at all, and
    each deck's ``up_to_date`` says whether its files hold what a build would
    write. ``options`` are the flags' choices (default: all off); ``now`` is
    the build time (default: ``SOURCE_DATE_EPOCH`` or the clock);
    ``progress``, when given, is told how far the build has got. ``tuning``
    says when work is shared with a helper process (:class:`generator.check.Tuning`;
    the result is the same): for a large deck, the check's rules run there
    while the deck is compiled and packaged here.
    """

    def reporter(deck: int) -> Progress:
        def report(stage: str, fraction: float) -> None:
            if progress is not None:
                progress(stage, (deck + fraction) / max(len(paths), 1))

        return report

    options = options if options is not None else Options()
    reporter(0)("Checking", 0.0)
    folders = [out_dir if out_dir is not None else default_out(path) for path in paths]
    key = cache.request(paths, out_dir, options, now)
    start = cache.started()
    replayed = None
    with contextlib.suppress(BuildError), locked(folders, write=False):  # busy: take the whole path
        replayed = cache.replay(key)
    if replayed is not None:
        reporter(len(paths) - 1)("Done", 1.0)
        return _replayed(replayed, now)
    with noting_reads() as read:
        ahead = check_ahead(paths, allow_outside=options.allow_outside, tuning=tuning)
    with contextlib.ExitStack() as held, ahead:
        early = None
        if ahead.models is not None:  # the rules run in a helper meanwhile: make the plans now
            early_models = ahead.models
            early = _early(
                held,
                early_models,
                folders,
                lambda: _steps(
                    held, early_models, paths, folders, options, write=write, now=now, report=reporter, jobs=1
                ),
            )
        checked = ahead.result()
        add_reads(read, ahead.reads)
        found = [diagnostics for _, diagnostics in checked]
        if any(model is None or has_errors(diagnostics, options.strict) for model, diagnostics in checked):
            return [BuildResult(tuple(diagnostics)) for diagnostics in found]
        models = [model for model, _ in checked if model is not None]
        clashes = same_files(models, folders)
        if any(clashes):
            return [
                BuildResult((*diagnostics, *more)) for diagnostics, more in zip(found, clashes, strict=True)
            ]
        if isinstance(early, Exception):
            raise early  # what the same steps raise below, now that the check has passed
        clock, plans = early or _steps(
            held, models, paths, folders, options, write=write, now=now, report=reporter
        )
        written = [write_plan(plan) if write else False for plan in plans]
        if write or all(plan.deck.up_to_date for plan in plans):
            cache.remember(
                key,
                start_ns=start,
                read=read,
                models=models,
                diagnostics=found,
                decks=[(plan.deck, plan.state) for plan in plans],
                folders=folders,
            )
    reporter(len(paths) - 1)("Done", 1.0)
    results = []
    for diagnostics, plan, done in zip(found, plans, written, strict=True):
        results.append(BuildResult(tuple(diagnostics), (*clock, *plan.warnings), plan.deck, done))
        clock = []  # the clock's warnings are told once, with the first deck
    return results


def _early(
    held: contextlib.ExitStack, models: list[CardsFile], folders: list[Path], steps: Callable[[], Steps]
) -> Steps | Exception | None:
    """``steps()`` (:func:`_steps`), taken while the check's rules still run in a helper
    (:func:`generator.check.check_ahead`): what they give, or what they raised, for the caller to
    raise once the check has passed; None when two decks would write one file (the caller reports
    it). Nothing is written, and nothing is told, before the check's result is known."""
    if any(same_files(models, folders)):
        return None
    # Locking a folder to write creates it: one made here, that a failed check leaves empty, goes.
    held.callback(_remove_empty, _missing(folders))
    try:
        return steps()
    except Exception as exc:  # raised by the caller once the check has passed, as the steps would then
        return exc


def _missing(folders: list[Path]) -> list[Path]:
    """The folders that are not there, and each one's missing parents: each deepest first."""
    missing = []
    for folder in folders:
        path = Path(os.path.abspath(folder))
        while not os.path.lexists(path) and path != path.parent:
            missing.append(path)
            path = path.parent
    return missing


def _remove_empty(folders: list[Path]) -> None:
    """Remove each of ``folders`` that is an empty folder; leave everything else as it is."""
    for folder in folders:
        with contextlib.suppress(OSError):  # not empty, not there, not a folder
            os.rmdir(folder)


def _steps(
    held: contextlib.ExitStack,
    models: list[CardsFile],
    paths: Sequence[Path],
    folders: list[Path],
    options: Options,
    *,
    write: bool,
    now: int | None,
    report: Callable[[int], Progress],
    jobs: int | None = None,
) -> Steps:
    """The steps of a build between its check and its writing: the clock's warnings and every deck's
    plan, the folders' locks taken into ``held`` (``jobs``: as :func:`prepare` takes it)."""
    for path, folder in zip(paths, folders, strict=True):
        refuse_link(folder, path.parent)
    clock: list[str] = []
    at = stamp(clock, now)
    held.enter_context(locked(folders, write=write))
    return clock, [
        prepare(
            model, cards_path=path, out_dir=folder, options=options, now=at, report=report(index), jobs=jobs
        )
        for index, (model, path, folder) in enumerate(zip(models, paths, folders, strict=True))
    ]


def _replayed(
    replayed: list[tuple[list[Diagnostic], BuiltDeck, str | None]], now: int | None
) -> list[BuildResult]:
    """The results of a build where nothing changed, as its record (:mod:`.cache`) keeps them."""
    clock: list[str] = []
    stamp(clock, now)
    results = []
    for diagnostics, deck, future in replayed:
        warnings = (*clock, *([future] if future else []))
        results.append(BuildResult(tuple(diagnostics), warnings, deck, False))
        clock = []  # told once, with the first deck
    return results


def build(
    cards_path: Path,
    out_dir: Path | None = None,
    options: Options | None = None,
    *,
    write: bool = True,
    now: int | None = None,
    progress: Progress | None = None,
) -> BuildResult:
    """Check ``cards_path`` and build its deck into ``out_dir`` (default: ``decks/`` beside it).

    :func:`build_decks` for one cards file (``options``: all off by default).
    With ``write=False`` nothing is written, and the deck's ``up_to_date``
    tells whether the files on disk already hold exactly what a build would
    write.
    """
    return build_decks([cards_path], out_dir, options, write=write, now=now, progress=progress)[0]


def stamp(warnings: list[str], now: int | None) -> int:
    """The build time: ``now``, else ``SOURCE_DATE_EPOCH`` or the clock (read before any lock is taken)."""
    try:
        return build_time(warnings) if now is None else now
    except ClockError as exc:
        raise BuildError(str(exc)) from None


def refuse_link(folder: Path, top: Path) -> None:
    """Raise BuildError when the output folder ``folder`` is a link, or lies below one inside ``top``
    (the cards file's folder): a build writes and deletes files in it."""
    link = first_link(folder, top)
    if link is not None:
        raise BuildError(
            f"{link} is a link (to {os.readlink(link)[:200]}): a build writes and deletes files in its "
            "output folder, so it must be a real folder; remove the link, or build into a real folder "
            "with -o"
        )


def default_out(cards_path: Path) -> Path:
    """Where a deck is built when no folder is given: ``decks/`` beside its cards file."""
    return cards_path.parent / "decks"


@contextlib.contextmanager
def locked(folders: list[Path], *, write: bool) -> Iterator[None]:
    """Hold the lock of every output folder (each once, in order) for the ``with`` block."""
    unique = sorted({os.path.abspath(folder): folder for folder in folders}.items())
    try:
        with contextlib.ExitStack() as stack:
            for _, folder in unique:
                try:
                    stack.enter_context(lock.locked(folder, exclusive=write))
                except lock.Busy:
                    busy = f"another deckgen build is writing to {folder}"
                    raise BuildError(f"{busy}: run this one again when it has finished") from None
            yield
    except OSError as exc:
        raise BuildError(f"cannot write to {exc.filename or unique[0][1]}: {exc.strerror or exc}") from exc


def same_files(models: list[CardsFile], folders: list[Path]) -> list[list[Diagnostic]]:
    """E205 for each deck that would write another's files (two names with one file name), a list a deck."""
    first: dict[str, tuple[CardsFile, Path]] = {}
    found: list[list[Diagnostic]] = []
    for model, folder in zip(models, folders, strict=True):
        apkg = owner.files(folder, model.deck.name).apkg
        other, _ = first.setdefault(os.path.realpath(apkg), (model, apkg))
        if other is model:
            found.append([])
            continue
        deck = model.deck
        at = deck.name_pos or deck.pos
        message = (
            f"deck {deck.name!r} would be written to {apkg}, as deck {other.deck.name!r} of "
            f"{other.path} is: give the two decks names that differ in more than punctuation and case"
        )
        found.append([make(at.file or model.path, at.line, at.col, "E205", message)])
    return found
