"""Small media files for tests, made here rather than committed: real PNGs, the first
bytes of the other formats, and SVGs good and bad."""

from __future__ import annotations

import struct
import zlib


def png(width: int, height: int, rgb: tuple[int, int, int] = (200, 40, 40)) -> bytes:
    """A real PNG of one colour (browsers and image tools read it)."""
    row = b"\x00" + bytes(rgb) * width
    raw = row * height

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
GIF = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"
WEBP = b"RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00/\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00"
MP3 = b"ID3\x03\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x00" + b"\x00" * 64
OGG = b"OggS\x00\x02" + b"\x00" * 64

SVG = """\
<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
     width="120" height="60" viewBox="0 0 120 60">
  <title>Two shapes</title>
  <defs>
    <linearGradient id="g">
      <stop offset="0" stop-color="#fff"/><stop offset="1" stop-color="#00f"/>
    </linearGradient>
    <style>.a { fill: url(#g); stroke: #333 }</style>
  </defs>
  <inkscape:layer>kept by the editor</inkscape:layer>
  <rect id="r" class="a" x="5" y="5" width="50" height="50" style="fill: url('#g')"/>
  <use xlink:href="#r" x="60"/>
  <text x="10" y="58" font-size="8">A &amp; B</text>
</svg>
"""
"""A static drawing: gradient, style sheet, editor metadata, a local <use>."""


def svg(body: str, head: str = "") -> str:
    """An SVG document holding ``body`` (``head`` goes before the root element)."""
    return f'{head}<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">\n{body}\n</svg>\n'
