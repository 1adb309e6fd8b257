"""What a person does in a real browser: search, filter, follow a result."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page, expect
from test_journeys import narrowing_value

pytestmark = pytest.mark.browser

RESULT_LINKS = "pagefind-results a.pf-result-link"


def open_search(page: Page, base: str) -> list[str]:
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.goto(f"{base}/search/")
    return problems


def test_search_finds_an_authority_and_its_entries(
    page: Page, served_site: str, checked_site: Path, site_pages: dict[str, str]
) -> None:
    slug = site_pages["authority"].split("/")[2]
    authorities = json.loads((checked_site / "data" / "authorities.json").read_text())
    name = next(a["name"] for a in authorities["authorities"] if a["slug"] == slug)
    problems = open_search(page, served_site)
    page.locator("pagefind-input input").fill(name)
    links = page.locator(RESULT_LINKS)
    expect(links.first).to_be_visible()
    expect(page.locator(RESULT_LINKS, has_text=name).first).to_be_visible()
    page.wait_for_load_state("networkidle")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert f"/authorities/{slug}/" in hrefs
    assert any(h.startswith("/inspections/") and slug in h for h in hrefs)
    assert problems == []


@pytest.mark.parametrize("language", ["", "cy/"])
def test_each_result_says_where_when_and_what(
    page: Page, served_site: str, checked_site: Path, site_pages: dict[str, str], language: str
) -> None:
    slug = site_pages["authority"].split("/")[2]
    heading = BeautifulSoup(
        (checked_site / f"{language}authorities/{slug}/index.html").read_text(), "html.parser"
    ).h1
    name = heading.find(string=True, recursive=False).strip()
    page.goto(f"{served_site}/{language}search/")
    page.locator("pagefind-input input").fill(name)
    results = page.locator("pagefind-results li.pf-result")
    expect(results.first.locator(".pf-result-meta")).to_be_visible()
    page.wait_for_load_state("networkidle")
    checked = 0
    for result in results.all()[:6]:
        href = result.locator("a.pf-result-link").get_attribute("href")
        shown = [part.inner_text() for part in result.locator(".pf-result-meta span").all()]
        entry = BeautifulSoup(
            (checked_site / href.lstrip("/") / "index.html").read_text(), "html.parser"
        )
        if "/inspections/" in href:
            kicker = entry.select_one(".entry-kicker")
            # The facts: the authority (or authorities), the date, the kind, ...
            kind = entry.select(".facts dd")[2]
            assert shown[1] == kicker.time.get_text() and shown[2] in kind.get_text(), href
            assert shown[0] in kicker.get_text(), href
            checked += 1
        else:
            assert shown[0] == name, href
    assert checked


def test_a_status_filter_narrows_results_and_a_result_opens(page: Page, served_site: str) -> None:
    problems = open_search(page, served_site)
    page.locator("pagefind-input input").fill("inspection")
    summary = page.locator("pagefind-summary")
    expect(summary).to_contain_text(re.compile(r"\d+ result"))
    before = int(re.search(r"(\d+) result", summary.inner_text()).group(1))

    status = narrowing_value(page, "status", before)
    page.locator(f'pagefind-filter-pane input[name="status"][value="{status}"]').check()
    expect(summary).not_to_contain_text(f"{before} result")
    after = int(re.search(r"(\d+) result", summary.inner_text()).group(1))
    assert 0 < after < before

    page.wait_for_load_state("networkidle")
    first = page.locator(RESULT_LINKS).first.element_handle()
    title = first.inner_text()
    first.click()
    expect(page.locator("h1")).to_contain_text(title.split(" ")[0])
    expect(page.locator("main")).to_have_attribute("data-status", status)
    assert problems == []


def _welsh_word(checked_site: Path) -> tuple[str, str]:
    """Return a word of an entry's Welsh summary that no English summary holds, and the
    entry's id: chosen from the open data, so any record with Welsh keeps this meaningful."""
    data = json.loads((checked_site / "data" / "entries.json").read_text(encoding="utf-8"))
    english = {
        word.lower() for entry in data["entries"] for word in re.findall(r"\w+", entry["summary"])
    }
    for entry in reversed(data["entries"]):
        for word in re.findall(r"[^\W\d_]{8,}", entry["summary_cy"] or ""):
            if word.lower() not in english:
                return word, entry["id"]
    pytest.fail("no entry has a Welsh summary to search for")


def test_the_welsh_search_finds_a_welsh_word_and_speaks_welsh(
    page: Page, served_site: str, checked_site: Path
) -> None:
    word, entry_id = _welsh_word(checked_site)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.goto(f"{served_site}/cy/search/")
    box = page.locator("pagefind-input input")
    expect(box).to_have_attribute("placeholder", "Chwilio awdurdodau ac eitemau")
    box.fill(word)
    links = page.locator(RESULT_LINKS)
    expect(links.first).to_be_visible()
    page.wait_for_load_state("networkidle")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert all(href.startswith("/cy/") for href in hrefs), hrefs
    assert any(entry_id in href for href in hrefs) or any("/cy/authorities/" in h for h in hrefs)
    # Pagefind's own words, in Welsh: the count of results and the filters' names.
    summary = page.locator("pagefind-summary")
    expect(summary).to_contain_text(re.compile(r"\d+ canlyniad"))
    assert "result" not in summary.inner_text()
    expect(page.locator("pagefind-filter-pane")).to_contain_text("statws")
    assert problems == []


@pytest.mark.parametrize("language", ["", "cy/"])
def test_a_search_lives_in_the_address_opens_from_it_and_steps_back(
    page: Page, served_site: str, checked_site: Path, site_pages: dict[str, str], language: str
) -> None:
    # The filter's name in the page's language, and its stable key in the address.
    words = json.loads(
        BeautifulSoup((checked_site / f"{language}search/index.html").read_text(), "html.parser")
        .find(id="search-text")
        .string
    )
    name = words["filters"]["status"]
    problems = open_search(page, f"{served_site}/{language.rstrip('/')}".rstrip("/"))
    query = page.locator("pagefind-input input")
    summary = page.locator("pagefind-summary")
    term = "inspection" if not language else "arolygiad"
    query.fill(term)
    expect(page).to_have_url(re.compile(rf"/{language}search/\?q={term}$"))
    expect(summary).to_contain_text(re.compile(r"\d+"))
    before = int(re.search(r"(\d+)", summary.inner_text()).group(1))
    status = narrowing_value(page, name, before)
    page.locator(f'pagefind-filter-pane input[name="{name}"][value="{status}"]').check()
    expect(summary).not_to_contain_text(f"{before} ")
    after = summary.inner_text()
    expect(page).to_have_url(re.compile(r"&status="))
    shared = page.url
    assert parse_qs(urlsplit(shared).query) == {"q": [term], "status": [status]}

    # Opened in a new page, the address shows the same search, its filter chosen.
    other = page.context.new_page()
    other.goto(shared)
    expect(other.locator("pagefind-summary")).to_have_text(after)
    expect(other.locator("pagefind-input input")).to_have_value(term)
    expect(
        other.locator(f'pagefind-filter-pane input[name="{name}"][value="{status}"]')
    ).to_be_checked()
    expect(other.locator(RESULT_LINKS).first).to_be_visible()
    other.close()

    # Back steps to the search before the filter.
    page.go_back()
    expect(page).to_have_url(re.compile(rf"\?q={term}$"))
    expect(summary).to_contain_text(f"{before} ")
    expect(
        page.locator(f'pagefind-filter-pane input[name="{name}"][value="{status}"]')
    ).not_to_be_checked()
    assert problems == []
