"""The note type: its identity, field and template names, templates and CSS.

Field and template *names* are part of the note type's schema in Anki: if
they change, Anki imports a copy ("Name+") and stops updating existing notes,
so the build guards them (see :mod:`generator.manifest`). Template text and
CSS may change freely; Anki updates them in place.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

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
{{#Sources}}<div class="dg-sources">{{Sources}}</div>{{/Sources}}
</div>"""

CSS = """\
/* deckgen Q&A: phone first, light and dark, no external resources. */
.card {
  --dg-bg: #ffffff;
  --dg-text: #1b1b1b;
  --dg-muted: #4a4a4a;
  --dg-accent: #0b5cad;
  --dg-rule: #d0d0d0;
  --dg-quote-bg: #f3f4f6;
  margin: 0;
  padding: 0;
  background: var(--dg-bg);
  color: var(--dg-text);
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Noto Sans",
    "Helvetica Neue", Arial, sans-serif;
  font-size: 18px;
  line-height: 1.5;
  text-align: left;
}
.card.nightMode, .card.night_mode, .nightMode .card, .night_mode .card {
  --dg-bg: #1e1e1e;
  --dg-text: #ececec;
  --dg-muted: #c4c4c4;
  --dg-accent: #8cc4ff;
  --dg-rule: #4a4a4a;
  --dg-quote-bg: #2b2b2b;
}
.dg-card {
  box-sizing: border-box;
  max-width: 40em;
  margin: 0 auto;
  padding: 16px 18px 24px;
  overflow-wrap: anywhere;
  word-break: break-word;
  hyphens: auto;
}
.dg-question { font-size: 1.25em; font-weight: 600; line-height: 1.35; }
.dg-back .dg-question { color: var(--dg-muted); font-size: 1.05em; font-weight: 500; }
#answer { border: 0; border-top: 1px solid var(--dg-rule); margin: 14px 0; }
.dg-answer { font-size: 1.2em; }
.dg-extra { margin-top: 14px; color: var(--dg-muted); font-size: 1em; }
.dg-sources { margin-top: 20px; font-size: 1em; color: var(--dg-muted); }
.dg-source { margin-top: 8px; }
.dg-source summary { cursor: pointer; padding: 6px 0; min-height: 32px; }
.dg-source-title { color: var(--dg-accent); font-weight: 600; }
.dg-source blockquote {
  margin: 6px 0 0;
  padding: 8px 12px;
  border-left: 3px solid var(--dg-rule);
  background: var(--dg-quote-bg);
  color: var(--dg-text);
}
.dg-card ul, .dg-card ol { padding-left: 1.3em; margin: 0.4em 0; }
"""


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

    def schema(self) -> dict[str, list[str]]:
        """The names Anki treats as schema: changing them makes a copy."""
        return {"fields": list(self.fields), "templates": [self.template_name]}

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
