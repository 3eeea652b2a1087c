"""Speed for large cards files: the work a check shares with a helper process, behind one door.

Two pieces of a check may run in two processes at once, where a helper
process is possible (:mod:`generator.twocore`) and worth it (:class:`Tuning`):

- :func:`read`: a large file is read in two parts at once, the later cards
  by the helper (:mod:`.parts`), which sends them back as plain values
  (:mod:`.wire`);
- :func:`check_documents`: the quotes are looked up in their documents, a
  share of the documents by the helper (:mod:`.documents`), while the other
  rules run here.

Each gives exactly what its reference gives, the plain single-process way:
:func:`read_whole`, and the documents checked after the other rules. A caller
never learns whether a second process ran, and the tests hold each against
its reference, with and without a helper.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sized
from pathlib import Path
from typing import TypeVar

from generator import twocore
from generator.check.fast import documents, parts
from generator.check.fast.tuning import DEFAULT, Tuning
from generator.check.structure import Structure, validate
from generator.diagnostics import Diagnostic
from generator.load import Prepared
from generator.model import Source

__all__ = ["DEFAULT", "Tuning", "check_documents", "read", "read_whole"]

F = TypeVar("F")
T = TypeVar("T")
S = TypeVar("S")


def read(
    prepared: Prepared, base: Path, cards_path: Path, *, allow_outside: bool = False, tuning: Tuning = DEFAULT
) -> tuple[Structure | None, list[Diagnostic]]:
    """What :func:`read_whole` gives: the structure pass over the whole file.

    From ``tuning.split_from`` characters on, with a helper possible, a file
    that loaded without a problem is read in two parts at once where they
    cannot differ from the whole (:mod:`.parts`).
    """
    doc = prepared.doc
    if (
        prepared.usable
        and not doc.diagnostics
        and len(doc.text) >= tuning.split_from
        and twocore.available(tuning.jobs)
    ):
        found = parts.read_in_parts(
            prepared,
            base,
            cards_path,
            allow_outside=allow_outside,
            share=tuning.reading_share,
            jobs=tuning.jobs,
        )
        if found is not None:
            return found
    return read_whole(prepared, base, cards_path, allow_outside=allow_outside)


def read_whole(
    prepared: Prepared, base: Path, cards_path: Path, *, allow_outside: bool = False
) -> tuple[Structure | None, list[Diagnostic]]:
    """The reference: the whole file composed and read here. Its node tree is let go of on return,
    before the rules load the source documents."""
    return validate(prepared.finish(), base, cards_path, allow_outside=allow_outside)


def check_documents(
    check: Callable[[dict[str, Source]], dict[str, F]],
    sources: dict[str, Source],
    cited: Mapping[str, Sized],
    beside: Callable[[], T],
    *,
    spare: Callable[[], S],
    cards: int,
    tuning: Tuning = DEFAULT,
) -> tuple[dict[str, F], T, S]:
    """What ``check(sources)`` gives, per source, what ``beside()`` gives and what ``spare()`` gives.

    The reference runs ``beside()``, ``spare()``, then ``check(sources)``, here.
    From ``tuning.fork_quotes`` quotes (``cited``: each source's) on, with a
    helper possible, the helper runs ``spare()`` (work that may be done in
    either process) and checks the share of the documents that lets both
    processes finish together, reckoned from the documents' sizes and quotes
    and the work of ``beside()`` and ``spare()`` for ``cards`` cards;
    ``beside()``, then the rest of the documents, run here meanwhile.
    """
    quotes = sum(len(each) for each in cited.values())
    if quotes < tuning.fork_quotes or not twocore.available(tuning.jobs):
        meanwhile = beside()
        extra = spare()
        return check(sources), meanwhile, extra
    weights = documents.weights(sources, cited)
    share = documents.helper_share(cards, sum(weights), tuning.rules_per_card - 2 * tuning.spare_per_card)
    aside, here = documents.split(sources, weights, share)
    with twocore.start(lambda: (spare(), check(aside)), jobs=tuning.jobs) as helped:
        meanwhile = beside()
        found = check(here)
        extra, theirs = helped.result()
        return {**theirs, **found}, meanwhile, extra
