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

from sitegen.model.records import RECORD_LANGUAGE, Entry
from sitegen.model.timelines import Archive
from sitegen.settings import Settings, language_folder
from sitegen.site import urls
from sitegen.site.filters import Gettext, Ngettext

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SITE_FEED_ENTRIES = 20

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


def _in_record_language(language: str, text: str | None) -> dict[str, str]:
    """Return the xml:lang of a text shown in the record's language where it has none yet."""
    return {} if text is not None or language == RECORD_LANGUAGE else {XML_LANG: RECORD_LANGUAGE}


def _entry(
    parent: ET.Element, entry: Entry, name: str, summary: Markup, settings: Settings
) -> None:
    permalink = settings.url(urls.entry(entry.id))
    element = _add(parent, "entry")
    _add(element, "id", permalink)
    title = entry.title_in(settings.language)
    _add(
        element,
        "title",
        f"{title or entry.title} ({name})",
        **_in_record_language(settings.language, title),
    )
    _add(element, "link", rel="alternate", type="text/html", href=permalink)
    # A partial date counts from the first day of its month or year, as everywhere else.
    _add(element, "updated", _timestamp(entry.date.first_day))
    _add(element, "published", _timestamp(entry.date.first_day))
    _add(element, "category", term=entry.kind)
    if entry.status:
        _add(element, "category", term=f"status:{entry.status}")
    _add(
        element,
        "content",
        str(summary),
        type="html",
        **_in_record_language(settings.language, entry.summary_in(settings.language)),
    )


@dataclass(frozen=True)
class Words:
    """The feeds' own words, in the feed's language (from the interface's catalogue)."""

    gettext: Gettext
    ngettext: Ngettext

    @property
    def site(self) -> str:
        return self.gettext("Children's services inspections in Wales")

    def place(self, entry: Entry, names: Mapping[str, str]) -> str:
        """Return where an entry belongs: its authority, all of Wales, or how many it covered."""
        if entry.authority is not None:
            return names[entry.authority]
        count = len(entry.authorities)
        if count == len(names):
            return self.gettext("all of Wales")
        return self.ngettext("%(num)d authority", "%(num)d authorities", count) % {"num": count}


def render_feed(
    feed_of: Feed,
    names: Mapping[str, str],
    summaries: Mapping[str, Markup],
    settings: Settings,
    words: Words,
) -> bytes:
    """Return an Atom feed of entries (newest first) that belongs to a page of the site."""
    gettext = words.gettext
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: settings.language})
    _add(feed, "id", settings.url(feed_of.page))
    title = words.site
    if feed_of.scope is not None:
        title = gettext("%(name)s: %(site)s") % {"name": names[feed_of.scope], "site": title}
    _add(feed, "title", title)
    _add(feed, "link", rel="self", type="application/atom+xml", href=settings.url(feed_of.path))
    _add(feed, "link", rel="alternate", type="text/html", href=settings.url(feed_of.page))
    _add(feed, "updated", _timestamp(feed_of.updated))
    author = _add(feed, "author")
    _add(author, "name", gettext("The editors of %(site)s") % {"site": words.site})
    _add(author, "uri", settings.url(urls.ABOUT))
    _add(
        feed,
        "rights",
        gettext("Editors' summaries and data: CC BY 4.0. Sources remain their publishers'."),
    )
    for entry in feed_of.entries:
        _entry(feed, entry, words.place(entry, names), summaries[entry.id], settings)
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


# The entries given below are oldest first, as the archive and each timeline hold them
# (sorted by Entry.sort_key, once, by Archive and build_archive).


def _newest_first(entries: Sequence[Entry]) -> tuple[Entry, ...]:
    return tuple(reversed(entries))


def _latest(entries: Sequence[Entry], otherwise: dt.date) -> dt.date:
    return entries[-1].date.first_day if entries else otherwise


@dataclass(frozen=True)
class Feed:
    """One feed to make: where it goes, whose it is, and what it holds."""

    # Its path and its page's among the pages of its language ('/feed.xml' and '/').
    path: str
    # The authority whose records it shows (its cache unit), or None for the site's feed.
    scope: str | None
    page: str
    entries: tuple[Entry, ...]
    updated: dt.date
    language: str

    @property
    def file(self) -> str:
        """Return the feed's file from the site root ('cy/feed.xml' for the Welsh feed)."""
        return language_folder(self.language) + self.path.lstrip("/")


def plan_feeds(archive: Archive, language: str) -> list[Feed]:
    """Return the site-wide feed of the latest entries, and each authority's feed, in one
    language."""
    # A feed with no entries is as new as the record (or the epoch for an empty record).
    record_updated = _latest(archive.entries, dt.date(1970, 1, 1))
    latest = _newest_first(archive.entries)[:SITE_FEED_ENTRIES]
    feeds = [Feed(urls.SITE_FEED, None, urls.HOME, latest, record_updated, language)]
    for timeline in archive.timelines:
        slug = timeline.authority.slug
        feeds.append(
            Feed(
                urls.authority_feed(slug),
                slug,
                urls.authority(slug),
                _newest_first(timeline.entries),
                _latest(timeline.entries, record_updated),
                language,
            )
        )
    return feeds


def feed_renderer(
    archive: Archive, summaries: Mapping[str, Markup], settings: Settings, words: Words
) -> Callable[[Feed], bytes]:
    """Return the function that makes a feed's bytes, with what every feed shares."""
    names = {t.authority.slug: t.authority.name_in(settings.language) for t in archive.timelines}
    return lambda feed: render_feed(feed, names, summaries, settings, words)
