"""Reports over a checked deck: the preview page, source coverage and its HTML page.

This package's names are the report stage's face: the command line and the
library import them from here. Besides them, :mod:`.reference` (the codes
reference) and :mod:`.summary` (what a build and a coverage report say) are
public: the command line prints their lines (``tests/project/test_layers.py``).
"""

from generator.report.coverage import SourceCoverage, coverage, measure_all
from generator.report.coverage_html import render as coverage_page
from generator.report.preview import page_for, preview, previews

__all__ = ["SourceCoverage", "coverage", "coverage_page", "measure_all", "page_for", "preview", "previews"]
