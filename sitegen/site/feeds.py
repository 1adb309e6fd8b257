"""Atom feeds of the latest entries: one for the whole record and one per authority.

Every id is a permalink, and every date comes from the entries, never from the clock, so
the same content gives the same feeds.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from markupsafe import Markup

from sitegen.cache import fingerprints
from sitegen.cache.folder import BuildCache
from sitegen.cache.store import ObjectStore, StoredFile, store_file
from sitegen.model.records import Entry
from sitegen.model.timelines import Archive, Timeline

if TYPE_CHECKING:
    from sitegen.site.rendering import PageKeys, SiteConfig

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
    parent: ET.Element, entry: Entry, name: str, summary: Markup, config: SiteConfig
) -> None:
    permalink = config.url(f"/inspections/{entry.id}/")
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
    config: SiteConfig,
) -> bytes:
    """Return an Atom feed of entries (newest first) that belongs to a page of the site."""
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: config.language})
    _add(feed, "id", config.url(page))
    _add(feed, "title", title)
    _add(feed, "link", rel="self", type="application/atom+xml", href=config.url(path))
    _add(feed, "link", rel="alternate", type="text/html", href=config.url(page))
    _add(feed, "updated", _timestamp(latest))
    author = _add(feed, "author")
    _add(author, "name", f"The editors of {SITE_TITLE}")
    _add(author, "uri", config.url("/about/"))
    _add(feed, "rights", RIGHTS)
    for entry in entries:
        _entry(feed, entry, _place(entry, names), summaries[entry.id], config)
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


def authority_feed_path(timeline: Timeline) -> str:
    """Return the site path of an authority's feed."""
    return f"/authorities/{timeline.authority.slug}/feed.xml"


def render_feeds(
    archive: Archive,
    summaries: Mapping[str, Markup],
    config: SiteConfig,
    store: ObjectStore,
    keys: PageKeys,
    cache: BuildCache,
) -> dict[str, StoredFile]:
    """Return the site-wide feed of the latest entries and each authority's feed, stored.

    An authority's feed is made again only when its records change, as its pages are.
    """
    names = {t.authority.slug: t.authority.name for t in archive.timelines}
    latest = _newest_first(archive.entries)[:SITE_FEED_ENTRIES]
    # A feed with no entries is as new as the record (or the epoch for an empty record).
    record_updated = _latest(archive.entries, dt.date(1970, 1, 1))
    feed = render_feed(
        SITE_TITLE, "/", "/feed.xml", latest, record_updated, names, summaries, config
    )
    files = {"feed.xml": store_file(store, "feed.xml", feed)}
    for timeline in archive.timelines:
        path = authority_feed_path(timeline)
        updated = _latest(timeline.entries, record_updated)
        key = fingerprints.digest("feed", keys.units[timeline.authority.slug], str(updated))
        known = cache.units.get(key)
        if known is None or not store.has(known.digest):
            feed = render_feed(
                f"{timeline.authority.name}: {SITE_TITLE}",
                f"/authorities/{timeline.authority.slug}/",
                path,
                _newest_first(timeline.entries),
                updated,
                names,
                summaries,
                config,
            )
            known = store_file(store, path, feed)
            cache.units.put(key, known)
        files[path.lstrip("/")] = known
    return files
