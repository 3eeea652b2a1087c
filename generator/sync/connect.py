"""The way in through AnkiConnect, into a running Anki desktop (the add-on 2055492159).

AnkiConnect answers JSON requests on a local port. It has no call that
reads a note's GUID, so notes are matched by note id and card id
(:mod:`.plan`), as they are in a collection file. New notes go in by
``importPackage``, which takes a path: Anki must run on this machine (it reads
the package of new notes from a temp file).
"""

from __future__ import annotations

import base64
import binascii
import json
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from generator.sync.collection import deck_search, search
from generator.sync.side import REMOVED_TAG, AnkiNote, Look, SideError, Update

DEFAULT_URL = "http://127.0.0.1:8765"
API_VERSION = 6
"""The AnkiConnect API version this speaks (the add-on's current one)."""
NEEDED = API_VERSION
"""The oldest add-on API version this works with: an older AnkiConnect is refused before any change."""
INSTALL = (
    "start Anki, with the AnkiConnect add-on installed (in Anki: Tools → Add-ons → Get Add-ons…, code "
    "2055492159, then restart Anki), and keep it open while syncing; or, with Anki closed, sync into its "
    "collection file with --collection"
)
BATCH = 500
"""Notes a request at most: big decks go in several requests, each of a bounded size."""
TIMEOUT = 600.0
"""Seconds to wait for an answer: importing a large package takes a while."""


def _batches(items: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), BATCH):
        yield items[start : start + BATCH]


class ConnectSide:
    """A running Anki desktop, through AnkiConnect (:class:`generator.sync.side.AnkiSide`)."""

    def __init__(self, url: str = DEFAULT_URL, api_key: str | None = None) -> None:
        self.url = url
        self.key = api_key
        try:
            version = self.call("version")
        except SideError as exc:
            if "api key" in str(exc).lower():
                raise
            raise SideError(f"{exc}") from None
        if not isinstance(version, int) or version < NEEDED:
            raise SideError(
                f"the AnkiConnect at {url} is too old (API version {version}, this needs {NEEDED}): "
                "update it in Anki (Tools → Add-ons → Check for Updates) and restart Anki"
            )
        self.call("deckNames")  # fails clearly when no profile's collection is open

    def call(self, action: str, **params: Any) -> Any:
        """One AnkiConnect action's result; SideError for anything but an answer without an error."""
        body: dict[str, Any] = {"action": action, "version": API_VERSION, "params": params}
        if self.key is not None:
            body["key"] = self.key
        request = urllib.request.Request(
            self.url, json.dumps(body).encode(), {"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:
                data = json.loads(answer.read())
        except urllib.error.HTTPError as exc:
            raise SideError(
                f"{self.url} answered HTTP {exc.code}, not as AnkiConnect does: {INSTALL}"
            ) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise SideError(f"no Anki answers at {self.url} ({reason}): {INSTALL}") from None
        except ValueError:
            raise SideError(f"{self.url} did not answer as AnkiConnect does: {INSTALL}") from None
        if not isinstance(data, dict) or "error" not in data:
            raise SideError(f"{self.url} did not answer as AnkiConnect does: {INSTALL}")
        error = data["error"]
        if error is not None:
            text = str(error)
            if "api key" in text.lower() or "apikey" in text.lower():
                raise SideError(
                    f"AnkiConnect at {self.url} refused the API key ({text}): give the key set in its "
                    "config (Tools → Add-ons → AnkiConnect → Config) with --api-key"
                )
            if "collection" in text.lower() and "not" in text.lower():
                raise SideError(f"Anki at {self.url} has no collection open ({text}): open a profile")
            raise SideError(f"AnkiConnect's {action} failed: {text}")
        return data["result"]

    def _multi(self, actions: list[dict[str, Any]]) -> None:
        # Each action of a multi is checked on its own: it carries the version and the key too.
        extra: dict[str, Any] = {
            "version": API_VERSION,
            **({"key": self.key} if self.key is not None else {}),
        }
        actions = [{**action, **extra} for action in actions]
        for batch in _batches(actions):
            for answer in self.call("multi", actions=list(batch)):
                if isinstance(answer, dict) and answer.get("error"):
                    raise SideError(f"AnkiConnect refused a change: {answer['error']}")

    def find(self, notetypes: Sequence[int], deck: str) -> list[AnkiNote]:
        query = search(notetypes)
        ids = self.call("findNotes", query=query)
        if not ids:
            return []
        in_deck = set(self.call("findNotes", query=f"{query} {deck_search(deck)}"))
        suspended = set(self.call("findCards", query=f"{query} is:suspended"))
        mids = {name: int(mid) for name, mid in self.call("modelNamesAndIds").items()}
        found = []
        for batch in _batches(ids):
            for info in self.call("notesInfo", notes=list(batch)):
                if not info:
                    continue
                fields = sorted(info["fields"].values(), key=lambda f: f["order"])
                cards = tuple(info["cards"])
                found.append(
                    AnkiNote(
                        info["noteId"],
                        mids.get(info["modelName"], 0),
                        tuple(f["value"] for f in fields),
                        tuple(info["tags"]),
                        cards,
                        bool(cards) and all(c in suspended for c in cards),
                        info["noteId"] in in_deck,
                    )
                )
        return found

    def deck_name(self, deck_id: int) -> str | None:
        for name, did in self.call("deckNamesAndIds").items():
            if did == deck_id:
                return str(name)
        return None

    def _model_names(self) -> dict[int, str]:
        return {int(mid): str(name) for name, mid in self.call("modelNamesAndIds").items()}

    def looks(self, notetypes: Sequence[int]) -> dict[int, Look]:
        names = self._model_names()
        found = {}
        for mid in notetypes:
            if mid in names:
                css = self.call("modelStyling", modelName=names[mid])["css"]
                templates = self.call("modelTemplates", modelName=names[mid])
                found[mid] = Look(css, tuple((name, t["Front"], t["Back"]) for name, t in templates.items()))
        return found

    def set_look(self, notetype: int, look: Look) -> None:
        name = self._model_names()[notetype]
        self.call("updateModelStyling", model={"name": name, "css": look.css})
        templates = {t_name: {"Front": front, "Back": back} for t_name, front, back in look.templates}
        self.call("updateModelTemplates", model={"name": name, "templates": templates})

    def add(self, package: Path) -> None:
        if not self.call("importPackage", path=str(package.resolve())):
            raise SideError("Anki did not import the package of new notes: is a profile open?")

    def update(self, updates: Sequence[Update]) -> None:
        actions = [
            {
                "action": "updateNote",
                "params": {
                    "note": {
                        "id": up.note_id,
                        "fields": dict(zip(up.names, up.fields, strict=False)),
                        "tags": list(up.tags),
                    }
                },
            }
            for up in updates
        ]
        self._multi(actions)
        back = [cid for up in updates if up.unsuspend for cid in up.cards]
        if back:
            self.call("unsuspend", cards=back)

    def retire(self, notes: Sequence[AnkiNote]) -> None:
        if not notes:
            return
        self.call("addTags", notes=[n.note_id for n in notes], tags=REMOVED_TAG)
        self.call("suspend", cards=[cid for n in notes for cid in n.cards])

    def delete(self, note_ids: Sequence[int]) -> None:
        if note_ids:
            self.call("deleteNotes", notes=list(note_ids))

    def has_media(self, names: Sequence[str]) -> set[str]:
        if not names:
            return set()
        have = set(self.call("getMediaFilesNames", pattern="*"))
        return {name for name in names if name in have}

    def read_media(self, name: str) -> bytes | None:
        data = self.call("retrieveMediaFile", filename=name)
        if not data:
            return None
        try:
            return base64.b64decode(data)
        except (binascii.Error, TypeError):
            return None

    def write_media(self, name: str, data: bytes) -> None:
        self.call("storeMediaFile", filename=name, data=base64.b64encode(data).decode(), deleteExisting=True)

    def close(self) -> None:
        """Nothing to let go of: Anki keeps its collection."""
