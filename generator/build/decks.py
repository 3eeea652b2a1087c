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

from generator.build.pipeline import (
    BuildResult,
    Options,
    Progress,
    default_out,
    finish,
    locked,
    prepare,
    stamp,
)
from generator.check.project import check_all
from generator.collector import collector_paused
from generator.diagnostics import has_errors, make


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
    chosen = options or Options()
    chosen = replace(chosen, now=stamp(results[0].warnings, chosen.now))
    folders = [out_dir if out_dir is not None else default_out(path) for path in paths]
    with locked(folders, write=write):
        for index, (result, (model, _), path) in enumerate(zip(results, checked, paths, strict=True)):
            assert model is not None

            def deck_report(stage: str, fraction: float, deck: int = index) -> None:
                report(stage, fraction, deck)

            out = folders[index]
            prepare(result, model, cards_path=path, out_dir=out, options=chosen, report=deck_report)
        if _same_files(results):
            return results
        if write:
            for result in results:
                finish(result)
    report("Done", 1.0, len(paths) - 1)
    return results


def _same_files(results: list[BuildResult]) -> bool:
    """E205 for a deck that would write another's files (two names with one file name); any?"""
    first: dict[str, BuildResult] = {}
    clash = False
    for result in results:
        assert result.apkg is not None and result.cards_file is not None
        other = first.setdefault(os.path.realpath(result.apkg), result)
        if other is result:
            continue
        assert other.cards_file is not None
        deck = result.cards_file.deck
        at = deck.name_pos or deck.pos
        result.diagnostics.append(
            make(
                at.file or result.cards_file.path,
                at.line,
                at.col,
                "E205",
                f"deck {deck.name!r} would be written to {result.apkg}, as deck "
                f"{other.cards_file.deck.name!r} of {other.cards_file.path} is: give the two decks "
                "names that differ in more than punctuation and case",
            )
        )
        result.cards_file = None  # the build stops: nothing is written for any deck
        clash = True
    return clash
