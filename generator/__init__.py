"""deckgen: check cards.yaml like a compiler and build Anki decks from it.

The library can be used without the command line::

    from pathlib import Path
    from generator.build import build, check

    cards_file, diagnostics = check(Path("cards.yaml"))
    result = build(Path("cards.yaml"), Path("decks"))
"""
