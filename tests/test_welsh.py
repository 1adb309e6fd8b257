"""The Welsh site: every page's twin under /cy/, its interface in Welsh, the record's Welsh
where written and the English, marked, where not; Welsh feeds and open data."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from conftest import GOLDEN_CONTENT, ROOT, build_site, html_pages
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from sitegen.site import catalogues

pytestmark = pytest.mark.site

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|\[[A-Z_]+\]")


def _html(site: Path, name: str) -> HTMLParser:
    return HTMLParser((site / name).read_text(encoding="utf-8"))


def _alternates(tree: HTMLParser) -> dict[str, str]:
    return {
        link.attributes["hreflang"]: link.attributes["href"]
        for link in tree.css('link[rel="alternate"][hreflang]')
    }


def test_every_english_page_has_its_welsh_twin_and_back(checked_site: Path) -> None:
    pages = html_pages(checked_site)
    english = [name for name in pages if not name.startswith("cy/")]
    welsh = [name for name in pages if name.startswith("cy/")]
    assert sorted(f"cy/{name}" for name in english) == welsh
    for name in english:
        pair = {"en": _html(checked_site, name), "cy": _html(checked_site, f"cy/{name}")}
        for language, tree in pair.items():
            assert tree.css_first("html").attributes["lang"] == language, name
        switch = {language: tree.css_first(".language-switch a") for language, tree in pair.items()}
        url = "/" + name.removesuffix("index.html")
        # The not-found page is served at any missing address: it offers the other home page.
        twin = "/" if name == "404.html" else url
        assert switch["en"].attributes["href"] == f"/cy{twin}"
        assert switch["en"].text() == "Cymraeg" and switch["en"].attributes["lang"] == "cy"
        assert switch["cy"].attributes["href"] == twin
        assert switch["cy"].text() == "English" and switch["cy"].attributes["lang"] == "en"
        # Both pages name the same pair (the not-found page and redirects name none).
        assert _alternates(pair["en"]) == _alternates(pair["cy"]), name
        if _alternates(pair["en"]):
            assert set(_alternates(pair["en"])) == {"en", "cy", "x-default"}
            assert _alternates(pair["en"])["cy"].endswith(f"/cy{url}")
            assert _alternates(pair["en"])["x-default"] == _alternates(pair["en"])["en"]


def _interface_messages() -> list[str]:
    """Return the English of each message whose Welsh differs, as fragments between its
    placeholders long enough to be telling (a few words, not a name such as 'Data')."""
    with (ROOT / "locale" / catalogues.catalogue_path("cy")).open("rb") as file:
        held = read_po(file, locale="cy")
    fragments = set()
    for message in held:
        if not message.id:
            continue
        forms = message.id if isinstance(message.id, tuple) else (message.id,)
        welsh = message.string if isinstance(message.string, tuple) else (message.string,)
        for english in forms:
            if english in welsh:
                continue
            for part in PLACEHOLDER.split(english):
                part = part.strip(" .,:;()")
                if len(part) >= 12 and " " in part:
                    fragments.add(part)
    return sorted(fragments)


def _welsh_text(tree: HTMLParser) -> str:
    """Return what a Welsh reader is shown as Welsh: the page's text and labels, less what
    is marked as English (the record's text not yet translated) and its sources' titles."""
    for node in tree.css('[lang="en"], .sources a, .sources li, script'):
        node.decompose()
    labels = " ".join(
        value
        for node in tree.css("[aria-label], [placeholder], [title], meta[content]")
        for key, value in node.attributes.items()
        if key in ("aria-label", "placeholder", "title", "content") and value
    )
    return " ".join(tree.body.text(separator=" ").split()) + " " + labels


def test_a_welsh_reader_meets_no_english_interface_text(checked_site: Path) -> None:
    messages = _interface_messages()
    assert messages, "no interface messages found in the catalogue"
    found = {}
    for name in html_pages(checked_site):
        if not name.startswith("cy/"):
            continue
        text = _welsh_text(_html(checked_site, name))
        english = [message for message in messages if message in text]
        if english:
            found[name] = english
    assert found == {}


def test_the_welsh_pages_show_the_welsh_of_the_record(checked_site: Path) -> None:
    data = json.loads((checked_site / "data" / "entries.json").read_text(encoding="utf-8"))
    authorities = json.loads(
        (checked_site / "data" / "authorities.json").read_text(encoding="utf-8")
    )
    translated = [entry for entry in data["entries"] if entry["title_cy"]]
    assert translated, "the record has no Welsh to show"
    for entry in translated:
        tree = _html(checked_site, f"cy/inspections/{entry['id']}/index.html")
        assert tree.css_first("h1").text() == entry["title_cy"]
        assert tree.css_first("h1").attributes.get("lang") is None
        assert tree.css_first(".summary").attributes.get("lang") is None
        assert not tree.css(".note--language")
    for authority in authorities["authorities"]:
        tree = _html(checked_site, f"cy/authorities/{authority['slug']}/index.html")
        assert tree.css_first("h1").text().startswith(authority["name_cy"])


@pytest.fixture(scope="module")
def partly_welsh_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A site built from the golden fixture with Welsh for every entry but the first."""
    content = tmp_path_factory.mktemp("partly") / "content"
    shutil.copytree(GOLDEN_CONTENT, content)
    for welsh in (content / "inspections").glob("*.cy.md"):
        welsh.unlink()
    first, *rest = sorted((content / "inspections").glob("*.md"))
    for entry in rest:
        entry.with_suffix(".cy.md").write_text(
            f"---\ntitle: Teitl yr eitem {entry.stem}\n---\nCrynodeb yr eitem, yn Gymraeg.\n",
            encoding="utf-8",
        )
    site = content.parent / "site"
    build_site(content, site)
    return site, first.stem


def test_an_entry_without_welsh_is_shown_in_english_marked_as_such(
    partly_welsh_site: tuple[Path, str],
) -> None:
    site, entry_id = partly_welsh_site
    english = _html(site, f"inspections/{entry_id}/index.html")
    welsh = _html(site, f"cy/inspections/{entry_id}/index.html")
    title = welsh.css_first("h1 span")
    assert title.attributes["lang"] == "en"
    assert title.text() == english.css_first("h1").text()
    summary = welsh.css_first(".summary")
    assert summary.attributes["lang"] == "en"
    assert summary.text() == english.css_first(".summary").text()
    assert "Saesneg yn unig" in welsh.css_first(".note--language").text()
    # The English page says nothing of it.
    assert not english.css(".note--language")


def test_the_welsh_feeds_are_in_welsh(partly_welsh_site: tuple[Path, str]) -> None:
    site, entry_id = partly_welsh_site
    feeds = sorted(site.glob("cy/**/feed.xml"))
    authorities = [path for path in (site / "cy" / "authorities").iterdir() if path.is_dir()]
    assert len(feeds) == 1 + len(authorities)
    for path in feeds:
        feed = ET.parse(path).getroot()
        assert feed.get(XML_LANG) == "cy"
        assert "Arolygiadau" in feed.findtext(f"{ATOM}title")
        for entry in feed.iter(f"{ATOM}entry"):
            assert "/cy/inspections/" in entry.findtext(f"{ATOM}id")
            marked = entry.find(f"{ATOM}title").get(XML_LANG)
            untranslated = entry.findtext(f"{ATOM}id").endswith(f"/{entry_id}/")
            assert marked == ("en" if untranslated else None)


def test_the_open_data_carries_both_languages(partly_welsh_site: tuple[Path, str]) -> None:
    site, entry_id = partly_welsh_site
    data = json.loads((site / "data" / "entries.json").read_text(encoding="utf-8"))
    entries = {entry["id"]: entry for entry in data["entries"]}
    assert entries[entry_id]["title_cy"] is None and entries[entry_id]["summary_cy"] is None
    assert all(e["title_cy"] and e["summary_cy"] for i, e in entries.items() if i != entry_id)
    assert all(e["url_cy"].endswith(f"/cy/inspections/{i}/") for i, e in entries.items())
    vocabulary = {(term["list"], term["key"]): term for term in data["vocabulary"]}
    for entry in entries.values():
        term = vocabulary["kinds", entry["kind"]]
        assert term["label"] and term["label_cy"] and term["label"] != term["definition"]


def test_the_welsh_a_to_z_is_in_the_order_of_the_welsh_names(checked_site: Path) -> None:
    authorities = json.loads(
        (checked_site / "data" / "authorities.json").read_text(encoding="utf-8")
    )["authorities"]
    for language, field in (("", "name"), ("cy/", "name_cy")):
        tree = _html(checked_site, f"{language}authorities/index.html")
        shown = [link.text() for link in tree.css("tbody th a")]
        assert shown == sorted((a[field] for a in authorities), key=str.casefold), language
