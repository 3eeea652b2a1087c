"""Included files: a large deck's cards split over several YAML files.

An ``include:`` item in a ``cards:`` list names another file, relative to the
file it is written in. This module finds and loads it, and refuses what
would make a deck depend on files outside its project, or loop:

- a path outside the project folder (the cards file's folder, links
  followed), or an absolute path;
- a file that includes itself, directly or through others;
- a file included a second time (its cards would be there twice);
- includes nested deeper than :data:`MAX_DEPTH`.

What the loaded file must hold is the checker's business
(:mod:`generator.check.cardlist`).
"""

from __future__ import annotations

import difflib
import os
import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from generator.codes import Doc, Example
from generator.load.loader import Document, load_file

MAX_DEPTH = 16
"""How deeply included files may include others."""


@dataclass(frozen=True)
class Included:
    """A file to include: where it is, and how messages name it."""

    path: Path
    shown: str


@dataclass
class Includes:
    """The includes of one deck: its project folder, and every file taken in so far."""

    folder: Path
    """The project folder (the cards file's), links followed."""
    root: Path
    """The cards file itself."""
    taken: dict[Path, str] = field(default_factory=dict)
    """Every file included so far (links followed), with where it was first included from."""

    @classmethod
    def of(cls, cards_file: Path) -> Includes:
        return cls(Path(os.path.realpath(cards_file.parent)), Path(os.path.realpath(cards_file)))

    def resolve(
        self, written: str, here: Path, shown_here: str, chain: tuple[Path, ...], at: str
    ) -> Included | tuple[str, str]:
        """The file ``written`` in the file ``here`` (shown as ``shown_here``) names; or (code, why not).

        ``chain`` is the files that include ``here``, the cards file first,
        and ``here`` itself; ``at`` says where the include is written, for the
        message of a later include of the same file.
        """
        shown = posixpath.normpath(
            posixpath.join(posixpath.dirname(shown_here), written.replace(os.sep, "/"))
        )
        if os.path.isabs(written) or written.startswith(("/", "\\")):
            return "E208", f"include path {written!r} is absolute; write it relative to {shown_here}"
        target = here.parent / written
        try:
            real = Path(os.path.realpath(target))
        except ValueError:  # a NUL byte: no system call can take the path
            return "E206", f"include path {written!r} holds a NUL byte, which no file name can hold"
        if real != self.folder and self.folder not in real.parents:
            return (
                "E208",
                f"include {written!r} is {real}, outside the project folder {self.folder} (the cards "
                "file's folder); move the file into the folder",
            )
        if real in chain:
            return "E207", f"{shown} includes itself (through {' → '.join(p.name for p in (*chain, real))})"
        if len(chain) > MAX_DEPTH:
            return "E207", f"includes nest deeper than {MAX_DEPTH} files; include the files from fewer levels"
        first = self.taken.get(real)
        if first is not None:
            return "E207", f"{shown} is already included ({first}); include each file once"
        self.taken[real] = at
        return Included(real, shown)


def close_to(written: str, here: Path) -> str | None:
    """A path like ``written`` (relative to the file ``here``) that names a file there is, for a
    "did you mean": each part of the path that is not there is taken as the closest name in its
    folder (a folder for a folder, a file for the file). None when a part has no close name."""
    try:
        return _close_to(written, here)
    except (OSError, ValueError):  # a name too long for the system, or one no system call can take
        return None


def _close_to(written: str, here: Path) -> str | None:
    folder = here.parent
    parts = written.replace(os.sep, "/").split("/")
    out = []
    for number, part in enumerate(parts, 1):
        last = number == len(parts)
        here_part = folder / part
        if part in ("", ".", "..") or (here_part.is_file() if last else here_part.is_dir()):
            out.append(part)
            folder = here_part
            continue
        try:
            names = [
                n for n in os.listdir(folder) if ((folder / n).is_file() if last else (folder / n).is_dir())
            ]
        except OSError:
            return None
        stems = {posixpath.splitext(name)[0]: name for name in sorted(names, reverse=True)}
        close = difflib.get_close_matches(posixpath.splitext(part)[0], list(stems), n=1, cutoff=0.6)
        if not close:  # names compared without their extensions, which all the files share
            return None
        out.append(stems[close[0]])
        folder = folder / stems[close[0]]
    suggestion = "/".join(out)
    return suggestion if suggestion != written else None


def load(included: Included) -> Document | str:
    """Read and parse an included file; or why it cannot be read (for E206 where it is included)."""
    doc = load_file(included.path, included.shown)
    unreadable = [d for d in doc.diagnostics if d.code == "E007"]
    if unreadable:
        return unreadable[0].message.removeprefix("cannot read the file: ")
    return doc


_PART = """\
cards:
  - id: mri-lesions
    question: Which scan shows lesions of the brain and spinal cord?
    answer: Magnetic resonance imaging (MRI).
    evidence:
      healthline: scan for brain and spinal cord lesions using magnetic resonance imaging (MRI)
"""


def _including(*items: str, part: str = "parts/imaging.yaml") -> Example:
    """The example file with its cards list including ``items``, and the included file at ``part``."""
    listed = "".join(f"  - include: {item}\n" for item in items)
    return Example({"cards.yaml": f"cards:\n{listed}", part: _PART})


DOCS = (
    Doc(
        "E206",
        checks=(
            "An `include:` names a file that cannot be read: it does not exist (paths are relative to "
            "the file the include is written in), it is a folder, or it may not be read. For a path "
            "that is not there, the message offers the closest one that is (`did you mean`)."
        ),
        why="The deck would build without the cards of that file, and nobody would notice they are gone.",
        bad=_including("parts/imagng.yaml"),
        fix=_including("parts/imaging.yaml"),
    ),
    Doc(
        "E207",
        checks=(
            "One file included twice (from one file or from two), a file that includes itself "
            f"(directly or through others), or includes nested over {MAX_DEPTH} files deep."
        ),
        why=(
            "A file included twice would put each of its cards in the deck twice, with one id; a loop "
            "would never end."
        ),
        bad=_including("parts/imaging.yaml", "parts/imaging.yaml"),
        fix=_including("parts/imaging.yaml"),
    ),
    Doc(
        "E208",
        checks=(
            "An `include:` path that is absolute, or that leads outside the project folder (the cards "
            "file's folder) once links are followed."
        ),
        why=(
            "The project folder is what is committed and shared: a file outside it is missing on every "
            "other machine, and a cards file should not reach into files that are not part of it."
        ),
        bad=_including("../shared/imaging.yaml", part="../shared/imaging.yaml"),
        fix=_including("parts/imaging.yaml"),
    ),
)
"""The codes of included files, documented (see :class:`generator.codes.Doc`)."""
