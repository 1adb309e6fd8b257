"""Whole journeys in a real browser: keyboard only, search, phone width, no JavaScript.

On the way, the journeys that open every type of page at 320 and at 1280 pixels keep a
screenshot of each in test-artifacts/screenshots/, for people to look at.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

import pytest
from conftest import ROOT
from playwright.sync_api import Browser, Locator, Page, Request, Response, expect

pytestmark = pytest.mark.browser

RESULT_LINKS = ".search-result__title a"
SEARCH_INPUT = "#search-term"
SUMMARY = "[data-summary]"
QUERY = "inspection"
PHONE = {"width": 320, "height": 800}
DESKTOP = {"width": 1280, "height": 800}
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
MAX_TABS = 80
ICON = "/static/favicon.svg"

# What the keyboard journey needs to know about the element that has focus.
FOCUS_STATE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    element: `${el.tagName.toLowerCase()} ${el.getAttribute('href') || el.id || ''}`.trim()
      + ` "${(el.textContent || '').trim().slice(0, 50)}"`,
    isBody: el === document.body,
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== 'none',
    inViewport: box.width > 0 && box.height > 0 && box.top >= 0 && box.left >= 0
      && box.bottom <= window.innerHeight && box.right <= window.innerWidth,
  };
}"""


def assert_focus_visible(page: Page) -> dict:
    """Check that the focused element shows a focus style and is on screen; return its state."""
    state = page.evaluate(FOCUS_STATE)
    assert not state["isBody"], "focus fell back to the page itself"
    assert state["outline"] or state["shadow"], f"no visible focus style on {state['element']}"
    assert state["inViewport"], f"focused element is not on screen: {state['element']}"
    return state


def tab_to(page: Page, selector: str) -> None:
    """Press Tab until the focused element matches selector, checking every stop on the way."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        assert_focus_visible(page)
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{MAX_TABS} presses of Tab on {page.url} never reached {selector}")


def path_of(url: str) -> str:
    return urlsplit(url).path


def result_count(summary: Locator, other_than: int | None = None) -> int:
    """Wait for the search summary to show a count (different from other_than); return it."""
    pattern = (
        r"^\s*(\d+) results? for"
        if other_than is None
        else rf"^\s*(?!{other_than}\b)(\d+) results? for"
    )
    expect(summary).to_have_text(re.compile(pattern))
    return int(re.match(r"\s*(\d+)", summary.inner_text()).group(1))


def open_filter(page: Page, key: str) -> None:
    group = page.locator(f'.search__filter[data-filter="{key}"]')
    if group.get_attribute("open") is None:
        group.locator("summary").click()
    expect(group).to_have_attribute("open", "")


def filter_box(page: Page, key: str, value: str) -> Locator:
    """The box of a filter's value: the filter by its stable key, the value as the page's
    language names it."""
    return page.locator(f'.search__values input[name="{key}"][value="{value}"]')


def narrowing_value(page: Page, key: str, total: int, *, fewest: bool = False) -> str:
    """Open a filter and return the value that keeps the most results, fewer than all (or,
    with fewest, the fewest results that are still more than one, so they fit on one page).

    The value is read from the filter's own counts, so the journey holds for any record.
    """
    open_filter(page, key)
    options = page.locator(f'.search__values input[name="{key}"]')
    expect(options.first).to_be_attached()
    counts = {
        options.nth(i).get_attribute("value"): int(
            options.nth(i).locator("xpath=..").locator(".search__count").inner_text().strip("()")
        )
        for i in range(options.count())
    }
    fewer = {value: count for value, count in counts.items() if 0 < count < total}
    assert fewer, f"no {key} narrows {total} results: {counts}"
    if fewest:
        return min(fewer, key=lambda value: (fewer[value] < 2, fewer[value], value))
    return max(fewer, key=lambda value: (fewer[value], value))


def keep_screenshot(page: Page, name: str) -> None:
    """Save the whole page, as wide as the window, as screenshots/<name>-<width>.png."""
    assert page.viewport_size is not None, "the journey sets the window's size first"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"{name}-{page.viewport_size['width']}.png"
    page.screenshot(path=target, full_page=True)


def search_with_results(page: Page, base: str) -> None:
    """Open the search page and run a query until its results show."""
    page.goto(f"{base}/search/")
    page.locator(SEARCH_INPUT).fill(QUERY)
    result_count(page.locator(SUMMARY))
    expect(page.locator(RESULT_LINKS).first).to_be_visible()


def first_day(iso: str) -> dt.date:
    """The first day of a YYYY, YYYY-MM or YYYY-MM-DD date."""
    parts = [int(part) for part in iso.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def test_keyboard_only_from_home_to_an_entry(page: Page, served_site: str) -> None:
    page.goto(f"{served_site}/")

    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport(ratio=1)
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    # main takes focus only as the skip link's target (tabindex=-1): it is not a control,
    # so it carries no focus ring by design; the controls after it must.
    expect(page.locator("main")).to_be_focused()

    tab_to(page, 'main a[href^="/status/"]')
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/status/(#[\w-]*)?$"))
    expect(page.locator("h1")).to_have_text("Authorities by concern status")

    # An authority under a status that some entry set, so that it has a timeline.
    tab_to(page, 'section:not(:has(#no-record)) .status-group__list a[href^="/authorities/"]')
    authority = page.evaluate("document.activeElement.textContent").strip()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/authorities/[\w-]+/$"))
    expect(page.locator("h1")).to_contain_text(authority)

    tab_to(page, ".timeline__title a")
    title = page.evaluate("document.activeElement.textContent").strip()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/inspections/[\w-]+/$"))
    expect(page.locator("h1")).to_have_text(title)
    tab_to(page, ".breadcrumbs a")


def test_search_filters_narrow_then_reset_and_a_result_opens(page: Page, served_site: str) -> None:
    page.goto(f"{served_site}/search/")
    query = page.locator(SEARCH_INPUT)
    summary = page.locator(SUMMARY)
    links = page.locator(RESULT_LINKS)

    query.fill(QUERY)
    everything = result_count(summary)
    expect(links.first).to_be_visible()

    status = narrowing_value(page, "status", everything)
    filter_box(page, "status", status).check()
    by_status = result_count(summary, other_than=everything)
    assert 0 < by_status < everything

    authority = narrowing_value(page, "authority", by_status, fewest=True)
    filter_box(page, "authority", authority).check()
    by_both = result_count(summary, other_than=by_status)
    assert 0 < by_both < by_status
    expect(links).to_have_count(by_both)
    for i in range(by_both):
        expect(links.nth(i)).to_be_visible()
    # Every result is the authority's page or one of its entries, under that status.
    page.wait_for_load_state("networkidle")
    hrefs = [links.nth(i).get_attribute("href") for i in range(by_both)]
    opened = page.context.new_page()
    for href in hrefs:
        opened.goto(f"{served_site}{href}")
        expect(opened.locator("main")).to_have_attribute("data-authority", authority)
        expect(opened.locator("main")).to_have_attribute("data-status", status)
    opened.close()

    query.fill("")
    expect(query).to_have_value("")
    filter_box(page, "authority", authority).uncheck()
    filter_box(page, "status", status).uncheck()
    expect(links).to_have_count(0)
    expect(summary).not_to_contain_text(re.compile(r"\d"))

    # The same query again finds everything it found before: no filter is left behind.
    query.fill(QUERY)
    assert result_count(summary) == everything

    # Results render in stages as their fragments load: let them settle, then read and click
    # one and the same element.
    page.wait_for_load_state("networkidle")
    first = links.first.element_handle()
    title = first.inner_text().strip()
    href = first.get_attribute("href")
    first.click()
    page.wait_for_url(f"{served_site}{href}")
    expect(page.locator("h1")).to_contain_text(title)


def test_no_page_scrolls_sideways_at_320px(
    page: Page, served_site: str, site_pages: dict[str, str]
) -> None:
    page.set_viewport_size(PHONE)
    wide: dict[str, int] = {}
    for name, path in site_pages.items():
        page.goto(f"{served_site}{path}")
        expect(page.locator("h1")).to_be_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide[name] = width
        if name != "search":
            keep_screenshot(page, name)

    search_with_results(page, served_site)
    keep_screenshot(page, "search")
    open_filter(page, "status")
    open_filter(page, "authority")
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > PHONE["width"]:
        wide["search with results"] = width
    assert wide == {}, f"pages wider than {PHONE['width']}px: {wide}"


def test_authority_timeline_reads_in_order_at_desktop_width(
    page: Page, served_site: str, site_pages: dict[str, str]
) -> None:
    page.set_viewport_size(DESKTOP)
    page.goto(f"{served_site}{site_pages['authority']}")
    parts = ["h1", ".current__status", "table.periods", "ol.timeline"]
    boxes = []
    for selector in parts:
        expect(page.locator(selector)).to_be_visible()
        boxes.append(page.locator(selector).bounding_box())
    for i in range(1, len(parts)):
        above, below = boxes[i - 1], boxes[i]
        assert above["y"] + above["height"] <= below["y"], f"{parts[i]} is not below {parts[i - 1]}"

    dates = page.locator(".timeline__item .timeline__date time").evaluate_all(
        "times => times.map(t => t.getAttribute('datetime'))"
    )
    assert len(dates) >= 2
    days = [first_day(date) for date in dates]
    assert days == sorted(days, reverse=True), f"entries not newest first: {dates}"


def watch_problems(page: Page, not_found: str) -> list[str]:
    """Collect console errors, failed requests and error responses seen by the page."""
    problems: list[str] = []

    def on_response(response: Response) -> None:
        # A host may serve the not-found page with status 404 on purpose.
        deliberate = path_of(response.url) == not_found and response.status == 404
        if response.status >= 400 and not deliberate:
            problems.append(f"{response.status}: {response.url}")

    page.on(
        "console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))

    def on_failed(request: Request) -> None:
        # Chromium fetches the icon after the load event; the next goto can cancel that fetch.
        # A missing icon still shows, as a 404 response.
        cut_short = request.failure == "net::ERR_ABORTED" and path_of(request.url) == ICON
        if not cut_short:
            problems.append(f"failed: {request.url} ({request.failure})")

    page.on("requestfailed", on_failed)
    page.on("response", on_response)
    return problems


def test_no_console_errors_or_failed_requests(
    page: Page, served_site: str, site_pages: dict[str, str]
) -> None:
    page.set_viewport_size(DESKTOP)
    problems = watch_problems(page, site_pages["not-found"])
    for name, path in site_pages.items():
        page.goto(f"{served_site}{path}")
        expect(page.locator("h1")).to_be_visible()
        if name != "search":
            keep_screenshot(page, name)

    search_with_results(page, served_site)
    keep_screenshot(page, "search")
    total = result_count(page.locator(SUMMARY))
    filter_box(page, "status", narrowing_value(page, "status", total)).check()
    result_count(page.locator(SUMMARY))
    page.locator(RESULT_LINKS).first.click()
    page.wait_for_url(re.compile(r"/(inspections|authorities)/[\w-]+/$"))
    expect(page.locator("h1")).to_be_visible()
    assert problems == []


def follow_a_link(page: Page) -> None:
    """Follow a link to another page (from main if it has one); check it answers 200."""
    here = path_of(page.url)
    for links in (page.locator('main a[href^="/"]'), page.locator('.site-nav a[href^="/"]')):
        targets = links.evaluate_all("links => links.map(a => a.href)")
        index = next((i for i, url in enumerate(targets) if path_of(url) != here), None)
        if index is not None:
            break
    assert index is not None, f"no link to another page on {here}"
    target = targets[index].split("#")[0]
    with page.expect_response(lambda r: r.url == target) as response:
        links.nth(index).click()
    assert response.value.status == 200, f"{target} answered {response.value.status}"
    expect(page.locator("h1")).to_be_visible()


def test_every_page_works_without_javascript(
    browser: Browser, served_site: str, site_pages: dict[str, str]
) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        for name, path in site_pages.items():
            page.goto(f"{served_site}{path}")
            expect(page.locator("h1"), f"{name}: h1").to_be_visible()
            if name == "search":
                notice = page.locator("main noscript .notice, main > .notice").first
                expect(notice).to_be_visible()
                expect(notice).to_contain_text("JavaScript")
                expect(notice.locator('a[href="/authorities/"]')).to_be_visible()
                expect(notice.locator('a[href="/status/"]')).to_be_visible()
                # The form, which only its script can run, is not shown.
                expect(page.locator("form[data-search]")).to_be_hidden()
            else:
                expect(page.locator("main")).not_to_be_empty()
                follow_a_link(page)
    finally:
        context.close()
