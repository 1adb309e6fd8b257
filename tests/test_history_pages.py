"""The history as the built site shows it: the pictures, the pages of each year, the date
field and the time under escalation all say the same, for every authority and every year,
in both languages, and all agree with the published status periods."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page, expect

from sitegen.site.groups import NO_STATUS

LANGUAGES = ("", "cy/")


def load(site: Path, name: str) -> dict:
    return json.loads((site / "data" / name).read_text(encoding="utf-8"))


def soup_of(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def first_day(date: str) -> str:
    return f"{date}-01-01"[:10]


def published(site: Path) -> dict[str, list[dict]]:
    """Return the published status periods by authority, every authority named."""
    periods: dict[str, list[dict]] = {
        a["slug"]: [] for a in load(site, "authorities.json")["authorities"]
    }
    for period in load(site, "status-periods.json")["status_periods"]:
        periods[period["authority"]].append(period)
    return periods


def status_on(periods: list[dict], day: str) -> str:
    """Return the status the published periods give on a day (an ISO date)."""
    for period in periods:
        if first_day(period["from"]) <= day and (
            period["to"] is None or day < first_day(period["to"])
        ):
            return period["status"]
    return NO_STATUS


def years_of(site: Path) -> list[int]:
    """Return the years there are pages of: from the first entry's to status_as_of's."""
    entries = load(site, "entries.json")
    first = int(entries["entries"][0]["date"][:4])
    return list(range(first, int(entries["status_as_of"][:4]) + 1))


def slug_of(link) -> str:
    return link["href"].rstrip("/").split("/")[-1]


def groups_on_page(soup: BeautifulSoup) -> dict[str, str]:
    """Return the group each authority is listed under on a page of a year, by slug."""
    return {
        slug_of(link): section.h2["id"]
        for section in soup.select("main section.status-group")
        for link in section.select("li > a")
    }


def covering(lines: dict[int, float], bands: list[tuple[str, float, float]], year: int) -> str:
    """Return the status of the band drawn across a year's line, or NO_STATUS."""
    x = lines[year]
    found = {status for status, start, width in bands if start - 1e-6 <= x < start + width - 1e-6}
    assert len(found) <= 1, (year, found)
    return found.pop() if found else NO_STATUS


def number(value: str) -> float:
    return float(value.rstrip("%"))


def picture(svg) -> tuple[dict[int, float], list[tuple[str, float, float]]]:
    """Return a picture's year lines by year, and its bands: status, start and width."""
    lines = {int(line["data-year"]): number(line["x1"]) for line in svg.select("line[data-year]")}
    bands = [
        (rect["data-status"], number(rect["x"]), number(rect["width"]))
        for rect in svg.select("rect.chart__band")
    ]
    return lines, bands


def days(text: str) -> int:
    """Return the count of days in a text such as '1,388 days' or '1 388 diwrnod'."""
    return int(re.sub(r"\D", "", text))


@pytest.mark.site
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pictures_and_the_pages_of_each_year_agree_with_the_periods(
    checked_site: Path, language: str
) -> None:
    periods = published(checked_site)
    years = years_of(checked_site)
    status = soup_of(checked_site, f"{language}status/index.html")
    assert [int(a.text) for a in status.select("ul.year-links a")] == years
    wales = {
        row["data-authority"]: picture(row.select_one("svg"))
        for row in status.select("li.wales-chart__row")
    }
    assert sorted(wales) == sorted(periods)
    # Each authority's own picture, where its page has one (it has entries).
    pictures = {
        slug: soup_of(checked_site, f"{language}authorities/{slug}/index.html").select_one(
            "svg.chart__svg"
        )
        for slug in periods
    }
    own = {slug: picture(svg) for slug, svg in pictures.items() if svg}
    for year in years:
        day = dt.date(year, 1, 1).isoformat()
        listed = groups_on_page(soup_of(checked_site, f"{language}status/on/{year}/index.html"))
        assert sorted(listed) == sorted(periods), year
        for slug, spans in periods.items():
            expected = status_on(spans, day)
            assert listed[slug] == expected, (slug, year)
            assert covering(*wales[slug], year) == expected, (slug, year, "all-Wales picture")
            if slug in own:
                assert covering(*own[slug], year) == expected, (slug, year, "its own picture")


@pytest.mark.site
@pytest.mark.parametrize("language", LANGUAGES)
def test_time_under_escalation_is_the_same_on_every_page_and_in_the_data(
    checked_site: Path, language: str
) -> None:
    vocabulary = load(checked_site, "entries.json")["vocabulary"]
    escalated = [t["key"] for t in vocabulary if t["list"] == "statuses" and t["escalated"]]
    assert escalated
    periods = published(checked_site)
    table = {
        row["data-authority"]: row
        for row in soup_of(checked_site, f"{language}status/index.html").select(
            "table.escalation-table tbody tr"
        )
    }
    assert sorted(table) == sorted(periods)
    totals = []
    for slug, spans in periods.items():
        expected = {
            key: sum(p["days"] for p in spans if p["status"] == key)
            for key in escalated
            if any(p["status"] == key for p in spans)
        }
        cells = table[slug].select("td")
        total = sum(expected.values())
        totals.append(total)
        if expected:
            assert days(cells[0].text.split("(")[0]) == total, slug
        for key, cell in zip(escalated, cells[1:], strict=True):
            assert (days(cell.text) if key in expected else None) == expected.get(key), (slug, key)
        page = soup_of(checked_site, f"{language}authorities/{slug}/index.html")
        shown = {
            next(
                c[8:] for c in li.select_one(".status")["class"] if c.startswith("status--")
            ): days(li.select_one(".escalation__days").text)
            for li in page.select("ul.escalation li")
        }
        assert shown == expected, slug
    # Longest first.
    assert totals and [
        sum(p["days"] for p in periods[slug] if p["status"] in escalated) for slug in table
    ] == sorted(totals, reverse=True)


def on_day(page: Page) -> dict[str, str]:
    """Return the group each authority is shown under by the date field, by slug."""
    result = page.locator("[data-result]")
    expect(result.locator("[data-group]").first).to_be_attached()
    return {
        row.get_attribute("data-authority"): row.evaluate(
            "row => row.closest('[data-group]').dataset.group"
        )
        for row in result.locator("li[data-authority]").all()
    }


def rows_text(page: Page) -> dict[str, str]:
    return {
        row.get_attribute("data-authority"): " ".join(row.inner_text().split())
        for row in page.locator("[data-result] li[data-authority]").all()
    }


def year_rows_text(soup: BeautifulSoup) -> dict[str, str]:
    return {
        slug_of(li.a): " ".join(li.get_text(" ").split())
        .replace(" ;", ";")
        .replace("( ", "(")
        .replace(" )", ")")
        for li in soup.select("main section.status-group li")
    }


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_date_field_shows_what_the_pages_of_each_year_show(
    page: Page, served_site: str, checked_site: Path, language: str
) -> None:
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.goto(f"{served_site}/{language}status/")
    field = page.get_by_label(re.compile("Or any day|Neu unrhyw ddiwrnod"))
    years = years_of(checked_site)
    # Every year in English; in Welsh, the first, the last and one between.
    for year in years if not language else [years[0], years[len(years) // 2], years[-1]]:
        field.fill(f"{year}-01-01")
        field.press("Enter")
        expect(page).to_have_url(re.compile(rf"\?on={year}-01-01$"))
        yearly = soup_of(checked_site, f"{language}status/on/{year}/index.html")
        expect(page.locator("[data-result] h3 time")).to_have_attribute("datetime", f"{year}-01-01")
        assert on_day(page) == groups_on_page(yearly), year
        # A screen reader hears which day is shown, not the whole list again.
        heading = page.locator("[data-result] h3").inner_text()
        expect(page.locator("[data-announce]")).to_have_text(heading)
        # Dates written in the browser read as the site writes them.
        assert rows_text(page) == year_rows_text(yearly), year
    assert problems == []


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_day_in_the_address_is_shown_and_back_steps_through_the_days(
    page: Page, served_site: str, checked_site: Path, language: str
) -> None:
    periods = published(checked_site)
    # Days on which a status began, to the day: the day itself and the day before.
    started = sorted(
        {p["from"] for spans in periods.values() for p in spans if p["from_precision"] == "day"}
    )
    day = started[len(started) // 2]
    before = (dt.date.fromisoformat(day) - dt.timedelta(days=1)).isoformat()
    page.goto(f"{served_site}/{language}status/?on={day}")
    expect(page.locator("[data-on-day] input")).to_have_value(day)
    assert on_day(page) == {slug: status_on(spans, day) for slug, spans in periods.items()}
    field = page.locator("[data-on-day] input")
    field.fill(before)
    page.locator("[data-on-day] button").click()
    expect(page).to_have_url(re.compile(rf"\?on={before}$"))
    assert on_day(page) == {slug: status_on(spans, before) for slug, spans in periods.items()}
    assert on_day(page) != {slug: status_on(spans, day) for slug, spans in periods.items()}
    page.go_back()
    expect(page).to_have_url(re.compile(rf"\?on={day}$"))
    expect(field).to_have_value(day)
    expect(page.locator("[data-result] h3 time")).to_have_attribute("datetime", day)
    assert on_day(page) == {slug: status_on(spans, day) for slug, spans in periods.items()}
    # A day outside the record is refused: by the field itself, and in words from an address.
    field.fill("1990-01-01")
    page.locator("[data-on-day] button").click()
    assert field.evaluate("field => field.validity.rangeUnderflow")
    expect(page).to_have_url(re.compile(rf"\?on={day}$"))
    page.goto(f"{served_site}/{language}status/?on=1990-01-01")
    expect(page.locator("[data-result]")).to_have_text(re.compile("^(Choose a day|Dewiswch)"))


@pytest.mark.browser
def test_without_javascript_the_status_page_offers_the_years_only(
    browser, served_site: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served_site}/status/?on=2014-06-01")
    expect(page.locator("[data-on-day]")).to_be_hidden()
    links = page.locator("ul.year-links a")
    expect(links.first).to_be_visible()
    links.first.click()
    expect(page.locator("h1")).to_contain_text("1 January")
    context.close()
