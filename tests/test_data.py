"""The open data, the feeds, the sitemap and the page metadata, checked in the built site."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import feedparser
import jsonschema
import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from conftest import GOLDEN_CONTENT, ROOT, TODAY, build_site, html_pages
from hypothesis import given
from hypothesis import strategies as st

from build import cli
from sitegen.checks.links import find_broken_links
from sitegen.model.dates import PartialDate
from sitegen.settings import DEFAULT_BASE_URL, Settings, SettingsError
from sitegen.site import downloads
from sitegen.site.datafiles import ARCHIVE_PATH, DOWNLOADS, TABLES
from sitegen.site.feeds import SITE_FEED_ENTRIES
from sitegen.site.pages import Page
from sitegen.site.sitemap import SITEMAP, render_sitemap

SUB_PATH_URL = "https://example.org/record/"


def load(site: Path, name: str) -> dict:
    return json.loads((site / "data" / name).read_text(encoding="utf-8"))


def rows(site: Path, name: str) -> list[dict[str, str]]:
    with (site / "data" / name).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the golden fixture built for a site published under a sub-path."""
    site = tmp_path_factory.mktemp("sub-path") / "site"
    build_site(GOLDEN_CONTENT, site, base_url=SUB_PATH_URL)
    return site


@pytest.mark.site
@pytest.mark.parametrize("name", ["authorities", "entries", "status-periods"])
def test_every_json_download_is_valid_against_its_published_schema(
    real_site: Path, name: str
) -> None:
    schema = load(real_site, f"{name}.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"] == f"{DEFAULT_BASE_URL}data/{name}.schema.json"
    jsonschema.validate(load(real_site, f"{name}.json"), schema, jsonschema.Draft202012Validator)


@pytest.mark.site
def test_the_schema_rejects_a_field_it_does_not_define(real_site: Path) -> None:
    data = load(real_site, "entries.json")
    data["entries"][0]["titel"] = "A typo"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, load(real_site, "entries.schema.json"))


@pytest.mark.site
def test_counts_equal_the_records_on_disk(real_site: Path) -> None:
    authorities = sorted(p.stem for p in (ROOT / "content" / "authorities").glob("*.yaml"))
    entries = sorted(
        p.stem for p in (ROOT / "content" / "inspections").glob("*.md") if ".cy" not in p.suffixes
    )
    assert sorted(a["slug"] for a in load(real_site, "authorities.json")["authorities"]) == (
        authorities
    )
    data = load(real_site, "entries.json")
    assert sorted(e["id"] for e in data["entries"]) == entries
    assert sorted(s["authority"] for s in data["statuses"]) == authorities
    assert sorted(row["id"] for row in rows(real_site, "entries.csv")) == entries


@pytest.mark.site
def test_entries_keep_their_partial_dates_with_their_precision(fixture_site: Path) -> None:
    entries = {e["id"]: e for e in load(fixture_site, "entries.json")["entries"]}
    critical = entries["2011-12-aberfan-test-critical-report"]
    assert (critical["date"], critical["date_precision"]) == ("2011-12", "month")
    invoked = entries["2012-11-19-aberfan-test-protocol-invoked"]
    assert (invoked["date"], invoked["date_precision"]) == ("2012-11-19", "day")
    assert (invoked["fieldwork"], invoked["fieldwork_precision"]) == ("2012-09", "month")
    assert invoked["url"] == (
        f"{DEFAULT_BASE_URL}inspections/2012-11-19-aberfan-test-protocol-invoked/"
    )
    assert invoked["sources"][0]["url"] == "https://gov.example.org/statement"
    assert invoked["summary"].startswith("The Chief Inspector found grounds")


@pytest.mark.site
def test_statuses_are_the_derived_periods(fixture_site: Path) -> None:
    statuses = {s["authority"]: s for s in load(fixture_site, "entries.json")["statuses"]}
    assert statuses["zeta-valley"] == {
        "authority": "zeta-valley",
        "current_status": None,
        "status_periods": [],
    }
    assert statuses["ceri-test"]["current_status"] is None, "its one entry sets no status"
    periods = statuses["aberfan-test"]["status_periods"]
    assert [
        (p["status"], p["from"], p["from_confirmed"], p["to"], p["to_confirmed"], p["current"])
        for p in periods
    ] == [
        ("serious-concern", "2012-11-19", True, "2015-04-23", True, False),
        ("no-serious-concerns", "2015-04-23", True, "2022-08-02", True, False),
        # No source says when the concerns of 2022 ended: still in force, not confirmed.
        ("concerns-reported", "2022-08-02", True, None, False, True),
    ]
    assert statuses["aberfan-test"]["current_status"] == "concerns-reported"


@pytest.mark.site
def test_a_programme_is_one_entry_shown_under_every_authority_it_covered(
    fixture_site: Path,
) -> None:
    entries = {e["id"]: e for e in load(fixture_site, "entries.json")["entries"]}
    programme = entries["2014-05-wales-national-inspection"]
    assert programme["authority"] is None
    assert programme["authorities"] == ["aberfan-test", "ceri-test", "zeta-valley"]
    assert (programme["fieldwork"], programme["fieldwork_end"]) == ("2014-01", "2014-05")
    assert entries["2018-06-ceri-test-inspection"]["authorities"] == ["ceri-test"]
    authorities = {a["slug"]: a for a in load(fixture_site, "authorities.json")["authorities"]}
    assert (
        authorities["zeta-valley"]["entry_count"],
        authorities["zeta-valley"]["own_entry_count"],
    ) == (1, 0)
    assert authorities["zeta-valley"]["latest_entry_date"] is None
    assert authorities["ceri-test"]["latest_entry_date"] == "2018-06"
    # Context is in an authority's history but says nothing of how recent the evidence is.
    aberfan = authorities["aberfan-test"]
    assert (aberfan["entry_count"], aberfan["own_entry_count"]) == (6, 4)
    assert aberfan["latest_entry_date"] == "2022-08-02"
    # Its current status began on a confirmed day, but no source says it is still in force.
    assert (aberfan["current_since_confirmed"], aberfan["current_status_confirmed"]) == (
        True,
        False,
    )
    assert authorities["ceri-test"]["current_status_confirmed"] is None


@pytest.mark.site
def test_new_fields_of_an_entry_reach_the_data(fixture_site: Path) -> None:
    entries = {e["id"]: e for e in load(fixture_site, "entries.json")["entries"]}
    evaluation = entries["2022-08-02-aberfan-test-evaluation-inspection"]
    assert evaluation["joint_with"] == ["HIW", "Estyn"]
    assert evaluation["date_note"] == "A press report gives 1 August 2022"
    assert (evaluation["status_start_confirmed"], evaluation["status_end_confirmed"]) == (
        True,
        False,
    )
    assert evaluation["former_ids"] == ["2022-aberfan-test-evaluation-inspection"]
    assert evaluation["sources"][0]["reproduces"] == "Care Inspectorate Wales"
    board = entries["2013-07-19-aberfan-test-education-board"]
    assert (board["context"], board["status"], board["status_end_confirmed"]) == (
        "education-safeguarding",
        None,
        None,
    )


def _plain(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        return "\n".join(_plain(item) for item in value)
    return str(value)


def _cell(value: object) -> str:
    text = _plain(value)
    # The rule /data/ documents: a cell a spreadsheet would run as a formula gains a quote.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@pytest.mark.site
def test_csv_files_match_the_json(real_site: Path) -> None:
    data = load(real_site, "entries.json")
    entries = rows(real_site, "entries.csv")
    assert len(entries) == len(data["entries"])
    for row, entry in zip(entries, data["entries"], strict=True):
        assert set(row) == set(entry)
        for name, value in entry.items():
            if name != "sources":
                assert row[name] == _cell(value), (entry["id"], name)
        assert row["sources"].count("\n") == len(entry["sources"]) - 1
    periods = [p for s in data["statuses"] for p in s["status_periods"]]
    # The periods alone, for the status on any day, are the same periods.
    assert load(real_site, "status-periods.json")["status_periods"] == periods
    csv_periods = rows(real_site, "status-periods.csv")
    assert len(csv_periods) == len(periods) > 0
    for row, period in zip(csv_periods, periods, strict=True):
        assert row == {name: _cell(value) for name, value in period.items()}
        assert int(row["days"]) >= 0


@pytest.mark.site
def test_csv_uses_one_line_ending(real_site: Path) -> None:
    for name in ("entries.csv", "status-periods.csv"):
        assert b"\r" not in (real_site / "data" / name).read_bytes()


@pytest.mark.site
def test_json_keys_are_sorted_and_files_end_with_a_newline(real_site: Path) -> None:
    for download in DOWNLOADS:
        if not download.format.startswith("JSON"):
            continue
        raw = (real_site / download.path).read_text(encoding="utf-8")
        expected = json.dumps(json.loads(raw), ensure_ascii=False, indent=2, sort_keys=True)
        assert raw == expected + "\n", download.path


@pytest.mark.site
def test_one_zip_holds_every_other_download_byte_for_byte(real_site: Path) -> None:
    others = {d.path for d in DOWNLOADS if d.path != ARCHIVE_PATH}
    with zipfile.ZipFile(real_site / ARCHIVE_PATH) as archive:
        assert sorted(archive.namelist()) == sorted(p.removeprefix("data/") for p in others)
        for path in others:
            assert archive.read(path.removeprefix("data/")) == (real_site / path).read_bytes()
    link = page(real_site, "data/index.html").select_one(".download-all a")
    assert link["href"] == f"/{ARCHIVE_PATH}"
    assert link.get_text() == "Download everything in one file (ZIP)"


@pytest.mark.site
def test_the_data_page_documents_every_file_and_field(real_site: Path) -> None:
    doc = page(real_site, "data/index.html")
    links = {a["href"] for a in doc.select("table.downloads a")}
    assert links >= {f"/{d.path}" for d in DOWNLOADS}
    for table in TABLES:
        heading = doc.select_one(f"#fields-{table.key}")
        body = heading.find_next("table").tbody
        documented = [row.th.get_text(strip=True) for row in body.find_all("tr")]
        assert documented == [field.name for field in table.fields], table.key
    text = " ".join(doc.main.get_text(" ").split())
    assert "CC BY 4.0" in text
    assert "The record links to them" in text
    licence = doc.select_one('a[rel="license"]')
    assert licence["href"] == "https://creativecommons.org/licenses/by/4.0/"
    assert [a.get_text() for a in doc.select(".site-nav a")][-2:] == ["Data", "About"]


@pytest.mark.site
def test_every_documented_field_is_in_the_data(real_site: Path) -> None:
    entries = load(real_site, "entries.json")
    authorities = load(real_site, "authorities.json")
    tables = {table.key: [field.name for field in table.fields] for table in TABLES}
    assert sorted(entries["entries"][0]) == sorted(tables["entry"])
    assert sorted(entries["entries"][0]["sources"][0]) == sorted(tables["source"])
    assert sorted(authorities["authorities"][0]) == sorted(tables["authority"])
    assert set(tables["file"]) < set(entries) and set(tables["file"]) < set(authorities)


def feed(site: Path, path: str) -> feedparser.FeedParserDict:
    parsed = feedparser.parse((site / path).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


@pytest.mark.site
def test_each_authority_feed_has_exactly_its_entries_newest_first(real_site: Path) -> None:
    data = load(real_site, "entries.json")
    for authority in load(real_site, "authorities.json")["authorities"]:
        parsed = feed(real_site, f"authorities/{authority['slug']}/feed.xml")
        own = [e for e in data["entries"] if authority["slug"] in e["authorities"]]
        assert [item.id for item in parsed.entries] == [e["url"] for e in reversed(own)]
        assert parsed.feed.id == authority["url"]
        assert parsed.feed.updated  # from the entries, or the record for an empty feed


@pytest.mark.site
def test_the_site_feed_has_the_latest_entries(real_site: Path) -> None:
    data = load(real_site, "entries.json")
    parsed = feed(real_site, "feed.xml")
    latest = list(reversed(data["entries"]))[:SITE_FEED_ENTRIES]
    assert [item.id for item in parsed.entries] == [e["url"] for e in latest]
    # A date known to the month or year counts from its first day, as everywhere else.
    first_day = PartialDate.parse(latest[0]["date"]).first_day.isoformat()
    assert parsed.feed.updated == f"{first_day}T00:00:00Z"
    first = parsed.entries[0]
    assert first.link == latest[0]["url"]
    assert first.updated.startswith(latest[0]["date"][:4])
    assert first.content[0].type == "text/html"
    assert first.content[0].value.startswith("<p>")


@pytest.mark.site
def test_feeds_escape_hostile_text(fixture_site: Path) -> None:
    parsed = feed(fixture_site, "authorities/aberfan-test/feed.xml")
    for item in parsed.entries:
        assert "<script" not in item.content[0].value
        assert "onerror" not in item.content[0].value


@pytest.mark.site
def test_pages_link_their_feeds(fixture_site: Path) -> None:
    def feeds(path: str) -> list[str]:
        return [
            link["href"]
            for link in page(fixture_site, path).select('link[rel="alternate"]')
            if link.get("type") == "application/atom+xml"
        ]

    assert feeds("index.html") == ["/feed.xml"]
    assert feeds("authorities/aberfan-test/index.html") == [
        "/authorities/aberfan-test/feed.xml",
        "/feed.xml",
    ]


# The not-found page in each language: served at any missing address, never indexed.
NOT_FOUND = ("404.html", "cy/404.html")


def _sitemap_urls(site: Path) -> list[str]:
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(site / "sitemap.xml").getroot()
    return [loc.text or "" for loc in root.findall("s:url/s:loc", namespace)]


@pytest.mark.unit
@given(st.lists(st.text("ab&<>'\"-é", min_size=1, max_size=6), max_size=5, unique=True))
def test_the_sitemap_is_the_xml_a_parser_reads_back(slugs: list[str]) -> None:
    """It is written as text: it must be what ElementTree would write, and parse."""
    pages = [
        Page(f"{folder}inspections/{slug}/index.html", "entry.html", {}, language=language)
        for slug in slugs
        for folder, language in (("", "en"), ("cy/", "cy"))
    ]
    settings = Settings(today=TODAY)
    made = render_sitemap(pages, settings)["sitemap.xml"]
    urlset = ET.Element("urlset", {"xmlns": SITEMAP})
    for page in sorted(pages, key=lambda page: settings.in_language(page.language).url(page.url)):
        url = settings.in_language(page.language).url(page.url)
        ET.SubElement(ET.SubElement(urlset, "url"), "loc").text = url
    ET.indent(urlset)
    assert made == ET.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"
    found = [loc.text for loc in ET.fromstring(made).iter(f"{{{SITEMAP}}}loc")]
    assert len(found) == len(pages)


@pytest.mark.site
def test_every_sitemap_url_exists_and_every_page_is_listed(real_site: Path) -> None:
    urls = _sitemap_urls(real_site)
    paths = []
    for url in urls:
        assert url.startswith(DEFAULT_BASE_URL), url
        path = url.removeprefix(DEFAULT_BASE_URL)
        path = path + "index.html" if path.endswith("/") or not path else path
        assert (real_site / path).is_file(), url
        paths.append(path)
    moved = {
        f"{folder}inspections/{former}/index.html"
        for entry in load(real_site, "entries.json")["entries"]
        for former in entry["former_ids"]
        for folder in ("", "cy/")
    }
    # Every page in both languages but the not-found page, and the old addresses that point
    # to new ones.
    assert sorted(paths) == sorted(
        p for p in html_pages(real_site) if p not in NOT_FOUND and p not in moved
    )
    robots = (real_site / "robots.txt").read_text()
    assert f"Sitemap: {DEFAULT_BASE_URL}sitemap.xml" in robots.splitlines()


@pytest.mark.site
def test_every_page_has_a_canonical_url_and_open_graph(real_site: Path) -> None:
    moved = {
        f"{folder}inspections/{former}/index.html": entry[field]
        for entry in load(real_site, "entries.json")["entries"]
        for former in entry["former_ids"]
        for folder, field in (("", "url"), ("cy/", "url_cy"))
    }
    for path in html_pages(real_site):
        doc = page(real_site, path)
        meta = {m["property"]: m["content"] for m in doc.select("meta[property]")}
        for name in ("og:title", "og:description", "og:type", "og:site_name"):
            assert meta.get(name), (path, name)
        assert doc.select_one('meta[name="description"]')["content"], path
        if path in NOT_FOUND:
            assert doc.select_one('link[rel="canonical"]') is None
            continue
        # An old address names the entry's new one as the page to index.
        expected = moved.get(path, DEFAULT_BASE_URL + path.removesuffix("index.html"))
        assert doc.select_one('link[rel="canonical"]')["href"] == expected, path
        assert meta["og:url"] == expected


@pytest.mark.site
def test_a_sub_path_site_has_no_broken_links_and_absolute_urls_under_it(
    sub_path_site: Path,
) -> None:
    files = {
        p.relative_to(sub_path_site).as_posix(): p.read_bytes()
        for p in sub_path_site.rglob("*")
        if p.is_file()
    }
    assert find_broken_links(files, "/record/") == []
    doc = page(sub_path_site, "authorities/aberfan-test/index.html")
    assert doc.select_one('link[rel="canonical"]')["href"] == (
        f"{SUB_PATH_URL}authorities/aberfan-test/"
    )
    assert doc.select_one('link[type="application/atom+xml"]')["href"] == (
        "/record/authorities/aberfan-test/feed.xml"
    )
    for url in _sitemap_urls(sub_path_site):
        assert url.startswith(SUB_PATH_URL)
    parsed = feed(sub_path_site, "feed.xml")
    assert all(item.id.startswith(SUB_PATH_URL) for item in parsed.entries)
    assert load(sub_path_site, "entries.json")["documentation"] == f"{SUB_PATH_URL}data/"


@pytest.mark.unit
@pytest.mark.parametrize(
    ("url", "base_path", "origin"),
    [
        ("https://example.org/record/", "/record/", "https://example.org"),
        ("https://example.org/record", "/record/", "https://example.org"),
        ("http://127.0.0.1:8000/", "/", "http://127.0.0.1:8000"),
        ("https://example.org", "/", "https://example.org"),
    ],
)
def test_the_base_path_comes_from_the_base_url(url: str, base_path: str, origin: str) -> None:
    config = Settings.for_base_url(url, today=TODAY)
    assert (config.base_path, config.origin) == (base_path, origin)
    assert config.url("/status/") == f"{origin}{base_path}status/"


@pytest.mark.unit
@pytest.mark.parametrize("url", ["example.org/record/", "/record/", "ftp://example.org/"])
def test_a_base_url_must_be_absolute_http(url: str) -> None:
    with pytest.raises(SettingsError):
        Settings.for_base_url(url, today=TODAY)


@pytest.mark.site
def test_the_command_line_takes_a_base_url_and_refuses_a_base_path_that_disagrees(
    tmp_path: Path,
) -> None:
    runner = CliRunner()
    common = ["build", "--content", str(GOLDEN_CONTENT), "--today", "2026-11-23"]
    site = tmp_path / "site"
    result = runner.invoke(cli, [*common, "--site", str(site), "--base-url", SUB_PATH_URL])
    assert result.exit_code == 0, result.output
    assert "Sitemap: https://example.org/record/sitemap.xml" in (site / "robots.txt").read_text()
    result = runner.invoke(
        cli, [*common, "--site", str(tmp_path / "other"), "--base-url", SUB_PATH_URL,
              "--base-path", "/elsewhere/"],
    )  # fmt: skip
    assert result.exit_code == 2
    assert "is not the path of the base URL" in result.output
    assert not (tmp_path / "other").exists()


# The downloads hold text, whole numbers, booleans and nulls; never a float.
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@pytest.mark.unit
@given(st.dictionaries(st.text(max_size=8), JSON_VALUES, max_size=5))
def test_json_downloads_are_written_as_json_dumps_would_write_them(document: dict) -> None:
    expected = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    written = io.BytesIO()
    downloads._json(document, written)  # type: ignore[arg-type]
    assert written.getvalue() == expected.encode()
