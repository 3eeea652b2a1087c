"""The ``deckgen`` command: a thin Click layer over the library.

Only this module imports click. It parses flags, calls the library, prints,
and picks the exit code: 0 clean, 1 problems in the cards file, 2 usage
errors, unreadable input or a build the tool refuses.
"""

from __future__ import annotations

import json
import os
import shlex
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from generator import diagnostics as dg
from generator import starter
from generator.check import check_all, find_decks, included_schema, json_schema
from generator.check import name_problem as deck_name_problem
from generator.codes import ALIASES, CODES, resolve
from generator.compile import BuildError, Options, build_decks, refusals
from generator.files import page_problem, utf8, write_atomic
from generator.model import CardsFile
from generator.report import (
    SourceCoverage,
    coverage_page,
    measure_all,
    page_for,
    previews,
    reference,
    summary,
)
from generator.sync import (
    DEFAULT_URL,
    CollectionSide,
    ConnectSide,
    DeckSync,
    SyncError,
    SyncOptions,
    sync_decks,
)

INTERRUPTED = 130
"""The exit status of a command ended by Ctrl-C (128 + SIGINT), as shells report it."""
FORMATS = click.Choice(["human", "json", "github", "auto"])
_COLOURS = {dg.Severity.ERROR: "red", dg.Severity.WARNING: "yellow"}


def _resolve_format(fmt: str) -> str:
    if fmt == "auto":
        return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "human"
    return fmt


def _report(diagnostics: Sequence[dg.Diagnostic], fmt: str, strict: bool) -> None:
    """Print diagnostics in file order; colour only when writing to a terminal."""
    ordered = dg.sort(diagnostics)
    fmt = _resolve_format(fmt)
    if fmt != "human":
        click.echo(dg.render(ordered, fmt, strict), nl=False)
        return
    for d in ordered:
        severity = dg.Severity.ERROR if strict else d.severity
        head = click.style(str(severity), fg=_COLOURS[severity], bold=True)
        click.echo(f"{d.path}:{d.line}:{d.col}: {head} [{d.code}] {d.message}")
    if ordered:
        shown = [replace(d, severity=dg.Severity.ERROR) for d in ordered] if strict else ordered
        click.echo(dg.summary(shown), err=True)


def _exit_for(diagnostics: Sequence[dg.Diagnostic], strict: bool) -> int:
    if any(d.code == "E007" for d in diagnostics):
        return 2
    return dg.exit_code(diagnostics, strict)


def _wants_progress() -> bool:
    """A progress bar only for a person at a terminal: never in pipes or CI."""
    return sys.stdout.isatty() and not os.environ.get("CI")


class _ProgressBar:
    """A click progress bar that appears once a build has taken more than a moment."""

    DELAY = 0.5
    STEPS = 1000

    def __init__(self) -> None:
        self.start = time.monotonic()
        self.done = 0
        self.bar: click._termui_impl.ProgressBar[int] | None = None

    def __call__(self, stage: str, fraction: float) -> None:
        if self.bar is None:
            if time.monotonic() - self.start < self.DELAY:
                return
            self.bar = click.progressbar(length=self.STEPS, label=stage, show_eta=False)
            self.bar.__enter__()
        self.bar.label = stage
        step = min(self.STEPS, int(fraction * self.STEPS)) - self.done
        if step > 0:
            self.bar.update(step)
            self.done += step

    def close(self) -> None:
        if self.bar is not None:
            self(self.bar.label, 1.0)
            self.bar.render_finish()
            self.bar = None


class _Name(click.Path):
    """A path given on the command line, refused as a usage error when no file system call could take
    it: a NUL byte, or a character the system's file name encoding cannot write."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        problem = name_problem(os.fspath(value))
        if problem is not None:
            self.fail(problem, param, ctx)
        return super().convert(value, param, ctx)


def name_problem(name: str) -> str | None:
    """Why ``name`` can name no file here, or None."""
    if "\0" in name:
        return f"{name!r} holds a NUL byte, which no file name can hold"
    try:
        os.fsencode(name)
    except UnicodeEncodeError as exc:
        return (
            f"{name!r} holds {exc.object[exc.start : exc.end]!r}, which no file name can hold in this "
            f"system's encoding ({exc.encoding})"
        )
    return None


DECKS = click.argument("cards", nargs=-1, type=_Name(dir_okay=False, path_type=Path))
"""One cards file or several (the decks of a project); when none is given, the folder's decks."""


def _decks(cards: tuple[Path, ...]) -> list[Path]:
    """The cards files given, each once (the same file named twice is one deck).

    None given: the decks of this folder (cards.yaml and every other .yaml file with a top-level
    deck: key), or of the nearest folder above it that has any, as git finds its repository; when
    there is none, say where deckgen looked, and stop.
    """
    if not cards:
        found = find_decks(Path("."))
        if not found.decks:
            looked = ", ".join(str(folder) for folder in found.looked)
            click.echo(
                f"deckgen: error: no cards file here or above (looked in {looked}). A deck's cards file "
                "is cards.yaml, or another .yaml file with a top-level deck: key: give its path, or start "
                "a deck with: deckgen init",
                err=True,
            )
            sys.exit(2)
        if found.decks[0].parent != Path("."):
            using = ", ".join(str(path) for path in found.decks)
            click.echo(f"deckgen: no cards file in this folder; using {using}", err=True)
        cards = tuple(found.decks)
    seen: dict[str, Path] = {}
    for path in cards:
        seen.setdefault(os.path.realpath(path), path)
    return list(seen.values())


def _command(name: str, paths: Sequence[Path]) -> str:
    """``deckgen NAME`` with the cards files as they were given (quoted for a shell where needed)."""
    return " ".join(["deckgen", name, *(shlex.quote(str(path)) for path in paths)])


STRICT = click.option("--strict", is_flag=True, help="Treat warnings as errors.")
OUTSIDE = click.option(
    "--allow-outside-sources",
    "allow_outside",
    is_flag=True,
    help="Read source files outside the cards file's folder too (refused by default: E009).",
)
FORMAT = click.option(
    "--format",
    "fmt",
    type=FORMATS,
    default="human",
    show_default=True,
    help="Output: human lines, JSON for tools, GitHub annotations, or auto (github on GitHub Actions).",
)


F = TypeVar("F", bound=Callable[..., Any])


def human_or_json(help_text: str) -> Callable[[F], F]:
    """The ``--format`` option of a command whose output is a report for people or JSON for scripts."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["human", "json"]),
        default="human",
        show_default=True,
        help=help_text,
    )


class _Deckgen(click.Group):
    """The command group, with the handling every command shares: a working folder that is gone, and
    Ctrl-C (exit status 130, as a shell expects, where click itself would say "Aborted!" and exit 1)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            os.getcwd()
        except OSError:
            click.echo(
                "deckgen: error: the current folder no longer exists (it was deleted or moved); "
                "cd into a folder that exists and run the command again",
                err=True,
            )
            sys.exit(2)
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            _interrupted()

    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra: Any
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except KeyboardInterrupt:  # while the arguments are read
            _interrupted()


def _interrupted() -> NoReturn:
    click.echo("deckgen: interrupted", err=True)
    sys.exit(INTERRUPTED)


@click.group(cls=_Deckgen, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="deckgen")
def main() -> None:
    """Check cards.yaml like a compiler and build Anki decks from it.

    \b
    Examples:
      deckgen init my-deck          # start a deck in my-deck/
      deckgen check                 # check cards.yaml (and the folder's other decks)
      deckgen build                 # build decks/<deck>.apkg
      deckgen build --check         # fail if decks/ is out of date

    Without a CARDS file, a command takes every deck of the folder: cards.yaml
    and every other .yaml file with a top-level deck: key (an included file
    has only cards:), checked together as one project. From a subfolder it
    looks upward for them, as git looks for its repository.
    """


@main.command("check")
@DECKS
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=_Name(file_okay=False, path_type=Path),
    help="The folder the decks are built into, as for build: what a build there would refuse is "
    "reported too.  [default: decks/ next to CARDS]",
)
@STRICT
@FORMAT
@OUTSIDE
def check_cmd(
    cards: tuple[Path, ...], out_dir: Path | None, strict: bool, fmt: str, allow_outside: bool
) -> None:
    """Check CARDS (default: the folder's decks) and print every problem.

    Each problem is one line, path:line:col: severity [CODE] message.
    Several cards files are the decks of one project: each is checked, and
    no two may share a deck id or a deck name. What a build would refuse in
    the output folder is reported too (a deck id that another deck built
    there has, or that changed since the deck's last build).
    Exit status: 0 clean, 1 errors (or warnings with --strict), 2 unreadable.

    \b
    Examples:
      deckgen check
      deckgen check my-deck.yaml --strict
      deckgen check physics.yaml chemistry.yaml
      deckgen check --format json | jq '.[].code'
    """
    paths = _decks(cards)
    results = check_all(paths, allow_outside=allow_outside)
    refusals(results, paths, out_dir)
    diagnostics = [d for _, found in results for d in found]
    _report(diagnostics, fmt, strict)
    models = [model for model, _ in results if model is not None]
    if len(models) == len(paths) and not diagnostics and _resolve_format(fmt) == "human":
        names = ", ".join(str(p) for p in paths)
        if len(models) == 1:
            click.echo(f"No problems in {names}: {summary.counted(models[0])}.")
        else:
            n_cards = sum(len(m.cards) for m in models)
            n_sources = sum(len(m.sources) for m in models)
            click.echo(
                f"No problems in {names}: {len(models)} decks, {n_cards} cards from {n_sources} sources."
            )
    sys.exit(_exit_for(diagnostics, strict))


@main.command("build")
@DECKS
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=_Name(file_okay=False, path_type=Path),
    help="Folder for the .apkg and its manifest.  [default: decks/ next to CARDS]",
)
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Write nothing; exit 1 if the deck in the output folder is out of date.",
)
@click.option(
    "--new-notetype",
    is_flag=True,
    help="Start a new note type on purpose (after its field or template names changed).",
)
@click.option(
    "--change-kind",
    is_flag=True,
    help="Let cards change kind on purpose: each gets a new note; the old one stays, tagged as removed.",
)
@click.option(
    "--drop-removed",
    is_flag=True,
    help="Stop shipping notes of removed cards (once they are deleted in Anki).",
)
@STRICT
@FORMAT
@OUTSIDE
def build_cmd(
    cards: tuple[Path, ...],
    out_dir: Path | None,
    check_only: bool,
    new_notetype: bool,
    change_kind: bool,
    drop_removed: bool,
    strict: bool,
    fmt: str,
    allow_outside: bool,
) -> None:
    """Check CARDS (default: the folder's decks), then build OUT/<deck-name>.apkg and its manifest.

    Nothing is written if any check fails; the deck is replaced atomically.
    Unchanged cards keep their modification time, so re-importing updates
    only what changed. SOURCE_DATE_EPOCH, when set, is the build time.
    Several cards files are the decks of one project: all are checked and
    packaged before any is written, and no two may share an id or a name.

    \b
    Examples:
      deckgen build                # decks/ next to cards.yaml
      deckgen build my-deck/cards.yaml   # writes my-deck/decks/, from any folder
      deckgen build physics.yaml chemistry.yaml
      deckgen build my-deck.yaml -o out/
      deckgen build --check        # in CI: is decks/ up to date?
    """
    paths = _decks(cards)
    bar = _ProgressBar() if _wants_progress() else None
    options = Options(
        strict=strict,
        allow_outside=allow_outside,
        new_notetype=new_notetype,
        change_kind=change_kind,
        drop_removed=drop_removed,
    )
    try:
        results = build_decks(paths, out_dir, options, write=not check_only, progress=bar)
    except BuildError as exc:
        click.echo(f"deckgen: error: {exc}", err=True)
        sys.exit(2)
    finally:
        if bar is not None:
            bar.close()
    diagnostics = [d for result in results for d in result.diagnostics]
    _report(diagnostics, fmt, strict)
    for warning in (warning for result in results for warning in result.warnings):
        click.echo(f"deckgen: warning: {warning}", err=True)
    if not all(result.ok for result in results) or dg.has_errors(diagnostics, strict):
        click.echo("Build stopped: nothing was written.", err=True)
        sys.exit(_exit_for(diagnostics, strict) or 1)
    for result in results:
        for line in summary.build_lines(result, check_only):
            click.echo(line.text, err=line.err)
    sys.exit(1 if check_only and not all(r.deck is not None and r.deck.up_to_date for r in results) else 0)


@main.command("sync")
@DECKS
@click.option(
    "--url",
    help=f"AnkiConnect's address, in the Anki desktop running on this machine.  [default: {DEFAULT_URL}]",
)
@click.option("--api-key", help="AnkiConnect's API key, when its config sets one.")
@click.option(
    "--collection",
    "collection",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Sync straight into this collection file (collection.anki2 of a profile) while Anki is closed, "
    "instead of through AnkiConnect.",
)
@click.option("--dry-run", is_flag=True, help="Print what the sync would do; change nothing in Anki.")
@click.option(
    "--overwrite",
    is_flag=True,
    help="Replace notes edited in Anki with the deck's (tags added in Anki are still kept).",
)
@click.option(
    "--delete-removed",
    is_flag=True,
    help="Delete the notes of cards the deck no longer has, instead of retiring them.",
)
@human_or_json("Output: readable lines, or JSON for scripts.")
@STRICT
@OUTSIDE
def sync_cmd(
    cards: tuple[Path, ...],
    url: str | None,
    api_key: str | None,
    collection: Path | None,
    dry_run: bool,
    overwrite: bool,
    delete_removed: bool,
    fmt: str,
    strict: bool,
    allow_outside: bool,
) -> None:
    """Build CARDS (default: the folder's decks), then bring your Anki collection to the decks.

    New cards are added, changed cards updated in place (review history and
    scheduling kept), and cards the deck no longer has are retired: tagged
    deckgen::removed and suspended. A note edited in Anki since deckgen last
    wrote it is left as it is and listed with its differences (--overwrite
    replaces it). Notes of other decks, and notes you made, are never touched.
    A second sync with nothing changed in between does nothing.
    Exit status: 0 synced, 1 errors in CARDS or edits made in Anki left as
    they are, 2 Anki unreachable, a collection locked or a change refused.

    \b
    Examples:
      deckgen sync                           # into the running Anki (AnkiConnect)
      deckgen sync --dry-run                 # what it would do
      deckgen sync --collection ~/.local/share/Anki2/"User 1"/collection.anki2
      deckgen sync --format json | jq '.decks[].conflicts'
    """
    if collection is not None and (url is not None or api_key is not None):
        given = "--url" if url is not None else "--api-key"
        raise click.UsageError(f"--collection and {given} are two ways into Anki: give one of them")
    address = url if url is not None else DEFAULT_URL
    paths = _decks(cards)
    bar = _ProgressBar() if _wants_progress() and fmt == "human" else None
    options = SyncOptions(
        build=Options(strict=strict, allow_outside=allow_outside),
        dry_run=dry_run,
        overwrite=overwrite,
        delete_removed=delete_removed,
    )
    where = str(collection) if collection is not None else f"Anki at {address}"

    def side() -> CollectionSide | ConnectSide:
        return CollectionSide(collection) if collection is not None else ConnectSide(address, api_key)

    try:
        result = sync_decks(paths, side, options, progress=bar)
    except SyncError as exc:
        if bar is not None:
            bar.close()
        click.echo(f"deckgen: error: {exc}", err=True)
        click.echo("Nothing was changed in Anki.", err=True)
        sys.exit(2)
    if bar is not None:
        bar.close()
    diagnostics = [d for r in result.builds for d in r.diagnostics]
    if fmt == "human" or not result.built:
        _report(diagnostics, fmt, strict)
    for warning in (w for r in result.builds for w in r.warnings):
        click.echo(f"deckgen: warning: {warning}", err=True)
    if not result.built:
        click.echo("Sync stopped: nothing was built, nothing was changed in Anki.", err=True)
        sys.exit(_exit_for(diagnostics, strict) or 1)
    if fmt == "json":
        data = _sync_json(result.decks, dry_run, where)
        data["diagnostics"] = json.loads(dg.render(dg.sort(diagnostics), "json", strict) or "[]")
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        for deck in result.decks:
            for line in _sync_lines(deck, dry_run, where):
                click.echo(line)
    if any(not deck.complete for deck in result.decks):
        sys.exit(2)
    sys.exit(1 if any(d.plan.conflicts and not d.plan.overwritten for d in result.decks) else 0)


def _card(fields: Sequence[str]) -> str:
    """A note's card id (deckgen writes it in the last field)."""
    return fields[-1] if fields else "?"


def _listed(ids: Sequence[str], most: int = 20) -> str:
    shown = ", ".join(ids[:most])
    return shown + (f" and {len(ids) - most} more" if len(ids) > most else "")


def _sync_lines(deck: DeckSync, dry_run: bool, where: str) -> list[str]:
    """What a deck's sync did (or, on a dry run, would do), line by line."""
    plan = deck.plan
    verb = "would be" if dry_run else ""
    lines = [f"Deck {plan.deck!r} into {where}" + (" (dry run: nothing changed)" if dry_run else "") + ":"]
    groups = [
        ("added", [b.card_id for b in plan.added]),
        ("updated", [b.card_id for b in plan.updated_notes]),
        ("retired (tagged deckgen::removed, suspended)", [_card(n.fields) for n in plan.retired]),
        ("deleted", [_card(n.fields) for n in plan.deleted]),
    ]
    for name, ids in groups:
        if ids:
            lines.append(f"  {len(ids)} {verb + ' ' if verb else ''}{name}: {_listed(ids)}")
    if plan.looks:
        count = len(plan.looks)
        lines.append(
            f"  the look (CSS, templates) of {count} note type{'s' * (count != 1)} "
            f"{verb + ' ' if verb else 'was '}made the deck's again"
        )
    kept = [c for c in plan.conflicts if not plan.overwritten]
    for conflict in plan.conflicts:
        what = "overwritten" if plan.overwritten else "left as it is (--overwrite replaces it)"
        why = (
            "differs from the deck, and no sync wrote it before" if conflict.first_sync else "edited in Anki"
        )
        lines.append(f"  conflict: card {conflict.built.card_id!r} {why}: {what}")
        lines.extend(f"    {line}" for line in conflict.diff)
    rest = [f"{plan.unchanged} unchanged"]
    if plan.retired_before:
        rest.append(f"{plan.retired_before} retired before")
    lines.append("  " + ", ".join(rest))
    lines.extend(f"  warning: {warning}" for warning in deck.warnings)
    if deck.failed is not None:
        lines.append(f"  stopped: {deck.failed}")
        pending = {
            "look": len(plan.looks),
            "added": len(plan.added),
            "updated": len(plan.updated),
            "retired": len(plan.retired),
            "deleted": len(plan.deleted),
        }
        undone = [f"{count} {step}" for step, count in pending.items() if count and step not in deck.done]
        lines.append(f"  done: {', '.join(deck.done) or 'nothing'}; run the sync again to finish")
        if undone:
            lines.append(f"  not applied: {', '.join(undone)}")
    elif plan.changes == 0 and not kept:
        lines.append("  Nothing to do: the collection has the deck as built.")
    if kept:
        lines.append(
            f"  {len(kept)} note{'s' * (len(kept) != 1)} edited in Anki: carry the fix into the cards file, "
            "or sync with --overwrite to take the deck's"
        )
    return lines


def _sync_json(decks: Sequence[DeckSync], dry_run: bool, where: str) -> dict[str, object]:
    """The sync's outcome as JSON, a deck at a time."""
    return {
        "dry_run": dry_run,
        "into": where,
        "ok": all(d.complete for d in decks),
        "decks": [
            {
                "deck": d.plan.deck,
                "deck_id": d.plan.deck_id,
                "cards_file": str(d.cards_file),
                "added": [b.card_id for b in d.plan.added],
                "updated": [b.card_id for b in d.plan.updated_notes],
                "retired": [_card(n.fields) for n in d.plan.retired],
                "deleted": [_card(n.fields) for n in d.plan.deleted],
                "conflicts": [
                    {
                        "card": c.built.card_id,
                        "note_id": c.note.note_id,
                        "first_sync": c.first_sync,
                        "overwritten": d.plan.overwritten,
                        "diff": list(c.diff),
                    }
                    for c in d.plan.conflicts
                ],
                "looks": len(d.plan.looks),
                "unchanged": d.plan.unchanged,
                "retired_before": d.plan.retired_before,
                "done": d.done,
                "failed": d.failed,
                "warnings": d.warnings,
            }
            for d in decks
        ],
    }


@main.command("preview")
@DECKS
@click.option(
    "-o",
    "--out",
    "out_file",
    type=_Name(dir_okay=False, path_type=Path),
    help="The HTML file to write, for one deck.  [default: preview.html next to cards.yaml, "
    "NAME.preview.html next to NAME.yaml]",
)
@FORMAT
@OUTSIDE
def preview_cmd(cards: tuple[Path, ...], out_file: Path | None, fmt: str, allow_outside: bool) -> None:
    """Write an HTML page that shows every card of CARDS, front and back, as on a phone.

    Each card is rendered with the deck's real templates and CSS in a
    phone-sized frame; the page has a light/dark switch. It needs nothing
    but a browser, and works offline. Nothing is written if a check fails.
    Each deck gets its own page beside its cards file: preview.html for
    cards.yaml, NAME.preview.html for NAME.yaml.

    \b
    Examples:
      deckgen preview                  # writes preview.html next to cards.yaml
      deckgen preview physics.yaml chemistry.yaml
      deckgen preview my-deck.yaml -o /tmp/deck.html
    """
    paths = _decks(cards)
    pages = _pages(paths, out_file, "preview", "-o")
    results = previews(paths, allow_outside=allow_outside)
    diagnostics = [d for result in results for d in result.diagnostics]
    _report(diagnostics, fmt, False)
    if any(result.page is None for result in results):
        click.echo("Preview stopped: nothing was written.", err=True)
        sys.exit(_exit_for(diagnostics, False) or 1)
    for result, page in zip(results, pages, strict=True):
        assert result.page is not None
        _write_page(page, result.page)
        written = f"{result.cards} card{'s' * (result.cards != 1)} written"
        made = f"{result.anki_cards} Anki card{'s' * (result.anki_cards != 1)}"
        click.echo(f"Wrote {page}: {written}, {made}, front and back; open it in a browser.")


def _pages(paths: Sequence[Path], given: Path | None, page: str, option: str) -> list[Path]:
    """The page each deck's report goes to: ``given`` (for one deck only), or each deck's own beside
    its cards file (:func:`generator.report.page_for`); stops when two decks would write one."""
    if given is not None and len(paths) > 1:
        click.echo(
            f"deckgen: error: {option} {given} names one page, and {len(paths)} decks were given; leave "
            f"{option} out, and each deck's page is written beside its cards file",
            err=True,
        )
        sys.exit(2)
    pages = [given] if given is not None else [page_for(path, page) for path in paths]
    first: dict[str, Path] = {}
    for path, out in zip(paths, pages, strict=True):
        _page_allowed(out, paths)
        other = first.setdefault(os.path.realpath(out), path)
        if other is not path:
            click.echo(
                f"deckgen: error: {other} and {path} would both write {out}: rename one of the cards files",
                err=True,
            )
            sys.exit(2)
    return pages


def _page_allowed(page: Path, inputs: Iterable[Path]) -> None:
    """Stop (exit 2) when ``page`` must not be written (:func:`generator.files.page_problem`)."""
    problem = page_problem(page, inputs)
    if problem is not None:
        click.echo(f"deckgen: error: {page} {problem}; nothing was written", err=True)
        sys.exit(2)


def _write_page(path: Path, page: str) -> None:
    try:
        write_atomic(path, utf8(page))
    except OSError as exc:
        click.echo(f"deckgen: error: cannot write {path}: {exc.strerror or exc}", err=True)
        sys.exit(2)


@main.command("init")
@click.argument("folder", default=".", type=_Name(file_okay=False, path_type=Path))
@click.option("--name", help="The deck's name.  [default: from the folder's name, or --file's]")
@click.option(
    "--file",
    "file",
    default=starter.CARDS_FILE,
    show_default=True,
    help="The cards file to write: another name starts another deck in a folder that has one.",
)
def init_cmd(folder: Path, name: str | None, file: str) -> None:
    """Start a deck in FOLDER (default: here): a cards.yaml to build at once.

    Writes cards.yaml with a fresh random deck id and two example cards,
    sources/ with the document they quote and a note on what goes there,
    and a .gitignore for the pages preview and coverage write. It never
    overwrites a cards file: --file NAME.yaml starts a second deck beside
    the first, with its own fresh id.

    \b
    Examples:
      deckgen init physics              # a new folder physics/
      deckgen init --name "Physics 101"
      deckgen init --file ascii.yaml    # a second deck in this folder
      deckgen init ~/decks/licences && deckgen build ~/decks/licences/cards.yaml
    """
    try:
        made = starter.init(folder, name, file, judge=deck_name_problem)
    except starter.StarterError as exc:
        click.echo(f"deckgen: error: {exc}", err=True)
        sys.exit(2)
    click.echo(f"Started the deck {made.deck_name!r} (id {made.deck_id}) in {folder}:")
    for path in made.written:
        click.echo(f"  wrote {path}")
    for path in made.kept:
        click.echo(f"  kept  {path} (it was there already)")
    cards = made.cards
    click.echo(
        f"Next: put your documents in {cards.parent / 'sources'}, write cards in {cards}, then\n"
        f"  deckgen check {cards}\n"
        f"  deckgen build {cards}     # writes {cards.parent / 'decks'}/"
    )


@main.command("schema")
@click.option("--included", is_flag=True, help="The schema of a file a cards file includes (cards: only).")
def schema_cmd(included: bool) -> None:
    """Print the JSON Schema of cards.yaml, for editors.

    \b
    Examples:
      deckgen schema > cards.schema.json
      deckgen schema --included > part.schema.json
    """
    click.echo(json.dumps(included_schema() if included else json_schema(), indent=2))


@main.command("codes")
@click.argument("codes", nargs=-1, metavar="[CODE]...")
@click.option("--markdown", is_flag=True, help="Print the whole reference page (docs/diagnostics.md).")
def codes_cmd(codes: tuple[str, ...], markdown: bool) -> None:
    """Explain diagnostic codes: what each checks, why it matters, an example and its fix.

    Without a CODE, list every code in a line. An old spelling of a
    renumbered code (E204, W320) is explained as the code it is now.

    \b
    Examples:
      deckgen codes E305            # what E305 means and how to fix it
      deckgen codes                 # every code, a line each
      deckgen codes --markdown > docs/diagnostics.md
    """
    if markdown:
        click.echo(reference.markdown(), nl=False)
        return
    if not codes:
        click.echo(reference.listing(), nl=False)
        return
    unknown = [c for c in codes if resolve(c.upper()) not in CODES]
    if unknown:
        click.echo(f"Error: unknown code {', '.join(unknown)}; `deckgen codes` lists them all", err=True)
        sys.exit(2)
    for number, code in enumerate(c.upper() for c in codes):
        if number:
            click.echo()
        if code in ALIASES:
            click.echo(f"{code} is now {resolve(code)} (renumbered: an old spelling is still accepted).")
        click.echo(reference.entry(resolve(code)), nl=False)


@main.command("coverage")
@DECKS
@human_or_json("Output: a readable report, or JSON for tools.")
@click.option(
    "--html",
    "html_path",
    is_flag=False,
    flag_value="",
    default=None,
    metavar="[FILE]",
    help="Also write the documents as a web page with covered passages highlighted: to FILE, for one "
    "deck, or beside each cards file (coverage.html for cards.yaml, NAME.coverage.html for NAME.yaml).",
)
@click.option(
    "--min",
    "floor",
    type=click.FloatRange(0, 100),
    help="Exit 1 when any source's coverage is below PERCENT.",
    metavar="PERCENT",
)
@OUTSIDE
def coverage_cmd(
    cards: tuple[Path, ...], fmt: str, html_path: str | None, floor: float | None, allow_outside: bool
) -> None:
    """Show which sentences of each source no card's evidence covers yet.

    Each source is split into sentences (list items count as sentences;
    headings never count). A sentence is covered when the cards' evidence
    quotes cover at least half of it. Passages listed under a source's
    `ignore:` (page chrome, sentences with no fact) do not count.
    Several cards files (default: the folder's decks) are reported deck by deck.
    Exit status: 0 fine, 1 errors in CARDS or a source below --min, 2 unreadable.

    \b
    Examples:
      deckgen coverage
      deckgen coverage --min 100          # in CI: hold every source to full coverage
      deckgen coverage --html             # writes coverage.html next to cards.yaml
      deckgen coverage --format json | jq '.sources[] | {source, percent}'
    """
    problem = name_problem(html_path) if html_path else None
    if problem is not None:
        click.echo(f"deckgen: error: --html: {problem}", err=True)
        sys.exit(2)
    if html_path and html_path.endswith((".yaml", ".yml")):
        # --html takes an optional FILE, so `--html cards.yaml` would write the page over the cards.
        click.echo(
            f"deckgen: error: --html {html_path} would write the page over a cards file; name the cards "
            f"files first, then --html: deckgen coverage {html_path} --html",
            err=True,
        )
        sys.exit(2)
    paths = _decks(cards)
    pages = (
        _pages(paths, Path(html_path) if html_path else None, "coverage", "--html")
        if html_path is not None
        else []
    )
    results = check_all(paths, allow_outside=allow_outside)
    diagnostics = [d for _, found in results for d in found]
    if any(model is None for model, _ in results) or dg.has_errors(diagnostics):
        click.echo(dg.render(dg.sort(diagnostics), "human"), err=True, nl=False)
        click.echo(
            f"Coverage needs clean cards files: fix the errors above ({_command('check', paths)}).", err=True
        )
        sys.exit(_exit_for(diagnostics, False) or 1)
    decks = []
    for (cards_file, _), path in zip(results, paths, strict=True):
        assert cards_file is not None
        report = measure_all(cards_file.sources, cards_file.cards)
        if isinstance(report, str):
            click.echo(f"deckgen: error: {report}", err=True)
            sys.exit(2)
        decks.append((cards_file, path, report))
    for (cards_file, _, _), page in zip(decks, pages, strict=False):
        _page_allowed(page, [*paths, *(source.path for source in cards_file.sources.values())])
    for (cards_file, _, report), page in zip(decks, pages, strict=False):
        _write_page(page, coverage_page(report, cards_file.cards, cards_file.deck.name))
    below = [
        (path, sc) for _, path, report in decks for sc in report if floor is not None and sc.below(floor)
    ]
    if fmt == "json":
        click.echo(json.dumps(_coverage_json(decks, floor, bool(below)), indent=2, ensure_ascii=False))
    else:
        for number, (cards_file, path, report) in enumerate(decks):
            if len(decks) > 1:
                click.echo(("\n" if number else "") + f"Deck {cards_file.deck.name!r} ({path}):")
            click.echo("\n".join(summary.coverage_lines(report)))
    for page in pages:
        click.echo(f"Wrote {page}", err=True)
    if below:
        names = ", ".join(
            (f"{path}: " if len(decks) > 1 else "") + f"{sc.source.key} ({sc.percent:.1f}%)"
            for path, sc in below
        )
        click.echo(f"Coverage below the floor of {floor:g}%: {names}", err=True)
        sys.exit(1)


def _coverage_json(
    decks: Sequence[tuple[CardsFile, Path, list[SourceCoverage]]], floor: float | None, below: bool
) -> dict[str, object]:
    """The coverage report as JSON: one deck's sources, or each deck's (with its cards file and name)."""
    data: dict[str, object] = {"floor": floor, "ok": not below}
    if len(decks) == 1:
        data["sources"] = [sc.as_dict() for sc in decks[0][2]]
        return data
    data["decks"] = [
        {
            "cards_file": str(path),
            "deck": cards_file.deck.name,
            "ok": not any(floor is not None and sc.below(floor) for sc in report),
            "sources": [sc.as_dict() for sc in report],
        }
        for cards_file, path, report in decks
    ]
    return data
