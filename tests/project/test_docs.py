"""The documentation stays true: its links lead somewhere, and its module map is the package."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import ROOT

DOCS = ROOT / "docs"
PAGES = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]

_FENCE = re.compile(r"^```.*?^```[^\n]*$", re.M | re.S)
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_MD_LINK = re.compile(r"!?\[[^\]\n]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_HTML_LINK = re.compile(r"""\b(?:src|href)="([^"]+)\"""")
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.M)


def _prose(text: str) -> str:
    """The text with code blocks and code spans removed: what they show is not a link."""
    return _CODE_SPAN.sub("", _FENCE.sub("", text))


def links(page: Path) -> list[str]:
    """Every link and image target written in ``page``, in order."""
    prose = _prose(page.read_text(encoding="utf-8"))
    return [m.group(1) for pattern in (_MD_LINK, _HTML_LINK) for m in pattern.finditer(prose)]


def anchors(page: Path) -> set[str]:
    """The anchors GitHub gives the headings of a Markdown page."""
    found = set()
    for heading in _HEADING.findall(_prose(page.read_text(encoding="utf-8"))):
        text = re.sub(r"[^\w\- ]", "", heading.lower())
        found.add(text.replace(" ", "-"))
    return found


def broken_links(page: Path) -> list[str]:
    """The relative links of ``page`` whose file (or heading, after '#') does not exist."""
    broken = []
    for target in links(page):
        if re.match(r"[a-z][a-z0-9+.-]*:", target):  # https:, mailto: ...
            continue
        path, _, anchor = target.partition("#")
        file = (page.parent / path).resolve() if path else page
        if not file.exists() or (anchor and file.suffix == ".md" and anchor not in anchors(file)):
            broken.append(target)
    return broken


def test_every_relative_link_in_the_readme_and_docs_leads_to_a_file() -> None:
    assert len(PAGES) > 2, "docs/*.md not found"
    broken = {page.relative_to(ROOT).as_posix(): broken_links(page) for page in PAGES}
    assert {page: targets for page, targets in broken.items() if targets} == {}


def test_the_link_check_finds_a_broken_link(tmp_path: Path) -> None:
    (tmp_path / "there.md").write_text("# Set up\n\n## Editing: what to expect\n", encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text(
        "[ok](there.md) [ok](there.md#editing-what-to-expect) [ok](#top) [web](https://example.org)\n"
        "`[not a link](missing.md)`\n\n```\n[nor this](missing.md)\n```\n\n# Top\n"
        '[gone](missing.md) ![gone](img.png) <img src="gone.png"> [bad anchor](there.md#nowhere)\n',
        encoding="utf-8",
    )
    assert broken_links(page) == ["missing.md", "img.png", "there.md#nowhere", "gone.png"]


def test_every_docs_page_is_in_the_index_and_the_readme_links_the_index_pages() -> None:
    pages = {p.name for p in DOCS.glob("*.md")} - {"README.md"}
    index = {target.partition("#")[0] for target in links(DOCS / "README.md")}
    assert pages <= index, sorted(pages - index)
    readme = {target.partition("#")[0] for target in links(ROOT / "README.md")}
    unlinked = {f"docs/{name}" for name in pages} - readme
    assert not unlinked, f"README.md does not link {sorted(unlinked)}"


def _module_map() -> list[str]:
    """The paths the module map in docs/development.md names, rebuilt from its indentation."""
    text = (DOCS / "development.md").read_text(encoding="utf-8")
    start, end = text.index("<!-- section: modules -->"), text.index("<!-- end: modules -->")
    block = text[start:end].split("```")[1]
    paths: list[str] = []
    folders: list[str] = []
    for line in block.splitlines():
        m = re.match(r"( *)(\S+)", line)
        if not m or not m.group(2).strip():
            continue
        depth = len(m.group(1)) // 2
        del folders[depth:]
        path = "".join(folders) + m.group(2)
        paths.append(path)
        if path.endswith("/"):
            folders.append(m.group(2))
    return paths


def test_the_module_map_names_every_module_and_only_modules_that_exist() -> None:
    named = _module_map()
    assert named[0] == "generator/"
    assert len(named) == len(set(named)), "a module is named twice"
    for path in named:
        assert (ROOT / path).exists(), f"docs/development.md names {path}, which does not exist"
    modules = {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "generator").rglob("*.py")
        if p.name != "__init__.py" or p.parent == ROOT / "generator"
    }
    packages = {
        p.parent.relative_to(ROOT).as_posix() + "/" for p in (ROOT / "generator").rglob("__init__.py")
    }
    missing = (modules | packages) - set(named)
    assert not missing, f"docs/development.md's module map lacks {sorted(missing)}"
