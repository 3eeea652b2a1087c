"""Is this field HTML that deckgen itself would have written? (for field text read back from disk)

Fields of removed cards come back from the previous package or the manifest,
files a pull request can edit by hand. They go into the next package only if
they hold nothing deckgen would not have written: the tags and classes of
:mod:`generator.compile.markup` and :mod:`generator.compile.notes`, text with
``& < > "`` escaped, and no other markup, attribute, entity or comment.

A source's link is the one tag with an address: ``<p class="dg-source-link">``
around ``<a href="...">``, written exactly as :mod:`generator.compile.notes` writes
it, with an address that passes :func:`generator.urls.url_problem` and
the address as its text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from generator.compile.markup import escape
from generator.mediaformat import SHIPPED
from generator.text.highlight import CLASSES
from generator.urls import shown, url_problem

_PLAIN: tuple[str, ...] = ("em", "strong", "ul", "li", "br", "p", "blockquote", "details", "summary")
_PLAIN += ("code", "table", "thead", "tbody", "tr", "th", "td")
_CLASSES = {
    "details": {"dg-source"},
    "span": {"dg-source-title", "dg-source-meta", "dg-date", *CLASSES.values()},
    "div": {"dg-note", "dg-label", "dg-audio", "dg-table"},
    "pre": {"dg-code"},
}
_ALIGNED = {
    f'<{cell} style="text-align:{side}">' for cell in ("th", "td") for side in ("left", "right", "center")
}
"""A table cell of an aligned column, as the Markdown renderer writes it."""
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"'}
_LINK_PARAGRAPH = '<p class="dg-source-link">'
_DIGITS = re.compile(r"[0-9]{1,9}")


class _Refused(Exception):
    """Something deckgen does not write."""


class _Judge(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.link: tuple[str, list[str]] | None = None
        """Inside a link: its address, and its text so far."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.link is not None:
            raise _Refused(f"<{tag}> in a link")
        if tag in _PLAIN and not attrs:
            return
        if tag == "p" and self.get_starttag_text() == _LINK_PARAGRAPH:
            return  # the paragraph of a source's link
        if tag == "a" and len(attrs) == 1 and attrs[0][0] == "href":
            href = attrs[0][1] or ""
            if url_problem(href) is None and self.get_starttag_text() == f'<a href="{escape(href)}">':
                self.link = (href, [])
                return
        if self.get_starttag_text() in _ALIGNED:
            return
        if tag == "ol" and len(attrs) < 2 and all(n == "start" and _start(v) for n, v in attrs):
            return
        if tag in _CLASSES and len(attrs) == 1 and attrs[0][0] == "class" and attrs[0][1] in _CLASSES[tag]:
            return
        if tag == "img" and [n for n, _ in attrs] == ["src", "alt"] and SHIPPED.fullmatch(attrs[0][1] or ""):
            return  # a picture of the deck, by the name it is shipped under
        raise _Refused(f"<{tag}>" if not attrs else f"<{tag} {attrs[0][0]}=...>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raise _Refused(f"<{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if self.link is not None:
            href, text = self.link
            self.link = None
            if tag != "a" or "".join(text) != shown(href):
                raise _Refused("a link whose text is not its address")
            return
        if tag == "br" or (tag not in _PLAIN and tag not in _CLASSES and tag != "ol"):
            raise _Refused(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        for char in '<>"&':
            if char in data:
                raise _Refused(f"an unescaped {char!r}")
        if self.link is not None:
            self.link[1].append(data)

    def handle_entityref(self, name: str) -> None:
        if name not in _ENTITIES:
            raise _Refused(f"&{name};")
        if self.link is not None:
            self.link[1].append(_ENTITIES[name])

    def handle_charref(self, name: str) -> None:
        raise _Refused(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        raise _Refused("a comment")

    def handle_decl(self, decl: str) -> None:
        raise _Refused("a declaration")

    def handle_pi(self, data: str) -> None:
        raise _Refused("a processing instruction")

    def unknown_decl(self, data: str) -> None:
        raise _Refused("a declaration")

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        # ``<![foo[``: Python's parser raises AssertionError on a keyword it does not know, before any
        # handler is called. deckgen never writes a marked section, whatever its keyword.
        raise _Refused("a marked section")


def _start(value: str | None) -> bool:
    return value is not None and _DIGITS.fullmatch(value) is not None


_SOUND = re.compile(r"\[sound:([^\]]*)\]")
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters but tab and line feed, as the check refuses them in card text (E330): ``U+001F``
is Anki's field separator, and one in a field makes Anki refuse the whole package."""


def foreign_html(html: str) -> str | None:
    """None when ``html`` is what deckgen writes in a field; else the first thing it would not write."""
    control = CONTROL.search(html)
    if control is not None:
        return f"a control character (U+{ord(control.group()):04X})"
    for sound in _SOUND.finditer(html):
        if not SHIPPED.fullmatch(sound.group(1)):
            return f"the sound tag {sound.group(0)[:40]!r}"
    if "<" not in html and "&" not in html and ">" not in html and '"' not in html:
        return None
    judge = _Judge()
    try:
        judge.feed(html)
        judge.close()
    except _Refused as exc:
        return str(exc)
    except Exception as exc:  # the parser's own faults on text it cannot read: deckgen wrote none of it
        return f"markup the HTML parser cannot read ({type(exc).__name__})"
    return None if judge.link is None else "a link that is not closed"
