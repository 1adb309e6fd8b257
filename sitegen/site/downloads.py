"""The open data: the record as JSON and CSV downloads, with a JSON Schema for each JSON file.

Every field is defined once, below: the same definitions produce the files, their schemas
and the tables of fields on /data/, so the documentation cannot drift from the data.
Descriptions are English source text, translated where /data/ shows them.
"""

from __future__ import annotations

import csv
import functools
import io
import shutil
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from sitegen.cache.store import ObjectStore, StoredFile, Writer, store_file
from sitegen.content.vocabulary import Vocabulary
from sitegen.editors.recordschemas import DATE_PATTERN, JSON_SCHEMA_DIALECT
from sitegen.model.dates import PartialDate, Precision
from sitegen.model.statuses import StatusPeriod
from sitegen.model.timelines import Archive, Timeline

if TYPE_CHECKING:
    from sitegen.site.rendering import SiteConfig

LICENCE = "CC-BY-4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
PRECISIONS = tuple(precision.name.lower() for precision in sorted(Precision, reverse=True))

# What each type of field holds: its JSON Schema and how /data/ names it.
TYPES: dict[str, tuple[dict[str, Any], str]] = {
    "text": ({"type": "string"}, "text"),
    "markdown": ({"type": "string"}, "Markdown text"),
    "id": ({"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$"}, "identifier"),
    "code": ({"type": "string", "pattern": r"^W06[0-9]{6}$"}, "ONS code"),
    "date": ({"type": "string", "pattern": DATE_PATTERN}, "ISO date"),
    "precision": ({"enum": list(PRECISIONS)}, "day, month or year"),
    "url": ({"type": "string", "format": "uri", "pattern": "^https?://"}, "URL"),
    "count": ({"type": "integer", "minimum": 0}, "whole number"),
    "boolean": ({"type": "boolean"}, "true or false"),
    "texts": ({"type": "array", "items": {"type": "string"}}, "list of text"),
    "ids": (
        {"type": "array", "minItems": 1, "items": {"type": "string"}},
        "list of identifiers",
    ),
    "status": ({"type": "string"}, "status key"),
    "kind": ({"type": "string"}, "kind key"),
    "body": ({"type": "string"}, "body key"),
    "bodies": ({"type": "array", "items": {"type": "string"}}, "list of body keys"),
    "context": ({"type": "string"}, "context key"),
    "sources": (
        {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/source"}},
        "list of sources",
    ),
    "periods": (
        {"type": "array", "items": {"$ref": "#/$defs/status_period"}},
        "list of status periods",
    ),
    "authorities": ({"type": "array", "items": {"$ref": "#/$defs/authority"}}, "list"),
    "entries": ({"type": "array", "items": {"$ref": "#/$defs/entry"}}, "list"),
    "statuses": ({"type": "array", "items": {"$ref": "#/$defs/authority_status"}}, "list"),
}


@dataclass(frozen=True)
class Field:
    """One field of a downloaded record: its name, type, meaning and how to get its value."""

    name: str
    type: str
    description: str
    value: Callable[[Any, SiteConfig], Any]
    optional: bool = False

    @property
    def type_label(self) -> str:
        """Return how /data/ names the field's type."""
        return TYPES[self.type][1]


@dataclass(frozen=True)
class Table:
    """A kind of record in the downloads, with its fields, as documented on /data/."""

    key: str
    title: str
    description: str
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Download:
    """One file under /data/: its path from the site root, format and what it holds."""

    path: str
    format: str
    description: str
    tables: tuple[str, ...] = ()


def _iso(date: PartialDate | None) -> str | None:
    return str(date) if date else None


def _precision(date: PartialDate | None) -> str | None:
    return date.precision.name.lower() if date else None


def _dated(
    name: str,
    description: str,
    get: Callable[[Any], PartialDate | None],
    optional: bool = False,
) -> tuple[Field, Field]:
    """Return a date's two fields: the date in ISO form and how much of it is known."""
    return (
        Field(name, "date", description, lambda row, _c: _iso(get(row)), optional),
        Field(
            f"{name}_precision",
            "precision",
            f"The precision of {name}: day, month or year.",
            lambda row, _c: _precision(get(row)),
            optional,
        ),
    )


def _record(fields: Sequence[Field], row: Any, config: SiteConfig) -> dict[str, Any]:
    return {field.name: field.value(row, config) for field in fields}


SOURCE_FIELDS: tuple[Field, ...] = (
    Field("title", "text", "The source's title.", lambda s, _c: s.title),
    Field("publisher", "text", "Who published it.", lambda s, _c: s.publisher),
    *_dated("date", "When it was published.", lambda s: s.date, optional=True),
    Field("url", "url", "Where to read it, when it is online.", lambda s, _c: s.url, True),
    Field(
        "reproduces",
        "text",
        "Whose text it reproduces word for word, such as an inspectorate's release on a news site.",
        lambda s, _c: s.reproduces,
        True,
    ),
)


def _period_row(slug: str, period: StatusPeriod) -> tuple[str, StatusPeriod]:
    return slug, period


PERIOD_FIELDS: tuple[Field, ...] = (
    Field("authority", "id", "The authority's identifier.", lambda r, _c: r[0]),
    Field("status", "status", "The concern status in force.", lambda r, _c: r[1].status),
    *_dated("from", "The date of the entry that set the status.", lambda r: r[1].start),
    Field(
        "from_confirmed",
        "boolean",
        "False when the sources show the status in force by the from date but not when it began.",
        lambda r, _c: r[1].start_confirmed,
    ),
    *_dated(
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
    Field(
        "entry_ids",
        "ids",
        "The entries that set or kept the status, oldest first.",
        lambda r, _c: list(r[1].entry_ids),
    ),
)


def _periods(timeline: Timeline, config: SiteConfig) -> list[dict[str, Any]]:
    slug = timeline.authority.slug
    return [_record(PERIOD_FIELDS, _period_row(slug, p), config) for p in timeline.periods]


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
        lambda t, c: c.url(f"/authorities/{t.authority.slug}/"),
    ),
    Field(
        "feed", "url", "The Atom feed of its entries.",
        lambda t, c: c.url(f"/authorities/{t.authority.slug}/feed.xml"),
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
    *_dated(
        "latest_entry_date",
        "The date of the newest of its own entries: how recent the evidence is.",
        lambda t: t.latest.date if t.latest else None,
        optional=True,
    ),
    STATUS_FIELDS[1],
    *_dated(
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
    Field("url", "url", "The entry's page.", lambda e, c: c.url(f"/inspections/{e.id}/")),
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
    *_dated("date", "When it happened.", lambda e: e.date),
    Field(
        "date_note", "text", "What the sources say where they disagree on the date.",
        lambda e, _c: e.date_note, optional=True,
    ),
    Field("kind", "kind", "What kind of event it was.", lambda e, _c: e.kind),
    Field("title", "text", "A short title.", lambda e, _c: e.title),
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
    *_dated(
        "fieldwork", "When the inspectors did their fieldwork (its first day, for a range).",
        lambda e: e.fieldwork.start if e.fieldwork else None, True,
    ),
    *_dated(
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
        lambda e, c: [_record(SOURCE_FIELDS, s, c) for s in e.sources],
    ),
    Field(
        "summary", "markdown", "The editors' summary, in their own words.",
        lambda e, _c: e.summary,
    ),
    Field(
        "former_ids", "texts",
        "Ids the entry had before a correction renamed it; their pages point to this one.",
        lambda e, _c: list(e.former_ids),
    ),
)  # fmt: skip

FILE_FIELDS: tuple[Field, ...] = (
    Field("licence", "text", "The data's licence (SPDX identifier).", lambda _a, _c: LICENCE),
    Field("licence_url", "url", "The licence's text.", lambda _a, _c: LICENCE_URL),
    Field(
        "documentation", "url", "The page describing the downloads.",
        lambda _a, c: c.url("/data/"),
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
        lambda a, c: [_record(AUTHORITY_FIELDS, t, c) for t in a.timelines],
    ),
)  # fmt: skip

ENTRIES_FILE_FIELDS: tuple[Field, ...] = (
    *FILE_FIELDS,
    Field(
        "entries", "entries", "Every entry, oldest first.",
        lambda a, c: [_record(ENTRY_FIELDS, e, c) for e in a.entries],
    ),
    Field(
        "statuses", "statuses", "The derived statuses of every authority, A to Z.",
        lambda a, c: [_record(STATUS_FIELDS, t, c) for t in a.timelines],
    ),
)  # fmt: skip

TABLES: tuple[Table, ...] = (
    Table("authority", "Authorities", "One per local authority.", AUTHORITY_FIELDS),
    Table("entry", "Entries", "One per dated entry in an authority's history.", ENTRY_FIELDS),
    Table("source", "Sources", "Each source of an entry.", SOURCE_FIELDS),
    Table(
        "status_period",
        "Status periods",
        "One per span of time during which an authority had one concern status.",
        PERIOD_FIELDS,
    ),
    Table(
        "authority_status",
        "Statuses of an authority",
        "The derived statuses of one authority.",
        STATUS_FIELDS,
    ),
    Table(
        "file",
        "Every JSON file",
        "Each JSON file is one object with these fields, beside its list of records.",
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
                                     "file")),
    Download("data/entries.csv", "CSV", "Every entry, one row each.", ("entry",)),
    Download("data/status-periods.csv", "CSV", "Every status period, one row each.",
             ("status_period",)),
    Download("data/authorities.schema.json", "JSON Schema", "The schema of authorities.json."),
    Download("data/entries.schema.json", "JSON Schema", "The schema of entries.json."),
)  # fmt: skip


def _field_schema(field: Field, vocabulary: Vocabulary) -> dict[str, Any]:
    terms = {
        "status": vocabulary.statuses,
        "kind": vocabulary.kinds,
        "body": vocabulary.bodies,
        "context": vocabulary.contexts,
    }
    schema = dict(TYPES[field.type][0])
    if field.type in terms:
        schema["enum"] = [term.key for term in terms[field.type]]
    if field.type == "bodies":
        schema["items"] = {"enum": [term.key for term in vocabulary.bodies]}
    if field.optional:
        schema = {"anyOf": [schema, {"type": "null"}]}
    return {"description": field.description, **schema}


def _object_schema(fields: Sequence[Field], vocabulary: Vocabulary) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [field.name for field in fields],
        "properties": {field.name: _field_schema(field, vocabulary) for field in fields},
    }


def build_schema(
    path: str, title: str, fields: Sequence[Field], vocabulary: Vocabulary, config: SiteConfig
) -> dict[str, Any]:
    """Return the JSON Schema published at a path, for one JSON download's fields."""
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "$id": config.url(f"/{path}"),
        "title": title,
        **_object_schema(fields, vocabulary),
        "$defs": {
            table.key: _object_schema(table.fields, vocabulary)
            for table in TABLES
            if table.fields is not FILE_FIELDS
        },
    }


def _dump(value: Any, indent: bytes) -> bytes:
    """Return a value as indented JSON, its lines after the first indented by `indent`."""
    text = orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS)
    # A JSON text holds no raw line breaks but those of its indentation.
    return text.replace(b"\n", b"\n" + indent) if b"\n" in text else text


def _json(document: dict[str, Any], out: Writer) -> None:
    """Write the same bytes as json.dumps(document, ensure_ascii=False, indent=2,
    sort_keys=True) and a line break, a list item at a time.

    orjson is some seven times as fast as json.dumps; written an item at a time, a large
    file is never held in memory whole.
    """
    out.write(b"{")
    for index, key in enumerate(sorted(document)):
        out.write(b"," if index else b"")
        out.write(b"\n  " + orjson.dumps(key) + b": ")
        value = document[key]
        if isinstance(value, list) and value:
            for position, item in enumerate(value):
                out.write(b",\n    " if position else b"[\n    ")
                out.write(_dump(item, b"    "))
            out.write(b"\n  ]")
        else:
            out.write(_dump(value, b"  "))
    out.write(b"\n}\n" if document else b"}\n")


def _cell(value: Any) -> str:
    """Return a JSON value as one cell: null empty, one item a line, a record's parts by |."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "\n".join(_cell(item) for item in value)
    if isinstance(value, dict):
        shown = (item for key, item in value.items() if not key.endswith("_precision"))
        return " | ".join(_cell(item) for item in shown if item is not None)
    return str(value)


# A spreadsheet runs a cell that starts with one of these as a formula ("=HYPERLINK(...)").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defuse_formula(cell: str) -> str:
    """Return a CSV cell that a spreadsheet shows as text, never runs as a formula."""
    # The rule is documented on /data/: such a cell gains a leading single quote, in CSV
    # only; the JSON files keep every value as the editors wrote it.
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


def _csv(fields: Sequence[Field], records: Sequence[dict[str, Any]], out: Writer) -> None:
    """Write records (as _record makes them) as CSV, a column per field, a block at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(field.name for field in fields)
    names = [field.name for field in fields]
    for record in records:
        writer.writerow([defuse_formula(_cell(record[name])) for name in names])
        if buffer.tell() > 1 << 16:
            out.write(buffer.getvalue().encode())
            buffer.seek(0)
            buffer.truncate()
    out.write(buffer.getvalue().encode())


def _zip(files: Mapping[str, Path]) -> bytes:
    """Return the files in one ZIP archive, the same bytes for the same files.

    Each file is copied in a block at a time, so only the compressed archive is held.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(files):
            # A fixed timestamp keeps the archive byte-identical from build to build.
            info = zipfile.ZipInfo(path.removeprefix("data/"), date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            # Its size, known before it is written, lets a file over 2 GB use ZIP64.
            info.file_size = files[path].stat().st_size
            with files[path].open("rb") as source, archive.open(info, "w") as member:
                shutil.copyfileobj(source, member, 1 << 20)
    return buffer.getvalue()


def render_downloads(
    archive: Archive, config: SiteConfig, store: ObjectStore
) -> dict[str, StoredFile]:
    """Store every file of /data/ but its page: the JSON, the CSV, the schemas, the ZIP.

    Each file is written into the store as it is made, and the ZIP reads them back one by
    one, so a large record's downloads are never held in memory.
    """
    stored = {}
    for path, write in _writers(archive, config):
        with store.writing() as out:
            write(out)
        stored[path] = StoredFile(out.digest, None)
    members = {path: store.path(file.digest) for path, file in stored.items()}
    return {**stored, ARCHIVE_PATH: store_file(store, ARCHIVE_PATH, _zip(members))}


def _writers(archive: Archive, config: SiteConfig) -> list[tuple[str, Callable[[Writer], None]]]:
    """Return each download's path with the function that writes it."""
    vocabulary = archive.vocabulary
    entries = _record(ENTRIES_FILE_FIELDS, archive, config)
    periods = [period for timeline in entries["statuses"] for period in timeline["status_periods"]]
    authorities = _record(AUTHORITIES_FILE_FIELDS, archive, config)
    schemas = {
        "data/authorities.schema.json": ("Authorities", AUTHORITIES_FILE_FIELDS),
        "data/entries.schema.json": ("Entries", ENTRIES_FILE_FIELDS),
    }
    return [
        ("data/authorities.json", functools.partial(_json, authorities)),
        ("data/entries.json", functools.partial(_json, entries)),
        # The CSV files show the same records as entries.json, a row each.
        ("data/entries.csv", functools.partial(_csv, ENTRY_FIELDS, entries["entries"])),
        ("data/status-periods.csv", functools.partial(_csv, PERIOD_FIELDS, periods)),
        *(
            (path, functools.partial(_json, build_schema(path, title, fields, vocabulary, config)))
            for path, (title, fields) in schemas.items()
        ),
    ]
