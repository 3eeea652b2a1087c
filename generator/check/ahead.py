"""What :func:`check_all` gives, with the models handed over before the rules on meaning have run.

A build needs each cards file's model to compile and package its deck, but
the rules' diagnostics only to decide whether to write it. So, for a large
deck where a helper process is possible (:mod:`generator.twocore`),
:func:`check_ahead` reads each file here (the structure pass: it makes the
model), hands the models over at once, and runs the rules on meaning in a
helper meanwhile, on the second core; :meth:`Ahead.result` then gives exactly
what :func:`check_all` gives. Elsewhere (a small deck, one core, a file that
did not read cleanly) the check is done before :func:`check_ahead` returns
and there are no models ahead. The caller must not let anything it does
with the models ahead be seen before the result says the check passed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from types import TracebackType

from generator import twocore
from generator.check import fast
from generator.check.project import Checked, clashes
from generator.check.run import Media, joined, meaning, media, model, read, with_rules
from generator.check.structure import Structure
from generator.collector import collector_paused
from generator.diagnostics import Diagnostic, has_errors
from generator.files import noting_reads
from generator.model import CardsFile

Read = tuple[str, Structure, list[Diagnostic], Media]
"""A file read here: its path as shown, what the structure pass read, its diagnostics, its media."""
Meanings = tuple[list[list[Diagnostic]], dict[str, str | None]]
"""The rules' diagnostics, a list a file, and the files they read (as :func:`noting_reads` notes them)."""


class Ahead:
    """A check of several cards files under way (:func:`check_ahead`); a context manager that stops the
    helper when the block ends before :meth:`result` was asked for."""

    def __init__(
        self,
        done: list[Checked] | None = None,
        *,
        models: list[CardsFile] | None = None,
        files: Sequence[Read] = (),
        rules: twocore.Pending[Meanings] | None = None,
    ) -> None:
        self.models = models
        """Each file's model, in order, while the rules are still running; None when the check was
        done before it returned (then :meth:`result` waits for nothing)."""
        self.reads: dict[str, str | None] = {}
        """The files the rules read in the helper (as :func:`noting_reads` notes them), known once
        :meth:`result` has returned: the caller's record of reads lacks them."""
        self._done = done
        self._files = files
        self._rules = rules

    def result(self) -> list[Checked]:
        """What :func:`check_all` gives for the files: one (model, diagnostics) a file."""
        if self._done is None:
            assert self._rules is not None
            meanings, self.reads = self._rules.result()
            results: list[Checked] = []
            for (shown, structure, found, checked), meant, ahead in zip(
                self._files, meanings, self.models or (), strict=True
            ):
                made, diagnostics = joined(shown, structure, found, meant, checked)
                results.append((ahead if made is not None else None, diagnostics))  # the very models ahead
            clashes(results)
            self._done = results
        return self._done

    def __enter__(self) -> Ahead:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._rules is not None:
            self._rules.abandon()


@collector_paused()
def check_ahead(
    paths: Sequence[Path], *, allow_outside: bool = False, tuning: fast.Tuning = fast.DEFAULT
) -> Ahead:
    """Check every cards file as :func:`check_all` does, the rules on meaning running in a helper when
    worth it (``tuning.ahead_from`` cards in all, every file read cleanly, a helper
    :func:`available <generator.twocore.available>`)."""
    first = [read(path, allow_outside=allow_outside, tuning=tuning) for path in paths]
    cleanly = [
        (shown, structure, found)
        for shown, structure, found in first
        if structure is not None and structure.deck is not None and not has_errors(found)
    ]
    cards = sum(len(structure.cards) for _, structure, _ in cleanly)
    if len(cleanly) < len(first) or cards < tuning.ahead_from or not twocore.available(tuning.jobs):
        results = [with_rules(shown, structure, found, tuning) for shown, structure, found in first]
        clashes(results)
        return Ahead(results)
    files = [(shown, structure, found, media(structure)) for shown, structure, found in cleanly]
    models = [model(shown, structure, checked) for shown, structure, _, checked in files]
    return Ahead(
        models=[each for each in models if each is not None],
        files=files,
        rules=twocore.start(_rules_of(files, replace(tuning, jobs=1)), jobs=tuning.jobs),
    )


def _rules_of(files: Sequence[Read], tuning: fast.Tuning) -> Callable[[], Meanings]:
    """The helper's work: the rules over every file, in this one process (``tuning``), and what they read."""

    def work() -> Meanings:
        with noting_reads() as seen:
            meanings = [meaning(shown, structure, tuning) for shown, structure, _, _ in files]
        return meanings, dict(seen)

    return work
