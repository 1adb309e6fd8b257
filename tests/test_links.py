"""The internal link checker, and every link of the built site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import GOLDEN_CONTENT, build_site, html_pages

from build import cli
from sitegen.cache.files import StoredFile
from sitegen.checks.links import BrokenLinksError, find_broken_links, settled_pages
from sitegen.site.facts import PageFacts, read_facts


def html(body: str) -> bytes:
    return f"<!doctype html><html><body>{body}</body></html>".encode()


@pytest.mark.unit
@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("/b/", []),
        ("/b/#top", []),
        ("../b/", []),
        ("#here", []),
        ("https://example.org/missing", []),
        ("mailto:someone@example.org", []),
        ("/missing/", ["a/index.html: /missing/ (no file missing/index.html)"]),
        ("/b/#nowhere", ["a/index.html: /b/#nowhere (no id 'nowhere' in b/index.html)"]),
        ("#nowhere", ["a/index.html: #nowhere (no id 'nowhere' in a/index.html)"]),
        ("/b", ["a/index.html: /b (a folder: end the link with '/')"]),
        ("/static/missing.css", ["a/index.html: /static/missing.css (no file static/missing.css)"]),
        ("../../outside", ["a/index.html: ../../outside (outside the site's base path /)"]),
    ],
)
def test_links_are_checked(link: str, expected: list[str]) -> None:
    files = {
        "a/index.html": html(f'<p id="here"><a href="{link}">x</a></p>'),
        "b/index.html": html('<h1 id="top">B</h1>'),
    }
    assert [str(b) for b in find_broken_links(files)] == expected


def page(digest: str, *ids: str) -> StoredFile:
    return StoredFile(digest, PageFacts((), frozenset(ids), ()))


# The last site, which passed the link check: two pages (b/ has an id) and a style sheet.
CHECKED = {
    "a/index.html": page("a1"),
    "b/index.html": page("b1", "top"),
    "style.css": StoredFile("s1", None),
}


@pytest.mark.unit
@pytest.mark.parametrize(
    ("now", "settled"),
    [
        ({}, set()),
        (CHECKED, {"a/index.html", "b/index.html"}),
        # A changed page is checked; one that kept its ids leaves the rest settled.
        ({**CHECKED, "a/index.html": page("a2")}, {"b/index.html"}),
        ({**CHECKED, "b/index.html": page("b2", "top", "new")}, {"a/index.html"}),
        # A new file is checked itself; nothing it adds can break another page's link.
        ({**CHECKED, "c/index.html": page("c1")}, {"a/index.html", "b/index.html"}),
        ({**CHECKED, "style.css": StoredFile("s2", None)}, {"a/index.html", "b/index.html"}),
        # A page that lost an id, or a file gone: a link to it may be broken anywhere.
        ({**CHECKED, "b/index.html": page("b2")}, set()),
        ({k: v for k, v in CHECKED.items() if k != "style.css"}, set()),
    ],
)
def test_only_pages_unchanged_since_a_checked_site_are_left_unchecked(
    now: dict[str, StoredFile], settled: set[str]
) -> None:
    assert settled_pages(CHECKED, now) == settled
    assert settled_pages(None, now) == set()


@pytest.mark.unit
def test_files_whose_links_are_not_checked_may_come_and_go() -> None:
    checked = {**CHECKED, "pagefind/a.pf_fragment": StoredFile("p1", None)}
    now = {**CHECKED, "pagefind/b.pf_fragment": StoredFile("p2", None)}
    assert settled_pages(checked, now, ["pagefind/"]) == {"a/index.html", "b/index.html"}
    assert settled_pages(checked, now) == set()


@pytest.mark.unit
def test_a_base_path_is_respected() -> None:
    files = {
        "index.html": html('<a href="/record/b/">b</a> <a href="/b/">outside</a>'),
        "b/index.html": html("<p>B</p>"),
    }
    assert [str(b) for b in find_broken_links(files, "/record/")] == [
        "index.html: /b/ (outside the site's base path /record/)"
    ]


@pytest.mark.unit
def test_a_relative_link_on_a_root_page_is_not_taken_for_an_absolute_one() -> None:
    # Both pages at the root link to 'b/': relative, it names /record/b/, which exists;
    # the absolute '/b/' is outside the base path. Whichever page comes first, each link
    # is judged on its own.
    for order in (["index.html", "404.html"], ["404.html", "index.html"]):
        files = {name: html('<a href="b/">b</a> <a href="/b/">b</a>') for name in order}
        files["b/index.html"] = html("<p>B</p>")
        assert [str(b) for b in find_broken_links(files, "/record/")] == [
            "404.html: /b/ (outside the site's base path /record/)",
            "index.html: /b/ (outside the site's base path /record/)",
        ]


@pytest.mark.unit
def test_an_element_matching_several_checks_is_read_once() -> None:
    files = {"index.html": html('<a id="z" name="z" href="/nope/">x</a>')}
    assert [str(b) for b in find_broken_links(files)] == [
        "index.html: /nope/ (no file nope/index.html)"
    ]
    facts = read_facts(html('<article id="a" aria-labelledby="title-a"><h2 id="title-a">A</h2>'))
    assert facts.articles == ("title-a",)
    assert facts.ids == {"a", "title-a"}


@pytest.mark.unit
def test_src_and_stylesheets_are_checked_and_ignored_folders_skipped() -> None:
    files = {
        "index.html": html(
            '<img src="/pic.png" alt=""><link rel="stylesheet" href="/s.css">'
            '<script src="/pagefind/ui.js"></script>'
        ),
        "s.css": b"",
    }
    assert [str(b) for b in find_broken_links(files, ignore=["pagefind/"])] == [
        "index.html: /pic.png (no file pic.png)"
    ]


@pytest.mark.site
def test_every_page_of_the_built_site_links_only_to_what_exists(checked_site: Path) -> None:
    files = {
        path.relative_to(checked_site).as_posix(): path.read_bytes()
        for path in checked_site.rglob("*")
        if path.is_file()
    }
    assert len(html_pages(checked_site)) > 40
    assert [str(b) for b in find_broken_links(files)] == []


@pytest.mark.site
def test_a_broken_link_in_a_summary_stops_the_build(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(GOLDEN_CONTENT, content)
    entry = content / "inspections" / "2015-04-23-aberfan-test-protocol-lifted.md"
    entry.write_text(entry.read_text() + "\nSee [the old page](/authorities/nowhere/).\n")
    with pytest.raises(BrokenLinksError) as raised:
        build_site(content, tmp_path / "site")
    # The entry has no Welsh yet, so its Welsh pages show the English summary, link and all.
    assert [str(b) for b in raised.value.links] == sorted(
        f"{folder}{page}: /authorities/nowhere/ (no file authorities/nowhere/index.html)"
        for folder in ("", "cy/")
        for page in (
            "authorities/aberfan-test/index.html",
            "inspections/2015-04-23-aberfan-test-protocol-lifted/index.html",
        )
    )
    assert not (tmp_path / "site").exists()
    result = CliRunner().invoke(
        cli,
        [
            "build",
            "--content",
            str(content),
            "--today",
            "2026-11-23",
            "--site",
            str(tmp_path / "site"),
        ],
    )
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "4 broken links. The site was not built; the previous one is unchanged."
    )
    # No site, nor any staging folder; the build cache may keep what was rendered.
    assert sorted(p.name for p in tmp_path.iterdir()) in (["content"], [".site-cache", "content"])
