"""Several decks of one project, built together: all checked and packaged before any is written.

``deckgen build a.yaml b.yaml`` builds each cards file into its own deck
(``decks/`` beside each file, or one ``--out`` folder for all). The decks are
checked together (:mod:`generator.check.project`: no two with one id or one
name), then each is planned and packaged; only when every deck is ready is
anything written, so a problem in one deck leaves every deck as it was. Each
deck keeps all the guarantees of a single build (its own manifest, mod times,
removed cards, guards).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from generator.check import check_all
from generator.collector import collector_paused
from generator.compile.pipeline import (
    BuildResult,
    Options,
    Progress,
    default_out,
    finish,
    locked,
    prepare,
    stamp,
)
from generator.compile.pipeline import paths as paths_of
from generator.diagnostics import has_errors, make
from generator.model import CardsFile


@collector_paused()
def build_all(
    paths: Sequence[Path],
    out_dir: Path | None = None,
    *,
    displays: Sequence[str] | None = None,
    write: bool = True,
    strict: bool = False,
    options: Options | None = None,
    allow_outside: bool = False,
    progress: Progress | None = None,
) -> list[BuildResult]:
    """Check every cards file and build its deck; one result a file, in order.

    Nothing is written unless every deck checks clean and packages; with
    ``write=False`` nothing is written at all, and each result's
    ``up_to_date`` says whether its files hold what a build would write.
    """

    def report(stage: str, fraction: float, deck: int = 0) -> None:
        if progress is not None:
            progress(stage, (deck + fraction) / max(len(paths), 1))

    report("Checking", 0.0)
    checked = check_all(paths, displays, allow_outside=allow_outside)
    results = [BuildResult(found) for _, found in checked]
    if any(model is None or has_errors(found, strict) for model, found in checked):
        return results
    models = [model for model, _ in checked if model is not None]
    folders = [out_dir if out_dir is not None else default_out(path) for path in paths]
    if _same_files(results, models, folders):
        return results
    chosen = options or Options()
    chosen = replace(chosen, now=stamp(results[0].warnings, chosen.now))
    with locked(folders, write=write):
        for index, (result, model, path) in enumerate(zip(results, models, paths, strict=True)):

            def deck_report(stage: str, fraction: float, deck: int = index) -> None:
                report(stage, fraction, deck)

            out = folders[index]
            prepare(result, model, cards_path=path, out_dir=out, options=chosen, report=deck_report)
        if write:
            for result in results:
                finish(result)
    report("Done", 1.0, len(paths) - 1)
    return results


def _same_files(results: list[BuildResult], models: list[CardsFile], folders: list[Path]) -> bool:
    """E205 for a deck that would write another's files (two names with one file name); any?"""
    first: dict[str, tuple[CardsFile, Path]] = {}
    clash = False
    for result, model, folder in zip(results, models, folders, strict=True):
        apkg = paths_of(folder, model.deck.name)[0]
        other, _ = first.setdefault(os.path.realpath(apkg), (model, apkg))
        if other is model:
            continue
        deck = model.deck
        at = deck.name_pos or deck.pos
        result.diagnostics.append(
            make(
                at.file or model.path,
                at.line,
                at.col,
                "E205",
                f"deck {deck.name!r} would be written to {apkg}, as deck {other.deck.name!r} of "
                f"{other.path} is: give the two decks names that differ in more than punctuation and case",
            )
        )
        clash = True
    return clash
