"""The open data: the record as JSON and CSV downloads, with a JSON Schema for each JSON file.

What each file holds is defined in datatables.py; this module writes the files: into the
output as they are made, so a large record's downloads are never held in memory.
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import orjson

from sitegen.model.patterns import JSON_SCHEMA_DIALECT
from sitegen.model.records import Entry
from sitegen.model.timelines import Archive
from sitegen.model.vocabulary import Vocabulary
from sitegen.settings import Settings
from sitegen.site.archives import Compress, Pieces, deflate, zip_archive
from sitegen.site.datafields import TYPES, Field, values_of
from sitegen.site.datafiles import (
    ARCHIVE_PATH,
    AUTHORITIES_FILE_FIELDS,
    ENTRIES_FILE_FIELDS,
    FILE_FIELDS,
    PERIODS_FILE_FIELDS,
    TABLES,
)
from sitegen.site.datatables import ENTRY_FIELDS, PERIOD_FIELDS


class Writer(Protocol):
    """One file being written: bytes go in piece by piece; its digest is known at the end."""

    digest: str

    def write(self, data: bytes) -> None: ...


class Output(Protocol):
    """Where the downloads go as they are made (the build's store of output files)."""

    def writing(self) -> AbstractContextManager[Writer]: ...

    def path(self, digest: str) -> Path: ...


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
    path: str, title: str, fields: Sequence[Field], vocabulary: Vocabulary, settings: Settings
) -> dict[str, Any]:
    """Return the JSON Schema published at a path, for one JSON download's fields."""
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "$id": settings.shared_url(f"/{path}"),
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


def _json(
    document: dict[str, Any], out: Writer, dumped: Mapping[str, Sequence[bytes]] | None = None
) -> None:
    """Write the same bytes as json.dumps(document, ensure_ascii=False, indent=2,
    sort_keys=True) and a line break, a list item at a time; `dumped` holds lists of the
    document whose items are already written as JSON (as _dump indents a list's item).

    orjson is some seven times as fast as json.dumps; written an item at a time, a large
    file is never held in memory whole.
    """
    dumped = dumped or {}
    out.write(b"{")
    for index, key in enumerate(sorted(document.keys() | dumped.keys())):
        out.write(b"," if index else b"")
        out.write(b"\n  " + orjson.dumps(key) + b": ")
        value = dumped[key] if key in dumped else document[key]
        if isinstance(value, list | tuple) and value:
            for position, item in enumerate(value):
                out.write(b",\n    " if position else b"[\n    ")
                out.write(item if key in dumped else _dump(item, b"    "))
            out.write(b"\n  ]")
        elif key in dumped:
            out.write(b"[]")
        else:
            out.write(_dump(value, b"  "))
    out.write(b"\n}\n" if document or dumped else b"}\n")


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
    """Write records (as values_of makes them) as CSV, a column per field, a block at a time."""
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


def _csv_lines(fields: Sequence[Field], lines: Sequence[bytes], out: Writer) -> None:
    """Write CSV of rows already written (as entry_row writes one), under its header, a
    row at a time (where the ZIP's pieces may be cut)."""
    _csv(fields, [], out)
    for line in lines:
        out.write(line)


@dataclass(frozen=True)
class EntryRow:
    """One entry's part of the downloads, made once and reused while the entry is the same:
    its item of entries.json (indented as it is there) and its line of entries.csv."""

    json: bytes
    csv: bytes


def entry_row(entry: Entry, settings: Settings) -> EntryRow:
    """Return an entry's item of entries.json and line of entries.csv."""
    record = values_of(ENTRY_FIELDS, entry, settings)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(
        [defuse_formula(_cell(record[field.name])) for field in ENTRY_FIELDS]
    )
    return EntryRow(_dump(record, b"    "), buffer.getvalue().encode())


def render_downloads(
    archive: Archive,
    settings: Settings,
    output: Output,
    rows: Sequence[EntryRow] | None = None,
    compress: Compress = deflate,
) -> dict[str, str]:
    """Write every file of /data/ but its page: the JSON, the CSV, the schemas, the ZIP;
    return each file's digest by path. `rows` are the entries' rows (entry_row), in the
    archive's order, where already made; `compress` compresses a piece of the ZIP (and may
    reuse an earlier build's: archives.py).

    Each file is written into the output as it is made, and compressed for the ZIP as it
    is written, so a large record's downloads are never held in memory whole.
    """
    if rows is None:
        rows = [entry_row(entry, settings) for entry in archive.entries]
    digests, members = {}, []
    for path, write in _writers(archive, settings, rows):
        with output.writing() as out:
            pieces = Pieces(out, path.removeprefix("data/"), compress)
            write(pieces)
            members.append(pieces.finish())
        digests[path] = out.digest
    with output.writing() as out:
        out.write(zip_archive(sorted(members, key=lambda member: member.name)))
    return {**digests, ARCHIVE_PATH: out.digest}


def _writers(
    archive: Archive, settings: Settings, rows: Sequence[EntryRow]
) -> list[tuple[str, Callable[[Writer], None]]]:
    """Return each download's path with the function that writes it."""
    vocabulary = archive.vocabulary
    # The entries themselves are written from their rows.
    entries = {
        field.name: field.value(archive, settings)
        for field in ENTRIES_FILE_FIELDS
        if field.name != "entries"
    }
    periods = values_of(PERIODS_FILE_FIELDS, archive, settings)
    authorities = values_of(AUTHORITIES_FILE_FIELDS, archive, settings)
    schemas = {
        "data/authorities.schema.json": ("Authorities", AUTHORITIES_FILE_FIELDS),
        "data/entries.schema.json": ("Entries", ENTRIES_FILE_FIELDS),
        "data/status-periods.schema.json": ("Status periods", PERIODS_FILE_FIELDS),
    }
    return [
        ("data/authorities.json", functools.partial(_json, authorities)),
        (
            "data/entries.json",
            functools.partial(_json, entries, dumped={"entries": [row.json for row in rows]}),
        ),
        # The CSV files show the same records as entries.json, a row each.
        ("data/entries.csv", functools.partial(_csv_lines, ENTRY_FIELDS, [r.csv for r in rows])),
        (
            "data/status-periods.csv",
            functools.partial(_csv, PERIOD_FIELDS, periods["status_periods"]),
        ),
        ("data/status-periods.json", functools.partial(_json, periods)),
        *(
            (
                path,
                functools.partial(_json, build_schema(path, title, fields, vocabulary, settings)),
            )
            for path, (title, fields) in schemas.items()
        ),
    ]
