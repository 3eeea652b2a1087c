"""Pictures and sounds in cards: every problem with its code, at the reference's line and column."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import diagnostics as dg
from generator.check import check_document
from generator.check.svg import check_svg
from generator.load.loader import load_text
from generator.model import CardsFile, MediaRef, Pos
from tests.checking import CARD, HEADER, SOURCE
from tests.media_files import GIF, JPEG, MP3, OGG, SVG, WEBP, png, svg

PNG = png(4, 3)


def run(tmp: Path, lines: str, files: dict[str, bytes | str] | None = None) -> tuple[CardsFile | None, list]:
    """Check the standard card (lines 9-13) with ``lines`` added from line 14, beside ``files``."""
    (tmp / "doc.txt").write_text(SOURCE, encoding="utf-8")
    for name, data in (files or {}).items():
        path = tmp / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode() if isinstance(data, str) else data)
    model, found = check_document(load_text("cards.yaml", (HEADER + CARD + lines).encode()), tmp)
    return model, dg.sort(found)


def codes(tmp: Path, lines: str, files: dict[str, bytes | str] | None = None) -> list[tuple[str, int, int]]:
    return [(d.code, d.line, d.col) for d in run(tmp, lines, files)[1]]


def test_a_picture_and_a_sound_check_clean_and_are_in_the_model(tmp_path: Path) -> None:
    lines = '    extra: "See ![The CNS, drawn](images/cns.png)."\n    audio: sounds/cns.mp3\n'
    model, found = run(tmp_path, lines, {"images/cns.png": PNG, "sounds/cns.mp3": MP3})
    assert found == []
    assert model is not None
    (card,) = model.cards
    assert card.media == (
        MediaRef("image", "images/cns.png", Pos(14, 17, "cards.yaml"), "The CNS, drawn"),
        MediaRef("audio", "sounds/cns.mp3", Pos(15, 12, "cards.yaml")),
    )
    picture = model.media["images/cns.png"]
    assert (picture.kind, picture.ext, picture.size) == ("image", "png", len(PNG))
    assert picture.path == (tmp_path / "images" / "cns.png").resolve()
    assert model.media["sounds/cns.mp3"].kind == "audio"


@pytest.mark.parametrize(
    ("name", "data"),
    [("a.png", PNG), ("a.jpg", JPEG), ("a.JPEG", JPEG), ("a.gif", GIF), ("a.webp", WEBP), ("a.svg", SVG)],
)
def test_every_picture_format(tmp_path: Path, name: str, data: bytes | str) -> None:
    assert codes(tmp_path, f'    extra: "![A picture]({name})"\n', {name: data}) == []


@pytest.mark.parametrize(("name", "data"), [("a.mp3", MP3), ("a.ogg", OGG)])
def test_every_sound_format(tmp_path: Path, name: str, data: bytes) -> None:
    assert codes(tmp_path, f"    audio: [{name}]\n", {name: data}) == []


def test_pictures_in_every_text_field(tmp_path: Path) -> None:
    text = (
        HEADER
        + "  - id: cns\n"  # 9
        + '    question: "Which system is ![shown here](a.png)?"\n'
        + '    answer: "The CNS ![brain](a.png)."\n'
        + '    evidence: {doc: "The CNS includes the brain, spinal cord, and optic nerves."}\n'
        + '    extra: "![cord](a.png)"\n'
        + "    note: |\n      Our words ![nerves](b.png)\n"
    )
    (tmp_path / "doc.txt").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "a.png").write_bytes(PNG)
    model, found = check_document(load_text("cards.yaml", text.encode()), tmp_path)
    assert [(d.code, d.line, d.col) for d in found] == [("E343", 15, 17)]
    assert model is not None
    assert [ref.pos for ref in model.cards[0].media] == [
        Pos(10, 32, "cards.yaml"),
        Pos(11, 22, "cards.yaml"),
        Pos(13, 13, "cards.yaml"),
        Pos(15, 17, "cards.yaml"),
    ]


def test_positions_in_every_scalar_style(tmp_path: Path) -> None:
    lines = (
        "    extra: >-\n"  # 14
        "      folded ![a](m1.png) and\n"  # 15
        "      ![b](m2.png)\n"  # 16
        "    note: 'single ![c](m3.png) \\![not a picture](x.png) ![d](m4.png)'\n"  # 17
    )
    assert codes(tmp_path, lines) == [
        ("E343", 15, 14),
        ("E343", 16, 7),
        ("E343", 17, 19),
        ("E343", 17, 57),
    ]


def test_several_cards_and_escapes_in_double_quotes(tmp_path: Path) -> None:
    lines = '    extra: "\\\\![x](no.png) \\\\\\\\![y](m.png)"\n'  # \![x]: text; \\![y]: a picture
    assert codes(tmp_path, lines) == [("E343", 14, 32)]


@pytest.mark.parametrize(
    "written",
    [
        '![Spine](spine.png "The spine")',
        "![Spine](my spine.png)",
        "![Spine](<spine.png>)",
        "![Spine [1]](spine.png)",
        "![Spine]()",
    ],
)
def test_an_image_in_a_form_not_read_is_e340(tmp_path: Path, written: str) -> None:
    assert codes(tmp_path, f"    extra: 'See {written}'\n", {"spine.png": PNG}) == [("E340", 14, 17)]


def test_not_images_are_left_alone(tmp_path: Path) -> None:
    lines = "    extra: 'Wow! [link](x.png) and ![bracket] and !(paren) and ! [spaced](x.png)'\n"
    assert codes(tmp_path, lines) == []


def test_alt_text_is_required_e341(tmp_path: Path) -> None:
    assert codes(tmp_path, "    extra: 'x ![](a.png) y ![  ](a.png)'\n", {"a.png": PNG}) == [
        ("E341", 14, 15),
        ("E341", 14, 28),
    ]


@pytest.mark.parametrize(
    "written",
    [
        "https://example.org/spine.png",
        "http://example.org/a.png",
        "data:image/png;base64,iVBORw0KGgo=",
        "file:///etc/a.png",
        "//example.org/a.png",
        "javascript:alert(1)",
    ],
)
def test_urls_are_never_fetched_e342(tmp_path: Path, written: str) -> None:
    found = run(tmp_path, f"    extra: 'x ![Spine]({written})'\n")[1]
    if "(1)" in written:  # parentheses in the path: not an image at all, in any form read
        assert [(d.code, d.line, d.col) for d in found] == [("E340", 14, 15)]
        return
    assert [(d.code, d.line, d.col) for d in found] == [("E342", 14, 15)]
    assert "never fetch" in found[0].message


def test_sound_urls_are_e342(tmp_path: Path) -> None:
    assert codes(tmp_path, "    audio: https://example.org/a.mp3\n") == [("E342", 14, 12)]


def test_missing_file_e343_with_a_hint(tmp_path: Path) -> None:
    model, found = run(tmp_path, "    extra: 'x ![Spine](images/spien.png)'\n", {"images/spine.png": PNG})
    assert [(d.code, d.line, d.col) for d in found] == [("E343", 14, 15)]
    assert "did you mean 'spine.png'?" in found[0].message
    assert model is not None and model.media == {}


def test_a_folder_is_not_a_picture_e343(tmp_path: Path) -> None:
    (tmp_path / "dir.png").mkdir()
    assert codes(tmp_path, "    extra: 'x ![Spine](dir.png)'\n") == [("E343", 14, 15)]


def test_a_loop_of_links_is_e344(tmp_path: Path) -> None:
    """As for source files: a path whose links can't be followed is not known to be inside."""
    os.symlink(tmp_path / "a.png", tmp_path / "b.png")
    os.symlink(tmp_path / "b.png", tmp_path / "a.png")
    assert codes(tmp_path, "    extra: 'x ![Spine](a.png)'\n") == [("E344", 14, 15)]


def test_paths_outside_the_project_e344(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (tmp_path / "outside.png").write_bytes(PNG)
    os.symlink(tmp_path / "outside.png", project / "link.png")
    (project / "inside.png").write_bytes(PNG)
    os.symlink(project / "inside.png", project / "good-link.png")
    lines = (
        "    extra: 'x ![a](../outside.png)'\n"
        f"    note: 'y ![b]({tmp_path}/outside.png) ![c](link.png) ![d](good-link.png)'\n"
    )
    found = codes(project, lines)
    col = len(f"    note: 'y ![b]({tmp_path}/outside.png) ") + 1
    assert found == [("E344", 14, 15), ("E344", 15, 14), ("E344", 15, col)]


def test_formats_e345(tmp_path: Path) -> None:
    files = {"a.bmp": b"BM", "noext": PNG, "s.mp3": MP3, "p.png": PNG}
    lines = (
        "    extra: 'x ![a](a.bmp) ![b](noext) ![c](s.mp3)'\n"  # 14
        "    audio: [p.png, s.wav]\n"  # 15
    )
    _, found = run(tmp_path, lines, files)
    assert [(d.code, d.line, d.col) for d in found] == [
        ("E345", 14, 15),
        ("E345", 14, 27),
        ("E345", 14, 39),
        ("E345", 15, 13),
        ("E345", 15, 20),
    ]
    assert "is a sound, not a picture; list it under audio:" in found[2].message
    assert "is a picture, not a sound" in found[3].message
    assert found[4].message == (
        "card 'cns': sound 's.wav' has '.wav'; use MP3 or OGG: convert it, for example with "
        "ffmpeg -i s.wav s.mp3 (or sox s.wav s.ogg), and give the new file's path"
    )


def test_a_sound_that_is_another_format_says_how_to_convert_it_e347(tmp_path: Path) -> None:
    wav = b"RIFF\x24\x00\x00\x00WAVEfmt "
    _, found = run(tmp_path, "    audio: [sounds/bell.mp3]\n", {"sounds/bell.mp3": wav})
    assert [(d.code, d.message) for d in found] == [
        (
            "E347",
            "card 'cns': 'sounds/bell.mp3' is named as MP3, but it holds WAV data; convert it, for "
            "example with ffmpeg -i sounds/bell.mp3 sounds/bell-converted.mp3, and give the new file's path",
        )
    ]


def test_too_large_e346(tmp_path: Path) -> None:
    with open(tmp_path / "big.png", "wb") as handle:
        handle.write(PNG)
        handle.truncate(2 * 1024 * 1024 + 1)
    with open(tmp_path / "big.mp3", "wb") as handle:
        handle.write(MP3)
        handle.truncate(10 * 1024 * 1024 + 1)
    with open(tmp_path / "ok.mp3", "wb") as handle:
        handle.write(MP3)
        handle.truncate(10 * 1024 * 1024)
    lines = "    extra: 'x ![a](big.png)'\n    audio: [big.mp3, ok.mp3]\n"
    assert codes(tmp_path, lines) == [("E346", 14, 15), ("E346", 15, 13)]


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("a.png", JPEG, "it holds JPEG data"),
        ("a.jpg", PNG, "it holds PNG data"),
        ("a.gif", b"not a gif", "its bytes are not that format"),
        ("a.webp", b"RIFF\x00\x00\x00\x00WAVE", "it holds WAV data"),  # RIFF, as WebP, but a sound
        ("a.svg", PNG, "it holds PNG data"),
    ],
)
def test_bytes_that_are_not_the_format_e347(tmp_path: Path, name: str, data: bytes, says: str) -> None:
    _, found = run(tmp_path, f"    extra: 'x ![a]({name})'\n", {name: data})
    assert [(d.code, d.line, d.col) for d in found] == [("E347", 14, 15)]
    assert says in found[0].message


def test_sound_bytes_e347(tmp_path: Path) -> None:
    assert codes(tmp_path, "    audio: [a.mp3, b.ogg]\n", {"a.mp3": PNG, "b.ogg": MP3}) == [
        ("E347", 14, 13),
        ("E347", 14, 20),
    ]


MALICIOUS = {
    "script": svg("<script>alert(document.cookie)</script>"),
    "handler": svg('<rect width="5" height="5" onclick="alert(1)"/>'),
    "load handler": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    "remote href": svg('<use href="https://evil.example/x.svg#a"/>'),
    "xlink href": svg('<use xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="other.svg#a"/>'),
    "image": svg('<image href="#a" width="5" height="5"/>'),
    "foreignObject": svg("<foreignObject><p>html</p></foreignObject>"),
    "html namespace": svg('<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>'),
    "anchor": svg('<a href="#x"><rect width="1" height="1"/></a>'),
    "animation": svg('<set attributeName="fill" to="red"/>'),
    "import": svg("<style>@import url(https://evil.example/a.css);</style>"),
    "css url": svg("<style>rect { fill: url(https://evil.example/p.svg#p) }</style>"),
    "attribute url": svg('<rect width="1" height="1" fill="url(http://evil.example/#g)"/>'),
    "style attribute": svg('<rect width="1" height="1" style="background: url(//evil.example/a)"/>'),
    "css escape": svg('<rect width="1" height="1" style="fill: \\75 rl(http://evil.example/a)"/>'),
    "image-set": svg("<style>rect { fill: image-set('https://evil.example/a.png' 1x) }</style>"),
    "javascript url": svg('<rect width="1" height="1" filter="javascript:alert(1)"/>'),
    "stylesheet": svg("<rect/>", head='<?xml-stylesheet href="https://evil.example/a.css"?>\n'),
    "entities": svg(
        "<text>&lol;</text>",
        head='<!DOCTYPE svg [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>\n',
    ),
    "external entity": svg(
        "<text>&x;</text>", head='<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
    ),
    "xml:base": svg('<g xml:base="https://evil.example/"><rect/></g>'),
}


@pytest.mark.parametrize("name", list(MALICIOUS))
def test_an_svg_that_is_more_than_a_drawing_is_e348(tmp_path: Path, name: str) -> None:
    _, found = run(tmp_path, "    extra: 'x ![A drawing](d.svg)'\n", {"d.svg": MALICIOUS[name]})
    assert [(d.code, d.line, d.col) for d in found] == [("E348", 14, 15)]
    assert "is not a static drawing" in found[0].message


def test_the_svg_problem_names_its_line() -> None:
    found = check_svg(svg('<g>\n<rect onmouseover="x()"/>\n</g>').encode())
    assert found is not None and (found.line, found.malformed) == (3, False)
    assert found.problem == "event handler onmouseover= is not allowed"


@pytest.mark.parametrize(
    "data",
    [
        "<svg xmlns='http://www.w3.org/2000/svg'><g></svg>",
        "<html><body/></html>",
        "<svg><rect/></svg>",  # no SVG namespace: browsers do not draw it as a picture
        "<",
    ],
)
def test_an_svg_that_cannot_be_read_is_e349(tmp_path: Path, data: str) -> None:
    assert codes(tmp_path, "    extra: 'x ![A drawing](d.svg)'\n", {"d.svg": data}) == [("E349", 14, 15)]


def test_a_drawing_with_editor_metadata_gradients_and_local_links_is_fine() -> None:
    assert check_svg(SVG.encode()) is None
    assert check_svg(("\ufeff" + SVG).encode()) is None


def test_a_picture_in_the_deck_description_is_e350(tmp_path: Path) -> None:
    text = HEADER.replace("  id: 1234567890\n", '  id: 1234567890\n  description: "Our ![logo](a.png)"\n')
    text += CARD
    (tmp_path / "doc.txt").write_text(SOURCE, encoding="utf-8")
    _, found = check_document(load_text("cards.yaml", text.encode()), tmp_path)
    assert [(d.code, d.line, d.col) for d in found] == [("E350", 4, 21)]


def test_ankis_sound_tag_in_text_is_e351(tmp_path: Path) -> None:
    assert codes(tmp_path, "    extra: 'Haus [sound:haus.mp3]'\n") == [("E351", 14, 18)]


def test_a_sound_tag_that_markdown_makes_live_is_e351(tmp_path: Path) -> None:
    """What Anki sees after Markdown: an escaped colon or bracket is a colon or bracket."""
    assert codes(tmp_path, "    extra: 'Haus [sound\\:haus.mp3]'\n") == [("E351", 14, 18)]
    # \[ also opens display maths (E360 when never closed): Anki still finds the tag in the field
    assert codes(tmp_path, "    extra: 'Haus \\[sound:haus.mp3]'\n") == [("E360", 14, 18), ("E351", 14, 19)]
    assert codes(tmp_path, "    extra: 'Haus [sound\\\\:x] [sound x] [Sound:x]'\n") == []


def test_audio_must_be_paths(tmp_path: Path) -> None:
    lines = "    audio: []\n"
    assert codes(tmp_path, lines) == [("E303", 14, 12)]
    assert codes(tmp_path, "    audio: ['', {a: b}]\n") == [("E303", 14, 13), ("E101", 14, 17)]


def test_one_file_many_references(tmp_path: Path) -> None:
    body = "".join(
        f'  - id: c{i}\n    question: Q{i}?\n    answer: "A ![a](a.png) ![b](./a.png)"\n'
        f"    evidence: {{doc: The CNS includes the brain}}\n"
        for i in range(3)
    )
    (tmp_path / "doc.txt").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "a.png").write_bytes(PNG)
    model, found = check_document(load_text("cards.yaml", (HEADER + body).encode()), tmp_path)
    assert found == [] and model is not None
    assert set(model.media) == {"a.png", "./a.png"}
    assert model.media["a.png"] == model.media["./a.png"]


def test_pictures_in_a_cloze_text_and_none_in_a_typed_answer(tmp_path: Path) -> None:
    text = (
        HEADER
        + "  - id: cloze\n"  # 9
        + "    kind: cloze\n"
        + '    text: "The {{c1::brain}} ![A brain](a.png)"\n'
        + "    evidence: {doc: The CNS includes the brain}\n"
        + "  - id: typed\n"  # 13
        + "    kind: type-in\n"
        + "    question: What does the CNS include?\n"
        + '    answer: "![The brain](a.png)"\n'
        + "    evidence: {doc: The CNS includes the brain}\n"
    )
    (tmp_path / "doc.txt").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "a.png").write_bytes(PNG)
    model, found = check_document(load_text("cards.yaml", text.encode()), tmp_path)
    assert [(d.code, d.line, d.col) for d in found] == [("E327", 16, 13)]  # a typed answer is plain text
    assert model is not None and model.cards[0].media == (
        MediaRef("image", "a.png", Pos(11, 30, "cards.yaml"), "A brain"),
    )
