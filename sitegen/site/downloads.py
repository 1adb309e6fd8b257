"""The open data: the record as JSON and CSV downloads, with a JSON Schema for each JSON file.

What each file holds is defined in datatables.py; this module writes the files: into the
output as they are made, so a large record's downloads are never held in memory.
"""

from __future__ import annotations

import csv
import functools
import io
import zlib
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol

import orjson

from sitegen.model.records import Entry
from sitegen.model.timelines import Archive
from sitegen.settings import Settings
from sitegen.site import archives
from sitegen.site.archives import Compress, Pieces, Span, deflate, zip_archive
from sitegen.site.datafields import Field, values_of
from sitegen.site.datafiles import (
    ARCHIVE_PATH,
    AUTHORITIES_FILE_FIELDS,
    ENTRIES_FILE_FIELDS,
    PERIODS_FILE_FIELDS,
    every_period,
)
from sitegen.site.dataschemas import build_schema
from sitegen.site.datatables import ENTRY_FIELDS, PERIOD_FIELDS

# The two downloads with a row for every entry, written a run of entries at a time.
ENTRIES_JSON, ENTRIES_CSV = "data/entries.json", "data/entries.csv"
ENTRY_FILES = (ENTRIES_JSON, ENTRIES_CSV)
# An entry whose id's CRC-32 has these bits all zero ends a run: about one entry in 32.
RUN_END = 0b11111


class Writer(archives.Writer, Protocol):
    """One file being written, as archives.Writer; its digest is known at the end."""

    digest: str


class Output(Protocol):
    """Where the downloads go as they are made (the build's store of output files)."""

    def writing(self) -> AbstractContextManager[Writer]: ...


def _dump(value: Any, indent: bytes) -> bytes:
    """Return a value as indented JSON, its lines after the first indented by `indent`."""
    text = orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS)
    # A JSON text holds no raw line breaks but those of its indentation.
    return text.replace(b"\n", b"\n" + indent) if b"\n" in text else text


def _json(
    document: dict[str, Any], out: Pieces, runs: Mapping[str, Sequence[Run]] | None = None
) -> list[int]:
    """Write the same bytes as json.dumps(document, ensure_ascii=False, indent=2,
    sort_keys=True) and a line break, a list item at a time; `runs` holds lists of the
    document whose items are already written as JSON, a run of them at a time (run_bytes).
    Return where each run begins in the file.

    orjson is some seven times as fast as json.dumps; written an item at a time, a large
    file is never held in memory whole.
    """
    runs = runs or {}
    starts: list[int] = []
    out.write(b"{")
    for index, key in enumerate(sorted(document.keys() | runs.keys())):
        out.write(b"," if index else b"")
        out.write(b"\n  " + orjson.dumps(key) + b": ")
        if key in runs:
            starts += _runs(runs[key], out) if runs[key] else []
            out.write(b"\n  ]" if runs[key] else b"[]")
            continue
        value = document[key]
        if isinstance(value, list | tuple) and value:
            for position, item in enumerate(value):
                out.write(b",\n    " if position else b"[\n    ")
                out.write(_dump(item, b"    "))
            out.write(b"\n  ]")
        else:
            out.write(_dump(value, b"  "))
    out.write(b"\n}\n" if document or runs else b"}\n")
    return starts


def _runs(runs: Sequence[Run], out: Pieces) -> list[int]:
    """Write runs of rows, each a piece of its own; return where each begins."""
    starts = []
    for run in runs:
        starts.append(out.position)
        if run.span is not None:
            out.copy(run.span)
        else:
            out.whole(run.data or b"", run.compressed)
    return starts


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


def _csv_runs(fields: Sequence[Field], runs: Sequence[Run], out: Pieces) -> list[int]:
    """Write CSV of rows already written (as entry_row writes one), under its header, a run
    of rows at a time (run_bytes); return where each run begins in the file."""
    _csv(fields, [], out)
    return _runs(runs, out)


@dataclass(frozen=True)
class EntryRow:
    """One entry's part of the downloads: its item of entries.json (indented as it is
    there) and its line of entries.csv."""

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


@dataclass(frozen=True)
class Run:
    """Consecutive entries' rows in one of the entries' downloads (entry_runs): made now
    (run_bytes; compressed too, if so), or the span of an earlier build's file to copy."""

    data: bytes | None = None
    compressed: bytes | None = None
    span: Span | None = None

    @property
    def size(self) -> int:
        return self.span.size if self.span is not None else len(self.data or b"")


def entry_runs(entries: Sequence[Entry]) -> list[Sequence[Entry]]:
    """Split entries, in their order, into runs, each ended by an entry that its id alone
    chooses: an edit to an entry changes the run it is in (moved, the one it joins too),
    however many entries come before it, and no other run."""
    runs: list[Sequence[Entry]] = []
    start = 0
    for end, entry in enumerate(entries, start=1):
        if zlib.crc32(entry.id.encode("utf-8")) & RUN_END == 0:
            runs.append(entries[start:end])
            start = end
    return [*runs, entries[start:]] if start < len(entries) else runs


def run_bytes(path: str, rows: Sequence[EntryRow], first: bool) -> bytes:
    """Return a run's part of one of the entries' downloads (ENTRY_FILES), from its
    entries' rows; `first` if the file's list of entries begins with it."""
    if path == ENTRIES_CSV:
        return b"".join(row.csv for row in rows)
    return b"".join(
        (b"[\n    " if first and number == 0 else b",\n    ") + row.json
        for number, row in enumerate(rows)
    )


def made_runs(entries: Sequence[Entry], settings: Settings) -> dict[str, list[Run]]:
    """Return the runs of each of the entries' downloads, every one made now."""
    runs = [[entry_row(entry, settings) for entry in run] for run in entry_runs(entries)]
    return {
        path: [Run(run_bytes(path, rows, n == 0)) for n, rows in enumerate(runs)]
        for path in ENTRY_FILES
    }


@dataclass(frozen=True)
class Downloads:
    """The files of /data/ as written: each file's digest by path, and where each run of
    the entries' downloads begins in its file."""

    digests: dict[str, str]
    starts: dict[str, list[int]]


def render_downloads(
    archive: Archive,
    settings: Settings,
    output: Output,
    runs: Mapping[str, Sequence[Run]] | None = None,
    compress: Compress = deflate,
) -> Downloads:
    """Write every file of /data/ but its page: the JSON, the CSV, the schemas, the ZIP.
    `runs` are the entries' downloads' runs by path, where already made (else made here);
    `compress` compresses a piece of the ZIP (and may reuse an earlier build's: archives.py).

    Each file is written into the output as it is made, and compressed for the ZIP as it
    is written, so a large record's downloads are never held in memory whole.
    """
    if runs is None:
        runs = made_runs(archive.entries, settings)
    digests, starts, members = {}, {}, []
    for path, write in _writers(archive, settings, runs):
        with output.writing() as out:
            pieces = Pieces(out, path.removeprefix("data/"), compress)
            begun = write(pieces)
            members.append(pieces.finish())
        digests[path] = out.digest
        if path in runs:
            starts[path] = begun
    with output.writing() as out:
        out.write(zip_archive(sorted(members, key=lambda member: member.name)))
    return Downloads({**digests, ARCHIVE_PATH: out.digest}, starts)


def _writers(
    archive: Archive, settings: Settings, runs: Mapping[str, Sequence[Run]]
) -> list[tuple[str, Callable[[Pieces], Any]]]:
    """Return each download's path with the function that writes it."""
    vocabulary = archive.vocabulary
    # The entries themselves are written from their runs of rows.
    entries = {
        field.name: field.value(archive, settings)
        for field in ENTRIES_FILE_FIELDS
        if field.name != "entries"
    }
    # status-periods.json's periods are those of entries.json's statuses: made once.
    made = {"status_periods": every_period(entries["statuses"])}
    periods = {
        f.name: made[f.name] if f.name in made else f.value(archive, settings)
        for f in PERIODS_FILE_FIELDS
    }
    authorities = values_of(AUTHORITIES_FILE_FIELDS, archive, settings)
    schemas = {
        "data/authorities.schema.json": ("Authorities", AUTHORITIES_FILE_FIELDS),
        "data/entries.schema.json": ("Entries", ENTRIES_FILE_FIELDS),
        "data/status-periods.schema.json": ("Status periods", PERIODS_FILE_FIELDS),
    }
    return [
        ("data/authorities.json", functools.partial(_json, authorities)),
        (ENTRIES_JSON, functools.partial(_json, entries, runs={"entries": runs[ENTRIES_JSON]})),
        # The CSV files show the same records as entries.json, a row each.
        (ENTRIES_CSV, functools.partial(_csv_runs, ENTRY_FIELDS, runs[ENTRIES_CSV])),
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
