"""Atom feeds of the latest entries: one for the whole record and one per authority.

Every id is a permalink, and every date comes from the entries, never from the clock, so
the same content gives the same feeds.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from sitegen.model.records import Entry
from sitegen.model.timelines import Archive
from sitegen.settings import Settings
from sitegen.site import urls

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SITE_FEED_ENTRIES = 20
SITE_TITLE = "Children's services inspections in Wales"
RIGHTS = "Editors' summaries and data: CC BY 4.0. Sources remain their publishers'."

# Characters XML 1.0 cannot hold at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

ET.register_namespace("", ATOM)


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(
        parent, f"{{{ATOM}}}{tag}", {k: _clean(v) for k, v in attributes.items()}
    )
    if text is not None:
        element.text = _clean(text)
    return element


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _entry(
    parent: ET.Element, entry: Entry, name: str, summary: Markup, settings: Settings
) -> None:
    permalink = settings.url(urls.entry(entry.id))
    element = _add(parent, "entry")
    _add(element, "id", permalink)
    _add(element, "title", f"{entry.title} ({name})")
    _add(element, "link", rel="alternate", type="text/html", href=permalink)
    # A partial date counts from the first day of its month or year, as everywhere else.
    _add(element, "updated", _timestamp(entry.date.first_day))
    _add(element, "published", _timestamp(entry.date.first_day))
    _add(element, "category", term=entry.kind)
    if entry.status:
        _add(element, "category", term=f"status:{entry.status}")
    _add(element, "content", str(summary), type="html")


def render_feed(
    title: str,
    page: str,
    path: str,
    entries: Sequence[Entry],
    latest: dt.date,
    names: Mapping[str, str],
    summaries: Mapping[str, Markup],
    settings: Settings,
) -> bytes:
    """Return an Atom feed of entries (newest first) that belongs to a page of the site."""
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: settings.language})
    _add(feed, "id", settings.url(page))
    _add(feed, "title", title)
    _add(feed, "link", rel="self", type="application/atom+xml", href=settings.url(path))
    _add(feed, "link", rel="alternate", type="text/html", href=settings.url(page))
    _add(feed, "updated", _timestamp(latest))
    author = _add(feed, "author")
    _add(author, "name", f"The editors of {SITE_TITLE}")
    _add(author, "uri", settings.url(urls.ABOUT))
    _add(feed, "rights", RIGHTS)
    for entry in entries:
        _entry(feed, entry, _place(entry, names), summaries[entry.id], settings)
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _place(entry: Entry, names: Mapping[str, str]) -> str:
    """Return where an entry belongs: its authority, all of Wales, or how many it covered."""
    if entry.authority is not None:
        return names[entry.authority]
    if len(entry.authorities) == len(names):
        return "all of Wales"
    return f"{len(entry.authorities)} authorities"


def _newest_first(entries: Sequence[Entry]) -> tuple[Entry, ...]:
    return tuple(sorted(entries, key=lambda entry: entry.sort_key, reverse=True))


def _latest(entries: Sequence[Entry], otherwise: dt.date) -> dt.date:
    return max((entry.date.first_day for entry in entries), default=otherwise)


@dataclass(frozen=True)
class Feed:
    """One feed to make: where it goes, whose it is, and what it holds."""

    path: str
    # The authority whose records it shows (its cache unit), or None for the site's feed.
    scope: str | None
    title: str
    page: str
    entries: tuple[Entry, ...]
    updated: dt.date


def plan_feeds(archive: Archive) -> list[Feed]:
    """Return the site-wide feed of the latest entries, and each authority's feed."""
    # A feed with no entries is as new as the record (or the epoch for an empty record).
    record_updated = _latest(archive.entries, dt.date(1970, 1, 1))
    latest = _newest_first(archive.entries)[:SITE_FEED_ENTRIES]
    feeds = [Feed(urls.SITE_FEED, None, SITE_TITLE, urls.HOME, latest, record_updated)]
    for timeline in archive.timelines:
        slug = timeline.authority.slug
        feeds.append(
            Feed(
                urls.authority_feed(slug),
                slug,
                f"{timeline.authority.name}: {SITE_TITLE}",
                urls.authority(slug),
                _newest_first(timeline.entries),
                _latest(timeline.entries, record_updated),
            )
        )
    return feeds


def feed_renderer(
    archive: Archive, summaries: Mapping[str, Markup], settings: Settings
) -> Callable[[Feed], bytes]:
    """Return the function that makes a feed's bytes, with what every feed shares."""
    names = {t.authority.slug: t.authority.name for t in archive.timelines}

    def render(feed: Feed) -> bytes:
        return render_feed(
            feed.title,
            feed.page,
            feed.path,
            feed.entries,
            feed.updated,
            names,
            summaries,
            settings,
        )

    return render
