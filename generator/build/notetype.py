"""The note type: its identity, field and template names, templates and CSS.

Field and template *names* are part of the note type's schema in Anki: if
they change, Anki imports a copy ("Name+") and stops updating existing notes,
so the build guards them (see :mod:`generator.build.manifest`). Template text and
CSS may change freely; Anki updates them in place.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from generator.assets import asset

BASE_ID = 1607392319
BASE_NAME = "deckgen Q&A"

FIELDS = ("Question", "Answer", "Extra", "Sources", "Id")
TEMPLATE_NAME = "Recall"

FRONT = """\
<div class="dg-card dg-front">
<div class="dg-question">{{Question}}</div>
</div>"""

BACK = """\
<div class="dg-card dg-back">
<div class="dg-question">{{Question}}</div>
<hr id="answer">
<div class="dg-answer">{{Answer}}</div>
{{#Extra}}<div class="dg-extra">{{Extra}}</div>{{/Extra}}
{{#Sources}}<div class="dg-sources"><div class="dg-label">Sources</div>{{Sources}}</div>{{/Sources}}
</div>"""

# Phone first: sizes are for a 360 CSS px screen and never go below 16px.
# Colours pass WCAG AA (4.5:1) on their backgrounds in both modes; the
# browser tests measure them. Night mode: Anki desktop puts nightMode and
# night_mode on <body class="card">, AnkiMobile nightMode, AnkiDroid night_mode.
CSS = asset("notetype.css")


@dataclass(frozen=True)
class Notetype:
    """A note type as it goes into a package."""

    id: int
    name: str
    fields: tuple[str, ...]
    template_name: str
    front: str
    back: str
    css: str

    def content_hash(self) -> str:
        """Hash of everything that goes into the note type (names, templates, CSS)."""
        data = [self.name, self.fields, self.template_name, self.front, self.back, self.css]
        return hashlib.sha256(json.dumps(data).encode()).hexdigest()


def notetype(generation: int = 1) -> Notetype:
    """The note type; generation > 1 is a deliberate new note type (new id and name)."""
    suffix = "" if generation == 1 else f" (v{generation})"
    return Notetype(
        id=BASE_ID + generation - 1,
        name=BASE_NAME + suffix,
        fields=FIELDS,
        template_name=TEMPLATE_NAME,
        front=FRONT,
        back=BACK,
        css=CSS,
    )
