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

RESULT_LINKS = ".search-result__title a"
SEARCH_INPUT = "#search-term"
SUMMARY = "[data-summary]"


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
    page.locator(SEARCH_INPUT).fill(name)
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
    page.locator(SEARCH_INPUT).fill(name)
    results = page.locator(".search-result")
    expect(results.first.locator(".search-result__meta")).to_be_visible()
    page.wait_for_load_state("networkidle")
    checked = 0
    for result in results.all()[:6]:
        href = result.locator(".search-result__title a").get_attribute("href")
        shown = [part.inner_text() for part in result.locator(".search-result__meta span").all()]
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
    page.locator(SEARCH_INPUT).fill("inspection")
    summary = page.locator(SUMMARY)
    expect(summary).to_contain_text(re.compile(r"\d+ result"))
    before = int(re.search(r"(\d+) result", summary.inner_text()).group(1))

    status = narrowing_value(page, "status", before)
    page.locator(f'.search__values input[name="status"][value="{status}"]').check()
    settled(page)
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
    box = page.get_by_label("Chwilio awdurdodau ac eitemau")
    box.fill(word)
    links = page.locator(RESULT_LINKS)
    expect(links.first).to_be_visible()
    page.wait_for_load_state("networkidle")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert all(href.startswith("/cy/") for href in hrefs), hrefs
    assert any(entry_id in href for href in hrefs) or any("/cy/authorities/" in h for h in hrefs)
    # The search's own words, in Welsh: the count of results and the filters' names.
    summary = page.locator(SUMMARY)
    expect(summary).to_contain_text(re.compile(r"\d+ canlyniad"))
    assert "result" not in summary.inner_text()
    expect(page.locator(".search__filters")).to_contain_text("Statws")
    assert problems == []


def settled(page: Page) -> None:
    """Wait until the latest search's results are all shown (the list is busy till then)."""
    expect(page.locator("[data-results]")).not_to_have_attribute("aria-busy", "true")


def result_days(page: Page, checked_site: Path) -> list[str]:
    """Return the date of each result shown, from the open data (entries only)."""
    days = {
        entry["id"]: entry["date"]
        for entry in json.loads((checked_site / "data" / "entries.json").read_text())["entries"]
    }
    hrefs = [link.get_attribute("href") for link in page.locator(RESULT_LINKS).all()]
    return [days[href.rstrip("/").rsplit("/", 1)[-1]] for href in hrefs]


@pytest.mark.parametrize("language", ["", "cy/"])
def test_a_search_lives_in_the_address_opens_from_it_and_steps_back(
    page: Page, served_site: str, checked_site: Path, language: str
) -> None:
    # The filter's name in the page's language, and its stable key in the address.
    words = json.loads(
        BeautifulSoup((checked_site / f"{language}search/index.html").read_text(), "html.parser")
        .find(id="search-text")
        .string
    )
    problems = open_search(page, f"{served_site}/{language.rstrip('/')}".rstrip("/"))
    expect(page.locator('[data-filter="status"] summary')).to_contain_text(
        words["filters"]["status"].capitalize()
    )
    query = page.locator(SEARCH_INPUT)
    summary = page.locator(SUMMARY)
    term = "inspection" if not language else "arolygiad"
    query.fill(term)
    expect(page).to_have_url(re.compile(rf"/{language}search/\?q={term}$"))
    settled(page)
    before = int(re.search(r"(\d+)", summary.inner_text()).group(1))
    status = narrowing_value(page, "status", before)
    page.locator(f'.search__values input[name="status"][value="{status}"]').check()
    settled(page)
    filtered = summary.inner_text()
    assert int(re.search(r"(\d+)", filtered).group(1)) < before
    expect(page).to_have_url(re.compile(r"&status="))

    # Newest first: the same results, in date order, the latest first.
    page.locator("#search-order").select_option("newest")
    expect(page).to_have_url(re.compile(r"&sort=newest$"))
    settled(page)
    # Only entries have a date: an authority's page found before is left out of this order.
    sorted_summary = summary.inner_text()
    assert int(re.search(r"(\d+)", sorted_summary).group(1)) <= int(
        re.search(r"(\d+)", filtered).group(1)
    )
    newest = result_days(page, checked_site)
    assert newest and newest == sorted(newest, reverse=True), newest
    shared = page.url
    assert parse_qs(urlsplit(shared).query) == {"q": [term], "status": [status], "sort": ["newest"]}

    # Opened in a new page, the address shows the same search, its filter and order chosen.
    other = page.context.new_page()
    other.goto(shared)
    expect(other.locator(SUMMARY)).to_have_text(sorted_summary)
    expect(other.locator(SEARCH_INPUT)).to_have_value(term)
    expect(other.locator("#search-order")).to_have_value("newest")
    expect(other.locator(f'.search__values input[name="status"][value="{status}"]')).to_be_checked()
    expect(other.locator(RESULT_LINKS).first).to_be_visible()
    settled(other)
    assert result_days(other, checked_site) == newest
    other.close()

    # Oldest first turns the order round.
    page.locator("#search-order").select_option("oldest")
    expect(page).to_have_url(re.compile(r"&sort=oldest$"))
    settled(page)
    oldest = result_days(page, checked_site)
    assert oldest == sorted(oldest) and oldest[0] <= newest[-1], oldest

    # Back steps through the orders, then to the search before the filter.
    page.go_back()
    expect(page).to_have_url(re.compile(r"&sort=newest$"))
    expect(page.locator("#search-order")).to_have_value("newest")
    page.go_back()
    expect(page).to_have_url(re.compile(r"&status=[^&]+$"))
    expect(page.locator("#search-order")).to_have_value("")
    page.go_back()
    expect(page).to_have_url(re.compile(rf"\?q={term}$"))
    expect(summary).to_contain_text(f"{before} ")
    expect(
        page.locator(f'.search__values input[name="status"][value="{status}"]')
    ).not_to_be_checked()
    assert problems == []


def test_a_filter_value_in_the_address_that_no_page_has_is_said_not_dropped(
    page: Page, served_site: str
) -> None:
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.goto(f"{served_site}/search/?q=inspection&status=No+such+status")
    settled(page)
    notice = page.locator("[data-unknown]")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("“No such status”")
    found = page.locator(SUMMARY).inner_text()
    # Back to that address after another search: the same search, and the same notice.
    page.locator("#search-order").select_option("newest")
    expect(page).to_have_url(re.compile(r"sort=newest$"))
    settled(page)
    expect(notice).to_be_hidden()
    page.go_back()
    settled(page)
    expect(page.locator(SUMMARY)).to_have_text(found)
    expect(notice).to_be_visible()
    page.goto(f"{served_site}/search/?q=inspection")
    settled(page)
    expect(page.locator(SUMMARY)).to_have_text(found)
    expect(page.locator("[data-unknown]")).to_be_hidden()
    assert problems == []


@pytest.mark.parametrize("language", ["", "cy/"])
def test_nothing_on_the_search_page_moves_as_its_script_starts(
    page: Page, served_site: str, language: str
) -> None:
    # What Chromium counts as layout shifts, from the page's first paint: the form is there
    # from the start, not shown by the script once it runs.
    page.goto(f"{served_site}/{language}search/")
    expect(page.locator("form[data-search]")).to_be_visible()
    page.locator(SEARCH_INPUT).focus()  # the index loads when the form is first turned to
    expect(page.locator("[data-filter]").first.locator("[data-values] li").first).to_be_attached()
    shifts = page.evaluate(
        """() => new Promise((done) => {
            new PerformanceObserver((list) => done(list.getEntries().map((e) => e.value)))
                .observe({ type: "layout-shift", buffered: true });
            setTimeout(() => done([]), 500);
        })"""
    )
    assert sum(shifts) < 0.01, shifts
