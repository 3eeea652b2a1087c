"""Draw the MS deck's diagrams: plain, static SVG, written by hand in code.

    python images/diagrams.py        # rewrites images/*.svg beside this script

Two drawings, both original:

- ``spine-regions.svg``: the spine lying on its side (head to the left): the
  seven cervical, twelve thoracic and five lumbar vertebrae and the sacrum;
  the spinal cord above them, ending at about the first or second lumbar
  vertebra, its nerve roots going on below; and where MS lesions of the
  cord are most often found (cervical) and sometimes (thoracic).
- ``nerve-fibre-lesion.svg``: a nerve cell and its fibre (axon) wrapped in
  myelin, and a lesion where the myelin has been stripped away and scar
  tissue left behind, so impulses travel more slowly across it.

Each is drawn on its own light panel, so it reads the same in light and night
mode, and sized for a phone: 360 units wide, shown about 320 CSS px wide.
A test keeps the files equal to this script's output and checks them as the
deck's checker does (static drawing only).
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
INK, MUTED, LESION = "#1f1f1f", "#4a4a4a", "#c0262d"
PANEL = '<rect x="0.5" y="0.5" width="359" height="{h}" rx="10" fill="#fbfaf6" stroke="#cfc9bb"/>'
FONT = 'font-family="system-ui, -apple-system, Roboto, Arial, sans-serif"'


def _svg(height: int, title: str, body: list[str]) -> str:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="540" height="{height * 3 // 2}" '
        f'viewBox="0 0 360 {height}" role="img" {FONT}>'
    )
    lines = [head, f"<title>{title}</title>", PANEL.format(h=height - 1), *body, "</svg>"]
    return "\n".join(lines) + "\n"


def _text(x: float, y: float, text: str, size: int = 15, anchor: str = "middle", **attrs: str) -> str:
    attrs = {"fill": INK, **attrs}
    extra = "".join(f' {key.replace("_", "-")}="{value}"' for key, value in attrs.items())
    return f'<text x="{x:g}" y="{y:g}" font-size="{size}" text-anchor="{anchor}"{extra}>{text}</text>'


def spine() -> str:
    """The spine on its side, head to the left: regions, the cord and where it ends."""
    body: list[str] = []
    regions = [("cervical", 7, 8, 18), ("thoracic", 12, 9, 22), ("lumbar", 5, 12, 28)]
    x, axis = 36.0, 130.0
    spans: dict[str, tuple[float, float]] = {}
    centres: list[float] = []
    for name, count, width, height in regions:
        start = x
        for _ in range(count):
            body.append(
                f'<rect x="{x:g}" y="{axis - height / 2:g}" width="{width}" height="{height}" rx="2" '
                'fill="#ddd5c4" stroke="#7d7464" stroke-width="1"/>'
            )
            centres.append(x + width / 2)
            x += width + 2
        spans[name] = (start, x - 2)
    sacrum = x
    body.append(
        f'<path d="M{sacrum:g} {axis - 16:g} L{sacrum + 28:g} {axis - 6:g} L{sacrum + 36:g} {axis:g} '
        f'L{sacrum + 28:g} {axis + 6:g} L{sacrum:g} {axis + 16:g} Z" fill="#ddd5c4" stroke="#7d7464"/>'
    )
    # The cord runs above the vertebrae (along their back), from the brain to about L1-L2.
    end = centres[7 + 12] + 7  # between the first and second lumbar vertebrae
    top = axis - 32
    body += [
        f'<ellipse cx="20" cy="{top + 4:g}" rx="13" ry="20" fill="#efd9a6" stroke="#9a7420"/>',
        f'<path d="M22 {top - 1:g} L{end - 12:g} {top:g} L{end:g} {top + 4:g} L{end - 12:g} {top + 8:g} '
        f'L22 {top + 9:g} Z" fill="#efd9a6" stroke="#9a7420"/>',
    ]
    for i, dy in enumerate((0, 2.5, 5, 7.5)):  # nerve roots going on below the cord's end
        body.append(
            f'<path d="M{end - 2:g} {top + 3 + dy / 2:g} Q{end + 36:g} {top + dy + 2:g} '
            f'{sacrum + 12 + 5 * i:g} {top + 12 + dy * 2:g}" fill="none" stroke="#9a7420" stroke-width="1"/>'
        )
    for cx in (centres[1], centres[4], centres[7 + 5]):  # lesions: two cervical, one thoracic
        body.append(f'<ellipse cx="{cx:g}" cy="{top + 4:g}" rx="5" ry="4" fill="{LESION}"/>')
    body += [
        _text(8, 64, "Brain", 14, anchor="start", fill=MUTED),
        f'<path d="M{end:g} {top - 2:g} L{end:g} 54" stroke="{INK}" stroke-width="1"/>',
        _text(end, 30, "The spinal cord ends", 15, font_weight="600"),
        _text(end, 48, "at about L1–L2", 15, font_weight="600"),
        _text(352, 80, "nerve roots", 13, anchor="end", fill=MUTED),
    ]
    labels = {
        "cervical": ("Cervical", "neck", "C1–C7"),
        "thoracic": ("Thoracic", "chest", "T1–T12"),
        "lumbar": ("Lumbar", "lower back", "L1–L5"),
    }
    for name, (first, last) in spans.items():
        mid = (first + last) / 2
        body.append(
            f'<path d="M{first:g} 152 L{first:g} 157 L{last:g} 157 L{last:g} 152" fill="none" '
            f'stroke="{INK}" stroke-width="1.2"/>'
        )
        title, where, numbers = labels[name]
        body += [
            _text(mid, 177, title, 16, font_weight="700"),
            _text(mid, 195, where, 14),
            _text(mid, 212, numbers, 13, fill=MUTED),
        ]
    body += [
        _text(354, 212, "Sacrum", 13, anchor="end", fill=MUTED),
        f'<ellipse cx="18" cy="244" rx="5" ry="4" fill="{LESION}"/>',
        _text(30, 249, "MS lesions: most often cervical,", 15, anchor="start"),
        _text(30, 268, "sometimes thoracic", 15, anchor="start"),
    ]
    return _svg(
        282,
        "The spine on its side, head to the left: cervical (neck), thoracic (chest) and lumbar "
        "(lower back) vertebrae and the sacrum. The spinal cord ends at about L1 to L2; "
        "MS lesions are most often in the cervical cord, sometimes in the thoracic.",
        body,
    )


def nerve() -> str:
    """A nerve cell, its fibre wrapped in myelin, and a lesion where the myelin is gone."""
    axis = 112
    body = [
        # dendrites and the cell body
        *(
            f'<path d="M40 {axis} L{x2} {y2}" stroke="#7a5c2e" stroke-width="3" stroke-linecap="round"/>'
            for x2, y2 in ((14, axis - 26), (10, axis + 8), (22, axis + 32), (34, axis - 34))
        ),
        f'<circle cx="40" cy="{axis}" r="20" fill="#e9c98f" stroke="#7a5c2e" stroke-width="1.5"/>',
        f'<circle cx="40" cy="{axis}" r="7" fill="#a7792f"/>',
        f'<path d="M60 {axis} L342 {axis}" stroke="#7a5c2e" stroke-width="4"/>',
    ]
    lesion = (196, 262)
    x = 70
    while x + 30 <= 340:
        if not (lesion[0] - 30 < x < lesion[1]):
            body.append(
                f'<rect x="{x}" y="{axis - 11}" width="30" height="22" rx="11" fill="#f4efe2" '
                'stroke="#8a7a55" stroke-width="1.5"/>'
            )
        x += 36
    # scar tissue where the myelin was stripped away: a ragged patch around the fibre
    a, b = lesion
    edge = [(a, -9), (a + 10, -16), (a + 22, -8), (a + 34, -15), (a + 46, -7), (a + 58, -14), (b, -8)]
    edge += [(b, 8), (a + 56, 15), (a + 44, 7), (a + 32, 14), (a + 20, 7), (a + 8, 15), (a, 8)]
    scar = " L".join(f"{x} {axis + dy}" for x, dy in edge)
    body += [
        f'<path d="M{scar}Z" fill="#bdb6ad" stroke="#6b645c" stroke-width="1"/>',
        f'<path d="M{a} 66 L{a} 72 L{b} 72 L{b} 66" fill="none" stroke="{LESION}" stroke-width="1.5"/>',
        _text((a + b) / 2, 58, "Lesion", 16, font_weight="700", fill=LESION),
        _text((a + b) / 2, 160, "myelin stripped away,", 14),
        _text((a + b) / 2, 177, "scar tissue left", 14),
        f'<path d="M{(a + b) / 2} 146 L{(a + b) / 2} {axis + 16}" stroke="{INK}" stroke-width="1"/>',
        # labels on the left
        _text(10, 40, "Nerve cell", 15, anchor="start", font_weight="600"),
        f'<path d="M122 {axis - 12} L122 72" stroke="{INK}" stroke-width="1"/>',
        _text(122, 58, "Myelin sheath", 15, font_weight="600"),
        f'<path d="M96 {axis + 1} L96 146" stroke="{INK}" stroke-width="1"/>',
        _text(96, 160, "Nerve fibre", 15, font_weight="600"),
        _text(96, 177, "(axon)", 14, fill=MUTED),
        # the impulse
        f'<path d="M24 206 L336 206" stroke="{MUTED}" stroke-width="1.5"/>',
        f'<path d="M336 206 L328 201 L328 211 Z" fill="{MUTED}"/>',
        _text(180, 226, "Impulses travel more slowly across a lesion", 14, fill=MUTED),
    ]
    return _svg(
        240,
        "A nerve cell and its fibre (axon) wrapped in a myelin sheath. In a lesion the myelin has been "
        "stripped away and scar tissue is left; impulses travel more slowly across it.",
        body,
    )


DRAWINGS = {"spine-regions.svg": spine, "nerve-fibre-lesion.svg": nerve}


def main() -> None:
    for name, draw in DRAWINGS.items():
        (HERE / name).write_text(draw(), encoding="utf-8")
        print(HERE / name)


if __name__ == "__main__":
    main()
