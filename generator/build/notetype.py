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
CSS = """\
/* deckgen Q&A: phone first, light and dark, no external resources. */
.card {
  --dg-bg: #ffffff;
  --dg-text: #1a1a1a;
  --dg-muted: #555555;
  --dg-accent: #0b57a4;
  --dg-rule: #d6d6d6;
  --dg-quote-bg: #f2f4f7;
  --dg-quote-rule: #0b57a4;
  margin: 0;
  padding: 0;
  background: var(--dg-bg);
  color: var(--dg-text);
  font-family: system-ui, -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Noto Sans",
    "Helvetica Neue", Arial, sans-serif;
  font-size: 18px;
  line-height: 1.5;
  text-align: left;
  -webkit-text-size-adjust: 100%;
  text-size-adjust: 100%;
}
.card.nightMode, .card.night_mode, .nightMode .card, .night_mode .card {
  --dg-bg: #1c1c1e;
  --dg-text: #ededed;
  --dg-muted: #b8b8b8;
  --dg-accent: #8fc3ff;
  --dg-rule: #3d3d40;
  --dg-quote-bg: #2a2a2d;
  --dg-quote-rule: #8fc3ff;
}
.dg-card {
  box-sizing: border-box;
  max-width: 40em;
  margin: 0 auto;
  padding: 20px 20px 32px;
  overflow-wrap: anywhere;
  word-break: break-word;
  hyphens: auto;
}
.dg-card * { max-width: 100%; box-sizing: border-box; }
.dg-card img { height: auto; }
.dg-question { font-size: 1.3em; font-weight: 650; line-height: 1.35; }
.dg-back .dg-question { color: var(--dg-muted); font-size: 1em; font-weight: 400; line-height: 1.45; }
#answer { border: 0; border-top: 1px solid var(--dg-rule); margin: 16px 0; }
.dg-answer { font-size: 1.35em; font-weight: 650; line-height: 1.35; }
.dg-extra { margin-top: 16px; font-size: 1em; }
.dg-note {
  margin-top: 16px;
  padding: 4px 14px 10px;
  border-left: 3px solid var(--dg-accent);
  background: var(--dg-quote-bg);
}
.dg-note .dg-label { margin-top: 6px; }
.dg-sources { margin-top: 28px; padding-top: 4px; border-top: 1px solid var(--dg-rule); font-size: 16px; }
.dg-label {
  margin-top: 12px;
  color: var(--dg-muted);
  font-weight: 600;
  letter-spacing: 0.06em;
  text-transform: uppercase;
}
.dg-source summary { cursor: pointer; padding: 11px 0; line-height: 1.4; }
.dg-source-title { color: var(--dg-accent); font-weight: 600; }
.dg-source-meta { color: var(--dg-muted); }
.dg-source blockquote {
  margin: 0 0 10px;
  padding: 10px 14px;
  border-left: 3px solid var(--dg-quote-rule);
  border-radius: 0 6px 6px 0;
  background: var(--dg-quote-bg);
  color: var(--dg-text);
  line-height: 1.45;
}
.dg-card ul, .dg-card ol { padding-left: 1.3em; margin: 0.4em 0; }
.dg-card li + li { margin-top: 0.25em; }
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
