"""The pages of the site: which exist, at what path, with what they show."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from markupsafe import Markup

from sitegen.model.dates import PartialDate
from sitegen.model.statuses import status_after_each
from sitegen.model.timelines import Archive, Timeline
from sitegen.settings import LANGUAGES, language_folder
from sitegen.site import urls
from sitegen.site.corrections import Correction
from sitegen.site.datafields import PRECISIONS
from sitegen.site.datafiles import DOWNLOADS, TABLES

RECENT_ENTRIES = 8
# The page at a renamed entry's former address.
REDIRECT_TEMPLATE = "redirect.html"


@dataclass(frozen=True)
class Page:
    """One HTML file of the site: its path under the site root, template, context, language.

    Every page is made once in each language: /status/index.html and its Welsh twin
    /cy/status/index.html have the same template and the same URL path among the pages of
    their language ('/status/').

    A page with a scope shows the records of that one authority (by slug), and those of the
    programmes that covered it, and nothing else of the archive: the build cache reuses it
    for as long as those records are unchanged. A page without one may show anything, and
    is made again whenever anything changes (the site-wide pages, a programme's page).
    """

    path: str
    template: str
    context: Mapping[str, Any]
    scope: str | None = None
    language: str = LANGUAGES[0]

    @property
    def url(self) -> str:
        """Return the page's URL path among the pages of its language ('/authorities/powys/'
        for /cy/authorities/powys/index.html too): Settings.href makes it a link."""
        return urls.path_of(self.path.removeprefix(language_folder(self.language)))


@dataclass(frozen=True)
class Prose:
    """A page's text by the editors, as HTML, and the language it is written in: a page in
    another language shows it marked as such until it is translated."""

    html: Markup
    language: str


# The two groups of authorities without a status: entries that set none, and no entries.
NO_STATUS = "no-status"
NO_RECORD = "no-record"


@dataclass(frozen=True)
class StatusGroup:
    """The authorities under one current status, or in one of the two groups without one.

    `key` is the status, NO_STATUS (entries of its own, none of which sets a status) or
    NO_RECORD (no entries of its own yet); `status` is the status, or None.
    """

    key: str
    timelines: tuple[Timeline, ...]

    @property
    def status(self) -> str | None:
        return None if self.key in (NO_STATUS, NO_RECORD) else self.key


def by_name(timelines: Sequence[Timeline], language: str) -> tuple[Timeline, ...]:
    """Return the authorities A to Z by their names in a language (Caerdydd before Conwy).

    Letters are compared one by one, as in English; Welsh dictionaries treat ch, dd, ff, ng,
    ll, ph, rh and th as letters of their own, which moves none of the 22 names.
    """
    return tuple(sorted(timelines, key=lambda t: t.authority.name_in(language).casefold()))


def group_by_status(archive: Archive, timelines: Sequence[Timeline]) -> tuple[StatusGroup, ...]:
    """Return the authorities under each current status, most serious first, then the rest;
    each group in the order of the timelines given (A to Z in the page's language)."""
    groups = []
    for term in archive.vocabulary.statuses:
        members = tuple(t for t in timelines if t.current and t.current.status == term.key)
        groups.append(StatusGroup(term.key, members))
    unset = [t for t in timelines if t.current is None]
    groups.append(StatusGroup(NO_STATUS, tuple(t for t in unset if t.record)))
    groups.append(StatusGroup(NO_RECORD, tuple(t for t in unset if not t.record)))
    return tuple(groups)


@dataclass(frozen=True)
class EntryLink:
    """What an entry page shows of the entries before and after it: a dated, titled link."""

    id: str
    date: PartialDate
    title: str
    # Its title in the page's language, or None where it has none in it yet.
    title_there: str | None

    def title_in(self, _language: str) -> str | None:
        """Return the title in the page's language, as Entry.title_in does."""
        return self.title_there


def _neighbours(
    timeline: Timeline, language: str
) -> list[tuple[EntryLink | None, EntryLink | None]]:
    """Return each entry's earlier and later entry, in the timeline's order."""
    links = [
        None,
        *(EntryLink(e.id, e.date, e.title, e.title_in(language)) for e in timeline.entries),
        None,
    ]
    return [(links[index], links[index + 2]) for index in range(len(timeline.entries))]


def _redirects(archive: Archive) -> list[Page]:
    """Return a page at each former address of a renamed entry, pointing to the new one."""
    return [
        Page(
            urls.file_of(urls.entry(former)),
            REDIRECT_TEMPLATE,
            {"entry": entry},
            scope=entry.authority,
        )
        for entry in archive.entries
        for former in entry.former_ids
    ]


def plan_pages(
    archive: Archive,
    summaries: Mapping[str, Markup],
    about: Prose,
    corrections: Mapping[str, Correction],
    language: str = LANGUAGES[0],
) -> tuple[Page, ...]:
    """Return every page of the site in one language with the context its template needs.

    The summaries and the about page's text are in that language where they have been
    written in it, and in the record's language where not (the templates say which).
    """
    entries_newest_first = tuple(reversed(archive.entries))
    timeline_of = {t.authority.slug: t for t in archive.timelines}
    a_to_z = by_name(archive.timelines, language)
    groups = group_by_status(archive, a_to_z)
    pages = [
        Page(
            urls.file_of(urls.HOME),
            "home.html",
            {
                "groups": groups,
                "recent": entries_newest_first[:RECENT_ENTRIES],
                "timeline_of": timeline_of,
                "no_status": NO_STATUS,
                "no_record": NO_RECORD,
                "entry_count": len(entries_newest_first),
            },
        ),
        Page(urls.file_of(urls.AUTHORITIES), "authorities.html", {"timelines": a_to_z}),
        Page(
            urls.file_of(urls.STATUS),
            "status.html",
            {"groups": groups, "no_status": NO_STATUS, "no_record": NO_RECORD},
        ),
        Page(urls.file_of(urls.ABOUT), "about.html", {"about": about}),
        Page(
            urls.file_of(urls.DATA),
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
        Page(urls.file_of(urls.SEARCH), "search.html", {}),
        # Served at any missing address, in English (hosts serve one not-found page), so
        # its link to the other language goes to that language's home page.
        Page(urls.NOT_FOUND_FILE, "404.html", {"twin_path": urls.HOME}),
    ]
    for timeline in archive.timelines:
        status_of = status_after_each(timeline.entries, timeline.periods)
        pages.append(
            Page(
                urls.file_of(urls.authority(timeline.authority.slug)),
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
        neighbours = _neighbours(timeline, language)
        for entry, (earlier, later) in zip(timeline.entries, neighbours, strict=True):
            if entry.is_programme:
                continue
            pages.append(
                Page(
                    urls.file_of(urls.entry(entry.id)),
                    "entry.html",
                    {
                        "entry": entry,
                        "authority": timeline.authority,
                        "covered": (),
                        "summary": summaries[entry.id],
                        "status_then": status_of[entry.id],
                        "earlier": earlier,
                        "later": later,
                        "correction": corrections[entry.id],
                    },
                    scope=timeline.authority.slug,
                )
            )
    # A programme's page shows every authority it covered, so it has no one scope.
    for entry in archive.entries:
        if entry.is_programme:
            pages.append(
                Page(
                    urls.file_of(urls.entry(entry.id)),
                    "entry.html",
                    {
                        "entry": entry,
                        "authority": None,
                        "covered": by_name(
                            [timeline_of[slug] for slug in entry.authorities], language
                        ),
                        "summary": summaries[entry.id],
                        "status_then": None,
                        "earlier": None,
                        "later": None,
                        "correction": corrections[entry.id],
                    },
                )
            )
    folder = language_folder(language)
    return tuple(
        replace(page, path=folder + page.path, language=language)
        for page in (*pages, *_redirects(archive))
    )
