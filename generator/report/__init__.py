"""Reports over a checked deck: the preview page, source coverage and its HTML page."""
