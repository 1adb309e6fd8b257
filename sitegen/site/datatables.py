"""Every field of every kind of record in the open data: authorities, entries, sources,
status periods and statuses.

The definitions here are the one source of the downloads (downloads.py), their JSON
Schemas and the documentation of /data/ (templates/data.html); datafiles.py says which
file holds which.
"""

from __future__ import annotations

from typing import Any

from sitegen.model.statuses import StatusPeriod
from sitegen.model.timelines import Timeline
from sitegen.settings import Settings
from sitegen.site import urls
from sitegen.site.datafields import (
    Field,
    dated,
    values_of,
)

SOURCE_FIELDS: tuple[Field, ...] = (
    Field("title", "text", "The source's title.", lambda s, _c: s.title),
    Field("publisher", "text", "Who published it.", lambda s, _c: s.publisher),
    *dated("date", "When it was published.", lambda s: s.date, optional=True),
    Field("url", "url", "Where to read it, when it is online.", lambda s, _c: s.url, True),
    Field(
        "reproduces",
        "text",
        "Whose text it reproduces word for word, such as an inspectorate's release on a news site.",
        lambda s, _c: s.reproduces,
        True,
    ),
    Field(
        "archived",
        "url",
        "An archived copy of it (such as a Wayback Machine address), for when url moves or goes.",
        lambda s, _c: s.archived,
        True,
    ),
)


def _period_row(slug: str, period: StatusPeriod) -> tuple[str, StatusPeriod]:
    return slug, period


PERIOD_FIELDS: tuple[Field, ...] = (
    Field("authority", "id", "The authority's identifier.", lambda r, _c: r[0]),
    Field("status", "status", "The concern status in force.", lambda r, _c: r[1].status),
    *dated("from", "The date of the entry that set the status.", lambda r: r[1].start),
    Field(
        "from_confirmed",
        "boolean",
        "False when the sources show the status in force by the from date but not when it began.",
        lambda r, _c: r[1].start_confirmed,
    ),
    *dated(
        "to",
        "The date of the entry that changed it; empty while it is in force.",
        lambda r: r[1].end,
        optional=True,
    ),
    Field(
        "to_confirmed",
        "boolean",
        "False when the sources do not confirm when (or, while it is in force, whether) "
        "the status ended: to is then the date of the next entry that set a status.",
        lambda r, _c: r[1].end_confirmed,
    ),
    Field(
        "days",
        "count",
        "Its length in days, up to status_as_of while it is in force.",
        lambda r, _c: r[1].days,
    ),
    Field("current", "boolean", "Whether it is in force now.", lambda r, _c: r[1].is_current),
    *dated(
        "last_seen",
        "The date of the last entry that set or kept it: the sources show it in force until "
        "then at least.",
        lambda r: r[1].last_seen,
    ),
    Field(
        "entry_ids",
        "ids",
        "The entries that set or kept the status, oldest first.",
        lambda r, _c: list(r[1].entry_ids),
    ),
)


def _periods(timeline: Timeline, settings: Settings) -> list[dict[str, Any]]:
    slug = timeline.authority.slug
    return [values_of(PERIOD_FIELDS, _period_row(slug, p), settings) for p in timeline.periods]


def _current_status(timeline: Timeline) -> str | None:
    return timeline.current.status if timeline.current else None


STATUS_FIELDS: tuple[Field, ...] = (
    Field("authority", "id", "The authority's identifier.", lambda t, _c: t.authority.slug),
    Field(
        "current_status",
        "status",
        "The status in force now; empty when no entry sets one yet.",
        lambda t, _c: _current_status(t),
        optional=True,
    ),
    Field("status_periods", "periods", "Every status period, oldest first.", _periods),
)

AUTHORITY_FIELDS: tuple[Field, ...] = (
    Field(
        "slug", "id", "The authority's identifier, as in its page's address.",
        lambda t, _c: t.authority.slug,
    ),
    Field(
        "url", "url", "The authority's page.",
        lambda t, c: c.url(urls.authority(t.authority.slug)),
    ),
    Field(
        "feed", "url", "The Atom feed of its entries.",
        lambda t, c: c.url(urls.authority_feed(t.authority.slug)),
    ),
    Field(
        "url_cy", "url", "Its page in Welsh.",
        lambda t, c: c.in_language("cy").url(urls.authority(t.authority.slug)),
    ),
    Field(
        "feed_cy", "url", "The Atom feed of its entries, in Welsh.",
        lambda t, c: c.in_language("cy").url(urls.authority_feed(t.authority.slug)),
    ),
    Field("name", "text", "Its name in English.", lambda t, _c: t.authority.name),
    Field("name_cy", "text", "Its name in Welsh.", lambda t, _c: t.authority.name_cy),
    Field("gss_code", "code", "Its ONS (GSS) code.", lambda t, _c: t.authority.gss_code),
    Field("website", "url", "Its website.", lambda t, _c: t.authority.website, optional=True),
    Field(
        "entry_count", "count",
        "How many entries its history shows, programmes that covered it and context included.",
        lambda t, _c: len(t.entries),
    ),
    Field(
        "own_entry_count", "count",
        "How many of them are about its children's services alone (programmes and context "
        "left out).",
        lambda t, _c: len(t.record),
    ),
    *dated(
        "latest_entry_date",
        "The date of the newest of its own entries: how recent the evidence is.",
        lambda t: t.latest.date if t.latest else None,
        optional=True,
    ),
    STATUS_FIELDS[1],
    *dated(
        "current_since",
        "When the current status began; empty when there is none.",
        lambda t: t.current.start if t.current else None,
        optional=True,
    ),
    Field(
        "current_since_confirmed", "boolean",
        "False when the sources show the current status by current_since but not when it "
        "began; empty when there is none.",
        lambda t, _c: t.current.start_confirmed if t.current else None, optional=True,
    ),
    Field(
        "current_status_confirmed", "boolean",
        "False when the sources do not confirm that the current status is still in force (no "
        "entry records whether or when it ended); empty when there is none.",
        lambda t, _c: t.current.end_confirmed if t.current else None, optional=True,
    ),
)  # fmt: skip

ENTRY_FIELDS: tuple[Field, ...] = (
    Field("id", "id", "The entry's identifier, as in its page's address.", lambda e, _c: e.id),
    Field("url", "url", "The entry's page.", lambda e, c: c.url(urls.entry(e.id))),
    Field(
        "url_cy", "url", "Its page in Welsh.",
        lambda e, c: c.in_language("cy").url(urls.entry(e.id)),
    ),
    Field(
        "authority", "id",
        "The authority's identifier; empty for a programme that covered several (see "
        "authorities).",
        lambda e, _c: e.authority, optional=True,
    ),
    Field(
        "authorities", "ids",
        "Every authority in whose history the entry is shown: its one authority, or each "
        "that a programme covered.",
        lambda e, _c: list(e.authorities),
    ),
    *dated("date", "When it happened.", lambda e: e.date),
    Field(
        "date_note", "text", "What the sources say where they disagree on the date.",
        lambda e, _c: e.date_note, optional=True,
    ),
    Field("kind", "kind", "What kind of event it was.", lambda e, _c: e.kind),
    Field("title", "text", "A short title.", lambda e, _c: e.title),
    Field(
        "title_cy", "text", "The title in Welsh; empty until it is translated.",
        lambda e, _c: e.title_in("cy"), optional=True,
    ),
    Field("body", "body", "Who acted.", lambda e, _c: e.body),
    Field(
        "joint_with", "bodies", "The other bodies that acted with body.",
        lambda e, _c: list(e.joint_with),
    ),
    Field(
        "context", "context",
        "For an event of another regime, shown as context: which (it sets no status).",
        lambda e, _c: e.context, optional=True,
    ),
    Field(
        "status",
        "status",
        "The authority's concern status from this date on; empty when it changes none.",
        lambda e, _c: e.status,
        optional=True,
    ),
    Field(
        "status_start_confirmed", "boolean",
        "With a status: false when the sources show it in force by this date but not when "
        "it began.",
        lambda e, _c: e.start_confirmed if e.status else None, optional=True,
    ),
    Field(
        "status_end_confirmed", "boolean",
        "With a status: false when no source says when (or whether) it ended.",
        lambda e, _c: e.end_confirmed if e.status else None, optional=True,
    ),
    Field(
        "inspection_type", "text", "The type of inspection.",
        lambda e, _c: e.inspection_type, optional=True,
    ),
    *dated(
        "fieldwork", "When the inspectors did their fieldwork (its first day, for a range).",
        lambda e: e.fieldwork.start if e.fieldwork else None, True,
    ),
    *dated(
        "fieldwork_end", "The last day of the fieldwork, when it is given as a range.",
        lambda e: e.fieldwork.end if e.fieldwork else None, True,
    ),
    Field(
        "legal_basis", "text", "The law or protocol it was done under.",
        lambda e, _c: e.legal_basis, optional=True,
    ),
    Field("findings", "texts", "The main findings.", lambda e, _c: list(e.findings)),
    Field(
        "recommendations", "texts", "The main recommendations.",
        lambda e, _c: list(e.recommendations),
    ),
    Field(
        "sources", "sources", "Where every fact comes from.",
        lambda e, c: [values_of(SOURCE_FIELDS, s, c) for s in e.sources],
    ),
    Field(
        "summary", "markdown", "The editors' summary, in their own words.",
        lambda e, _c: e.summary,
    ),
    Field(
        "summary_cy", "markdown",
        "The summary in Welsh, the editors' translation; empty until it is translated.",
        lambda e, _c: e.summary_in("cy"), optional=True,
    ),
    Field(
        "former_ids", "texts",
        "Ids the entry had before a correction renamed it; their pages point to this one.",
        lambda e, _c: list(e.former_ids),
    ),
)  # fmt: skip
