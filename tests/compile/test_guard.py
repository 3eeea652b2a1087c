"""Second round of untrusted input: what Anki reads from a package, manifests read as JSON, ids and
times that must read back, files a build must not overwrite or lose.

Each test is one hole a fault and abuse campaign found: it failed before the fix.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.compile import BuildError, build
from generator.compile.unpack import mark, read_notes
from tests.conftest import LESIONS, MRI, SOURCE_TEXT, TWO
from tests.media_files import SVG, svg

T1, T2 = 1_700_000_000, 1_700_000_600


def _files(cards: Path) -> tuple[Path, Path]:
    out = cards.parent / "decks"
    return out / "test-deck.apkg", out / "test-deck.manifest.json"


def _check(cards: Path) -> Any:
    return CliRunner().invoke(main, ["build", "--check", str(cards)], env={"SOURCE_DATE_EPOCH": str(T1)})


# --- the package as Anki reads it -------------------------------------------------------------------


@pytest.mark.parametrize("member", ["collection.anki21", "collection.anki21b", "meta", "evil.js", "9"])
def test_a_member_deckgen_never_writes_makes_the_package_out_of_date_and_a_build_replaces_it(
    write_cards: Callable[..., Path], member: str
) -> None:
    """Anki imports collection.anki21(b) in preference to collection.anki2: a package carrying one is
    not the deck, whatever its collection.anki2 holds."""
    cards = write_cards(TWO)
    build(cards, now=T1)
    apkg, _ = _files(cards)
    with zipfile.ZipFile(apkg, "a") as archive:
        archive.writestr(member, b"<img src=x onerror=alert(1)>")
    assert not build(cards, now=T1, write=False).deck.up_to_date
    result = _check(cards)
    assert result.exit_code == 1 and "test-deck.apkg is out of date" in result.output
    build(cards, now=T1)
    with zipfile.ZipFile(apkg) as archive:
        assert sorted(archive.namelist()) == ["collection.anki2", "media"]
    assert build(cards, now=T1, write=False).deck.up_to_date


# --- manifests read as JSON ---------------------------------------------------------------------------


def _rewrite(manifest: Path, apkg: Path, text: bytes) -> None:
    """Replace the manifest with ``text`` and stamp the package with it (a matched, hand-made pair)."""
    manifest.write_bytes(text)
    with zipfile.ZipFile(apkg, "a") as archive:
        archive.comment = mark(text)


def test_a_manifest_reformatted_with_indent_4_still_guards_the_deck_id(
    write_cards: Callable[..., Path],
) -> None:
    cards = write_cards(TWO)
    build(cards, now=T1)
    apkg, manifest = _files(cards)
    _rewrite(manifest, apkg, json.dumps(json.loads(manifest.read_bytes()), indent=4).encode())
    assert build(cards, now=T1, write=False).deck is not None  # still read as this deck's
    write_cards(TWO.replace("id: 1234567890", "id: 1234567891").replace("name: Test Deck", "name: Other"))
    with pytest.raises(BuildError, match="deck id changed from 1234567890 to 1234567891, and the deck was"):
        build(cards, now=T2)


def test_a_manifest_reformatted_with_indent_4_keeps_a_renamed_decks_history(
    write_cards: Callable[..., Path],
) -> None:
    cards = write_cards(TWO)
    build(cards, now=T1)
    apkg, manifest = _files(cards)
    _rewrite(manifest, apkg, json.dumps(json.loads(manifest.read_bytes()), indent=4).encode())
    write_cards(TWO.replace("name: Test Deck", "name: Renamed Deck"))
    result = build(cards, now=T2)
    assert result.deck is not None and result.deck.changes.added == []
    assert sorted(result.deck.changes.unchanged) == ["cns-parts", "mri-waves"]
    assert sorted(p.name for p in apkg.parent.iterdir()) == [
        "renamed-deck.apkg",
        "renamed-deck.changelog.md",
        "renamed-deck.manifest.json",
    ]


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("deck", "[" * 100_000 + "]" * 100_000, "manifest is damaged: not JSON (nested too deeply)"),
        ("cards_file", '"cards\\u0000.yaml"', "cards_file must be text matching"),
        ("deck_id", "true", "deck_id must be a whole number from 1 to 9007199254740992, not True"),
        ("deck_id", "1" + "0" * 4000, "deck_id must be a whole number from 1 to"),
        ("deck_id", "1" + "0" * 5000, "manifest is damaged: not JSON (Exceeds the limit"),
        ("deck", '"\\ud800"', "deck holds a lone surrogate"),
    ],
    ids=["nested-deck", "nul-cards-file", "deck-id-true", "huge-deck-id", "huger-deck-id", "lone-surrogate"],
)
def test_a_damaged_manifest_in_the_output_folder_is_a_clear_error_for_build_and_check(
    write_cards: Callable[..., Path], key: str, value: str, message: str
) -> None:
    cards = write_cards(TWO)
    build(cards, now=T1)
    apkg, manifest = _files(cards)
    data = json.loads(manifest.read_bytes())
    data[key] = "VALUE"
    _rewrite(manifest, apkg, json.dumps(data, indent=1).replace('"VALUE"', value).encode())
    for args in (["build", "--check", str(cards)], ["build", str(cards)]):
        result = CliRunner().invoke(main, args, env={"SOURCE_DATE_EPOCH": str(T2)})
        assert result.exit_code == 2, result.output
        assert message in result.output
        assert isinstance(result.exception, SystemExit)
        assert max(len(line) for line in result.output.splitlines()) < 1000


def test_another_decks_damaged_manifest_in_the_folder_does_not_crash_the_build(
    write_cards: Callable[..., Path],
) -> None:
    cards = write_cards(TWO)
    build(cards, now=T1)
    other = cards.parent / "decks" / "other.manifest.json"
    other.write_text('{\n "deck": ' + "[" * 100_000 + "]" * 100_000 + ',\n "cards_file": "x\\u0000"\n}')
    (other.parent / "third.manifest.json").write_text('{\n "cards_file": "x\\u0000",\n "deck_id": 5\n}')
    assert build(cards, now=T1, write=False).deck.up_to_date
    result = CliRunner().invoke(main, ["build", str(cards)], env={"SOURCE_DATE_EPOCH": str(T2)})
    assert result.exit_code == 0, result.output


def test_a_manifest_that_is_not_utf8_is_damaged(write_cards: Callable[..., Path]) -> None:
    cards = write_cards(TWO)
    build(cards, now=T1)
    apkg, manifest = _files(cards)
    text = manifest.read_bytes().replace(b'"Test Deck"', b'"Test \xed\xa0\x80Deck"')
    _rewrite(manifest, apkg, text)
    with pytest.raises(BuildError, match="manifest is damaged: not JSON"):
        build(cards, now=T2)


# --- data loss, or a package Anki refuses -------------------------------------------------------------


def test_a_decks_folder_that_is_a_link_is_refused(tmp_path: Path, write_cards: Callable[..., Path]) -> None:
    """git stores links: a decks/ that leads elsewhere would have the build write and delete files there."""
    cards = write_cards(TWO)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "test-deck.apkg").write_bytes(b"someone else's file")
    (tmp_path / "decks").symlink_to(elsewhere)
    for args in (["build", str(cards)], ["build", "--check", str(cards)]):
        result = CliRunner().invoke(main, args, env={"SOURCE_DATE_EPOCH": str(T1)})
        assert result.exit_code == 2, result.output
        assert f"{tmp_path / 'decks'} is a link" in result.output
    assert sorted(p.name for p in elsewhere.iterdir()) == ["test-deck.apkg"]
    assert (elsewhere / "test-deck.apkg").read_bytes() == b"someone else's file"


def test_an_output_folder_below_a_link_is_refused(tmp_path: Path, write_cards: Callable[..., Path]) -> None:
    cards = write_cards(TWO)
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "decks").mkdir(parents=True)
    (tmp_path / "out").symlink_to(elsewhere)
    with pytest.raises(BuildError, match=f"{tmp_path / 'out'} is a link"):
        build(cards, tmp_path / "out" / "decks", now=T1)
    assert list((elsewhere / "decks").iterdir()) == []


def _removed_field(cards: Path, text: str) -> None:
    """Put ``text`` in the answer of the removed card mri-waves in the manifest (a matched pair)."""
    apkg, manifest = _files(cards)
    data = json.loads(manifest.read_bytes())
    data["removed"]["mri-waves"]["fields"][1] = text
    _rewrite(manifest, apkg, json.dumps(data, indent=1).encode())


@pytest.mark.parametrize("char", ["\x1f", "\x00", "\x0b", "\x7f", "\u0085"])
def test_a_control_character_in_a_removed_cards_field_in_the_manifest_is_refused(
    write_cards: Callable[..., Path], char: str
) -> None:
    """U+001F is Anki's field separator: one in a field and Anki refuses the whole package."""
    cards = write_cards(TWO)
    build(cards, now=T1)
    write_cards(TWO.split("  - id: mri-waves")[0])
    build(cards, now=T2)
    _removed_field(cards, f"Strong{char}waves")
    with pytest.raises(BuildError, match=r"removed\['mri-waves'\].fields\[1\] holds a control character"):
        build(cards, now=T2 + 600)


def test_with_the_manifest_missing_a_changed_deck_id_is_still_refused(
    write_cards: Callable[..., Path],
) -> None:
    cards = write_cards(TWO)
    build(cards, now=T1)
    apkg, manifest = _files(cards)
    manifest.unlink()
    before = apkg.read_bytes()
    write_cards(TWO.replace("id: 1234567890", "id: 1234567891"))
    with pytest.raises(BuildError, match="holds deck 'Test Deck' with id 1234567890, not id 1234567891"):
        build(cards, now=T2)
    assert apkg.read_bytes() == before


@pytest.mark.parametrize("what", ["another-deck", "not-a-package", "empty-zip"])
def test_with_the_manifest_missing_a_package_that_is_not_the_decks_is_not_overwritten(
    tmp_path: Path, write_cards: Callable[..., Path], what: str
) -> None:
    other = tmp_path / "other"
    other.mkdir()
    cards = write_cards(TWO)
    out = tmp_path / "decks"
    out.mkdir()
    apkg = out / "test-deck.apkg"
    if what == "another-deck":
        (other / "doc.txt").write_bytes((tmp_path / "doc.txt").read_bytes())
        (other / "cards.yaml").write_text(TWO.replace("id: 1234567890", "id: 5555555555"), encoding="utf-8")
        build(other / "cards.yaml", now=T1)
        (other / "decks" / "test-deck.apkg").rename(apkg)
    elif what == "not-a-package":
        apkg.write_bytes(b"my holiday photos")
    else:
        with zipfile.ZipFile(apkg, "w"):
            pass
    before = apkg.read_bytes()
    with pytest.raises(BuildError, match=f"{apkg} is not this deck's"):
        build(cards, now=T1)
    result = _check(cards)
    assert result.exit_code == 2 and f"{apkg} is not this deck's" in result.output
    assert apkg.read_bytes() == before


def test_text_read_back_from_disk_is_refused_the_control_characters_the_check_refuses_in_cards() -> None:
    from generator.check.reader import CONTROL as CHECKED
    from generator.compile.ownhtml import CONTROL as READ_BACK

    assert READ_BACK.pattern == CHECKED.pattern


SUBDECKS = TWO.replace("  - id: cns-parts\n", "  - id: cns-parts\n    deck: Anatomy\n").replace(
    "  - id: mri-waves\n", "  - id: mri-waves\n    deck: Imaging::MRI\n"
)


def test_a_manifest_rebuilt_from_the_package_keeps_the_times_of_cards_in_subdecks(
    write_cards: Callable[..., Path],
) -> None:
    """Anki overwrites a note whose time is newer: a rebuild must not stamp unchanged cards anew."""
    cards = write_cards(SUBDECKS)
    build(cards, now=T1)
    _, manifest = _files(cards)
    before = manifest.read_bytes()
    manifest.unlink()
    again = build(cards, now=T2)
    assert again.deck is not None and again.deck.changes.changed == []
    assert sorted(again.deck.changes.unchanged) == ["cns-parts", "mri-waves"]
    assert manifest.read_bytes() == before


def test_source_date_epoch_is_bounded_to_what_a_build_can_read_back(
    write_cards: Callable[..., Path],
) -> None:
    cards = write_cards(TWO)
    result = CliRunner().invoke(main, ["build", str(cards)], env={"SOURCE_DATE_EPOCH": "4294967295"})
    assert result.exit_code == 2
    assert "SOURCE_DATE_EPOCH must be a positive number of seconds up to" in result.output


@pytest.mark.parametrize(("key", "value"), [("mod", 2**32 - 1), ("note_id", 2**53 - 1)])
def test_a_manifest_at_the_limits_never_makes_a_build_write_one_it_cannot_read(
    write_cards: Callable[..., Path], key: str, value: int
) -> None:
    """Each edit needs a later time and each new card a new id: at the limit, the build says so (or finds
    another id) rather than write a manifest every later build refuses."""
    cards = write_cards(TWO)
    build(cards, now=T1)
    apkg, manifest = _files(cards)
    data = json.loads(manifest.read_bytes())
    data["cards"]["mri-waves"][key] = value
    _rewrite(manifest, apkg, json.dumps(data, indent=1).encode())
    write_cards(TWO.replace("radio waves.", "radio waves, no X-rays.") + LESIONS)
    try:
        build(cards, now=T2)
    except BuildError as exc:
        assert key == "mod" and "later than deckgen can write" in str(exc)
        return
    again = build(cards, now=T2, write=False)  # the manifest it wrote reads back
    assert again.deck is not None and again.deck.up_to_date


def test_a_rename_interrupted_after_its_commit_point_is_finished_by_the_next_build(
    tmp_path: Path, write_cards: Callable[..., Path]
) -> None:
    """Killed after the new manifest's rename, before the old files were removed: both manifests claim the
    cards file. --check calls it out of date, and the next build removes the old files."""
    cards = write_cards(TWO)
    build(cards, now=T1)
    out = cards.parent / "decks"
    old = {p.name: p.read_bytes() for p in out.iterdir()}
    write_cards(TWO.replace("name: Test Deck", "name: Renamed Deck"))
    build(cards, now=T2)
    for name, data in old.items():  # the old files, as the killed build left them
        (out / name).write_bytes(data)
    assert not build(cards, now=T2, write=False).deck.up_to_date
    result = CliRunner().invoke(main, ["build", "--check", str(cards)], env={"SOURCE_DATE_EPOCH": str(T2)})
    assert result.exit_code == 1 and "test-deck.apkg" in result.output
    build(cards, now=T2)
    assert sorted(p.name for p in out.iterdir()) == [
        "renamed-deck.apkg",
        "renamed-deck.changelog.md",
        "renamed-deck.manifest.json",
    ]
    assert build(cards, now=T2, write=False).deck.up_to_date


def test_a_note_id_of_2_to_the_53_is_damaged(write_cards: Callable[..., Path]) -> None:
    cards = write_cards(TWO)
    build(cards, now=T1)
    apkg, manifest = _files(cards)
    data = json.loads(manifest.read_bytes())
    data["cards"]["mri-waves"]["note_id"] = 2**53
    _rewrite(manifest, apkg, json.dumps(data, indent=1).encode())
    with pytest.raises(
        BuildError, match=r"cards\['mri-waves'\].note_id must be a whole number from 1 to 9007199254740991"
    ):
        build(cards, now=T2)


# --- pages never replace the deck's inputs ------------------------------------------------------------


@pytest.mark.parametrize(
    "case",
    [
        (["preview", "-o", "cards.yaml"], "cards.yaml", "is not named as an HTML page"),
        (["preview", "-o", "doc.txt"], "doc.txt", "is not named as an HTML page"),
        (["coverage", "cards.yaml", "--html", "doc.txt"], "doc.txt", "is not named as an HTML page"),
        (["coverage", "cards.yaml", "--html", "page.html"], "page.html", "is page.html, which the page is"),
        (["preview", "cards.yaml", "-o", "page.html"], "page.html", "is cards.yaml, which the page is"),
    ],
)
def test_a_page_never_overwrites_the_decks_own_files(
    tmp_path: Path,
    write_cards: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
    case: tuple[list[str], str, str],
) -> None:
    args, target, problem = case
    cards = write_cards(TWO)
    if target == "page.html":  # a source that is an HTML file: coverage knows it is an input
        (tmp_path / "page.html").write_bytes((tmp_path / "doc.txt").read_bytes())
        cards.write_text(cards.read_text().replace("file: doc.txt", "file: page.html"))
        if args[0] == "preview":  # a page that leads to the cards file
            (tmp_path / "page.html").unlink()
            (tmp_path / "page.html").symlink_to("cards.yaml")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert f"{target} {problem}" in result.output and "nothing was written" in result.output
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == before


# --- files carried from the previous package ----------------------------------------------------------


PICTURED = TWO.replace(
    "    answer: <b>brain</b> & spinal cord\n",
    '    answer: "The brain and spinal cord: ![The CNS](images/cns.svg)"\n',
)
HOSTILE = svg('<rect width="5" height="5" onload="alert(1)"/><script>alert(2)</script>')


def _shipped_name(data: bytes) -> str:
    return f"test-deck-{hashlib.sha256(data).hexdigest()[:16]}.svg"


def _swap_media(apkg: Path, old: str, new: str, data: bytes) -> None:
    """Rewrite ``apkg`` with the media file ``old`` replaced by ``data`` under the name ``new``."""
    with zipfile.ZipFile(apkg) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
        comment = archive.comment
    listing = json.loads(members["media"])
    number = next(n for n, name in listing.items() if name == old)
    listing[number] = new
    members["media"], members[number] = json.dumps(listing).encode(), data
    with zipfile.ZipFile(apkg, "w") as archive:
        archive.comment = comment
        for name, content in members.items():
            archive.writestr(name, content)


@pytest.mark.parametrize("how", ["same-name", "own-name"])
def test_a_removed_cards_picture_from_the_previous_package_passes_the_checks_of_any_picture(
    tmp_path: Path, write_cards: Callable[..., Path], how: str
) -> None:
    """The retired-cards package is written again from the manifest, its pictures from the packages
    before: a hostile SVG there, under the name of the checked one or under a name made from its own
    bytes (the manifest edited to show it), is left out, with a warning."""
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "cns.svg").write_text(SVG, encoding="utf-8")
    cards = write_cards(PICTURED)
    build(cards, now=T1)
    write_cards(PICTURED.split("  - id: cns-parts")[0] + MRI)
    build(cards, now=T2)
    out = cards.parent / "decks"
    retired = out / "test-deck.retired.apkg"
    checked = _shipped_name(SVG.encode())
    hostile = checked if how == "same-name" else _shipped_name(HOSTILE.encode())
    _swap_media(retired, checked, hostile, HOSTILE.encode())
    apkg, manifest = _files(cards)
    text = manifest.read_text(encoding="utf-8").replace(checked, hostile)
    _rewrite(manifest, apkg, text.encode())  # the retired-cards package is not this manifest's: rewritten
    result = build(cards, now=T2 + 600)
    problem = "does not hold the bytes its name was made from" if how == "same-name" else "E348: SVG"
    assert any("is not kept" in w and problem in w for w in result.warnings), result.warnings
    with zipfile.ZipFile(retired) as archive:
        assert HOSTILE.encode() not in [archive.read(name) for name in archive.namelist()]


# --- what Anki plays ----------------------------------------------------------------------------------


@pytest.mark.anki
def test_no_text_of_a_card_or_a_source_becomes_a_sound_anki_plays(
    tmp_path: Path, write_cards: Callable[..., Path], anki_collection: Any
) -> None:
    """A source may hold Anki's sound tag, and a quote carries it to the back of a card: Anki finds its
    tags in the field's HTML as written, so the build writes each one inert (shown the same)."""
    source = SOURCE_TEXT + "\nThe old page played [sound:x.mp3] on load.\n"
    cards = write_cards(
        TWO.replace(
            'evidence: {doc: "MRI uses strong magnetic and radio waves"}',
            'evidence: {doc: "MRI uses strong magnetic and radio waves", doc2: "played [sound:x.mp3]"}',
        ).replace(
            "    file: doc.txt\n",
            "    file: doc.txt\n  doc2:\n    title: '[sound:y.mp3]'\n    file: doc.txt\n",
        ),
        source=source,
    )
    result = build(cards, now=T1)
    assert result.deck is not None, result.diagnostics
    notes = read_notes(result.deck.apkg)
    fields = [field for note_fields, _ in notes.values() for field in note_fields]
    assert any("[sound&#58;x.mp3]" in field for field in fields)
    for field in fields:
        for side in (True, False):
            assert (
                list(anki_collection._backend.extract_av_tags(text=field, question_side=side).av_tags) == []
            )
    assert build(cards, now=T1, write=False).deck.up_to_date  # and read back as deckgen's own HTML
    from generator.compile.ownhtml import foreign_html

    assert [foreign_html(field) for field in fields] == [None] * len(fields)  # a removed card's, kept


# --- bounded work -------------------------------------------------------------------------------------


class _Counted(str):
    """A note key that counts how often it is compared."""

    compared = 0

    def __eq__(self, other: object) -> bool:
        _Counted.compared += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def test_the_build_summary_is_linear_in_removed_cards_whose_notes_are_gone(tmp_path: Path) -> None:
    """Counted comparisons, not time: a quadratic summary compares each key with every other."""
    from generator.compile.manifest import Changes
    from generator.compile.pipeline import BuiltDeck, RemovedNotes
    from generator.report import summary

    count = 3_000
    keys = [_Counted(f"card-{i}") for i in range(count)]
    deck = BuiltDeck(
        cards_file=None,
        cards_path="cards.yaml",
        counts=(count, 1),
        apkg=tmp_path / "d.apkg",
        manifest=tmp_path / "d.manifest.json",
        changes=Changes(removed=list(keys), added=[f"card-{i}:cloze" for i in range(count)]),
        removed=RemovedNotes(lost=tuple(keys[: count // 2])),
        up_to_date=False,
    )
    _Counted.compared = 0
    lines = summary._removed_lines(deck)
    assert len(lines) == 2 and _Counted.compared < 10 * count


def _pad_database(apkg: Path, size: int) -> None:
    """Rewrite ``apkg`` with its database padded with zeros to ``size`` bytes (a few MB packed)."""
    with zipfile.ZipFile(apkg) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
        comment = archive.comment
    with zipfile.ZipFile(apkg, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.comment = comment
        for name, content in members.items():
            if name != "collection.anki2":
                archive.writestr(name, content)
                continue
            with archive.open(name, "w", force_zip64=True) as entry:
                entry.write(content)
                zeros = bytes(1 << 20)
                for _ in range((size - len(content)) >> 20):
                    entry.write(zeros)


@pytest.mark.parametrize("manifest", ["matched", "missing"])
def test_a_package_whose_database_is_padded_is_judged_in_bounded_memory(
    write_cards: Callable[..., Path], manifest: str
) -> None:
    """A 500 MB database in a package of a few MB: build --check runs in 350 MB of address space."""
    cards = write_cards(TWO)
    build(cards, now=T1)
    apkg, manifest_path = _files(cards)
    _pad_database(apkg, 500 << 20)
    assert apkg.stat().st_size < 8 << 20
    if manifest == "missing":
        manifest_path.unlink()

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (350 << 20, 350 << 20))

    done = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--check", str(cards)],
        preexec_fn=limited,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
        env={**os.environ, "SOURCE_DATE_EPOCH": str(T1)},
    )
    assert "Traceback" not in done.stderr and "MemoryError" not in done.stderr, done.stderr[-2000:]
    if manifest == "matched":
        assert done.returncode == 1 and "test-deck.apkg is out of date" in done.stdout, done.stderr
    else:
        assert done.returncode == 2 and "is not this deck's" in done.stderr, done.stderr
