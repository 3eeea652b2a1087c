"""MathJax 3 for the phone tests, installed from npm once into a cache folder.

Anki's clients ship MathJax 3 and typeset ``\\( … \\)`` and ``\\[ … \\]`` in a
card as the reviewer shows it; the tests do the same with MathJax from the npm
registry (:data:`VERSION`), put into the measuring page as a script. The
package goes into ``$DECKGEN_TEST_CACHE`` (default ``~/.cache/deckgen-tests``)
the first time, with ``npm install``; without npm the tests that need it skip,
or fail under ``CI=true``. The single-file build with every TeX extension
(mhchem's ``\\ce{}`` too) and SVG output is used, so typesetting loads nothing:
the pages stay offline.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.conftest import missing

VERSION = "3.2.2"
BUILD = "es5/tex-svg-full.js"

CONFIG = """
window.MathJax = {
  tex: {
    inlineMath: [["\\\\(", "\\\\)"]],
    displayMath: [["\\\\[", "\\\\]"]],
    processEscapes: false,
    processEnvironments: false,
    processRefs: false,
  },
  startup: { typeset: false },
};
"""
"""Anki's reading of maths: only its own delimiters (no dollars), nothing else processed."""


def cache() -> Path:
    """Where test tools installed from registries are kept between runs."""
    return Path(os.environ.get("DECKGEN_TEST_CACHE") or Path.home() / ".cache" / "deckgen-tests")


def script() -> str:
    """The page script: :data:`CONFIG`, then MathJax itself (installed first if need be)."""
    folder = cache() / f"mathjax-{VERSION}"
    path = folder / "node_modules" / "mathjax" / BUILD
    if not path.is_file():
        npm = shutil.which("npm")
        if npm is None:
            missing("npm, to install MathJax for the phone tests (Debian: apt-get install npm)")
        folder.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=folder.parent) as tmp:
            subprocess.run(
                [
                    str(npm),
                    "install",
                    "--no-save",
                    "--no-audit",
                    "--no-fund",
                    "--prefix",
                    tmp,
                    f"mathjax@{VERSION}",
                ],
                check=True,
                capture_output=True,
                timeout=600,
            )
            if not path.is_file():  # another run installed it meanwhile
                os.replace(tmp, folder)
                os.mkdir(tmp)  # for the temporary directory's own clean-up
    return CONFIG + path.read_text(encoding="utf-8")
