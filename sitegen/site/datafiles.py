"""Every file under /data/: what each holds, and the fields every JSON file shares."""

from __future__ import annotations

from typing import Any

from sitegen.model.timelines import Archive
from sitegen.model.vocabulary import SECTIONS
from sitegen.settings import Settings
from sitegen.site import urls
from sitegen.site.catalogues import N_
from sitegen.site.datafields import LICENCE, LICENCE_URL, Download, Field, Table, values_of
from sitegen.site.datatables import (
    AUTHORITY_FIELDS,
    ENTRY_FIELDS,
    PERIOD_FIELDS,
    SOURCE_FIELDS,
    STATUS_FIELDS,
)

FILE_FIELDS: tuple[Field, ...] = (
    Field("licence", "text", "The data's licence (SPDX identifier).", lambda _a, _c: LICENCE),
    Field("licence_url", "url", "The licence's text.", lambda _a, _c: LICENCE_URL),
    Field(
        "documentation", "url", "The page describing the downloads.",
        lambda _a, c: c.url(urls.DATA),
    ),
    Field(
        "status_as_of", "date", "The day statuses and period lengths are counted to.",
        lambda a, _c: a.today.isoformat(),
    ),
)  # fmt: skip

AUTHORITIES_FILE_FIELDS: tuple[Field, ...] = (
    *FILE_FIELDS,
    Field(
        "authorities", "authorities", "Every authority, A to Z.",
        lambda a, c: [values_of(AUTHORITY_FIELDS, t, c) for t in a.timelines],
    ),
)  # fmt: skip


def statuses(archive: Archive, settings: Settings) -> list[dict[str, Any]]:
    """Return the derived statuses of every authority, A to Z, as entries.json holds them."""
    return [values_of(STATUS_FIELDS, timeline, settings) for timeline in archive.timelines]


def every_period(statuses: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return every status period, the authorities A to Z, each oldest first: those of the
    statuses (as statuses() makes them) one after another, so that a writer that has made
    the statuses need not make the periods again."""
    return [period for status in statuses for period in status["status_periods"]]


# The periods alone: what the status on any day is worked out from, in a few kilobytes.
PERIODS_FILE_FIELDS: tuple[Field, ...] = (
    *FILE_FIELDS,
    Field(
        "status_periods", "periods",
        "Every status period of every authority, the authorities A to Z, each oldest first.",
        lambda a, c: every_period(statuses(a, c)),
    ),
)  # fmt: skip

# Every key of the vocabulary, with its label and meaning in both languages.
TERM_FIELDS: tuple[Field, ...] = (
    Field(
        "list", "text", "Which list the key is in: statuses, kinds, bodies or contexts.",
        lambda row, _c: row[0],
    ),
    Field("key", "text", "The key, as the records give it.", lambda row, _c: row[1].key),
    Field("label", "text", "Its label in English.", lambda row, _c: row[1].label["en"]),
    Field("label_cy", "text", "Its label in Welsh.", lambda row, _c: row[1].label["cy"]),
    Field(
        "definition", "text", "What it means, in English.",
        lambda row, _c: row[1].definition["en"],
    ),
    Field(
        "definition_cy", "text", "What it means, in Welsh.",
        lambda row, _c: row[1].definition["cy"],
    ),
    Field(
        "escalated", "boolean",
        "For a status, whether its days count as time under escalation; false in the other "
        "lists.",
        lambda row, _c: row[1].escalated,
    ),
)  # fmt: skip


def _terms(archive: Archive, settings: Settings) -> list[dict[str, Any]]:
    vocabulary = archive.vocabulary
    return [
        values_of(TERM_FIELDS, (section, term), settings)
        for section in SECTIONS
        for term in vocabulary.section(section)
    ]


ENTRIES_FILE_FIELDS: tuple[Field, ...] = (
    *FILE_FIELDS,
    Field(
        "entries", "entries", "Every entry, oldest first.",
        lambda a, c: [values_of(ENTRY_FIELDS, e, c) for e in a.entries],
    ),
    Field("statuses", "statuses", "The derived statuses of every authority, A to Z.", statuses),
    Field(
        "vocabulary", "terms",
        "Every status, kind, body and context key, with its label and meaning in English and "
        "Welsh.",
        _terms,
    ),
)  # fmt: skip

TABLES: tuple[Table, ...] = (
    Table("authority", N_("Authorities"), N_("One per local authority."), AUTHORITY_FIELDS),
    Table(
        "entry", N_("Entries"), N_("One per dated entry in an authority's history."), ENTRY_FIELDS
    ),
    Table("source", N_("Sources"), N_("Each source of an entry."), SOURCE_FIELDS),
    Table(
        "status_period",
        N_("Status periods"),
        N_("One per span of time during which an authority had one concern status."),
        PERIOD_FIELDS,
    ),
    Table(
        "authority_status",
        N_("Statuses of an authority"),
        N_("The derived statuses of one authority."),
        STATUS_FIELDS,
    ),
    Table(
        "term",
        N_("Keys and their labels"),
        N_("Each status, kind, body and context key, with its English and Welsh."),
        TERM_FIELDS,
    ),
    Table(
        "file",
        N_("Every JSON file"),
        N_("Each JSON file is one object with these fields, beside its list of records."),
        FILE_FIELDS,
    ),
)

# Everything in one click: the archive holds every other download, byte for byte.
ARCHIVE_PATH = "data/wales-childrens-services-record.zip"

DOWNLOADS: tuple[Download, ...] = (
    Download(ARCHIVE_PATH, "ZIP", "Every file below in one download."),
    Download("data/authorities.json", "JSON", "Every authority, with its current status.",
             ("authority", "file")),
    Download("data/entries.json", "JSON",
             "Every entry with every field, and the derived status periods and current status "
             "of every authority.", ("entry", "source", "authority_status", "status_period",
                                     "term", "file")),
    Download("data/entries.csv", "CSV", "Every entry, one row each.", ("entry",)),
    Download("data/status-periods.csv", "CSV", "Every status period, one row each.",
             ("status_period",)),
    Download("data/status-periods.json", "JSON",
             "Every status period, from which the status on any day can be worked out.",
             ("status_period", "file")),
    Download("data/authorities.schema.json", "JSON Schema", "The schema of authorities.json."),
    Download("data/entries.schema.json", "JSON Schema", "The schema of entries.json."),
    Download("data/status-periods.schema.json", "JSON Schema",
             "The schema of status-periods.json."),
)  # fmt: skip
