"""The check that nothing is lost: every record has its page, and every entry is shown."""

from __future__ import annotations

from collections.abc import Mapping

from sitegen.content.problems import ContentError, Problem
from sitegen.content.reading import Listing
from sitegen.model.timelines import Archive
from sitegen.site import urls
from sitegen.site.facts import PageFacts

# The authority page marks each entry it shows with an article labelled by the entry's title.
_ENTRY_LABEL_PREFIX = "title-"
_BUG = "(the generator lost it: report this as a bug)"


class IncompleteSiteError(ContentError):
    """A record is missing from the rendered site; nothing is written."""


def shown_entries(facts: PageFacts) -> list[str]:
    """Return the ids of the entries an authority page shows, in page order."""
    return [
        label.removeprefix(_ENTRY_LABEL_PREFIX)
        for label in facts.articles
        if label.startswith(_ENTRY_LABEL_PREFIX)
    ]


def find_missing(
    archive: Archive, pages: Mapping[str, PageFacts], listing: Listing
) -> list[Problem]:
    """Return a problem for each record lost between its file and the rendered pages.

    `pages` holds the facts of every HTML page of the site by its path.
    """
    problems = []
    authorities = {timeline.authority.path for timeline in archive.timelines}
    entries = {entry.path for entry in archive.entries}
    for path in listing.authorities:
        if path not in authorities:
            problems.append(Problem(path, 1, "record", f"has no authority in the model {_BUG}"))
    for path in listing.entries:
        if path not in entries:
            problems.append(Problem(path, 1, "record", f"has no entry in the model {_BUG}"))
    shown_total = 0
    for timeline in archive.timelines:
        authority = timeline.authority
        page = urls.file_of(urls.authority(authority.slug))
        if page not in pages:
            problems.append(Problem(authority.path, 1, "page", f"{page} was not made {_BUG}"))
            continue
        shown = shown_entries(pages[page])
        shown_total += len(shown)
        on_page = set(shown)
        for entry in timeline.entries:
            if entry.id not in on_page:
                problems.append(Problem(entry.path, 1, "page", f"is not shown on {page} {_BUG}"))
    for entry in archive.entries:
        page = urls.file_of(urls.entry(entry.id))
        if page not in pages:
            problems.append(Problem(entry.path, 1, "page", f"{page} was not made {_BUG}"))
    # A programme is shown once under each authority it covered.
    expected = sum(len(entry.authorities) for entry in archive.entries)
    if shown_total != expected:
        problems.append(
            Problem(
                "inspections",
                1,
                "entries",
                f"there are {len(listing.entries)} entry files, to be shown {expected} times "
                f"on the authority pages, but they show {shown_total} entries {_BUG}",
            )
        )
    return problems


def check_complete(archive: Archive, pages: Mapping[str, PageFacts], listing: Listing) -> None:
    """Raise IncompleteSiteError, naming each record, unless every record is on the site."""
    problems = find_missing(archive, pages, listing)
    if problems:
        raise IncompleteSiteError(problems)
