"""What the search index holds, read from Pagefind's own files: each text indexed once, on
its own page, and each result able to say where, when and what it is."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.site

# Pagefind's fragment files: a gzipped signature, then one page's indexed text as JSON.
SIGNATURE = b"pagefind_dcd"


def indexed(site: Path) -> dict[str, dict]:
    """Return what Pagefind indexed of each page, by URL: its text, filters and meta, from
    every shard's bundle; no page is in two."""
    pages: dict[str, dict] = {}
    for path in (site / "pagefind").glob("*/fragment/*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(SIGNATURE), path
        fragment = json.loads(data[len(SIGNATURE) :])
        assert fragment["url"] not in pages, fragment["url"]
        pages[fragment["url"]] = fragment
    return pages


def load(site: Path, name: str) -> dict:
    return json.loads((site / "data" / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def index(checked_site: Path) -> dict[str, dict]:
    return indexed(checked_site)


@pytest.fixture(scope="module")
def record(checked_site: Path) -> tuple[list[dict], list[dict]]:
    return load(checked_site, "authorities.json")["authorities"], load(
        checked_site, "entries.json"
    )["entries"]


def test_an_authority_page_is_found_by_its_names_and_status_not_its_entries_text(
    index: dict[str, dict], record: tuple[list[dict], list[dict]]
) -> None:
    authorities, entries = record
    for authority in authorities:
        for prefix in ("", "/cy"):
            page = index[f"{prefix}/authorities/{authority['slug']}/"]
            content = page["content"]
            assert authority["name"] in content and authority["name_cy"] in content, content
            assert page["meta"]["place"] in (authority["name"], authority["name_cy"])
            assert page["meta"]["status"] and page["meta"]["kind"]
            # No entry's title or summary is indexed again on its authority's page.
            for entry in entries:
                if authority["slug"] in entry["authorities"]:
                    for text in (entry["title"], entry["title_cy"], entry["summary"]):
                        assert not text or text.split("\n")[0][:60] not in content, (
                            authority["slug"],
                            entry["id"],
                        )


def test_an_entry_page_leads_with_its_own_text_and_says_where_when_and_what(
    index: dict[str, dict], record: tuple[list[dict], list[dict]]
) -> None:
    authorities, entries = record
    names = {a["slug"]: (a["name"], a["name_cy"]) for a in authorities}
    for entry in entries:
        for prefix, language in (("", 0), ("/cy", 1)):
            page = index[f"{prefix}/inspections/{entry['id']}/"]
            title = page["meta"]["title"]
            # The excerpt starts from the entry's title and summary, not from its facts.
            assert page["content"].startswith(title), (entry["id"], page["content"][:80])
            meta = page["meta"]
            assert meta["date"] and meta["kind"] and meta["place"], entry["id"]
            if entry["authority"]:
                assert meta["place"] == names[entry["authority"]][language]
            else:
                # A programme is still filed under every authority it covered.
                filed = page["filters"]["authority" if not language else "awdurdod"]
                assert sorted(filed) == sorted(names[s][language] for s in entry["authorities"])


def test_every_indexed_page_is_an_authority_or_an_entry(
    index: dict[str, dict], record: tuple[list[dict], list[dict]]
) -> None:
    authorities, entries = record
    expected = {
        f"{prefix}{path}"
        for prefix in ("", "/cy")
        for path in (
            *(f"/authorities/{a['slug']}/" for a in authorities),
            *(f"/inspections/{e['id']}/" for e in entries),
        )
    }
    assert set(index) == expected
