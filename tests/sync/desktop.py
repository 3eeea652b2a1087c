"""A real Anki desktop with the real AnkiConnect add-on, started headless for the sync tests.

One desktop a test session (:func:`anki_desktop`, session-scoped): every test
that needs it is in ``test_desktop_sync.py``, so ``--dist loadfile`` runs
them on one worker. The add-on (``../shared/anki-connect/plugin``, GPL-3,
unmodified) is copied into the test's own Anki base folder, never into the
project; only its config (port, API key) is set there. The base is seeded as
``../shared/anki-connect/README.md`` says, so that no first-run dialog blocks.
Anki is stopped with SIGTERM, which closes it cleanly.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import ROOT, missing

ADDON = ROOT.parent / "shared" / "anki-connect" / "plugin"
ADDON_CODE = "2055492159"
PROFILE = "deckgen"
API_KEY = "deckgen-test-key"
READY_TRIES = 600
"""Polls, a tenth of a second apart, before a desktop that never answers is given up on (a bound on
work, not a timing assertion: start-up takes about 3 s)."""

SEED = """\
import sys
from pathlib import Path
from aqt.profiles import ProfileManager
pm = ProfileManager(Path(sys.argv[1]))
pm.setupMeta()
pm.meta["firstRun"] = False
pm.setLang("en_US")
pm.create(sys.argv[2])
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def call(url: str, action: str, **params: Any) -> Any:
    """One AnkiConnect action (with the tests' API key); its result, or an AssertionError with its error."""
    body = json.dumps({"action": action, "version": 6, "params": params, "key": API_KEY}).encode()
    with urllib.request.urlopen(urllib.request.Request(url, body), timeout=120) as answer:
        data = json.loads(answer.read())
    assert data["error"] is None, data["error"]
    return data["result"]


def _qt_works(env: dict[str, str]) -> bool:
    probe = subprocess.run(
        [sys.executable, "-c", "import aqt.qt, aqt.profiles"], env=env, capture_output=True, check=False
    )
    return probe.returncode == 0


@pytest.fixture(scope="session")
def anki_desktop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The AnkiConnect URL of a headless Anki desktop with an empty profile, for the whole session."""
    if not (ADDON / "__init__.py").is_file():
        missing(f"the AnkiConnect add-on (../shared/anki-connect, looked in {ADDON})")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox",
        "ANKI_SINGLE_INSTANCE_KEY": f"deckgen-tests-{os.getpid()}",
    }
    if not _qt_works(env):
        missing("Anki desktop (aqt) and the Qt libraries it needs (.ci/run installs them)")
    base = tmp_path_factory.mktemp("anki-base")
    subprocess.run([sys.executable, "-c", SEED, str(base), PROFILE], env=env, check=True, capture_output=True)
    addon = base / "addons21" / ADDON_CODE
    shutil.copytree(ADDON, addon)
    port = _free_port()
    config = json.loads((addon / "config.json").read_text(encoding="utf-8"))
    config.update(webBindPort=port, apiKey=API_KEY)
    (addon / "config.json").write_text(json.dumps(config), encoding="utf-8")
    log = (base / "anki.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-c", "import aqt; aqt.run()", "-b", str(base), "-p", PROFILE],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(READY_TRIES):
            if process.poll() is not None:
                break
            try:
                call(url, "deckNames")  # answers once the profile's collection is open
                break
            except (OSError, AssertionError):
                time.sleep(0.1)
        else:
            pytest.fail(f"Anki desktop did not answer at {url}; its log: {base / 'anki.log'}")
        if process.poll() is not None:
            pytest.fail(f"Anki desktop exited ({process.returncode}); its log: {base / 'anki.log'}")
        yield url
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
