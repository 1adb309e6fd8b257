"""The local preview: it rebuilds on a change, reloads the page, shows what went wrong."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import GOLDEN_CONTENT, ROOT
from playwright.sync_api import Page, expect

from sitegen import pipeline
from sitegen.cli.building import rebuild
from sitegen.editors.preview import SCRIPT_PATH, BuildState, Preview, inject_script
from sitegen.search.bundles import SearchIndexError
from sitegen.settings import Settings

ENTRY = "inspections/2015-04-23-aberfan-test-protocol-lifted.md"
PAGE = "inspections/2015-04-23-aberfan-test-protocol-lifted/"


@pytest.mark.unit
def test_the_reload_script_goes_before_the_closing_body_tag() -> None:
    tag = f'<script src="{SCRIPT_PATH}" defer></script>'
    assert inject_script(b"<body><p>x</p></body></html>") == (
        f"<body><p>x</p>{tag}</body></html>".encode()
    )


@pytest.mark.unit
def test_a_search_index_that_cannot_be_made_is_a_problem_the_preview_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fails(*_args: object, **_kwargs: object) -> None:
        raise SearchIndexError("pagefind indexed 1 of the 2 pages of search shard 0")

    monkeypatch.setattr(pipeline, "build", fails)
    paths = pipeline.Paths.under(tmp_path, content=GOLDEN_CONTENT)
    settings = Settings(today=dt.date(2026, 11, 23))
    assert rebuild(paths, settings) == [
        "The search index could not be made: pagefind indexed 1 of the 2 pages of search shard 0"
    ]


@pytest.mark.unit
def test_only_a_good_build_starts_a_new_generation() -> None:
    state = BuildState()
    state.record([])
    state.record(["a.md:1: title: is empty"])
    assert json.loads(state.as_json()) == {"generation": 1, "problems": ["a.md:1: title: is empty"]}
    state.record([])
    assert json.loads(state.as_json()) == {"generation": 2, "problems": []}


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[Preview, Path]]:
    content = tmp_path / "content"
    shutil.copytree(GOLDEN_CONTENT, content)
    paths = pipeline.Paths(
        content, ROOT / "templates", ROOT / "static", ROOT / "locale", tmp_path / "site"
    )
    preview = Preview(
        paths.site,
        lambda: rebuild(paths, Settings(today=dt.date(2026, 11, 23))),
        [content],
        interval=0.1,
    )
    preview.start()
    yield preview, content
    preview.stop()


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode()


def wait_for_state(preview: Preview, test, timeout: float = 20) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        state = json.loads(fetch(preview.url + "__preview/state"))
        if test(state) or time.monotonic() > deadline:
            return state
        time.sleep(0.1)


def edit(content: Path, old: str, new: str) -> None:
    path = content / ENTRY
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


@pytest.mark.site
def test_a_change_rebuilds_and_a_mistake_keeps_the_last_good_site(preview) -> None:
    server, content = preview
    html = fetch(server.url + PAGE)
    assert "Protocol lifted after significant improvement" in html
    assert f'<script src="{SCRIPT_PATH}" defer></script></body>' in html

    edit(content, "title: Protocol lifted", "title: Protocol withdrawn")
    state = wait_for_state(server, lambda s: s["generation"] == 2)
    assert state == {"generation": 2, "problems": []}
    assert "Protocol withdrawn after significant improvement" in fetch(server.url + PAGE)

    edit(content, "kind: de-escalation", "kind: lifting")
    state = wait_for_state(server, lambda s: s["problems"])
    assert state["generation"] == 2
    assert state["problems"][0].startswith(f"content/{ENTRY}:4: kind: 'lifting' is not a kind")
    assert state["problems"][-1] == "1 error in 1 file"
    assert "Protocol withdrawn after significant improvement" in fetch(server.url + PAGE)


@pytest.mark.browser
def test_the_open_page_reloads_and_shows_problems(preview, page: Page) -> None:
    server, content = preview
    page.goto(server.url + PAGE)
    expect(page.locator("h1")).to_have_text("Protocol lifted after significant improvement")

    edit(content, "kind: de-escalation", "kind: lifting")
    problems = page.locator("#preview-problems")
    expect(problems).to_be_visible(timeout=20_000)
    expect(problems).to_contain_text("kind: 'lifting' is not a kind")
    expect(page.locator("h1")).to_have_text("Protocol lifted after significant improvement")

    edit(content, "kind: lifting", "kind: de-escalation")
    edit(content, "title: Protocol lifted", "title: Protocol withdrawn")
    expect(page.locator("h1")).to_have_text(
        "Protocol withdrawn after significant improvement", timeout=20_000
    )
    expect(problems).to_have_count(0)
