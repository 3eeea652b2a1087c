"""The phone measurements, shared by the tool's phone tests (:mod:`tests.phone.test_phone`, on a
sample of every card kind) and the MS deck's (:mod:`tests.deck.test_deck_on_phone`): the fixtures
``browsers`` (one browser per engine, open across the test modules that use it), ``sessions`` (a
page in each for a test module), ``engine`` (each engine in turn) and ``chromium_browser`` (that
Chromium, for the preview's tests), which ``tests/conftest.py`` loads as a plugin, and
:func:`find_problems`, every problem found in what the engines measured
(:meth:`tests.phone.engines.Engine.measure`)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from contextlib import ExitStack
from typing import Any

import pytest

from tests.conftest import missing
from tests.phone import mathjax
from tests.phone.engines import ENGINES, Engine, View, engine_in, open_browser, unavailable
from tests.phone.render import RenderedCard

MIN_FONT_PX = 16
MIN_CONTRAST = 4.5
BODY_FONT_PX = 18
MIN_TAP_PX = 44  # Apple's minimum touch target; Android's is 48 dp, about 44-48 CSS px
MAX_PICTURE_SHARE = 0.45  # of the screen's height
ANSWER_ROOM_PX = 48  # the answer's first line shows on the first screen
LIGHT_LUMINANCE = 0.9  # a light page's background is lighter than this ...
DARK_LUMINANCE = 0.05  # ... and a night page's darker than this


def need_anki() -> None:
    """Skip (fail under CI) a test that renders cards with Anki when the anki package is missing."""
    try:
        import anki  # noqa: F401
    except ImportError:
        missing("the anki package")


class Browsers:
    """The browsers open in this process, one per engine, opened when first asked for.

    They stay open from one test module that uses them to the next, and are closed before any other
    module's tests: a browser's driver keeps a thread running in this process (Playwright's waits on
    its driver process, WebKit's answers its requests), and deckgen forks a helper only where no other
    thread runs (``generator.twocore.available``), so the tests that use no browser run as they would
    alone.
    """

    def __init__(self) -> None:
        self._stack = ExitStack()
        self._opened: dict[str, Any] = {}

    def __call__(self, name: str) -> Any:
        if name not in self._opened:
            reason = unavailable(name)
            if reason:
                missing(reason)
            self._opened[name] = self._stack.enter_context(open_browser(name))
        return self._opened[name]

    def close(self) -> None:
        self._opened.clear()
        self._stack.close()


OPEN = Browsers()


@pytest.fixture(scope="session")
def browsers() -> Iterator[Browsers]:
    """One browser per engine for the session (a test worker's), opened when first needed (see
    :class:`Browsers` for when they close): starting one takes seconds, a page in it (:func:`sessions`)
    a fraction of one."""
    try:
        yield OPEN
    finally:
        OPEN.close()


BROWSER_MODULES = (
    "tests/deck/test_deck_on_phone.py",
    "tests/examples/test_statistics_on_phone.py",
    "tests/phone/test_marks_phone.py",
    "tests/phone/test_phone.py",
    "tests/report/test_preview.py",
    "tests/report/test_preview_marks.py",
)
"""The test modules that use the browsers: one test worker runs them all, one after another (see
:func:`pytest_xdist_make_scheduler`), so that each engine starts once in a run, not once a module."""


FORKING_MODULES = (
    "tests/check/test_fast.py",
    "tests/check/test_fast_differential.py",
    "tests/compile/test_notes_parallel.py",
    "tests/test_twocore.py",
)
"""The test modules that fork deckgen's helper process thousands of times: one worker runs them first,
while it is small (a fork costs more the more memory the forking process has)."""


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """Each test file on one worker (``--dist loadfile``), the browser modules together on one worker,
    the forking modules together, these two groups handed out first."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class Grouped(LoadFileScheduling):  # type: ignore[misc]
        ordered = False

        def _split_scope(self, nodeid: str) -> str:
            file: str = super()._split_scope(nodeid)
            return "browsers" if file in BROWSER_MODULES else "forks" if file in FORKING_MODULES else file

        def _assign_work_unit(self, node: Any) -> None:
            if not self.ordered:  # the longest units first, the small ones fill in after
                for scope in ("forks", "browsers"):
                    if scope in self.workqueue:
                        self.workqueue.move_to_end(scope, last=False)
                self.ordered = True
            super()._assign_work_unit(node)

    return Grouped(config, log)


def pytest_collection_finish(session: pytest.Session) -> None:
    """On a whole-suite run, :data:`BROWSER_MODULES` must name exactly the modules that use the browsers."""
    if session.config.option.file_or_dir or session.config.option.keyword or session.config.option.markexpr:
        return
    using = {item.nodeid.split("::", 1)[0] for item in session.items if "browsers" in _fixtures(item)}
    if using != set(BROWSER_MODULES):
        raise pytest.UsageError(f"BROWSER_MODULES should be {sorted(using)}")


def _fixtures(item: pytest.Item) -> tuple[str, ...]:
    return tuple(getattr(item, "fixturenames", ()))


_USES_BROWSERS = pytest.StashKey[dict[str, bool]]()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Close the browsers before the first test of a module none of whose tests uses them."""
    known = item.session.stash.setdefault(_USES_BROWSERS, {})
    module = item.nodeid.split("::", 1)[0]
    if module not in known:
        known[module] = any(
            "browsers" in _fixtures(other)
            for other in item.session.items
            if other.nodeid.split("::", 1)[0] == module
        )
    if not known[module]:
        OPEN.close()


@pytest.fixture(scope="module")
def sessions(browsers: Browsers) -> Iterator[Callable[[str], Engine]]:
    """One engine per browser for the whole module, on its own fresh page, opened when first needed."""
    with ExitStack() as stack:
        opened: dict[str, Engine] = {}

        def get(name: str) -> Engine:
            if name not in opened:
                opened[name] = stack.enter_context(engine_in(name, browsers(name)))
            return opened[name]

        yield get


@pytest.fixture
def chromium_browser(browsers: Browsers) -> Any:
    """The session's Chromium (a Playwright browser), for a test to open its own pages in and close."""
    return browsers("chromium")


@pytest.fixture(params=list(ENGINES))
def engine(request: pytest.FixtureRequest, sessions: Callable[[str], Engine]) -> Engine:
    return sessions(request.param)


@pytest.fixture
def typesetting(engine: Engine) -> Iterator[Engine]:
    """The engine's page with MathJax in it, as a reviewer has (put in once a session)."""
    if not getattr(engine, "mathjax", False):
        engine.add_script(mathjax.script())
        setattr(engine, "mathjax", True)  # noqa: B010  (a mark on the session's engine object)
    yield engine


Results = dict[View, list[dict[str, Any]]]


def faces(deck: list[RenderedCard]) -> tuple[list[str], list[str]]:
    """Every card's front, then every card's back: the sides to measure, and their names."""
    sides = [c.question for c in deck] + [c.answer for c in deck]
    names = [f"{c.name} (front)" for c in deck] + [f"{c.name} (back)" for c in deck]
    return sides, names


def check_marks(
    where: str, names: list[str], sides: list[str], records: list[dict[str, Any]], width: int
) -> None:
    """Each side's maths typeset (none left as typed), and its code and tables in boxes that end within
    the screen and scroll sideways when their content is wider."""
    for name, side, r in zip(names, sides, records, strict=True):
        formulas = side.count("\\(") + side.count("\\[")
        assert r["maths"] >= (1 if formulas else 0), f"{where}: {name}: MathJax typeset nothing"
        assert r["rawMaths"] == 0, f"{where}: {name}: maths left as typed"
        for box in r["scrollBoxes"]:
            assert box["right"] <= width + 0.5, f"{where}: {name}: a {box['tag']} ends at {box['right']}"
            if box["scrolls"]:
                assert box["overflowX"] in ("auto", "scroll"), f"{where}: {name}: {box}"


def find_problems(
    engine: str,
    results: Results,
    names: list[str],
    width: int,
    *,
    height: int = 640,
    fronts: Collection[str] = (),
) -> dict[str, list[str]]:
    """Every problem found, by kind; each line names the engine, the view and the side.

    ``fronts`` are the names of the sides that are a card's front: each shows its
    question, larger than body text.
    """
    problems: dict[str, list[str]] = {
        "overflow": [],
        "font": [],
        "contrast": [],
        "tap": [],
        "broken": [],
        "picture": [],
        "question": [],
        "night": [],
        "fold": [],
    }
    for view, records in results.items():
        for name, r in zip(names, records, strict=True):
            where = f"{engine}, {view}: {name}"
            # A phone zooms out to fit a page wider than the screen: innerWidth grows with it.
            if max(r["scrollWidth"], r["innerWidth"]) > width:
                problems["overflow"].append(f"{where}: page is {r['scrollWidth']}px wide")
            for t in r["texts"]:
                text = f"{where}: {t['tag']}"
                if t["right"] > width + 0.5:
                    problems["overflow"].append(f"{text} ends at {t['right']:.0f}px: {t['text']!r}")
                if t["size"] < MIN_FONT_PX:
                    problems["font"].append(f"{text} is {t['size']}px: {t['text']!r}")
                if t["contrast"] < MIN_CONTRAST:
                    problems["contrast"].append(f"{text} {t['contrast']:.2f}:1: {t['text']!r}")
            low = [h for h in r["tapHeights"] if h < MIN_TAP_PX]
            problems["tap"] += [f"{where}: a source row is {h:.1f}px tall" for h in low]
            _typing_boxes(problems, where, r, width)
            problems["broken"] += [f"{where}: {number!r} breaks across lines" for number in r["broken"]]
            _pictures(problems, where, r, width, height)
            if name in fronts:
                _question(problems, where, r)
            _night(problems, where, r, view)
            # Folded, a source shows its title only; unfolded, its quote too.
            if not view.unfolded and any(r["quotes"]):
                problems["fold"].append(f"{where}: a quote shows with the sources folded")
            if view.unfolded and not all(r["quotes"]):
                problems["fold"].append(f"{where}: a quote stays hidden with the sources unfolded")
    return problems


def _typing_boxes(problems: dict[str, list[str]], where: str, r: dict[str, Any], width: int) -> None:
    for box in r["inputs"]:
        if box["right"] > width + 0.5:
            problems["overflow"].append(f"{where}: a typing box ends at {box['right']:.0f}px")
        # Below 16px, a phone zooms in when the box is tapped.
        if box["size"] < MIN_FONT_PX:
            problems["font"].append(f"{where}: a typing box's text is {box['size']}px")
        if box["height"] < MIN_TAP_PX:
            problems["tap"].append(f"{where}: a typing box is {box['height']:.1f}px tall")
        # A form control keeps the engine's own colours unless the card sets them (in dark mode too).
        if box["contrast"] < MIN_CONTRAST:
            colours = f"{box['color']} on {box['background']}"
            problems["contrast"].append(f"{where}: a typing box's text {colours} is {box['contrast']:.2f}:1")


def _question(problems: dict[str, list[str]], where: str, r: dict[str, Any]) -> None:
    """A front's question (a cloze card's text) is bigger than body text."""
    sizes = [t["size"] for t in r["texts"] if t["inQuestion"]]
    if not sizes:
        problems["question"].append(f"{where}: no question is shown")
    elif min(sizes) <= BODY_FONT_PX:
        problems["question"].append(f"{where}: question text is {min(sizes)}px, body text {BODY_FONT_PX}px")


def _night(problems: dict[str, list[str]], where: str, r: dict[str, Any], view: View) -> None:
    """Light is light and dark is dark, whichever night class the app uses."""
    luminance = r["bodyLuminance"]
    if view.mode == "light" and luminance <= LIGHT_LUMINANCE:
        problems["night"].append(f"{where}: the page is dark in light mode (luminance {luminance:.3f})")
    if view.mode != "light" and luminance >= DARK_LUMINANCE:
        problems["night"].append(f"{where}: night mode leaves the page light (luminance {luminance:.3f})")


def _pictures(problems: dict[str, list[str]], where: str, r: dict[str, Any], width: int, height: int) -> None:
    for i in r["images"]:
        if i["right"] > width + 0.5:
            problems["overflow"].append(f"{where}: a picture ends at {i['right']:.0f}px: {i['alt']!r}")
        if i["height"] > MAX_PICTURE_SHARE * height + 0.5:
            problems["picture"].append(f"{where}: a picture is {i['height']:.0f}px tall: {i['alt']!r}")
        if not i["alt"].strip():
            problems["picture"].append(f"{where}: a picture has no alt text")
        if not i["loaded"]:
            problems["picture"].append(f"{where}: a picture did not load: {i['alt']!r}")
    if r["answerTop"] is not None and r["answerTop"] > height - ANSWER_ROOM_PX:
        problems["picture"].append(
            f"{where}: the answer starts at {r['answerTop']:.0f}px, off the first screen"
        )


def report(engine: Engine, phone: str, problems: dict[str, list[str]]) -> str:
    found = [f"[{kind}] {line}" for kind, lines in problems.items() for line in lines]
    return f"{engine.name} at {phone}: {len(found)} problem(s):\n" + "\n".join(found[:20])


ENGINE_PHONES = [(name, phone) for name, platform in ENGINES.items() for phone in platform.phones]
