"""The basic note type (a question and its answer): identity, names, templates and CSS.

The note types of the other card kinds are in :mod:`generator.compile.notetypes`.

Field and template *names* are part of the note type's schema in Anki: if
they change, Anki imports a copy ("Name+") and stops updating existing notes,
so the build guards them (see :mod:`generator.compile.manifest`). Template text and
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
class Template:
    """A card template: one card per note (one per deletion number for a cloze note type)."""

    name: str
    front: str
    back: str


@dataclass(frozen=True)
class Notetype:
    """A note type as it goes into a package."""

    id: int
    name: str
    fields: tuple[str, ...]
    templates: tuple[Template, ...]
    css: str
    cloze: bool = False
    """A cloze note type (Anki's type 1): one card per deletion number in the first field."""

    @property
    def template_name(self) -> str:
        return self.templates[0].name

    @property
    def front(self) -> str:
        return self.templates[0].front

    @property
    def back(self) -> str:
        return self.templates[0].back

    def content_hash(self) -> str:
        """Hash of everything that goes into the note type (names, templates, CSS)."""
        data: list[object]
        if len(self.templates) == 1 and not self.cloze:  # the form the first note type's hash has had
            data = [self.name, self.fields, self.template_name, self.front, self.back, self.css]
        else:
            templates = [[t.name, t.front, t.back] for t in self.templates]
            data = [self.name, self.fields, templates, self.css, self.cloze]
        return hashlib.sha256(json.dumps(data).encode()).hexdigest()


def named(base_id: int, base_name: str, generation: int) -> tuple[int, str]:
    """A note type's id and name in a generation: > 1 is a deliberate new note type."""
    return base_id + generation - 1, base_name + ("" if generation == 1 else f" (v{generation})")


def notetype(generation: int = 1) -> Notetype:
    """The basic note type; generation > 1 is a deliberate new note type (new id and name)."""
    nt_id, name = named(BASE_ID, BASE_NAME, generation)
    return Notetype(nt_id, name, FIELDS, (Template(TEMPLATE_NAME, FRONT, BACK),), CSS)
