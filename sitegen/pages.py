"""The pages of the site: which exist, at what path, with what they show."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from .dates import PartialDate
from .downloads import DOWNLOADS, PRECISIONS, TABLES

if TYPE_CHECKING:
    from .corrections import Correction
from .statuses import status_after_each
from .timelines import Archive, Timeline

RECENT_ENTRIES = 8


@dataclass(frozen=True)
class Page:
    """One HTML file of the site: its path under the site root, template and context.

    A page with a scope shows the records of that one authority (by slug) and nothing else
    of the archive: the build cache reuses it for as long as those records are unchanged.
    A page without one may show anything, and is made again whenever anything changes.
    """

    path: str
    template: str
    context: Mapping[str, Any]
    scope: str | None = None

    @property
    def url(self) -> str:
        """Return the page's URL path from the site root ('/authorities/powys/')."""
        return "/" + self.path.removesuffix("index.html")


@dataclass(frozen=True)
class StatusGroup:
    """The authorities under one current status (status None: no record yet)."""

    status: str | None
    timelines: tuple[Timeline, ...]


def group_by_status(archive: Archive) -> tuple[StatusGroup, ...]:
    """Return the authorities under each current status, most serious first, then none."""
    groups = []
    for term in archive.vocabulary.statuses:
        members = tuple(t for t in archive.timelines if t.current and t.current.status == term.key)
        groups.append(StatusGroup(term.key, members))
    groups.append(StatusGroup(None, tuple(t for t in archive.timelines if t.current is None)))
    return tuple(groups)


@dataclass(frozen=True)
class EntryLink:
    """What an entry page shows of the entries before and after it: a dated, titled link."""

    id: str
    date: PartialDate
    title: str


def _neighbours(timeline: Timeline) -> list[tuple[EntryLink | None, EntryLink | None]]:
    """Return each entry's earlier and later entry, in the timeline's order."""
    links = [None, *(EntryLink(e.id, e.date, e.title) for e in timeline.entries), None]
    return [(links[index], links[index + 2]) for index in range(len(timeline.entries))]


def plan_pages(
    archive: Archive,
    summaries: Mapping[str, Markup],
    about: Markup,
    corrections: Mapping[str, Correction],
) -> tuple[Page, ...]:
    """Return every page of the site with the context its template needs."""
    entries_newest_first = tuple(reversed(archive.entries))
    timeline_of = {t.authority.slug: t for t in archive.timelines}
    groups = group_by_status(archive)
    pages = [
        Page(
            "index.html",
            "home.html",
            {
                "groups": groups,
                "recent": entries_newest_first[:RECENT_ENTRIES],
                "timeline_of": timeline_of,
                "entry_count": len(entries_newest_first),
            },
        ),
        Page("authorities/index.html", "authorities.html", {"timelines": archive.timelines}),
        Page("status/index.html", "status.html", {"groups": groups}),
        Page("about/index.html", "about.html", {"about": about}),
        Page(
            "data/index.html",
            "data.html",
            {
                "downloads": DOWNLOADS,
                "tables": {table.key: table for table in TABLES},
                "precisions": PRECISIONS,
                "authority_count": len(archive.timelines),
                "entry_count": len(entries_newest_first),
                "period_count": sum(len(t.periods) for t in archive.timelines),
                "example_slug": next((t.authority.slug for t in archive.timelines), None),
            },
        ),
        Page("search/index.html", "search.html", {}),
        Page("404.html", "404.html", {}),
    ]
    for timeline in archive.timelines:
        status_of = status_after_each(timeline.entries, timeline.periods)
        pages.append(
            Page(
                f"authorities/{timeline.authority.slug}/index.html",
                "authority.html",
                {
                    "timeline": timeline,
                    "entries": tuple(reversed(timeline.entries)),
                    "summaries": {entry.id: summaries[entry.id] for entry in timeline.entries},
                    "status_of": status_of,
                },
                scope=timeline.authority.slug,
            )
        )
        for entry, (earlier, later) in zip(timeline.entries, _neighbours(timeline), strict=True):
            pages.append(
                Page(
                    f"inspections/{entry.id}/index.html",
                    "entry.html",
                    {
                        "entry": entry,
                        "authority": timeline.authority,
                        "summary": summaries[entry.id],
                        "status_then": status_of[entry.id],
                        "earlier": earlier,
                        "later": later,
                        "correction": corrections[entry.id],
                    },
                    scope=timeline.authority.slug,
                )
            )
    return tuple(pages)
