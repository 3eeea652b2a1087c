"""Card text → safe HTML: plain text with a small Markdown subset.

Supported: ``*emphasis*``, ``**strong**``, ``-``/``1.`` lists, line breaks,
backslash escapes, pictures ``![alt text](path)`` (:mod:`generator.mediaformat`)
whose files were checked: each becomes ``<img src="content-name" alt="...">``,
the name the build ships the file under; maths (``\\( … \\)``, ``\\[ … \\]``),
kept exactly as written for the MathJax of Anki's clients (:mod:`generator.text.marks`);
inline ``code``, fenced code blocks highlighted at build time
(:mod:`generator.text.highlight`), and pipe tables, each in a box of its own
that scrolls sideways on a narrow screen. Everything else, raw HTML and any
other image included, is shown as the text it is (escaped), so nothing in a
cards file can run in Anki or fetch anything.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from generator.mediaformat import IMAGE
from generator.text.marks import maths_end

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.renderer import RendererHTML
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token
    from markdown_it.utils import OptionsDict

_MARKDOWN_CHARS = re.compile(r"[*_\\`\n|]|!\[|~~~|^\s*(?:[-+]|\d+[.)])\s", re.M)
# One line with one *emphasis* or **strong** span around plain words, set off by
# spaces or simple punctuation: CommonMark leaves no doubt, so it is rendered
# here (tests check it against the Markdown renderer).
_PLAIN = r"[^*_\\`\r\n\x00&<>\[\]]"
_ONE_EMPHASIS = re.compile(
    rf"(?P<pre>(?:{_PLAIN}* )?)(?P<mark>\*\*?)(?P<inner>[A-Za-z0-9](?:{_PLAIN}*[A-Za-z0-9])?)(?P=mark)"
    rf"(?P<post>(?:[ .,;:?!)]{_PLAIN}*)?)"
)
_LIST_START = re.compile(r"\s*(?:[-+*]|\d+[.)])(?:\s|$)")
_TAGS = {"*": "em", "**": "strong"}


def escape(text: str) -> str:
    """Escape text for HTML exactly as the Markdown renderer does (& < > ")."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _image(state: StateInline, silent: bool) -> bool:
    """Inline rule: a picture whose path is in ``env["media"]`` (else the text stays text)."""
    if state.src[state.pos] != "!":
        return False
    match = IMAGE.match(state.src, state.pos)
    names: Mapping[str, str] = state.env.get("media") or {}
    if match is None or match["path"] not in names:
        return False
    if not silent:
        token = state.push("dg_image", "img", 0)
        token.attrs = {"src": names[match["path"]], "alt": " ".join(match["alt"].split())}
    state.pos = match.end()
    return True


def _render_image(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any
) -> str:
    attrs = tokens[idx].attrs
    return f'<img src="{escape(str(attrs["src"]))}" alt="{escape(str(attrs["alt"]))}">'


def _maths(state: StateInline, silent: bool) -> bool:
    """Inline rule: maths, ``\\( … \\)`` or ``\\[ … \\]``, kept as written (escaped for HTML only)."""
    src, pos = state.src, state.pos
    if src[pos] != "\\" or pos + 1 >= state.posMax or src[pos + 1] not in "([":
        return False
    end = maths_end(src[: state.posMax], pos)
    if end < 0:
        return False  # an unclosed opener is reported by the checker (E360)
    if not silent:
        token = state.push("dg_maths", "", 0)
        token.content = src[pos:end]
    state.pos = end
    return True


def _render_maths(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any
) -> str:
    return escape(tokens[idx].content)


def _render_fence(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any
) -> str:
    from generator.text.highlight import highlight

    token = tokens[idx]
    language = token.info.split(maxsplit=1)[0] if token.info.strip() else ""
    code = token.content.removesuffix("\n")
    return f'<pre class="dg-code"><code>{highlight(code, language)}</code></pre>\n'


def _render_table_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any
) -> str:
    return '<div class="dg-table"><table>\n'


def _render_table_close(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any
) -> str:
    return "</table></div>\n"


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt  # imported when first needed: most text never is

    md = MarkdownIt("zero", {"html": False, "breaks": True, "linkify": False, "typographer": False})
    md.enable(["emphasis", "list", "newline", "escape", "backticks", "fence", "table"])
    md.inline.ruler.before("text", "dg_image", _image)
    md.inline.ruler.before("escape", "dg_maths", _maths)
    md.add_render_rule("dg_image", _render_image)
    md.add_render_rule("dg_maths", _render_maths)
    md.add_render_rule("fence", _render_fence)
    md.add_render_rule("table_open", _render_table_open)
    md.add_render_rule("table_close", _render_table_close)
    return md


def to_html(text: str, media: Mapping[str, str] | None = None) -> str:
    """Render card text as HTML. Plain text takes a fast path with the same result.

    ``media`` maps each checked picture's path, as written, to the name the
    build ships it under; a picture not in it stays text.
    """
    text = text.strip()
    if not text:
        return ""
    if not _MARKDOWN_CHARS.search(text):
        return escape(text)
    simple = _ONE_EMPHASIS.fullmatch(text)
    if simple and not _LIST_START.match(text):
        tag = _TAGS[simple["mark"]]
        inner = f"<{tag}>{escape(simple['inner'])}</{tag}>"
        return escape(simple["pre"]) + inner + escape(simple["post"])
    rendered: str = _parser().render(text, {"media": media} if media else None).strip()
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        rendered = rendered[3:-4]
    return rendered
