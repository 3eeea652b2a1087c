"""SVG is code: only a static drawing is let through.

An SVG can hold scripts, event handlers, links to other sites, embedded HTML
(``<foreignObject>``) and style sheets that load from elsewhere. A card's
picture needs none of that, so an SVG is read whole (with expat, no DTD and
no entities) and refused at the first thing that is not plain drawing:

- elements: only the drawing elements of SVG (shapes, text, groups,
  gradients, clips, masks, markers, filters, ``<use>`` and ``<style>``),
  plus the editors' inert metadata (Inkscape, Sodipodi, RDF); never
  ``<script>``, ``<foreignObject>``, animation, ``<image>`` or HTML;
- attributes: no event handlers (``on...``), links (``href``) only to a
  ``#part`` of the same drawing, ``url(...)`` only to ``#part``, no
  ``javascript:``, no ``xml:base``;
- style (``<style>``, ``style=`` and every attribute, which may hold CSS):
  no ``@import``, no ``url(...)`` but ``#part``, no ``image-set(``, no
  ``expression(``, no backslash escapes;
- no processing instructions (``<?xml-stylesheet?>``), no DTD subset, no entities.
"""

from __future__ import annotations

import re
import xml.parsers.expat
from dataclasses import dataclass

SVG_NS = "http://www.w3.org/2000/svg"
_SEP = "\x1f"
_DRAWING = frozenset(
    (
        "svg",
        "g",
        "defs",
        "title",
        "desc",
        "metadata",
        "symbol",
        "use",
        "switch",
        "path",
        "rect",
        "circle",
        "ellipse",
        "line",
        "polyline",
        "polygon",
        "text",
        "tspan",
        "textPath",
        "linearGradient",
        "radialGradient",
        "stop",
        "pattern",
        "clipPath",
        "mask",
        "marker",
        "style",
        "filter",
        "feBlend",
        "feColorMatrix",
        "feComponentTransfer",
        "feComposite",
        "feConvolveMatrix",
        "feDiffuseLighting",
        "feDisplacementMap",
        "feDistantLight",
        "feDropShadow",
        "feFlood",
        "feFuncA",
        "feFuncB",
        "feFuncG",
        "feFuncR",
        "feGaussianBlur",
        "feMerge",
        "feMergeNode",
        "feMorphology",
        "feOffset",
        "fePointLight",
        "feSpecularLighting",
        "feSpotLight",
        "feTile",
        "feTurbulence",
    )
)
"""Elements of the SVG namespace that draw and do nothing else."""
_METADATA_NS = frozenset(
    {
        "http://www.inkscape.org/namespaces/inkscape",
        "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "http://creativecommons.org/ns#",
        "http://purl.org/dc/elements/1.1/",
    }
)
"""Namespaces of editors' metadata, which browsers neither draw nor run."""
_URL = re.compile(r"url\(\s*(['\"]?)\s*([^'\")]*)", re.I)
_CSS_BAD = re.compile(r"@import|expression\s*\(|-moz-binding|behavior\s*:|image-set\s*\(|\bsrc\s*\(|\\", re.I)
"""CSS that loads or runs something without ``url(``, and backslashes (a CSS escape can spell
``url(`` or ``@import`` in a way no pattern sees)."""
_SCRIPT_URL = re.compile(r"(?:java|vb)script\s*:", re.I)


@dataclass(frozen=True)
class Unsafe:
    """Why an SVG is refused: the problem, and the line of the SVG it is on (0: the whole file)."""

    line: int
    problem: str
    malformed: bool = False
    """Not an SVG drawing at all (not well-formed XML, or another root), rather than an unsafe one."""


class _Refused(Exception):
    def __init__(self, found: Unsafe) -> None:
        super().__init__(found.problem)
        self.found = found


def _css(text: str) -> str | None:
    """What is wrong with CSS text (a ``<style>`` or a ``style`` attribute), if anything."""
    bad = _CSS_BAD.search(text)
    if bad:
        return f"it uses {bad.group(0).strip()!r}"
    return _urls(text)


def _urls(text: str) -> str | None:
    for match in _URL.finditer(text):
        if not match.group(2).startswith("#"):
            return f"url({match.group(2)[:60]}) points outside the drawing"
    if _SCRIPT_URL.search(text):
        return "a javascript: link"
    return None


class _Reader:
    """Expat callbacks that raise at the first unsafe thing."""

    def __init__(self, parser: xml.parsers.expat.XMLParserType) -> None:
        self.parser = parser
        self.depth = 0
        self.style: list[str] | None = None

    def refuse(self, problem: str, malformed: bool = False) -> None:
        raise _Refused(Unsafe(self.parser.CurrentLineNumber, problem, malformed))

    def start(self, name: str, attrs: dict[str, str]) -> None:
        ns, _, local = name.rpartition(_SEP)
        if self.depth == 0 and (ns, local) != (SVG_NS, "svg"):
            self.refuse(f"the root element is <{local}>, not <svg xmlns={SVG_NS!r}>", malformed=True)
        self.depth += 1
        if ns == SVG_NS:
            if local not in _DRAWING:
                self.refuse(f"<{local}> is not allowed: only static drawing is")
        elif ns not in _METADATA_NS:
            self.refuse(f"<{local}> from namespace {ns or '(none)'!r} is not allowed: only SVG drawing is")
        for key, value in attrs.items():
            self.attribute(key.rpartition(_SEP)[2], key, value)
        if local == "style" and ns == SVG_NS:
            self.style = []

    def attribute(self, local: str, key: str, value: str) -> None:
        if local.lower().startswith("on"):
            self.refuse(f"event handler {local}= is not allowed")
        if local == "href" and not value.strip().startswith("#"):
            self.refuse(f"link {local}={value[:60]!r} points outside the drawing")
        if key == "http://www.w3.org/XML/1998/namespace" + _SEP + "base":
            self.refuse("xml:base is not allowed")
        problem = _css(value)  # presentation attributes are CSS values too
        if problem:
            self.refuse(f"{local}=: {problem}")

    def end(self, name: str) -> None:
        self.depth -= 1
        if self.style is not None:
            problem = _css("".join(self.style))
            self.style = None
            if problem:
                self.refuse(f"<style>: {problem}")

    def text(self, data: str) -> None:
        if self.style is not None:
            self.style.append(data)

    def instruction(self, target: str, data: str) -> None:
        self.refuse(f"processing instruction <?{target}?> is not allowed")

    def doctype(self, name: str, system: str | None, public: str | None, internal: int) -> None:
        if internal:
            self.refuse("a DOCTYPE with its own declarations is not allowed")

    def entity(self, *args: object) -> None:
        self.refuse("entity declarations are not allowed")

    def external(self, *args: object) -> int:
        self.refuse("external entities are not allowed")
        return 0


def check_svg(data: bytes) -> Unsafe | None:
    """Why the SVG ``data`` is not a safe, static drawing; None when it is."""
    parser = xml.parsers.expat.ParserCreate(namespace_separator=_SEP)
    reader = _Reader(parser)
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.text
    parser.ProcessingInstructionHandler = reader.instruction
    parser.StartDoctypeDeclHandler = reader.doctype
    parser.EntityDeclHandler = reader.entity
    parser.ExternalEntityRefHandler = reader.external
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(data, True)
    except _Refused as refused:
        return refused.found
    except xml.parsers.expat.ExpatError as exc:
        message = xml.parsers.expat.errors.messages[exc.code]
        return Unsafe(exc.lineno, f"not well-formed XML ({message})", malformed=True)
    return None
