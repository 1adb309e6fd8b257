"""What each page shows a reader, checked in the built HTML."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import GOLDEN_CONTENT, ROOT, build_site

from sitegen.content.problems import ContentError

pytestmark = pytest.mark.site


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def text(node) -> str:
    return " ".join(node.get_text(" ").split())


def prose(node) -> str:
    """Return a node's text as a reader sees it: inline tags add no spaces."""
    return " ".join(node.get_text().split())


def test_every_record_has_its_page(real_site: Path) -> None:
    for record in (ROOT / "content" / "authorities").glob("*.yaml"):
        assert (real_site / "authorities" / record.stem / "index.html").is_file()
    for record in (ROOT / "content" / "inspections").glob("*.md"):
        if not record.name.endswith(".cy.md"):  # an entry's Welsh text, not a record
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
    bundles = json.loads((real_site / "pagefind" / "bundles.json").read_text())["bundles"]
    assert bundles and all((real_site / "pagefind" / b / "pagefind.js").is_file() for b in bundles)


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
    assert len(names) == len(list((ROOT / "content" / "authorities").glob("*.yaml")))
    assert names == sorted(names, key=str.casefold)


def test_the_a_to_z_shows_each_status_since_and_latest_entry(fixture_site: Path) -> None:
    rows = page(fixture_site, "authorities/index.html").select("tbody tr")
    cells = {text(row.th.a): [prose(td) for td in row.find_all("td")] for row in rows}
    assert cells["Aberfan Test"] == [
        "Serious concerns reported",
        "2 August 2022; still in force: not confirmed",
        "4",
        "2 August 2022",
    ]
    assert cells["Ceri Test"] == ["No status set", "not applicable", "1", "June 2018"]
    assert cells["Zeta Valley"] == ["No record yet", "not applicable", "0", "none yet"]


def test_timeline_shows_current_status_periods_and_entries_newest_first(
    fixture_site: Path,
) -> None:
    doc = page(fixture_site, "authorities/aberfan-test/index.html")
    assert text(doc.h1).startswith("Aberfan Test")
    assert doc.h1.find(lang="cy").get_text() == "Aberfan Prawf"
    current = prose(doc.select_one(".current"))
    assert "Serious concerns reported since 2 August 2022" in current
    # The evidence's age, and that no source says the concerns have ended.
    assert "Latest entry: 2 August 2022, Evaluation inspection finds serious concerns." in current
    assert "do not confirm that this status is still in force" in current
    periods = [
        [prose(cell) for cell in row.find_all("td")] for row in doc.select("table.periods tbody tr")
    ]
    assert periods[0] == [
        "Formal escalation",
        "19 November 2012",
        "23 April 2015",
        "2 years 5 months",
    ]
    assert periods[1] == [
        "No serious concerns",
        "23 April 2015",
        "2 August 2022",
        "7 years 3 months",
    ]
    assert periods[2][:3] == [
        "Serious concerns reported",
        "2 August 2022",
        "now, or ended on a date the sources do not give (not confirmed)",
    ]
    assert periods[2][3].startswith("at most 4 years")
    dates = [item.select_one("time")["datetime"] for item in doc.select(".timeline__item")]
    assert dates == sorted(dates, reverse=True)
    # A date known only to the month is shown as the month.
    assert "December 2011" in [text(d) for d in doc.select(".timeline__date")]


def test_context_and_programmes_are_in_the_history_and_marked(fixture_site: Path) -> None:
    doc = page(fixture_site, "authorities/aberfan-test/index.html")
    context = doc.select_one(".timeline__item--context")
    assert "Ministerial board reports on school safeguarding" in text(context)
    assert "Context: Education safeguarding" in text(context.select_one(".entry-meta"))
    programme = doc.select_one(".timeline__item--programme")
    assert "All-Wales programme" in text(programme.select_one(".entry-meta"))
    # Shown once on every authority it covered, even one with no entries of its own.
    zeta = page(fixture_site, "authorities/zeta-valley/index.html")
    assert "National inspection of care planning" in text(zeta.select_one(".timeline"))
    entry = page(fixture_site, "inspections/2014-05-wales-national-inspection/index.html")
    facts = {text(div.dt): text(div.dd) for div in entry.select(".facts > div")}
    assert facts["Authorities"] == "Every authority in Wales (3) Aberfan Test Ceri Test Zeta Valley"
    assert facts["Fieldwork"] == "January \N{EN DASH} May 2014"
    assert "Status" not in facts and entry.select_one(".pager") is None


def test_an_entry_page_shows_joint_bodies_date_notes_ranges_and_reproduced_sources(
    fixture_site: Path,
) -> None:
    doc = page(fixture_site, "inspections/2022-08-02-aberfan-test-evaluation-inspection/index.html")
    facts = {text(div.dt): text(div.dd) for div in doc.select(".facts > div")}
    assert facts["Date"] == "2 August 2022 (A press report gives 1 August 2022)"
    assert facts["Fieldwork"] == "23\N{EN DASH}27 May 2022"
    assert facts["Who acted"] == (
        "Care Inspectorate Wales with Healthcare Inspectorate Wales and Estyn"
    )
    assert facts["Status"] == (
        "From this date: Serious concerns reported (when it ended is not confirmed)"
    )
    assert "Valley Online (reproducing a release by Care Inspectorate Wales)" in text(
        doc.select_one(".sources")
    )


def test_a_context_entry_says_it_sets_no_status(fixture_site: Path) -> None:
    doc = page(fixture_site, "inspections/2013-07-19-aberfan-test-education-board/index.html")
    facts = {text(div.dt): text(div.dd) for div in doc.select(".facts > div")}
    assert facts["Status"] == "Not set by context entries. In force at this date: Formal escalation"
    assert "never sets their status" in text(doc.select_one("article .note"))


def test_a_renamed_entrys_old_address_points_to_the_new_one(fixture_site: Path) -> None:
    doc = page(fixture_site, "inspections/2022-aberfan-test-evaluation-inspection/index.html")
    new = "/inspections/2022-08-02-aberfan-test-evaluation-inspection/"
    assert doc.select_one('meta[http-equiv="refresh"]')["content"] == f"0; url={new}"
    assert doc.select_one('meta[name="robots"]')["content"] == "noindex"
    assert doc.select_one("main a")["href"] == new


def test_fixture_timeline_shows_partial_dates_and_sources(fixture_site: Path) -> None:
    doc = page(fixture_site, "authorities/aberfan-test/index.html")
    assert [text(d) for d in doc.select(".timeline__date")] == [
        "2 August 2022",
        "23 April 2015",
        "May 2014",
        "19 July 2013",
        "19 November 2012",
        "December 2011",
    ]
    first = next(
        item
        for item in doc.select(".timeline__item")
        if "protocol-invoked" in item.article["aria-labelledby"]
    )
    links = [(a.get_text(), a["href"]) for a in first.select(".sources a")]
    assert links == [
        ("Written statement on the inspection", "https://gov.example.org/statement"),
        (
            "archived copy",
            "https://web.archive.example.org/web/2012/https://gov.example.org/statement",
        ),
    ]
    assert "A press report, with no address, Evening Post" in text(first.select(".sources")[0])
    assert "sets status: Formal escalation" in text(first.select_one(".entry-meta"))


def test_an_authority_with_no_entries_says_so(fixture_site: Path) -> None:
    doc = page(fixture_site, "authorities/zeta-valley/index.html")
    assert "There are no entries about this authority's children's social services yet." in text(
        doc.main
    )
    assert text(doc.select_one(".current .status")) == "No record yet"
    assert doc.select("table.periods") == []
    assert doc.find("a", string="How to add one, with its sources")["href"] == (
        "/about/#how-to-propose-a-change"
    )


def test_an_authority_with_entries_but_no_status_says_what_the_record_holds(
    fixture_site: Path,
) -> None:
    doc = page(fixture_site, "authorities/ceri-test/index.html")
    current = prose(doc.select_one(".current"))
    assert text(doc.select_one(".current .status")) == "No status set"
    assert "No record yet" not in current
    assert "The record holds 1 entry about the children's social services of Ceri Test" in current
    assert "Latest entry: June 2018, Inspection finds a committed workforce." in current


def test_entry_page_shows_everything_and_its_neighbours(fixture_site: Path) -> None:
    doc = page(fixture_site, "inspections/2012-11-19-aberfan-test-protocol-invoked/index.html")
    assert text(doc.h1) == "Serious Concern Protocol invoked"
    facts = {text(div.dt): text(div.dd) for div in doc.select(".facts > div")}
    assert facts["Date"] == "19 November 2012"
    assert facts["Fieldwork"] == "September 2012"
    assert facts["Who acted"] == "Care and Social Services Inspectorate Wales"
    assert facts["Status"] == "From this date: Formal escalation"
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
        "/inspections/2013-07-19-aberfan-test-education-board/"
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


def test_status_index_groups_authorities_highest_first(fixture_site: Path) -> None:
    doc = page(fixture_site, "status/index.html")
    headings = [group.h2["id"] for group in doc.select(".status-group")]
    assert headings == [
        "intervention",
        "warning-notice",
        "serious-concern",
        "concerns-reported",
        "no-serious-concerns",
        "no-status",
        "no-record",
    ]
    reported = doc.select_one("#concerns-reported").find_parent("section")
    assert (
        "Aberfan Test since 2 August 2022; still in force: not confirmed; latest entry "
        "2 August 2022" in prose(reported)
    )
    no_status = doc.select_one("#no-status").find_parent("section")
    assert "Ceri Test 1 entry; latest entry June 2018" in prose(no_status)
    no_record = doc.select_one("#no-record").find_parent("section")
    assert "Zeta Valley" in text(no_record) and "Ceri Test" not in text(no_record)


def test_every_authority_is_under_one_group_of_the_status_index(real_site: Path) -> None:
    doc = page(real_site, "status/index.html")
    listed = [text(li.a) for li in doc.select(".status-group__list li")]
    names = [text(row.th.a) for row in page(real_site, "authorities/index.html").select("tbody tr")]
    assert sorted(listed) == sorted(names)


def test_home_counts_authorities_by_status(fixture_site: Path) -> None:
    doc = page(fixture_site, "index.html")
    counts = {
        a["href"].split("#")[1]: int(text(a.select_one(".status-counts__number")))
        for a in doc.select(".status-counts a")
    }
    assert counts == {
        "intervention": 0,
        "warning-notice": 0,
        "serious-concern": 0,
        "concerns-reported": 1,
        "no-serious-concerns": 0,
        "no-status": 1,
        "no-record": 1,
    }
    recent = [text(li.select_one(".entry-list__date")) for li in doc.select(".entry-list li")]
    assert recent[:2] == ["2 August 2022 · Aberfan Test", "June 2018 · Ceri Test"]
    assert "May 2014 · All of Wales" in recent


def test_about_renders_the_glossary_from_the_vocabulary(fixture_site: Path) -> None:
    doc = page(fixture_site, "about/index.html")
    terms = [text(dt) for dt in doc.select("#glossary ~ dl dt, .glossary dt")]
    for label in (
        "Intervention",
        "Warning notice",
        "Formal escalation",
        "Serious concerns reported",
        "No serious concerns",
        "No status set",
        "No record yet",
        "Follow-up inspection",
        "Care Inspectorate Wales (CIW)",
        "Education safeguarding",
    ):
        assert label in terms


def test_a_status_can_be_chosen_from_the_about_page_alone(fixture_site: Path) -> None:
    # A 2022 inspection that reports "serious concerns": its status, from the definitions.
    doc = page(fixture_site, "about/index.html")
    reported = text(doc.select_one("#status-concerns-reported"))
    assert 'reports "serious concerns"' in reported
    for words in (
        '"enhanced monitoring arrangements"',
        '"service requiring significant improvement"',
    ):
        assert words in text(doc.select_one("#status-serious-concern"))
    assert '"escalated from serious to significant"' in reported


def test_the_footer_writes_today_like_every_other_date(fixture_site: Path) -> None:
    footer = text(page(fixture_site, "index.html").select_one(".site-footer"))
    assert "Statuses are as of 23 November 2026." in footer


def test_search_page_explains_itself_without_javascript(real_site: Path) -> None:
    doc = page(real_site, "search/index.html")
    noscript = doc.select_one("main noscript")
    assert "Search needs JavaScript" in noscript.get_text()
    # And in the head, the style sheet that hides the form, which only its script runs.
    hiding = doc.select_one("head noscript link[rel=stylesheet]")
    assert hiding is not None and hiding["href"] == "/static/noscript.css"
    assert {a["href"] for a in noscript.find_all("a")} == {"/authorities/", "/status/"}


SEARCH_SCRIPTS = ["/static/search.js"]
# Script elements that hold data a browser never runs.
DATA_TYPES = ("application/json",)
# The status page's one script: the status on any day, from the published periods.
STATUS_SCRIPTS = ["/static/on-day.js"]


@pytest.mark.site
def test_only_search_and_the_status_page_have_scripts(real_site: Path) -> None:
    for html in real_site.rglob("*.html"):
        if "pagefind" in html.parts:
            continue
        scripts = BeautifulSoup(html.read_text(), "html.parser").find_all("script")
        run = [script.get("src") for script in scripts if script.get("type") not in DATA_TYPES]
        page = html.relative_to(real_site).as_posix().removeprefix("cy/")
        expected = {"search/index.html": SEARCH_SCRIPTS, "status/index.html": STATUS_SCRIPTS}
        assert run == expected.get(page, []), html
        # The search page's other is data that never runs: its words and filters' names.
        assert len(scripts) - len(run) == (1 if page == "search/index.html" else 0), html


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


def test_search_files_a_programme_under_each_authority_and_no_status(fixture_site: Path) -> None:
    main = page(fixture_site, "inspections/2014-05-wales-national-inspection/index.html").main
    assert "authority[" not in main["data-pagefind-filter"]
    assert "status[" not in main["data-pagefind-filter"]
    filed = [text(a) for a in main.select('[data-pagefind-filter="authority"]')]
    assert filed == ["Aberfan Test", "Ceri Test", "Zeta Valley"]


def test_search_files_an_entry_under_every_body_that_acted(fixture_site: Path) -> None:
    path = "inspections/2022-08-02-aberfan-test-evaluation-inspection/index.html"
    main = page(fixture_site, path).main
    assert main["data-body"] == "CIW"
    joint = [
        span["data-pagefind-filter"] for span in main.select('span[data-pagefind-filter^="body:"]')
    ]
    assert joint == ["body:HIW", "body:Estyn"]


def test_no_entry_page_says_its_authority_has_no_record(fixture_site: Path) -> None:
    # An entry is itself a record: where no status is in force, its page says none is set.
    pages = sorted((fixture_site / "inspections").glob("*/index.html"))
    assert pages
    for path in pages:
        assert "No record yet" not in path.read_text(encoding="utf-8"), path
    facts = {
        text(div.dt): text(div.dd)
        for div in page(fixture_site, "inspections/2018-06-ceri-test-inspection/index.html").select(
            ".facts > div"
        )
    }
    assert facts["Status"] == "Unchanged by this entry: No status set"
