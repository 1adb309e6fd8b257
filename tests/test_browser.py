"""What a person does in a real browser: search, filter, follow a result."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

RESULT_LINKS = "pagefind-results a.pf-result-link"


def open_search(page: Page, base: str) -> list[str]:
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.goto(f"{base}/search/")
    return problems


def test_search_finds_an_authority_and_its_entries(page: Page, served_site: str) -> None:
    problems = open_search(page, served_site)
    page.locator("pagefind-input input").fill("Neath")
    links = page.locator(RESULT_LINKS)
    expect(links.first).to_be_visible()
    expect(page.locator(RESULT_LINKS, has_text="Neath Port Talbot").first).to_be_visible()
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert "/authorities/neath-port-talbot/" in hrefs
    assert any(h.startswith("/inspections/") and "neath-port-talbot" in h for h in hrefs)
    assert problems == []


def test_a_status_filter_narrows_results_and_a_result_opens(page: Page, served_site: str) -> None:
    problems = open_search(page, served_site)
    page.locator("pagefind-input input").fill("inspection")
    summary = page.locator("pagefind-summary")
    expect(summary).to_contain_text(re.compile(r"\d+ result"))
    before = int(re.search(r"(\d+) result", summary.inner_text()).group(1))

    page.locator('pagefind-filter-pane details[data-filter-name="status"] summary').click()
    page.locator('pagefind-filter-pane input[name="status"][value="Serious concern"]').check()
    expect(summary).not_to_contain_text(f"{before} result")
    after = int(re.search(r"(\d+) result", summary.inner_text()).group(1))
    assert 0 < after < before

    page.wait_for_load_state("networkidle")
    first = page.locator(RESULT_LINKS).first.element_handle()
    title = first.inner_text()
    first.click()
    expect(page.locator("h1")).to_contain_text(title.split(" ")[0])
    expect(page.locator(".status", has_text="Serious concern").first).to_be_visible()
    assert problems == []
