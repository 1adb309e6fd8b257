"""What each page shows a reader, checked in the built HTML."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import GOLDEN_CONTENT, ROOT, build_site

from sitegen.problems import ContentError


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def text(node) -> str:
    return " ".join(node.get_text(" ").split())


def test_every_record_has_its_page(real_site: Path) -> None:
    for record in (ROOT / "content" / "authorities").glob("*.yaml"):
        assert (real_site / "authorities" / record.stem / "index.html").is_file()
    for record in (ROOT / "content" / "inspections").glob("*.md"):
        assert (real_site / "inspections" / record.stem / "index.html").is_file()
    for path in (
        "index.html",
        "authorities/index.html",
        "status/index.html",
        "about/index.html",
        "search/index.html",
        "404.html",
        "static/style.css",
    ):
        assert (real_site / path).is_file(), path
    assert (real_site / "pagefind" / "pagefind-component-ui.js").is_file()


def test_every_file_can_be_read_by_a_web_server(real_site: Path) -> None:
    # A web server often runs as another user: every file must be readable by all.
    unreadable = [
        path.relative_to(real_site).as_posix()
        for path in real_site.rglob("*")
        if path.is_file() and path.stat().st_mode & 0o444 != 0o444
    ]
    assert unreadable == []


def test_authorities_are_listed_a_to_z_with_their_status(real_site: Path) -> None:
    rows = page(real_site, "authorities/index.html").select("tbody tr")
    names = [text(row.th.a) for row in rows]
    assert len(names) == 22
    assert names == sorted(names, key=str.casefold)
    npt = next(row for row in rows if text(row.th.a) == "Neath Port Talbot")
    assert text(npt.select_one(".status")) == "No serious concerns"
    assert text(npt.find_all("td")[1]) == "23 April 2015"


def test_timeline_shows_current_status_periods_and_entries_newest_first(
    real_site: Path,
) -> None:
    doc = page(real_site, "authorities/neath-port-talbot/index.html")
    assert text(doc.h1).startswith("Neath Port Talbot")
    assert doc.h1.find(lang="cy").get_text() == "Castell-nedd Port Talbot"
    current = text(doc.select_one(".current"))
    assert "No serious concerns since 23 April 2015" in current
    periods = [
        [text(cell) for cell in row.find_all("td")] for row in doc.select("table.periods tbody tr")
    ]
    assert periods[0] == [
        "Serious concern",
        "19 November 2012",
        "23 April 2015",
        "2 years 5 months",
    ]
    assert periods[1][:3] == ["No serious concerns", "23 April 2015", "now"]
    dates = [item.select_one("time")["datetime"] for item in doc.select(".timeline__item")]
    assert dates == sorted(dates, reverse=True)
    # A date known only to the month is shown as the month.
    assert "November 2013" in [text(d) for d in doc.select(".timeline__date")]


def test_fixture_timeline_shows_partial_dates_and_sources(fixture_site: Path) -> None:
    doc = page(fixture_site, "authorities/aberfan-test/index.html")
    assert [text(d) for d in doc.select(".timeline__date")] == [
        "23 April 2015",
        "19 November 2012",
        "December 2011",
    ]
    first = doc.select(".timeline__item")[1]
    links = [(a.get_text(), a["href"]) for a in first.select(".sources a")]
    assert links == [("Written statement on the inspection", "https://gov.example.org/statement")]
    assert "A press report, with no address, Evening Post" in text(first.select(".sources")[0])
    assert "sets status: Serious concern" in text(first.select_one(".entry-meta"))


def test_an_authority_with_no_entries_says_so(fixture_site: Path) -> None:
    doc = page(fixture_site, "authorities/zeta-valley/index.html")
    assert "There are no entries for Zeta Valley yet." in text(doc.main)
    assert text(doc.select_one(".current .status")) == "No record yet"
    assert doc.select("table.periods") == []
    assert doc.find("a", string="How to add one, with its sources")["href"] == (
        "/about/#how-to-propose-a-change"
    )


def test_entry_page_shows_everything_and_its_neighbours(fixture_site: Path) -> None:
    doc = page(fixture_site, "inspections/2012-11-19-aberfan-test-protocol-invoked/index.html")
    assert text(doc.h1) == "Serious Concern Protocol invoked"
    facts = {text(div.dt): text(div.dd) for div in doc.select(".facts > div")}
    assert facts["Date"] == "19 November 2012"
    assert facts["Fieldwork"] == "September 2012"
    assert facts["Who acted"] == "Care and Social Services Inspectorate Wales"
    assert facts["Status"] == "From this date: Serious concern"
    lists = [[text(li) for li in ul.find_all("li")] for ul in doc.select("article > ul")]
    assert [
        "Frequent failure to meet statutory requirements",
        "Too few suitable staff in key posts",
    ] in lists
    assert ["Agree improvement targets"] in lists
    assert doc.select_one('a[rel="prev"]')["href"] == (
        "/inspections/2011-12-aberfan-test-critical-report/"
    )
    assert doc.select_one('a[rel="next"]')["href"] == (
        "/inspections/2015-04-23-aberfan-test-protocol-lifted/"
    )


def test_markdown_is_rendered_and_hostile_markup_is_inert(fixture_site: Path) -> None:
    html = (
        fixture_site / "inspections/2012-11-19-aberfan-test-protocol-invoked/index.html"
    ).read_text()
    summary = BeautifulSoup(html, "html.parser").select_one(".summary")
    assert summary.strong.get_text() == "serious concern"
    assert [text(li) for li in summary.select("li")] == [
        "Quarterly monitoring was agreed.",
        "A further inspection was planned.",
    ]
    assert summary.find("script") is None and summary.find("img") is None
    assert "javascript:" not in html and "onerror" not in html
    assert summary.find("a", string="a safe link")["href"] == "https://gov.example.org/statement"


def test_status_index_groups_authorities_highest_first(real_site: Path) -> None:
    doc = page(real_site, "status/index.html")
    headings = [group.h2["id"] for group in doc.select(".status-group")]
    assert headings == [
        "intervention",
        "warning-notice",
        "serious-concern",
        "concerns-reported",
        "no-serious-concerns",
        "no-record",
    ]
    fine = doc.select_one("#no-serious-concerns").find_parent("section")
    assert "Neath Port Talbot since 23 April 2015" in text(fine)
    no_record = doc.select_one("#no-record").find_parent("section")
    assert "Gwynedd" in text(no_record)


def test_home_counts_authorities_by_status(real_site: Path) -> None:
    doc = page(real_site, "index.html")
    counts = {
        a["href"].split("#")[1]: int(text(a.select_one(".status-counts__number")))
        for a in doc.select(".status-counts a")
    }
    assert sum(counts.values()) == 22
    assert counts["no-serious-concerns"] >= 1
    assert len(doc.select(".entry-list li")) == 8


def test_about_renders_the_glossary_from_the_vocabulary(real_site: Path) -> None:
    doc = page(real_site, "about/index.html")
    terms = [text(dt) for dt in doc.select("#glossary ~ dl dt, .glossary dt")]
    for label in (
        "Intervention",
        "Warning notice",
        "Serious concern",
        "Concerns reported",
        "No serious concerns",
        "Follow-up inspection",
        "Care Inspectorate Wales (CIW)",
    ):
        assert label in terms


def test_search_page_explains_itself_without_javascript(real_site: Path) -> None:
    doc = page(real_site, "search/index.html")
    noscript = doc.find("noscript")
    assert "Search needs JavaScript" in noscript.get_text()
    assert {a["href"] for a in noscript.find_all("a")} == {"/authorities/", "/status/"}


def test_only_search_has_scripts(real_site: Path) -> None:
    for html in real_site.rglob("*.html"):
        if "pagefind" in html.parts:
            continue
        scripts = BeautifulSoup(html.read_text(), "html.parser").find_all("script")
        expected = 1 if html.relative_to(real_site).as_posix() == "search/index.html" else 0
        assert len(scripts) == expected, html


def _digest(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file() and "pagefind" not in path.relative_to(site).parts
    }


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    build_site(GOLDEN_CONTENT, tmp_path / "one")
    build_site(GOLDEN_CONTENT, tmp_path / "two")
    assert _digest(tmp_path / "one") == _digest(tmp_path / "two")


def test_a_failed_build_leaves_the_previous_site_untouched(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(GOLDEN_CONTENT, content)
    site = tmp_path / "site"
    build_site(content, site)
    before = _digest(site)
    entry = content / "inspections" / "2015-04-23-aberfan-test-protocol-lifted.md"
    entry.write_text(entry.read_text().replace("kind: de-escalation", "kind: lifted"))
    with pytest.raises(ContentError):
        build_site(content, site)
    assert _digest(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "site"]


def test_a_site_served_from_a_sub_path_links_under_it(tmp_path: Path) -> None:
    build_site(GOLDEN_CONTENT, tmp_path / "site", base_path="/record/")
    doc = page(tmp_path / "site", "authorities/aberfan-test/index.html")
    links = [tag.get("href") or tag.get("src") for tag in doc.find_all(["a", "link", "script"])]
    local = [link for link in links if link and not link.startswith(("http", "#", "data:"))]
    assert local and all(link.startswith("/record/") for link in local), local
