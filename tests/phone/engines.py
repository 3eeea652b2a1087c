"""The browser engines the phone tests run on, behind one interface.

Anki's clients show cards in one of two engines:

- **Chromium**: Anki desktop (Qt WebEngine), AnkiDroid (Android System
  WebView) and AnkiWeb in Chrome on Android. Tested in Debian's ``chromium``,
  driven by Playwright, with a phone viewport.
- **WebKit**: AnkiMobile (WKWebView) and AnkiWeb in any browser on iPhone and
  iPad. Tested in Debian's WebKitGTK, driven by Selenium through its
  WebDriver (see :mod:`tests.phone.webkit`), in a phone-sized frame.

Each engine is one browser for a whole test run (each test worker's session, see
:func:`open_browser`) and a page of its own for each test module that uses it (:func:`engine_in`);
the same measuring JavaScript (:data:`tests.phone.render.MEASURE_JS`) runs in both.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from tests.conftest import find_chromium
from tests.phone.render import BODY_CLASSES, MEASURE_JS, launch, new_page, page


@dataclass(frozen=True)
class Platform:
    """What an engine stands for: the clients, their screens, and their night classes."""

    clients: str
    phones: tuple[str, ...]
    """Keys of :data:`tests.phone.render.PHONES`."""
    modes: tuple[str, ...]
    """Keys of :data:`tests.phone.render.BODY_CLASSES`: light, and each client's night mode."""


ENGINES = {
    "chromium": Platform(
        "Anki desktop, AnkiDroid, AnkiWeb in Chrome on Android",
        ("360x640", "412x915"),
        ("light", "dark", "dark-ankidroid"),
    ),
    "webkit": Platform(
        "AnkiMobile, AnkiWeb on iPhone and iPad",
        ("375x667", "390x844", "360x640", "412x915"),
        ("light", "dark-ankimobile"),
    ),
}
SCREEN = (360, 640)
"""Screenshots are of a small phone, in CSS px ..."""
SCALE = 2
"""... at two device pixels per CSS px, as on most phones: the PNGs are 720x1280."""


@dataclass(frozen=True)
class View:
    """How a side is looked at: the night classes on <body>, and its sources folded or not."""

    mode: str
    unfolded: bool

    def __str__(self) -> str:
        return f"{self.mode}, sources {'unfolded' if self.unfolded else 'folded'}"


def views(engine: str) -> tuple[View, ...]:
    """The views an engine is measured in: its clients' modes, sources folded and unfolded."""
    # Folded first: a side is laid out once per fold state; the night classes only recolour it.
    return tuple(View(mode, unfolded) for unfolded in (False, True) for mode in ENGINES[engine].modes)


class Engine(Protocol):
    name: str

    def measure(
        self, sides: Sequence[str], size: tuple[int, int], views: Sequence[View]
    ) -> dict[View, list[dict[str, Any]]]:
        """Measure each side (question or answer HTML) in each view at ``size`` CSS px."""

    def requests(self) -> list[str]:
        """Everything any page of this engine has tried to load so far."""

    def screenshot(self, side_html: str, mode: str, path: Path) -> None:
        """A PNG of ``side_html`` on a :data:`SCREEN` phone, its first source unfolded."""

    def user_agent(self) -> str: ...

    def add_script(self, source: str) -> None:
        """Run ``source`` in the page the sides are measured in, once, as a reviewer's own script."""


def _views_arg(views: Sequence[View]) -> list[list[Any]]:
    return [[BODY_CLASSES[v.mode], v.unfolded] for v in views]


class Chromium:
    name = "chromium"

    def __init__(self, browser: Any) -> None:
        self.browser = browser
        self.page = new_page(browser)
        self._requests: list[str] = []
        self.page.on("request", lambda request: self._requests.append(request.url))
        self.page.set_content(page(""))
        self._shots: Any = None

    def close(self) -> None:
        """Close this engine's pages (and their contexts); the browser stays open for others."""
        for pg in (self.page, self._shots):
            if pg is not None:
                pg.context.close()

    def measure(
        self, sides: Sequence[str], size: tuple[int, int], views: Sequence[View]
    ) -> dict[View, list[dict[str, Any]]]:
        self.page.set_viewport_size({"width": size[0], "height": size[1]})
        # Both ways as JSON text: Playwright's own serialisation of a megabyte of nested
        # records takes seconds, a string's a few milliseconds.
        script = f"async (text) => JSON.stringify(await ({MEASURE_JS})(JSON.parse(text)))"
        text: str = self.page.evaluate(script, json.dumps([list(sides), _views_arg(views)]))
        results: list[list[dict[str, Any]]] = json.loads(text)
        return dict(zip(views, results, strict=True))

    def add_script(self, source: str) -> None:
        self.page.add_script_tag(content=source)

    def requests(self) -> list[str]:
        self.page.evaluate("0")  # lets Playwright deliver the request events still queued
        return list(self._requests)

    def screenshot(self, side_html: str, mode: str, path: Path) -> None:
        if self._shots is None:
            self._shots = new_page(self.browser, *SCREEN, scale=SCALE)
            self._shots.on("request", lambda request: self._requests.append(request.url))
        self._shots.set_content(page(side_html, mode))
        self._shots.evaluate("() => { const d = document.querySelector('details'); if (d) d.open = true; }")
        self._shots.screenshot(path=str(path))

    def user_agent(self) -> str:
        agent: str = self.page.evaluate("navigator.userAgent")
        return agent


class WebKit:
    name = "webkit"

    def __init__(self, driver: Any, recorder: Any) -> None:
        self.driver = driver
        self.recorder = recorder
        # A fresh host page: nothing another module's engine put into it (a script, a page written
        # for a screenshot) is left.
        driver.switch_to.default_content()
        driver.get(recorder.url)

    def close(self) -> None:
        """Nothing to close: the page is the driver's, and the next engine loads it afresh."""

    def _frame(self, width: int, height: int) -> None:
        """Make the phone frame ``width`` x ``height`` CSS px and run what follows inside it."""
        self.driver.switch_to.default_content()
        got = self.driver.execute_script(
            "const f = document.getElementById('phone');"
            "f.style.width = arguments[0] + 'px'; f.style.height = arguments[1] + 'px';"
            "return [f.contentWindow.innerWidth, f.contentWindow.innerHeight];",
            width,
            height,
        )
        if got != [width, height]:
            raise RuntimeError(f"the phone frame is {got}, not {width}x{height}")
        self.driver.switch_to.frame("phone")

    def measure(
        self, sides: Sequence[str], size: tuple[int, int], views: Sequence[View]
    ) -> dict[View, list[dict[str, Any]]]:
        self._frame(*size)
        results: list[list[dict[str, Any]]] = self.driver.execute_script(
            f"return ({MEASURE_JS})(arguments[0]);", [list(sides), _views_arg(views)]
        )
        return dict(zip(views, results, strict=True))

    def add_script(self, source: str) -> None:
        self._frame(*SCREEN)
        self.driver.execute_script(
            "const s = document.createElement('script'); s.textContent = arguments[0];"
            "document.head.appendChild(s);",
            source,
        )

    def requests(self) -> list[str]:
        with self.recorder.lock:
            return list(self.recorder.requests)

    def screenshot(self, side_html: str, mode: str, path: Path) -> None:
        from PIL import Image

        # A frame taller than the card, so that no scroll bar is drawn; the top is cut out below.
        self._frame(SCREEN[0], 4 * SCREEN[1])
        # Returns after two animation frames: the new page has been painted, not only laid out.
        scale = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "document.open(); document.write(arguments[0]); document.close();"
            "const d = document.querySelector('details'); if (d) d.open = true;"
            "requestAnimationFrame(() => requestAnimationFrame(() => done(window.devicePixelRatio)));",
            page(side_html, mode),
        )
        if scale != SCALE:
            raise RuntimeError(f"WebKit draws {scale} device px per CSS px, not {SCALE}")
        self.driver.switch_to.default_content()
        # The frame is at the top left of the window; WebKitGTK's element screenshots are
        # offset by the window's title bar, so the window is taken and cut to the frame.
        shot = Image.open(io.BytesIO(self.driver.get_screenshot_as_png()))
        shot.crop((0, 0, SCREEN[0] * SCALE, SCREEN[1] * SCALE)).save(path)

    def user_agent(self) -> str:
        agent: str = self.driver.execute_script("return navigator.userAgent;")
        return agent


def unavailable(name: str) -> str | None:
    """What engine ``name`` lacks on this machine ("... is not installed"), or None."""
    if name == "chromium":
        if find_chromium() is None:
            return "Chromium (Debian: apt-get install chromium)"
        modules = {"playwright": "the playwright package"}
    else:
        from tests.phone.webkit import missing_programs

        lacking = missing_programs()
        if lacking:
            return f"WebKit (lacking {', '.join(lacking)})"
        modules = {"selenium": "the selenium package", "PIL": "the pillow package"}
    for module, what in modules.items():
        try:
            __import__(module)
        except ImportError:
            return what
    return None


@contextmanager
def open_browser(name: str) -> Iterator[Any]:
    """The browser of engine ``name`` ("chromium" or "webkit"), to make engines of with
    :func:`engine_in`; check :func:`unavailable` first. Chromium's is a Playwright browser,
    WebKit's a (driver, recorder) pair."""
    if name == "chromium":
        path = find_chromium()
        assert path is not None
        with launch(path) as browser:
            yield browser
    else:
        from tests.phone import webkit

        with webkit.launch(scale=SCALE) as pair:
            yield pair


@contextmanager
def engine_in(name: str, browser: Any) -> Iterator[Engine]:
    """Engine ``name`` on a fresh page of ``browser`` (from :func:`open_browser`), until the block ends."""
    engine: Chromium | WebKit = Chromium(browser) if name == "chromium" else WebKit(*browser)
    try:
        yield engine
    finally:
        engine.close()


@contextmanager
def open_engine(name: str) -> Iterator[Engine]:
    """One session of engine ``name`` ("chromium" or "webkit"); check :func:`unavailable` first."""
    with open_browser(name) as browser, engine_in(name, browser) as engine:
        yield engine
