"""After every kind of edit, a cached build publishes what a build without a cache publishes:
every file byte for byte, the downloads among them, and a search index that gives the same
answers to a fixed set of searches, in both languages.

(Pagefind's file names differ from run to run, so its index is compared by its answers.)
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from cacheproject import ENTRY, LATER, OTHER, Project, files_of
from conftest import serving
from playwright.sync_api import Page
from test_search_shards import every_result

pytestmark = pytest.mark.browser

# Searches whose answers the edits change: words of the edited records, a filter, both
# date orders (every entry, newest or oldest first), in English and in Welsh.
SEARCHES = (
    "search/?q=inspection",
    "search/?q=workforce",
    "search/?q=leadership",
    "search/?q=serious+concerns&status=serious-concern",
    "search/?sort=newest",
    "cy/search/?q=arolygiad",
    "cy/search/?sort=oldest",
)


def replace(old: str, new: str) -> Callable[[str], str]:
    return lambda text: text.replace(old, new, 1)


def rename(project: Project, entry: str, to: str) -> None:
    """Rename an entry and its Welsh text, as an editor renaming an entry renames both."""
    for suffix in (".md", ".cy.md"):
        path = project.root / f"content/inspections/{entry}{suffix}"
        if path.exists():
            path.rename(path.with_name(f"{to}{suffix}"))


def moved(project: Project) -> None:
    project.edit(
        f"content/inspections/{OTHER}.md",
        replace("authority: ceri-test", "authority: aberfan-test"),
    )
    rename(project, OTHER, "2018-06-aberfan-test-inspection")


def redated(project: Project) -> None:
    """Move an entry to the next day (its file name starts with its date, so it is renamed)."""
    project.edit(f"content/inspections/{ENTRY}.md", replace("date: 2015-04-23", "date: 2015-04-24"))
    rename(project, ENTRY, ENTRY.replace("2015-04-23", "2015-04-24"))


def deleted(project: Project) -> None:
    for suffix in (".md", ".cy.md"):
        (project.root / f"content/inspections/{OTHER}{suffix}").unlink(missing_ok=True)


def renamed(project: Project) -> None:
    """Give an entry a new id, its old one kept as a former id (a redirect page)."""
    project.edit(
        f"content/inspections/{OTHER}.md",
        replace("title:", f"former_ids: [{OTHER}]\ntitle:"),
    )
    rename(project, OTHER, "2018-06-ceri-test-inspection-report")


def edit(path: str, change: Callable[[str], str]) -> Callable[[Project], None]:
    return lambda project: project.edit(path, change)


EDITS: dict[str, Callable[[Project], None]] = {
    "an entry's text": edit(
        f"content/inspections/{OTHER}.md",
        replace("a committed workforce and", "a committed workforce, strong leadership and"),
    ),
    "an entry's date": redated,
    "an entry's status": edit(
        f"content/inspections/{LATER}.md",
        replace("status: concerns-reported", "status: serious-concern"),
    ),
    "an entry's authority": moved,
    "an authority": edit(
        "content/authorities/ceri-test.yaml", replace("name: Ceri Test", "name: Ceri Testing")
    ),
    "the vocabulary": edit(
        "content/vocabulary.yaml",
        replace("label: {en: Intervention,", "label: {en: Ministerial intervention,"),
    ),
    "a template": edit("templates/base.html", replace("<main", "<main data-edited")),
    "a deleted entry": deleted,
    "a renamed entry": renamed,
}


@pytest.mark.parametrize("kind", EDITS)
def test_after_any_edit_a_cached_build_publishes_what_a_cold_one_does(
    project: Project, page: Page, kind: str
) -> None:
    before = files_of(project.paths.site)
    EDITS[kind](project)
    project.build()
    cached, cold_site = files_of(project.paths.site), project.build_cold()
    cold = files_of(cold_site)
    assert cached != before, "the edit changed nothing: choose another"
    assert cached.keys() == cold.keys()
    assert [path for path in cached if cached[path] != cold[path]] == []
    found = []
    with serving(project.paths.site) as cached_base, serving(cold_site) as cold_base:
        for search in SEARCHES:
            answers = every_result(page, f"{cached_base}/{search}")
            assert answers == every_result(page, f"{cold_base}/{search}"), search
            found += [search] if answers else []
    # Most of the searches find something, so the answers compared are not all empty.
    assert len(found) >= len(SEARCHES) - 2, found
