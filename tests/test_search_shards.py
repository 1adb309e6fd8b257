"""The search index in shards: which page goes where, what a build indexes again, and that a
search over many shards finds what a search over one index finds."""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import time
from pathlib import Path

import pytest
from cacheproject import Project
from conftest import serving
from playwright.sync_api import Page, expect
from races import another_process_steps_in
from test_journeys import first_day

from sitegen.cache.folder import SEARCH
from sitegen.search import bundles, folders, shards
from sitegen.search.shards import SearchedPage, Shard, plan_shards, shard_count, shard_of


def pages_of(groups: dict[str, int]) -> list[SearchedPage]:
    """Return so many pages of each group, each in both languages."""
    return [
        SearchedPage(f"{language}{group}/{number}/index.html", f"digest {number}", group)
        for group, count in groups.items()
        for number in range(count)
        for language in ("", "cy/")
    ]


@pytest.mark.unit
def test_every_page_is_in_one_shard_with_the_rest_of_its_group() -> None:
    pages = pages_of({f"authority-{n}": n + 1 for n in range(12)})
    shards = plan_shards(pages, per_shard=10)
    placed = [page for shard in shards for page in shard.pages]
    assert sorted(placed, key=lambda p: p.path) == sorted(pages, key=lambda p: p.path)
    home = {page.group: shard.name for shard in shards for page in shard.pages}
    for shard in shards:
        assert shard.pages, "no shard is empty"
        assert all(home[page.group] == shard.name for page in shard.pages)
    assert 1 < len(shards) <= shard_count(len(pages), 10)


@pytest.mark.unit
def test_the_number_of_shards_grows_with_the_record() -> None:
    assert [shard_count(n, 100) for n in (0, 1, 100, 101, 1000)] == [1, 1, 1, 2, 10]
    assert len(plan_shards(pages_of({"one": 3}), per_shard=100)) == 1


@pytest.mark.unit
def test_a_page_keeps_its_shard_while_the_number_of_shards_is_the_same() -> None:
    before = plan_shards(pages_of({f"a{n}": 4 for n in range(10)}), per_shard=30)
    after = plan_shards(pages_of({**{f"a{n}": 4 for n in range(10)}, "new": 2}), per_shard=30)
    where = {page.path: shard.name for shard in after for page in shard.pages}
    assert shard_count(80, 30) == shard_count(84, 30)
    for shard in before:
        assert {where[page.path] for page in shard.pages} == {shard.name}


@pytest.mark.unit
def test_a_group_goes_to_the_same_shard_on_every_machine() -> None:
    # A digest, not Python's salted hash(): these never change, or every cache is cold.
    assert [shard_of(group, 7) for group in ("powys", "cardiff", "/inspections/2018-x/")] == [
        0,
        1,
        3,
    ]


@pytest.mark.unit
def test_a_page_missing_from_the_store_fails_the_search_step_at_once(tmp_path: Path) -> None:
    # Pagefind itself would leave a page it cannot read out of the index, and succeed.
    page = SearchedPage("inspections/gone/index.html", "0" * 64, "gone")
    # Raised when the search's result is asked for, after the checks that run meanwhile.
    indexing = bundles.index_shards([Shard("0", (page,))], lambda d: tmp_path / d, tmp_path)
    with pytest.raises(bundles.SearchIndexError, match=r"^inspections/gone/index.html: its page"):
        list(indexing)


@pytest.mark.unit
def test_a_page_that_pagefind_leaves_out_of_its_index_fails_the_search_step(
    tmp_path: Path,
) -> None:
    # Pagefind indexes only the pages with data-pagefind-body once any page has it, and
    # leaves out the rest without failing: the second page would be missing from search.
    store = tmp_path / "store"
    store.mkdir()
    (store / "marked").write_text(
        '<html lang="en"><body><main data-pagefind-body><h1>Powys</h1></main></body></html>'
    )
    (store / "unmarked").write_text('<html lang="en"><body><h1>Conwy</h1></body></html>')
    shard = Shard(
        "0",
        (
            SearchedPage("authorities/conwy/index.html", "unmarked", "conwy"),
            SearchedPage("authorities/powys/index.html", "marked", "powys"),
        ),
    )
    with pytest.raises(
        bundles.SearchIndexError,
        match=r"^pagefind indexed 1 of the 2 pages of search shard 0, so a page would be missing",
    ):
        list(bundles.index_shards([shard], lambda digest: store / digest, tmp_path / "work"))


@pytest.mark.unit
def test_a_shard_is_indexed_from_a_work_folder_named_relative_to_the_current_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Pagefind runs in a folder of its own, where a relative path would name another.
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "page").write_text(
        '<html lang="en"><body><main data-pagefind-body><h1>Powys</h1></main></body></html>'
    )
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path)
    page = SearchedPage("authorities/powys/index.html", "page", "powys")
    [bundle] = bundles.index_shards(
        [Shard("0", (page,))], lambda d: Path("store") / d, Path("work")
    )
    assert "pagefind/0/pagefind-entry.json" in bundle
    assert (
        json.loads(bundle["pagefind/0/pagefind-entry.json"])["languages"]["en"]["page_count"] == 1
    )


def links_under(folder: Path) -> dict[str, str]:
    """Return every file under a folder, by path: where each link points, "file" for others."""
    return {
        (Path(root) / name).relative_to(folder).as_posix(): (
            os.readlink(Path(root) / name) if (Path(root) / name).is_symlink() else "file"
        )
        for root, dirs, names in os.walk(folder)
        for name in (*names, *(d for d in dirs if (Path(root) / d).is_symlink()))
    }


@pytest.mark.unit
def test_a_shards_links_kept_from_its_last_indexing_name_its_pages_and_nothing_else(
    tmp_path: Path,
) -> None:
    store, work = tmp_path / "store", tmp_path / "work"
    store.mkdir()
    for name in ("a", "b", "c"):
        (store / name).write_text(
            f'<html lang="en"><body><main data-pagefind-body><h1>{name}</h1></main></body></html>'
        )

    def indexed(*pages: tuple[str, str]) -> dict[str, bytes]:
        shard = Shard("0", tuple(SearchedPage(path, digest, "group") for path, digest in pages))
        [bundle] = bundles.index_shards([shard], lambda digest: store / digest, work)
        return bundle

    indexed(("x/a/index.html", "a"), ("x/b/index.html", "b"))
    # What a killed build, a hand or a former page left in the shard's folder.
    (work / "0" / "x" / "stray.html").write_text("<html><body>stray</body></html>")
    (work / "0" / "y").symlink_to(store)
    (work / "0" / "x" / "b" / "index.html").unlink()
    (work / "0" / "x" / "b" / "index.html").symlink_to(store / "c")
    (work / "bundle-left-by-a-killed-build").mkdir()
    bundle = indexed(("x/b/index.html", "b"), ("x/c/index.html", "c"))
    assert links_under(work / "0") == {
        "x/b/index.html": str(store / "b"),
        "x/c/index.html": str(store / "c"),
    }
    entry = json.loads(bundle["pagefind/0/pagefind-entry.json"])
    assert entry["languages"]["en"]["page_count"] == 2
    # The folders of shards no longer planned go, with anything else but the shards'.
    folders.keep_only(work, {"1"})
    assert list(work.iterdir()) == []


@pytest.mark.site
def test_an_edit_indexes_again_only_the_shard_of_its_authority(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shards, "SHARD_PAGES", 6)
    project = Project(tmp_path)
    first = project.build()
    assert first.shards >= 2 and first.indexed == first.shards
    entry = next((project.root / "content" / "inspections").glob("*ceri*.md"))
    project.edit(
        entry.relative_to(project.root).as_posix(), lambda text: text + "One more sentence.\n"
    )
    second = project.build()
    assert (second.shards, second.indexed) == (first.shards, 1)
    # What the cache kept is what a build without it makes: each page's indexed text and
    # the word index, byte for byte. (Pagefind writes its filter files in an order of its
    # own from run to run; the browser tests search them.)
    cold = project.build_cold()
    for folder in ("*/fragment", "*/index"):
        assert contents(project.paths.site / "pagefind", folder) == contents(
            cold / "pagefind", folder
        )


def page_files(store: Path, *names: str) -> None:
    """Write a small searched page for each name into a folder standing for the store."""
    store.mkdir(exist_ok=True)
    for name in names:
        (store / name).write_text(
            f'<html lang="en"><body><main data-pagefind-body><h1>{name} {name}</h1>'
            f"<p>About {name}.</p></main></body></html>"
        )


def shard_of_pages(*pages: tuple[str, str]) -> Shard:
    """Return shard 0 of these pages (path under the site, digest), in path order."""
    return Shard("0", tuple(SearchedPage(path, digest, "group") for path, digest in sorted(pages)))


@pytest.mark.unit
def test_a_build_that_fails_while_pagefind_indexes_stops_it_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The downloads and the checks run while Pagefind works: a build that fails there
    # (a broken link) ends then, leaving no Pagefind behind and no bundle half made.
    program = tmp_path / "pagefind"
    started = tmp_path / "started"
    program.write_text(f"#!/bin/sh\necho $$ > {started}\nexec sleep 600\n")
    program.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(program))
    page_files(tmp_path / "store", "a")
    shard = shard_of_pages(("x/a/index.html", "a"))
    work = tmp_path / "work"
    with (
        pytest.raises(LookupError),
        bundles.index_shards([shard], lambda d: tmp_path / "store" / d, work),
    ):
        for _ in range(1000):
            if started.exists() and started.read_text().strip():
                break
            time.sleep(0.01)
        pid = int(started.read_text())
        raise LookupError("a broken link")
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert [path.name for path in work.iterdir()] == ["0"]


@pytest.mark.unit
def test_a_shards_links_are_made_again_in_path_order_unless_pages_only_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Some file systems (tmpfs, btrfs) list a folder in the order its entries were made,
    # and Pagefind numbers pages in the order it finds them: a page added to the kept
    # folder would be found last, and the bundle would differ from one made without it.
    store, site = tmp_path / "store", tmp_path / "links"
    page_files(store, "a", "b", "c", "b2")
    made: list[str] = []
    link = os.symlink
    monkeypatch.setattr(
        os,
        "symlink",
        lambda file, target: (made.append(Path(target).parent.name), link(file, target)),
    )

    def linked(*pages: tuple[str, str]) -> list[str]:
        made.clear()
        folders.link_pages(str(site), {path: str(store / digest) for path, digest in sorted(pages)})
        return list(made)

    assert linked(("x/b/index.html", "b"), ("x/c/index.html", "c")) == ["b", "c"]
    # A page added before the others: the folder is made again, in path order.
    assert linked(("x/a/index.html", "a"), ("x/b/index.html", "b"), ("x/c/index.html", "c")) == [
        "a",
        "b",
        "c",
    ]
    # A page changed, alone in its folder: only its link is made again.
    assert linked(("x/a/index.html", "a"), ("x/b/index.html", "b2"), ("x/c/index.html", "c")) == [
        "b"
    ]
    # A page gone: the rest stay as they are.
    assert linked(("x/a/index.html", "a"), ("x/c/index.html", "c")) == []
    assert links_under(site) == {
        "x/a/index.html": str(store / "a"),
        "x/c/index.html": str(store / "c"),
    }


@pytest.mark.unit
def test_a_shard_indexed_from_its_kept_links_is_the_bundle_made_without_them(
    tmp_path: Path,
) -> None:
    # On a file system that lists a folder in the order its entries were made (tmpfs).
    memory = Path("/dev/shm")
    if not (memory.is_dir() and os.access(memory, os.W_OK)):
        if os.environ.get("CI") == "true":
            pytest.fail("no writable /dev/shm (tmpfs) to index on")
        pytest.skip("no writable /dev/shm (tmpfs) to index on")
    store = tmp_path / "store"
    page_files(store, "a", "b", "c", "d")
    pages = [("x/b/index.html", "b"), ("x/c/index.html", "c"), ("x/d/index.html", "d")]
    with (
        tempfile.TemporaryDirectory(dir=memory) as kept,
        tempfile.TemporaryDirectory(dir=memory) as fresh,
    ):
        [before] = bundles.index_shards([shard_of_pages(*pages)], lambda d: store / d, Path(kept))
        pages.append(("x/a/index.html", "a"))
        [cached] = bundles.index_shards([shard_of_pages(*pages)], lambda d: store / d, Path(kept))
        [cold] = bundles.index_shards([shard_of_pages(*pages)], lambda d: store / d, Path(fresh))
    assert before != cold
    # Pagefind's filter files aside, which it writes in an order of its own each run.
    assert {p: d for p, d in cached.items() if "/filter/" not in p} == {
        p: d for p, d in cold.items() if "/filter/" not in p
    }


def plant_in_links(how: str, links: Path, outside: Path) -> None:
    """Leave in a shard's folder of links what no build put there."""
    pages = sorted(path for path in links.rglob("index.html") if path.is_symlink())
    if how == "a link to another page":
        other = os.readlink(pages[0])
        pages[-1].unlink()
        pages[-1].symlink_to(other)
        return
    if how == "the folder a link":
        # To a folder of the same links, and one page more.
        shutil.copytree(links, outside, symlinks=True)
        shutil.rmtree(links)
        links.symlink_to(outside)
    (links / "inspections" / "not-a-record").mkdir(parents=True)
    (links / "inspections" / "not-a-record" / "index.html").write_text(
        '<html lang="en"><body><main data-pagefind-body>Not ours</main></body></html>'
    )


@pytest.mark.site
@pytest.mark.parametrize(
    "how", ["a page not of the site", "a link to another page", "the folder a link"]
)
def test_nothing_left_among_a_shards_links_changes_its_index(tmp_path: Path, how: str) -> None:
    # The links to each shard's pages are kept in the cache for its next indexing.
    project = Project(tmp_path)
    project.build()
    assert project.paths.cache is not None
    [links] = (project.paths.cache / SEARCH).iterdir()
    plant_in_links(how, links, tmp_path / "outside")
    entry = next((project.root / "content" / "inspections").glob("*ceri*.md"))
    project.edit(
        entry.relative_to(project.root).as_posix(), lambda text: text + "One more sentence.\n"
    )
    assert project.build().indexed == 1
    cold = project.build_cold()
    for folder in ("*/fragment", "*/index"):
        assert contents(project.paths.site / "pagefind", folder) == contents(
            cold / "pagefind", folder
        )
    if how == "the folder a link":
        # The link went, and nothing was removed from the folder it led to.
        assert (links.is_dir() and not links.is_symlink()) and links_under(tmp_path / "outside")[
            "inspections/not-a-record/index.html"
        ] == "file"


def contents(index: Path, pattern: str) -> dict[str, bytes]:
    found = {
        path.relative_to(index).as_posix(): path.read_bytes()
        for folder in index.glob(pattern)
        for path in folder.iterdir()
    }
    assert found, f"no files in {index}/{pattern}"
    return found


def reindex_in_shards(site: Path, count: int) -> int:
    """Index a built site's searched pages again, in about so many shards; return how many."""
    pages = [
        SearchedPage(path, path, re.sub(r"^cy/", "", path))
        for path in (p.relative_to(site).as_posix() for p in site.rglob("index.html"))
        if not path.startswith("pagefind/")
        and shards.SEARCHED in (site / path).read_text(encoding="utf-8")
    ]
    planned = plan_shards(pages, per_shard=max(1, len(pages) // count))
    shutil.rmtree(site / "pagefind")
    work = site.parent / "work"
    work.mkdir()
    for bundle in bundles.index_shards(planned, lambda path: site / path, work):
        for path, data in bundle.items():
            (site / path).parent.mkdir(parents=True, exist_ok=True)
            (site / path).write_bytes(data)
    (site / shards.MANIFEST).write_bytes(shards.manifest(planned))
    return len(planned)


@pytest.fixture(scope="module")
def served_in_shards(checked_site: Path, tmp_path_factory: pytest.TempPathFactory):
    """Serve a copy of the checked site whose index is in eight shards or so."""
    site = tmp_path_factory.mktemp("sharded") / "site"
    shutil.copytree(checked_site, site)
    assert reindex_in_shards(site, 8) > 4
    with serving(site) as base:
        yield base


def every_result(page: Page, address: str) -> list[str]:
    """Open a search's address and return every result's link, in order, loading more
    until there are no more."""
    page.goto(address)
    results = page.locator("[data-results]")
    expect(results).not_to_have_attribute("aria-busy", "true")
    more = page.locator("[data-more]")
    while more.is_visible():
        shown = page.locator(".search-result").count()
        more.click()
        expect(page.locator(".search-result")).not_to_have_count(shown)
    return [link.get_attribute("href") for link in page.locator(".search-result a").all()]


def entry_days(site: Path) -> dict[str, str]:
    """Return each entry page's link, in both languages, and the day its date sorts by."""
    entries = json.loads((site / "data" / "entries.json").read_text(encoding="utf-8"))
    return {
        f"{language}/inspections/{entry['id']}/": first_day(entry["date"]).isoformat()
        for entry in entries["entries"]
        for language in ("", "/cy")
    }


# Searches a person makes: words, a word with a filter, and the date orders, in both languages.
SEARCHES = (
    "search/?q=inspection",
    "search/?q=notice",
    "search/?q=warning+notice",
    "search/?q=serious+concern",
    "search/?q=improvement&kind=Inspection",
    "search/?q=inspection&sort=newest",
    "search/?q=inspection&sort=oldest",
    "search/?sort=newest",
    "cy/search/?q=arolygiad",
    "cy/search/?q=hysbysiad+rhybudd",
    "cy/search/?q=arolygiad&sort=oldest",
)


@pytest.mark.browser
@pytest.mark.parametrize("search_address", SEARCHES)
def test_a_search_over_shards_finds_what_one_index_finds(
    page: Page,
    served_site: str,
    served_in_shards: str,
    checked_site: Path,
    search_address: str,
) -> None:
    one = every_result(page, f"{served_site}/{search_address}")
    many = every_result(page, f"{served_in_shards}/{search_address}")
    if "q=" in search_address:
        assert one, f"{search_address} finds nothing: choose words the record holds"
    assert sorted(many) == sorted(one)
    if "sort=" in search_address:
        # In date order: the same order, but for results of the same day.
        day = entry_days(checked_site)
        assert [day[link] for link in many] == [day[link] for link in one]


@pytest.mark.unit
def test_a_killed_builds_pagefind_still_writing_does_not_stop_the_next_build(
    tmp_path: Path,
) -> None:
    work = tmp_path / "search"
    (work / "0").mkdir(parents=True)
    leftover = work / "bundle-killed"
    (leftover / "bundle").mkdir(parents=True)
    (leftover / "bundle" / "pagefind.js").write_text("written", encoding="utf-8")

    def pagefind_writes_on() -> None:
        (leftover / "bundle" / "pagefind-entry.json").write_text("{}", encoding="utf-8")

    with another_process_steps_in(pagefind_writes_on, (os, "unlink")):
        folders.keep_only(work, {"0"})
    assert (work / "0").is_dir()
    # Left for a later build to remove, once that Pagefind is done.
    folders.keep_only(work, {"0"})
    assert sorted(path.name for path in work.iterdir()) == ["0"]
