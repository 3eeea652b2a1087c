# ruff: noqa: E501  (the table of damaged manifests: one case a line)
"""The manifest and the package are untrusted input: wrong types, hostile HTML, FIFOs, bombs.

Every damaged manifest is a clear "damaged manifest" error naming the key at
fault (exit status 2), never a traceback; no field HTML from the manifest or
the package reaches a note unless deckgen itself would have written it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.compile import BuildError, build, unpack
from generator.compile import manifest as mf
from generator.compile.ownhtml import foreign_html
from generator.compile.unpack import mark, read_notes
from tests.conftest import TWO, rewrite_notes

T1, T2 = 1_700_000_000, 1_700_000_600
ONE_LEFT = TWO.replace(
    """  - id: mri-waves
    question: What does MRI use to make its pictures?
    answer: Strong magnetic and radio waves.
    evidence: {doc: "MRI uses strong magnetic and radio waves"}
""",
    "",
)
"""TWO without its second card: a build after TWO keeps mri-waves as a removed note."""


@pytest.fixture
def built(tmp_path: Path, write_cards: Callable[..., Path]) -> Path:
    """A cards file whose deck was built from TWO, then from ONE_LEFT (one removed card in the manifest)."""
    cards = write_cards(TWO)
    build(cards, tmp_path / "decks", now=T1)
    write_cards(ONE_LEFT)
    build(cards, tmp_path / "decks", now=T2)
    return cards


def _paths(cards: Path) -> tuple[Path, Path]:
    out = cards.parent / "decks"
    return out / "test-deck.apkg", out / "test-deck.manifest.json"


def _edit(cards: Path, change: Callable[[dict[str, Any]], object], *, matched: bool = True) -> None:
    """Change the manifest's JSON; with ``matched``, stamp the package with the new manifest's hash
    (as a hand-made pair would be), so the manifest is read and not rebuilt from the package."""
    apkg, manifest = _paths(cards)
    data = json.loads(manifest.read_text(encoding="utf-8"))
    change(data)
    text = json.dumps(data).encode()
    manifest.write_bytes(text)
    if matched:
        _restamp(apkg, mark(text))


def _restamp(apkg: Path, comment: bytes) -> None:
    with zipfile.ZipFile(apkg, "a") as archive:
        archive.comment = comment


def test_a_built_manifest_reads_back_equal(built: Path) -> None:
    _, manifest = _paths(built)
    loaded = mf.load(manifest)
    assert loaded is not None and loaded.dumps().encode() == manifest.read_bytes()
    assert list(loaded.removed) == ["mri-waves"]


def _set(path: list[Any], value: object) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


DAMAGED = [
    (_set(["cards", "cns-parts", "mod"], "5"), "cards['cns-parts'].mod must be a whole number from 1 to 4294967295, not '5'"),
    (_set(["cards", "cns-parts", "note_id"], None), "cards['cns-parts'].note_id must be a whole number from 1 to 9007199254740991, not None"),
    (_set(["cards", "cns-parts", "mod"], 10**30), "cards['cns-parts'].mod must be a whole number from 1 to 4294967295, not 1000000000000000000000000000000"),
    (_set(["cards", "cns-parts", "mod"], True), "cards['cns-parts'].mod must be a whole number from 1 to 4294967295, not True"),
    (_set(["cards", "cns-parts", "hash"], 5), "cards['cns-parts'].hash must be text matching [0-9a-f]{64}, not 5"),
    (_set(["cards", "cns-parts", "colour"], 5), "cards['cns-parts'] has the unknown key 'colour'"),
    (_set(["cards", "Not A Slug"], {}), "the key of cards['Not A Slug'] must be a card id (a slug), or a card id, ':' and its kind"),
    (_set(["notetype", "generation"], "x"), "notetype.generation must be a whole number from 1 to 99, not 'x'"),
    (_set(["notetype", "fields"], "Question"), "notetype.fields must be a list of text, not 'Question'"),
    (_set(["notetype", "id"], 5), "notetype id and name must be 1607392319 and 'deckgen Q&A' for generation 1"),
    (_set(["deck_id"], -1), "deck_id must be a whole number from 1 to 9007199254740992, not -1"),
    (_set(["format"], 2), "format must be 1, not 2"),
    (_set(["cards"], []), "cards must be an object, not []"),
    (_set(["removed", "mri-waves", "note_id"], 0), "removed['mri-waves'].note_id must be a whole number"),
    (_set(["removed", "mri-waves", "fields"], ["a"]), "removed['mri-waves'].fields must hold 5 fields, not 1"),
    (_set(["removed", "mri-waves", "tags"], ["a b", "deckgen::removed"]), "removed['mri-waves'].tags holds the tag 'a b'"),
    (_set(["removed", "mri-waves", "guid"], "abc"), "removed['mri-waves'].guid must be"),
    (_set(["removed", "mri-waves", "retired"], "2027-13-01"), "removed['mri-waves'].retired must be text matching"),
    (_set(["cards", "cns-parts", "origin"], "cns-parts"), "cards['cns-parts'].origin must be another key of a card of the same kind"),
    (_set(["cards", "cns-parts", "origin"], "old:cloze"), "cards['cns-parts'].origin must be another key of a card of the same kind"),
    (_set(["cards", "cns-parts", "origin"], "mri-waves"), "removed['mri-waves'] has the GUID of cards['cns-parts'] (both are made from 'mri-waves')"),
    (_set(["removed", "mri-waves", "origin"], "old"), "removed['mri-waves'].guid must be"),
    (lambda d: d.pop("notetype"), "the top level lacks the key 'notetype'"),
    (lambda d: d["removed"]["mri-waves"].update(note_id=d["cards"]["cns-parts"]["note_id"]), "removed['mri-waves'].note_id 1700000000000 is also the note id of cards['cns-parts']"),
]  # fmt: skip


@pytest.mark.parametrize(("change", "message"), DAMAGED)
def test_a_damaged_manifest_is_named_by_its_key(built: Path, change: Any, message: str) -> None:
    _edit(built, change)
    for write in (True, False):
        with pytest.raises(BuildError) as info:
            build(built, built.parent / "decks", now=T2, write=write)
        assert f"test-deck.manifest.json: manifest is damaged: {message}" in str(info.value)
        assert "restore it from git, or delete it to rebuild it from test-deck.apkg" in str(info.value)


def test_not_json_and_nesting_too_deep(built: Path) -> None:
    apkg, manifest = _paths(built)
    for text in (b"{", b"[" * 100_000 + b"]" * 100_000, b"\xff\xfe"):
        manifest.write_bytes(text)
        _restamp(apkg, mark(text))
        result = CliRunner().invoke(main, ["build", str(built), "-o", str(apkg.parent)])
        assert result.exit_code == 2
        assert "manifest is damaged: " in result.output
        assert "Traceback" not in result.output


HOSTILE = [
    "<script>alert(1)</script>",
    '<img src="https://evil.example/x.png">',
    '<b onerror="alert(1)">x</b>',
    '<span class="dg-source-title" onclick="x">t</span>',
    "&#60;script&#62;",
    "<!-- hi -->",
    "a < b",
    '<ol start="1" type="a"><li>x</li></ol>',
]


@pytest.mark.parametrize("html", HOSTILE)
def test_html_deckgen_never_writes_is_refused(built: Path, html: str) -> None:
    assert foreign_html(html) is not None

    def inject(data: dict[str, Any]) -> None:
        data["removed"]["mri-waves"]["fields"][1] = html

    _edit(built, inject)
    with pytest.raises(
        BuildError, match=r"removed\['mri-waves'\]\.fields\[1\] holds .*, which deckgen never writes"
    ):
        build(built, built.parent / "decks", now=T2, write=False)


def test_html_deckgen_writes_is_accepted() -> None:
    from generator.compile.markup import to_html

    for text in ("*a* and **b**", "- one\n- two", "3. x\n4. y", 'Tom & "Jerry" <b>', "a\nb"):
        assert foreign_html(to_html(text)) is None, text
    built_fields = (
        '<details class="dg-source"><summary><span class="dg-source-title">T</span> '
        '<span class="dg-source-meta">(P)</span></summary><blockquote>q &amp; a</blockquote></details>'
    )
    assert foreign_html(built_fields) is None
    assert foreign_html('x<div class="dg-note"><div class="dg-label">Note</div>y</div>') is None


def test_a_hand_edited_manifest_alone_is_replaced_from_the_package(built: Path) -> None:
    """A pull request that edits only the manifest: it no longer belongs to the package, which wins."""
    apkg, manifest = _paths(built)
    before = apkg.read_bytes(), manifest.read_bytes()

    def inject(data: dict[str, Any]) -> None:
        data["removed"]["mri-waves"]["fields"][1] = "<script>alert(1)</script>"

    _edit(built, inject, matched=False)
    checked = CliRunner().invoke(main, ["build", str(built), "-o", str(apkg.parent), "--check"])
    assert checked.exit_code == 1, checked.output
    assert "OUT OF DATE" in checked.output
    assert "did not belong to" in checked.output
    result = build(built, apkg.parent, now=T2)
    assert (
        result.deck.notes
        and "rebuilt the manifest from the package (1 card, 1 removed)" in result.deck.notes[0]
    )
    assert (apkg.read_bytes(), manifest.read_bytes()) == before
    assert all("script" not in field for fields, _ in read_notes(apkg).values() for field in fields)
    retired = apkg.with_name("test-deck.retired.apkg")
    assert all("script" not in field for fields, _ in read_notes(retired).values() for field in fields)


def test_a_package_note_deckgen_never_wrote_is_not_carried_over(
    tmp_path: Path, write_cards: Callable[..., Path]
) -> None:
    """A removed card's note is copied from the previous package only if deckgen could have written it."""
    cards = write_cards(TWO)
    out = tmp_path / "decks"
    build(cards, out, now=T1)
    apkg = out / "test-deck.apkg"
    rewrite_notes(apkg, tmp_path / "c.db", "<img src=x onerror=alert(1)>")
    write_cards(ONE_LEFT)
    result = build(cards, out, now=T2)
    assert result.deck.removed.lost == ("mri-waves",)
    assert any("holds markup or tags deckgen never writes" in w for w in result.warnings)
    assert all("onerror" not in f for fields, _ in read_notes(apkg).values() for f in fields)


def test_a_retired_package_note_deckgen_never_wrote_is_not_used(
    tmp_path: Path, write_cards: Callable[..., Path]
) -> None:
    """A manifest rebuilt from the packages takes nothing from a retired-cards package deckgen could not
    have written: its notes are left out, and the build says so."""
    import sqlite3

    cards = write_cards(TWO)
    out = tmp_path / "decks"
    build(cards, out, now=T1)
    write_cards(ONE_LEFT)
    build(cards, out, now=T2)
    retired = out / "test-deck.retired.apkg"
    with zipfile.ZipFile(retired) as archive:
        comment, media, db = archive.comment, archive.read("media"), archive.read("collection.anki2")
    scratch = tmp_path / "c.db"
    scratch.write_bytes(db)
    conn = sqlite3.connect(scratch)
    conn.execute("UPDATE notes SET flds = replace(flds, 'Strong', '<img src=x onerror=alert(1)>')")
    conn.commit()
    conn.close()
    with zipfile.ZipFile(retired, "w") as archive:
        archive.comment = comment
        archive.writestr("collection.anki2", scratch.read_bytes())
        archive.writestr("media", media)
    (out / "test-deck.manifest.json").unlink()
    result = build(cards, out, now=T2, write=False)
    assert any(
        "holds <img src=...>, which deckgen never writes: its notes are not used" in note
        for note in result.deck.notes
    ), result.deck.notes
    assert result.deck.retired is None


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """The real command, with a time limit: a FIFO that blocked it would fail the test, not hang it."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_fifos_and_devices_never_block_or_exhaust_memory(built: Path) -> None:
    apkg, manifest = _paths(built)
    folder = built.parent
    manifest.unlink()
    os.mkfifo(manifest)
    for args in (["build"], ["build", "--check"]):
        done = _run(args, folder)
        assert done.returncode == 2, done.stderr
        assert "cannot read it: not a regular file" in done.stderr
    manifest.unlink()
    build(built, apkg.parent, now=T2)
    apkg.unlink()
    os.mkfifo(apkg)
    checked = _run(["build", "--check"], folder)
    assert checked.returncode == 1 and "OUT OF DATE" in checked.stdout, checked.stderr
    done = _run(["build"], folder)
    assert done.returncode == 0, done.stderr
    assert apkg.is_file() and not apkg.is_symlink()
    apkg.unlink()
    apkg.symlink_to("/dev/zero")
    checked = _run(["build", "--check"], folder)
    assert checked.returncode == 1 and "OUT OF DATE" in checked.stdout, checked.stderr
    assert "Traceback" not in checked.stderr


def test_a_zip_bomb_is_not_decompressed_past_the_limit(
    built: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    apkg, manifest = _paths(built)
    monkeypatch.setattr(unpack, "MAX_DATABASE", 1 << 20)
    bomb = tmp_path / "bomb.apkg"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("media", b"{}")
        archive.writestr("collection.anki2", bytes(8 << 20))  # 8 MiB of zeros: 8 KiB packed
    assert bomb.stat().st_size < 64 * 1024
    assert unpack.read_package(bomb) is None
    assert read_notes(bomb) == {}
    bomb.replace(apkg)
    manifest.unlink()
    with pytest.raises(
        BuildError, match=r"test-deck.apkg is not this deck's \(it cannot be read as a package\)"
    ):
        build(built, apkg.parent, now=T2, write=False)


def test_note_types_of_other_kinds_are_checked_too(built: Path) -> None:
    _edit(built, _set(["notetypes"], {"clozed": {}}))
    with pytest.raises(
        BuildError, match=r"manifest is damaged: notetypes has the unknown card kind 'clozed'"
    ):
        build(built, built.parent / "decks", now=T2, write=False)
    _edit(built, lambda d: d["removed"].update({"mri-waves:cloze": d["removed"].pop("mri-waves")}))
    with pytest.raises(BuildError, match=r"removed\['mri-waves:cloze'\]\.fields must hold 4 fields, not 5"):
        build(built, built.parent / "decks", now=T2, write=False)


LINKED = "    file: doc.txt\n    url: https://example.org/a?b=1&c=2\n"


def test_a_removed_card_from_a_linked_source_is_kept_and_rebuilt(
    tmp_path: Path, write_cards: Callable[..., Path]
) -> None:
    """A source with an address: deckgen's own link passes as deckgen's own HTML, so the removed
    card's note is carried over, and a manifest rebuilt from the package keeps it too."""
    cards = write_cards(TWO.replace("    file: doc.txt\n", LINKED))
    out = tmp_path / "decks"
    build(cards, out, now=T1)
    write_cards(ONE_LEFT.replace("    file: doc.txt\n", LINKED))
    result = build(cards, out, now=T2)
    assert result.deck.removed.lost == ()
    fields = {**read_notes(out / "test-deck.apkg"), **read_notes(out / "test-deck.retired.apkg")}
    linked = [f for fs, _ in fields.values() for f in fs if "dg-source-link" in f]
    assert len(linked) == 2, fields
    assert all(
        '<a href="https://example.org/a?b=1&amp;c=2">example.org/a?b=1&amp;c=2</a>' in f for f in linked
    )
    assert all(foreign_html(f) is None for f in linked)
    manifest = out / "test-deck.manifest.json"
    manifest.write_bytes(b"{")
    rebuilt = build(cards, out, now=T2)
    assert (
        rebuilt.deck.notes
        and "rebuilt the manifest from the package (1 card, 1 removed)" in rebuilt.deck.notes[0]
    )
    assert rebuilt.deck.retired is not None and read_notes(rebuilt.deck.retired) == read_notes(
        out / "test-deck.retired.apkg"
    )


@pytest.mark.parametrize(
    "html",
    [
        '<p class="dg-source-link"><a href="javascript:alert(1)">javascript:alert(1)</a></p>',
        '<p class="dg-source-link"><a href="https://a.example">b.example</a></p>',
        '<p class="dg-source-link"><a href="https://a.example" onclick="x">a.example</a></p>',
        "<p class=\"dg-source-link\"><a href='https://a.example'>a.example</a></p>",
        '<p class="dg-source-link"><a href="https://a.example"><em>a.example</em></a></p>',
        '<p class="dg-source-link"><a href="https://a.example">a.example',
        '<p class="dg-source-link" id="x"><a href="https://a.example">a.example</a></p>',
        '<a href="data:text/html,x">data:text/html,x</a>',
        '<a href="https://user@a.example">user@a.example</a>',
    ],
)
def test_a_link_deckgen_would_not_write_is_refused(html: str) -> None:
    assert foreign_html(html) is not None
