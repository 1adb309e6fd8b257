"""A project to build with a cache and without one: the golden fixture's content with the
real templates, and what the cache tests compare."""

from __future__ import annotations

import dataclasses
import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

from conftest import GOLDEN_CONTENT, ROOT, TODAY

from sitegen import pipeline
from sitegen.settings import Settings


class Project:
    """A copy of the golden fixture's content and the real templates, built with a cache and
    without one."""

    def __init__(self, root: Path) -> None:
        self.root = root
        shutil.copytree(GOLDEN_CONTENT, root / "content")
        shutil.copytree(ROOT / "templates", root / "templates")
        self.paths = pipeline.Paths(
            root / "content",
            root / "templates",
            ROOT / "static",
            ROOT / "locale",
            root / "site",
            root / ".site-cache",
        )
        self.rendered: list[str] = []

    def build(self) -> pipeline.BuildReport:
        self.rendered = []
        return pipeline.build(self.paths, Settings(today=TODAY))

    def build_cold(self) -> Path:
        """Build the same inputs without any cache into another folder; return it."""
        cold = self.root / "cold"
        shutil.rmtree(cold, ignore_errors=True)
        paths = dataclasses.replace(self.paths, site=cold, cache=None)
        pipeline.build(paths, Settings(today=TODAY))
        return cold

    def edit(self, path: str, change: Callable[[str], str]) -> None:
        file = self.root / path
        changed = change(file.read_text(encoding="utf-8"))
        assert changed != file.read_text(encoding="utf-8"), f"the edit did not change {path}"
        file.write_text(changed, encoding="utf-8")

    def file(self, path: str) -> Path:
        return self.paths.site / path


def files_of(site: Path) -> dict[str, bytes]:
    """Return the site's files but Pagefind's, whose file names differ from run to run."""
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file() and not path.relative_to(site).as_posix().startswith("pagefind/")
    }


def both(*paths: str) -> set[str]:
    """Return files of the site in each language: the English, and its Welsh twin in cy/."""
    return {folder + path for path in paths for folder in ("", "cy/")}


# The pages about the whole record: the site-wide pages and the page of a programme that
# covered every authority, in each language. They are made again when what they show of it
# changes (their context), and only then.
# The first year of the fixture's dated entries: there is a page of each year from it on.
FIRST_YEAR = min(int(path.name[:4]) for path in (GOLDEN_CONTENT / "inspections").glob("*.md"))
# Of those, the ones that show every authority's status: made again only when an authority
# or its status periods, or the number or date of its own entries, change.
STATUS_PAGES = both(
    *(f"status/on/{year}/index.html" for year in range(FIRST_YEAR, TODAY.year + 1)),
    "status/index.html",
    "authorities/index.html",
)
SITE_WIDE = STATUS_PAGES | both(
    "index.html",
    "about/index.html",
    "data/index.html",
    "search/index.html",
    "404.html",
    "inspections/2014-05-wales-national-inspection/index.html",
)
# An entry with entries before and after it in its authority's history.
ENTRY = "2015-04-23-aberfan-test-protocol-lifted"
LATER = "2022-08-02-aberfan-test-evaluation-inspection"
OTHER = "2018-06-ceri-test-inspection"


def html_count(site: Path) -> int:
    return sum(1 for path in files_of(site) if path.endswith(".html"))


def assert_same_as_cold(project: Project, when: str = "") -> None:
    cached, cold = files_of(project.paths.site), files_of(project.build_cold())
    assert cached.keys() == cold.keys(), when
    assert [path for path in cached if cached[path] != cold[path]] == [], when


def every_file(site: Path) -> dict[str, bytes]:
    """Return every file of the site by its path, Pagefind's included."""
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def stored_path(cache: Path, file: Path) -> Path:
    """Return where the cache's store keeps the bytes of a file of the site."""
    digest = hashlib.sha256(file.read_bytes()).hexdigest()
    return cache / "objects" / digest[:2] / digest[2:]
