"""The pages of the site: which exist, at what path, with what they show."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from sitegen.model.dates import PartialDate
from sitegen.model.timelines import Archive, Standing, Timeline
from sitegen.settings import LANGUAGES, language_folder
from sitegen.site import urls
from sitegen.site.charts import wales_chart, years_shown
from sitegen.site.corrections import Correction
from sitegen.site.groups import (
    NO_RECORD,
    NO_STATUS,
    by_name,
    by_time_escalated,
    escalation,
    group_by_status,
    group_on,
    held_on,
)
from sitegen.site.views import AuthorityView, Deferred

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
    for as long as those records are unchanged. Any page, with a scope or without (the
    site-wide pages, a programme's page), is also reused while everything its template is
    given is the same, so a page's context holds what it shows and little more. An
    authority's pages are given theirs deferred (views.Deferred): made when first read,
    which a page reused whole never is.
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


def _year_pages(
    archive: Archive, standings: Sequence[Standing], years: Sequence[int]
) -> list[Page]:
    """Return the page of every authority's status on 1 January of each year."""
    pages = []
    for year in years:
        day = dt.date(year, 1, 1)
        held = held_on(standings, day)
        context = {
            "year": year,
            "day": day,
            "groups": group_on(archive.vocabulary, standings, held),
            "held": held,
            "no_status": NO_STATUS,
            "years": years,
        }
        pages.append(Page(urls.file_of(urls.status_on(year)), "status_on.html", context))
    return pages


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


class _AuthorityPlan:
    """The contexts of one authority's pages in one language, each made when asked for."""

    def __init__(
        self,
        archive: Archive,
        timeline: Timeline,
        standing: Standing,
        views: Mapping[str, AuthorityView],
        summaries: Mapping[str, Markup],
        corrections: Mapping[str, Correction],
        language: str,
    ) -> None:
        self._archive, self._timeline, self._standing = archive, timeline, standing
        self._views, self._summaries, self._corrections = views, summaries, corrections
        self._language = language
        self._neighbours: list[tuple[EntryLink | None, EntryLink | None]] | None = None

    def authority(self) -> dict[str, Any]:
        timeline, view = self._timeline, self._views[self._timeline.authority.slug]
        return {
            "timeline": timeline,
            "standing": self._standing,
            "entries": tuple(reversed(timeline.entries)),
            "summaries": {entry.id: self._summaries[entry.id] for entry in timeline.entries},
            "status_of": view.status_of,
            "chart": view.chart,
            "escalation": escalation(self._archive.vocabulary, self._standing),
        }

    def entry(self, index: int) -> dict[str, Any]:
        """Return the context of the page of the timeline's entry at index."""
        timeline = self._timeline
        if self._neighbours is None:
            self._neighbours = _neighbours(timeline, self._language)
        entry = timeline.entries[index]
        earlier, later = self._neighbours[index]
        return {
            "entry": entry,
            "authority": timeline.authority,
            "covered": (),
            "summary": self._summaries[entry.id],
            "status_then": self._views[timeline.authority.slug].status_of[entry.id],
            "earlier": earlier,
            "later": later,
            "correction": self._corrections[entry.id],
        }


def plan_pages(
    archive: Archive,
    summaries: Mapping[str, Markup],
    about: Prose,
    corrections: Mapping[str, Correction],
    views: Mapping[str, AuthorityView],
    language: str = LANGUAGES[0],
) -> tuple[Page, ...]:
    """Return every page of the site in one language with the context its template needs.

    The summaries and the about page's text are in that language where they have been
    written in it, and in the record's language where not (the templates say which).

    A page about every authority at once is given their standings, not their timelines
    (see Standing), and a programme's page those of the authorities it covered.
    """
    entries_newest_first = tuple(reversed(archive.entries))
    standing_of = {t.authority.slug: t.standing for t in archive.timelines}
    a_to_z = by_name(tuple(standing_of.values()), language)
    groups = group_by_status(archive.vocabulary, a_to_z)
    years = years_shown(archive)
    pages = [
        Page(
            urls.file_of(urls.HOME),
            "home.html",
            {
                "groups": groups,
                "recent": entries_newest_first[:RECENT_ENTRIES],
                "authority_of": {slug: s.authority for slug, s in standing_of.items()},
                "no_status": NO_STATUS,
                "no_record": NO_RECORD,
                "entry_count": len(entries_newest_first),
                "years": years,
            },
        ),
        Page(urls.file_of(urls.AUTHORITIES), "authorities.html", {"standings": a_to_z}),
        Page(
            urls.file_of(urls.STATUS),
            "status.html",
            {
                "groups": groups,
                "no_status": NO_STATUS,
                "no_record": NO_RECORD,
                "chart": wales_chart(archive, a_to_z),
                "escalations": by_time_escalated(archive.vocabulary, a_to_z),
                "years": years,
            },
        ),
        *_year_pages(archive, a_to_z, years),
        Page(urls.file_of(urls.ABOUT), "about.html", {"about": about}),
        Page(
            urls.file_of(urls.DATA),
            "data.html",
            {
                "authority_count": len(archive.timelines),
                "entry_count": len(entries_newest_first),
                "period_count": sum(len(s.periods) for s in a_to_z),
                "example_slug": next(iter(standing_of), None),
            },
        ),
        Page(urls.file_of(urls.SEARCH), "search.html", {}),
        # Served at any missing address, in English (hosts serve one not-found page), so
        # its link to the other language goes to that language's home page.
        Page(urls.NOT_FOUND_FILE, "404.html", {"twin_path": urls.HOME}),
    ]
    # An authority's pages are given their contexts when first read (views.py).
    for timeline in archive.timelines:
        slug = timeline.authority.slug
        plan = _AuthorityPlan(
            archive, timeline, standing_of[slug], views, summaries, corrections, language
        )
        pages.append(
            Page(
                urls.file_of(urls.authority(slug)), "authority.html", Deferred(plan.authority), slug
            )
        )
        pages += (
            Page(
                urls.file_of(urls.entry(entry.id)),
                "entry.html",
                Deferred(functools.partial(plan.entry, index)),
                slug,
            )
            for index, entry in enumerate(timeline.entries)
            if not entry.is_programme
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
                            [standing_of[slug] for slug in entry.authorities], language
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
    # Made whole: dataclasses.replace takes several times as long, and there are two pages
    # an entry.
    return tuple(
        Page(folder + page.path, page.template, page.context, page.scope, language)
        for page in (*pages, *_redirects(archive))
    )
