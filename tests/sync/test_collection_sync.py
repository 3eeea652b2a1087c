"""`deckgen sync --collection`: real collections made with the anki package.

Each test starts from an empty collection and the small deck's first version
(cns-parts, mri-waves, lesions-common), and reads the collection back after
the sync.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from tests.conftest import CNS, HEADER, LESIONS, MRI, ROOT, import_apkg
from tests.sync import scenario
from tests.sync.conftest import V1, Project, anki, edit, opened, review
from tests.sync.learner import FileLearner

pytestmark = pytest.mark.anki

MRI_EDITED = MRI.replace("Strong magnetic and radio waves.", "Magnetic and radio waves.")
NEW = """\
  - id: nerves-optic
    question: Which nerves belong to the CNS?
    answer: The optic nerves.
    evidence: {doc: "The CNS includes the brain, spinal cord, and optic nerves."}
"""


def test_first_sync_adds_every_card_and_a_second_does_nothing(project: Project) -> None:
    first = project.sync()
    assert first.exit_code == 0, first.output
    assert "3 added: cns-parts, mri-waves, lesions-common" in first.output
    notes = project.notes()
    assert sorted(notes) == ["cns-parts", "lesions-common", "mri-waves"]
    assert all(note.decks == ("Test Deck",) for note in notes.values())
    assert notes["cns-parts"].fields[0] == "Which parts make up the CNS?"
    record = project.collection.parent / "collection.media" / "_deckgen-1234567890.json"
    assert sorted(json.loads(record.read_bytes())["notes"]) == sorted(str(n.note_id) for n in notes.values())

    second = project.sync()
    assert second.exit_code == 0, second.output
    assert "Nothing to do: the collection has the deck as built." in second.output
    assert "3 unchanged" in second.output
    assert project.notes() == notes


def test_an_edited_card_is_updated_in_place_with_its_review_history(project: Project) -> None:
    project.sync()
    review(project.collection, ["mri-waves", "cns-parts"])
    before = project.notes()
    result = project.sync(text=HEADER + "cards:\n" + CNS + MRI_EDITED + LESIONS)
    assert result.exit_code == 0, result.output
    assert "1 updated: mri-waves" in result.output
    after = project.notes()
    assert after["mri-waves"].fields[1] == "Magnetic and radio waves."
    assert after["mri-waves"].note_id == before["mri-waves"].note_id
    assert after["mri-waves"].reviews == before["mri-waves"].reviews == 1
    assert after["mri-waves"].queues == before["mri-waves"].queues
    assert after["cns-parts"] == before["cns-parts"]


def test_an_edit_made_in_anki_is_a_conflict_never_overwritten_silently(project: Project) -> None:
    project.sync()
    edit(project.collection, "mri-waves", 1, "Strong magnetic fields and radio waves.", add_tag="mine")
    result = project.sync(text=HEADER + "cards:\n" + CNS + MRI_EDITED + LESIONS)
    assert result.exit_code == 1, result.output
    assert (
        "conflict: card 'mri-waves' edited in Anki: left as it is (--overwrite replaces it)" in result.output
    )
    assert (
        "field 2: Strong magnetic [Anki: 'fields and radio waves' | deck: 'and radio waves'] and radio waves."
        not in result.output
    )
    assert "field 2: [Anki: 'Strong magnetic fields' | deck: 'Magnetic'] and radio waves." in result.output
    assert "1 note edited in Anki: carry the fix into the cards file" in result.output
    assert project.notes()["mri-waves"].fields[1] == "Strong magnetic fields and radio waves."

    again = project.sync()
    assert again.exit_code == 1
    assert "conflict: card 'mri-waves'" in again.output

    overwritten = project.sync("--overwrite")
    assert overwritten.exit_code == 0, overwritten.output
    assert "conflict: card 'mri-waves' edited in Anki: overwritten" in overwritten.output
    note = project.notes()["mri-waves"]
    assert note.fields[1] == "Magnetic and radio waves."
    assert "mine" in note.tags
    assert project.sync().exit_code == 0


def test_the_learners_tags_survive_an_update(project: Project) -> None:
    project.sync()
    with opened(project.collection) as col:
        nid = col.find_notes('"Id:mri-waves"')[0]
        col.tags.bulk_add([nid], "leech hard-one")
    result = project.sync(text=HEADER + "cards:\n" + CNS + MRI_EDITED + LESIONS)
    assert result.exit_code == 0, result.output
    assert "1 updated: mri-waves" in result.output
    assert project.notes()["mri-waves"].tags == ("hard-one", "leech", "source::doc")


def test_a_tag_of_the_decks_removed_in_anki_is_an_edit(project: Project) -> None:
    project.sync()
    with opened(project.collection) as col:
        nid = col.find_notes('"Id:mri-waves"')[0]
        col.tags.bulk_remove([nid], "source::doc")
    result = project.sync()
    assert result.exit_code == 1, result.output
    assert "conflict: card 'mri-waves' edited in Anki: left as it is" in result.output
    assert "    tags removed in Anki: source::doc" in result.output
    assert project.notes()["mri-waves"].tags == ()


def test_the_note_types_look_is_the_decks(project: Project) -> None:
    project.sync()
    with opened(project.collection) as col:
        model = col.models.get(col.get_note(col.find_notes('"Id:mri-waves"')[0]).mid)
        css = model["css"]
        model["css"] += "\n.card { color: red; }"
        model["tmpls"][0]["qfmt"] += "<hr>"
        col.models.update_dict(model)
    result = project.sync()
    assert result.exit_code == 0, result.output
    assert "the look (CSS, templates) of 1 note type was made the deck's again" in result.output
    with opened(project.collection) as col:
        model = col.models.get(model["id"])
        assert model["css"] == css
        assert not model["tmpls"][0]["qfmt"].endswith("<hr>")
    assert "Nothing to do" in project.sync().output


def test_a_tag_the_deck_drops_goes_and_a_new_one_comes(project: Project) -> None:
    project.sync()
    tagged = MRI.replace("  - id: mri-waves\n", "  - id: mri-waves\n    tags: [imaging]\n")
    project.sync(text=HEADER + "cards:\n" + CNS + tagged + LESIONS)
    assert project.notes()["mri-waves"].tags == ("imaging", "source::doc")
    project.sync(text=V1)
    assert project.notes()["mri-waves"].tags == ("source::doc",)


def test_a_removed_card_is_retired_then_deleted_on_request(project: Project) -> None:
    project.sync()
    result = project.sync(text=HEADER + "cards:\n" + CNS + MRI)
    assert result.exit_code == 0, result.output
    assert "1 retired (tagged deckgen::removed, suspended): lesions-common" in result.output
    gone = project.notes()["lesions-common"]
    assert "deckgen::removed" in gone.tags
    assert gone.suspended
    again = project.sync()
    assert "Nothing to do" in again.output
    assert "1 retired before" in again.output

    deleted = project.sync("--delete-removed")
    assert deleted.exit_code == 0, deleted.output
    assert "1 deleted: lesions-common" in deleted.output
    assert sorted(project.notes()) == ["cns-parts", "mri-waves"]


def test_a_card_that_comes_back_is_unsuspended_and_untagged(project: Project) -> None:
    project.sync()
    project.sync(text=HEADER + "cards:\n" + CNS + MRI)
    result = project.sync(text=V1)
    assert "1 updated: lesions-common" in result.output
    back = project.notes()["lesions-common"]
    assert "deckgen::removed" not in back.tags
    assert not back.suspended


def test_dry_run_prints_the_plan_and_changes_nothing(project: Project) -> None:
    project.sync()
    review(project.collection, ["cns-parts"])
    edit(project.collection, "cns-parts", 1, "Brain and cord.")
    before = project.notes()
    media = sorted(p.name for p in (project.collection.parent / "collection.media").iterdir())
    result = project.sync("--dry-run", text=HEADER + "cards:\n" + CNS + MRI_EDITED + NEW)
    assert result.exit_code == 1, result.output
    assert "(dry run: nothing changed)" in result.output
    assert "1 would be added: nerves-optic" in result.output
    assert "1 would be updated: mri-waves" in result.output
    assert "1 would be retired (tagged deckgen::removed, suspended): lesions-common" in result.output
    assert "conflict: card 'cns-parts' edited in Anki" in result.output
    assert project.notes() == before
    assert sorted(p.name for p in (project.collection.parent / "collection.media").iterdir()) == media


def test_json_output_for_scripts(project: Project) -> None:
    project.sync()
    result = project.sync("--format", "json", "--dry-run", text=HEADER + "cards:\n" + CNS + MRI_EDITED + NEW)
    data = json.loads(result.output)
    assert data["dry_run"] is True
    [deck] = data["decks"]
    assert (deck["deck"], deck["added"], deck["updated"], deck["retired"], deck["conflicts"]) == (
        "Test Deck",
        ["nerves-optic"],
        ["mri-waves"],
        ["lesions-common"],
        [],
    )
    assert deck["unchanged"] == 1
    assert data["diagnostics"] == []


def test_a_collection_open_in_anki_is_refused(project: Project) -> None:
    with opened(project.collection):
        result = project.sync()
    assert result.exit_code == 2
    assert "is open in Anki (it is locked): close Anki and sync again" in result.output
    assert "Nothing was changed in Anki." in result.output
    assert project.notes() == {}


def test_a_missing_collection_is_refused(project: Project) -> None:
    project.collection = project.collection.parent / "nothing.anki2"
    result = project.sync()
    assert result.exit_code == 2
    assert f"no collection at {project.collection}" in result.output


def test_bad_cards_change_nothing(project: Project) -> None:
    result = project.sync(text=HEADER + "cards:\n  - id: x\n")
    assert result.exit_code == 1
    assert "Sync stopped: nothing was built, nothing was changed in Anki." in result.output
    assert project.notes() == {}


def test_the_learners_own_notes_are_never_touched(project: Project) -> None:
    with opened(project.collection) as col:
        mine = col.new_note(col.models.by_name("Basic"))
        mine["Front"] = "my own card"
        col.add_note(mine, col.decks.id("Test Deck"))
    project.sync()
    with opened(project.collection) as col:
        # A note of deckgen's note type, made in Anki, in the deck, with a card id of the learner's.
        theirs = col.new_note(col.models.get(col.get_note(col.find_notes('"Id:cns-parts"')[0]).mid))
        theirs.fields[0] = "their question"
        theirs.fields[-1] = "their-card"
        col.add_note(theirs, col.decks.id("Test Deck"))
    result = project.sync(text=HEADER + "cards:\n" + CNS)
    assert result.exit_code == 0, result.output
    assert "2 retired (tagged deckgen::removed, suspended): mri-waves, lesions-common" in result.output
    notes = project.notes()
    assert notes["their-card"].tags == ()
    assert not notes["their-card"].suspended
    with opened(project.collection) as col:
        assert col.get_note(mine.id).fields == ["my own card", ""]
        assert col.get_note(mine.id).tags == []
    assert project.sync().exit_code == 0
    assert project.notes()["their-card"].fields[0] == "their question"


def test_a_second_deck_with_the_same_cards_keeps_its_own_notes(project: Project) -> None:
    project.sync()
    other = project.folder / "other.yaml"
    other.write_text(
        V1.replace("Test Deck", "Other Deck").replace("1234567890", "1234567999"), encoding="utf-8"
    )
    # Built at the same time as the first deck, its package has the same note ids and card ids.
    result = CliRunner().invoke(
        main,
        ["sync", str(other), "--collection", str(project.collection)],
        env={"SOURCE_DATE_EPOCH": str(project.now)},
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert "3 added" in result.output
    with opened(project.collection) as col:
        assert len(col.find_notes("")) == 6
        assert len(col.find_notes('"deck:Other Deck"')) == 3
    assert "Nothing to do" in project.sync().output
    again = project.sync(text=HEADER + "cards:\n" + CNS)
    assert "2 retired" in again.output
    with opened(project.collection) as col:
        assert len(col.find_notes("tag:deckgen::removed")) == 2
        assert len(col.find_notes('"deck:Other Deck" tag:deckgen::removed')) == 0


def test_a_deck_id_another_deck_has_is_refused(project: Project) -> None:
    with opened(project.collection) as col:
        col.decks.add_normal_deck_with_name("Somebody Else's")
        did = col.decks.id_for_name("Somebody Else's")
        col.db.execute("update decks set id = ? where id = ?", 1234567890, did)
    result = project.sync()
    assert result.exit_code == 2, result.output
    assert "the collection's deck of id 1234567890 is \"Somebody Else's\", not 'Test Deck'" in result.output
    assert project.notes() == {}


def test_a_learner_who_imported_the_package_syncs_the_first_time(project: Project) -> None:
    built = project.sync("--dry-run")  # builds decks/ (and changes nothing in the collection)
    assert built.exit_code == 0
    with opened(project.collection) as col:
        import_apkg(col, project.folder / "decks" / "test-deck.apkg")
    review(project.collection, ["cns-parts"])
    result = project.sync()
    assert result.exit_code == 0, result.output
    assert "3 unchanged" in result.output
    assert project.notes()["cns-parts"].reviews == 1
    changed = project.sync(text=HEADER + "cards:\n" + CNS + MRI_EDITED + LESIONS)
    assert "1 updated: mri-waves" in changed.output


def test_every_card_kind_and_subdecks(tmp_path: Path) -> None:
    Collection = anki()
    folder = tmp_path / "sample"
    shutil.copytree(ROOT / "tests" / "phone" / "sample", folder)
    collection = tmp_path / "collection.anki2"
    Collection(str(collection)).close()
    project = Project(folder, collection)
    first = project.sync()
    assert first.exit_code == 0, first.output
    assert "9 added" in first.output
    with opened(collection) as col:
        assert len(col.find_notes("")) == 9
        kinds = {col.get_note(nid).note_type()["name"] for nid in col.find_notes("")}
        assert len(kinds) >= 3
        media = {p.name for p in (tmp_path / "collection.media").iterdir()}
        assert any(name.endswith(".svg") or name.endswith(".png") for name in media)
    second = project.sync()
    assert second.exit_code == 0, second.output
    assert "Nothing to do" in second.output


def test_the_scenario_through_a_collection_file(tmp_path: Path) -> None:
    collection = tmp_path / "anki" / "collection.anki2"
    collection.parent.mkdir()
    anki()(str(collection)).close()

    def sync(cards: Path, now: int) -> Result:
        return CliRunner().invoke(
            main,
            ["sync", str(cards), "--collection", str(collection), "--format", "json"],
            env={"SOURCE_DATE_EPOCH": str(now)},
            catch_exceptions=False,
        )

    scenario.run(tmp_path / "deck", "Scenario Deck", 1234567801, FileLearner(collection), sync)


def test_a_step_the_collection_refuses_is_reported_and_a_rerun_finishes(project: Project) -> None:
    media = project.collection.parent / "collection.media"
    blocker = media / "._deckgen-1234567890.json.tmp"  # where the record is written first: a folder
    blocker.mkdir(parents=True)
    result = project.sync()
    assert result.exit_code == 2, result.output
    assert "3 added: cns-parts, mri-waves, lesions-common" in result.output
    assert "stopped: record: the collection refused to write a media file" in result.output
    assert (
        "done: media, look, added, updated, retired, deleted; run the sync again to finish" in result.output
    )
    blocker.rmdir()
    rerun = project.sync()
    assert rerun.exit_code == 0, rerun.output
    assert "3 unchanged" in rerun.output
    assert (media / "_deckgen-1234567890.json").is_file()
    assert len(project.notes()) == 3


def test_a_damaged_record_is_a_record_lost_and_no_edit_is_overwritten(project: Project) -> None:
    project.sync()
    edit(project.collection, "mri-waves", 1, "Magnets.")
    (project.collection.parent / "collection.media" / "_deckgen-1234567890.json").write_bytes(b"{not json")
    result = project.sync(text=HEADER + "cards:\n" + CNS + MRI_EDITED + LESIONS)
    assert result.exit_code == 1, result.output
    assert "conflict: card 'mri-waves' differs from the deck, and no sync wrote it before" in result.output
    assert project.notes()["mri-waves"].fields[1] == "Magnets."


def test_several_decks_and_a_subdeck_in_one_sync(project: Project) -> None:
    imaging = MRI.replace("  - id: mri-waves\n", "  - id: mri-waves\n    deck: Imaging\n")
    project.write(HEADER + "cards:\n" + CNS + imaging)
    other = project.folder / "other.yaml"
    other.write_text(
        V1.replace("Test Deck", "Other Deck").replace("1234567890", "1234567999"), encoding="utf-8"
    )
    sync = CliRunner().invoke(
        main,
        ["sync", str(project.cards), str(other), "--collection", str(project.collection), "--format", "json"],
        env={"SOURCE_DATE_EPOCH": str(project.now)},
        catch_exceptions=False,
    )
    assert sync.exit_code == 0, sync.output
    decks = json.loads(sync.output)["decks"]
    assert [(d["deck"], d["added"]) for d in decks] == [
        ("Test Deck", ["cns-parts", "mri-waves"]),
        ("Other Deck", ["cns-parts", "mri-waves", "lesions-common"]),
    ]
    with opened(project.collection) as col:
        assert len(col.find_notes('"deck:Test Deck::Imaging"')) == 1
        assert len(col.find_notes('"deck:Other Deck"')) == 3


def test_new_notes_the_collection_refuses_are_reported_not_applied(tmp_path: Path) -> None:
    folder = tmp_path / "sample"
    shutil.copytree(ROOT / "tests" / "phone" / "sample", folder)
    collection = tmp_path / "collection.anki2"
    anki()(str(collection)).close()
    project = Project(folder, collection)
    assert project.sync("--dry-run").exit_code == 0  # builds decks/
    with zipfile.ZipFile(folder / "decks" / "card-kinds-sample.apkg") as package:
        picture = sorted(json.loads(package.read("media")).values())[0]
    blocker = tmp_path / "collection.media" / picture  # where Anki would write a picture: a folder
    blocker.mkdir(parents=True)
    result = project.sync()
    assert result.exit_code == 2, result.output
    assert "stopped: added: the collection refused to import the new notes" in result.output
    assert "not applied: 9 added" in result.output
    with opened(collection) as col:
        assert col.find_notes("") == []
    blocker.rmdir()
    rerun = project.sync()
    assert rerun.exit_code == 0, rerun.output
    assert "9 added" in rerun.output


@pytest.mark.parametrize("other", [["--url", "http://127.0.0.1:8765"], ["--api-key", "secret"]])
def test_a_collection_and_anki_connect_at_once_is_a_usage_error(project: Project, other: list[str]) -> None:
    before = project.collection.read_bytes()
    result = CliRunner().invoke(
        main, ["sync", str(project.cards), "--collection", str(project.collection), *other]
    )
    assert result.exit_code == 2, result.output
    assert f"--collection and {other[0]} are two ways into Anki: give one of them" in result.output
    assert project.collection.read_bytes() == before
    assert not (project.folder / "decks").exists()
