"""Accessibility (axe-core, WCAG 2.2 A and AA) and HTML validity (the Nu checker) of every page.

The tools come from npm (`npm ci`) and Debian (`default-jre-headless` for Java): without them
these tests are skipped locally and fail under `CI=true`.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import checkers
import pytest
from conftest import _QuietHandler, html_pages
from playwright.sync_api import Page, expect

T = TypeVar("T")

RESULT_LINKS = ".search-result__title a"
FILTER_DETAILS = ".search__filter"


def need(require: Callable[[], T]) -> T:
    """Return what a tool check returns; a missing tool fails under CI and skips elsewhere."""
    try:
        return require()
    except checkers.MissingTool as missing:
        if os.environ.get("CI") == "true":
            pytest.fail(str(missing))
        pytest.skip(str(missing))


def report(failures: list[str]) -> str:
    return f"{len(failures)} problem(s):\n" + "\n".join(failures)


@contextlib.contextmanager
def serving(directory: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 at a free port; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def break_page(site: Path, name: str, markup: str) -> None:
    """Put extra markup at the end of a page's <main>."""
    page = site / name
    html = page.read_text(encoding="utf-8")
    assert "</main>" in html, f"{name} has no </main> to break"
    page.write_text(html.replace("</main>", f"{markup}</main>", 1), encoding="utf-8")


# The real site (or $SITE_DIR)


@pytest.mark.browser
def test_every_page_passes_axe(page: Page, checked_site: Path, served_site: str) -> None:
    need(checkers.require_axe)
    pages = html_pages(checked_site)
    assert pages, f"{checked_site} holds no HTML pages"
    failures = checkers.axe_violations(page, served_site, pages)
    assert failures == [], report(failures)


@pytest.mark.browser
def test_search_with_results_and_filters_open_passes_axe(page: Page, served_site: str) -> None:
    need(checkers.require_axe)
    page.goto(f"{served_site}/search/")
    page.locator("#search-term").fill("inspection")
    expect(page.locator(RESULT_LINKS).first).to_be_visible()
    details = page.locator(FILTER_DETAILS)
    expect(details.first).to_be_attached()
    for i in range(details.count()):
        if details.nth(i).get_attribute("open") is None:
            details.nth(i).locator("summary").first.click()
        expect(details.nth(i)).to_have_attribute("open", re.compile(".*"))
    failures = checkers.axe_current_page(page, "search/index.html (results, filters open)")
    assert failures == [], report(failures)


# The page types Lighthouse judges, in both languages: a run takes some seconds a page.
LIGHTHOUSE_TYPES = (
    "home", "authority", "entry", "status", "status-year", "search", "about", "data",
)  # fmt: skip


@pytest.mark.browser
def test_each_type_of_page_scores_100_in_lighthouse_in_both_languages(
    served_site: str, site_pages: dict[str, str]
) -> None:
    command = need(checkers.require_lighthouse)
    paths = [site_pages[f"{prefix}{name}"] for name in LIGHTHOUSE_TYPES for prefix in ("", "cy-")]
    failures = checkers.lighthouse_shortfalls(command, served_site, paths)
    assert failures == [], report(failures)


@pytest.mark.site
def test_every_page_is_valid_html(checked_site: Path) -> None:
    need(checkers.require_vnu)
    failures = checkers.vnu_errors(checked_site, html_pages(checked_site))
    assert failures == [], report(failures)


@pytest.mark.site
def test_hostile_markup_in_the_fixture_still_gives_valid_html(fixture_site: Path) -> None:
    # The fixture's summaries hold script tags, javascript: links and event handlers.
    need(checkers.require_vnu)
    failures = checkers.vnu_errors(fixture_site, html_pages(fixture_site))
    assert failures == [], report(failures)


# The checkers catch broken pages, and name them


@pytest.fixture
def site_copy(fixture_site: Path, tmp_path: Path) -> Path:
    """A copy of the small fixture site that a test may break."""
    return Path(shutil.copytree(fixture_site, tmp_path / "site"))


@pytest.mark.browser
def test_axe_names_the_page_with_an_image_without_alt(page: Page, site_copy: Path) -> None:
    need(checkers.require_axe)
    pages = html_pages(site_copy)
    broken = next(
        name
        for name in pages
        if name.startswith("authorities/") and name != "authorities/index.html"
    )
    break_page(site_copy, broken, '<img src="x.png">')
    with serving(site_copy) as base:
        failures = checkers.axe_violations(page, base, pages)
    image_alt = [line for line in failures if ": image-alt (" in line]
    assert [line.split(":")[0] for line in image_alt] == [broken], report(failures)
    assert image_alt[0].endswith("1 element(s), e.g. img"), report(failures)


@pytest.mark.browser
def test_lighthouse_names_the_welsh_page_with_an_image_without_alt(site_copy: Path) -> None:
    command = need(checkers.require_lighthouse)
    break_page(site_copy, "cy/status/index.html", '<img src="x.png">')
    with serving(site_copy) as base:
        failures = checkers.lighthouse_shortfalls(command, base, ["/status/", "/cy/status/"])
    # The missing image costs other categories too (its 404 is a console error).
    assert {line.split(":")[0] for line in failures} == {"cy/status/index.html"}, failures
    assert any(" accessibility " in line and "image-alt" in line for line in failures), failures


@pytest.mark.site
def test_vnu_names_the_page_with_broken_markup(site_copy: Path) -> None:
    need(checkers.require_vnu)
    broken = next(name for name in html_pages(site_copy) if name.startswith("inspections/"))
    break_page(site_copy, broken, "<div><p>Unclosed and stray</span>")
    failures = checkers.vnu_errors(site_copy)
    ours = [line for line in failures if "“span”" in line or "Unclosed element “div”" in line]
    stray = rf"{re.escape(broken)}:\d+: Stray end tag “span”"
    assert any(re.match(stray, line) for line in ours), report(failures)
    assert {line.split(":")[0] for line in ours} == {broken}, report(failures)
