"""The entries' downloads after an edit: made again a run of entries at a time, the rest
copied from the last build's files, and the same bytes as a build without a cache.

The golden fixture has too few entries for more than one run, so these build a synthetic
record of the benchmark's (bench/corpus.py) large enough for several.
"""

from __future__ import annotations

import dataclasses
import io
import shutil
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from cacheproject import files_of, stored_path
from conftest import ROOT, TODAY

from sitegen import pipeline
from sitegen.model.records import Entry
from sitegen.settings import Settings
from sitegen.site import downloads
from sitegen.site.datafiles import ARCHIVE_PATH

sys.path.insert(0, str(ROOT / "bench"))
from corpus import write_corpus

pytestmark = pytest.mark.site

ENTRIES = 90


@dataclasses.dataclass
class Record:
    """A synthetic record built with a cache, and what its builds made of the entries' rows."""

    paths: pipeline.Paths
    made_rows: list[str]

    @property
    def content(self) -> Path:
        return self.paths.content

    def build(self) -> None:
        self.made_rows.clear()
        pipeline.build(self.paths, Settings(today=TODAY))

    def build_cold(self) -> dict[str, bytes]:
        """Build the same content without a cache; return its downloads."""
        cold = self.paths.site.with_name("cold")
        shutil.rmtree(cold, ignore_errors=True)
        paths = dataclasses.replace(self.paths, site=cold, cache=None)
        pipeline.build(paths, Settings(today=TODAY))
        return data_files(cold)

    def entries(self) -> list[Entry]:
        return list(pipeline.validate(self.content, TODAY).entries)

    def entry_file(self, entry: Entry) -> Path:
        return self.content / "inspections" / Path(entry.path).name


def data_files(site: Path) -> dict[str, bytes]:
    return {path: data for path, data in files_of(site).items() if path.startswith("data/")}


@pytest.fixture
def record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Record:
    write_corpus(tmp_path / "content", entries=ENTRIES, authorities=5, seed=1)
    paths = pipeline.Paths.under(ROOT, content=tmp_path / "content", site=tmp_path / "site")
    made: list[str] = []
    entry_row = downloads.entry_row

    def counted(entry: Entry, settings: Settings) -> downloads.EntryRow:
        made.append(entry.id)
        return entry_row(entry, settings)

    monkeypatch.setattr(downloads, "entry_row", counted)
    built = Record(paths, made)
    built.build()
    assert sorted(made) == sorted(entry.id for entry in built.entries())
    # The fixture is of use only if its entries make several runs.
    assert len(downloads.entry_runs(built.entries())) >= 3
    return built


def middle_run(record: Record) -> list[Entry]:
    runs = downloads.entry_runs(record.entries())
    return list(runs[len(runs) // 2])


def test_an_edited_entry_makes_again_only_the_rows_of_its_run(record: Record) -> None:
    run = middle_run(record)
    edited = record.entry_file(run[0])
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA sentence added.\n")
    record.build()
    assert sorted(record.made_rows) == sorted(entry.id for entry in run)
    assert data_files(record.paths.site) == record.build_cold()


def _copy_to_day(record: Record, entry: Entry, day: str) -> Path:
    """Write a copy of an entry on another day, with no fieldwork (which may not come after
    it), named by its day as an entry's file must be; return the copy's file."""
    path = record.entry_file(entry)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(("date:", "fieldwork:"))]
    copy = path.with_name(day + path.name.removeprefix(str(entry.date)))
    copy.write_text("".join([kept[0], f'date: "{day}"\n', *kept[1:]]), encoding="utf-8")
    return copy


def _redate(record: Record) -> None:
    """Move the middle run's first entry to the day of the last entry, in the last run."""
    entry = middle_run(record)[0]
    _copy_to_day(record, entry, str(record.entries()[-1].date))
    record.entry_file(entry).unlink()


def _delete_a_run_end(record: Record) -> None:
    """Delete the entry that ends the middle run, so that it runs into the next."""
    record.entry_file(middle_run(record)[-1]).unlink()


def _add(record: Record) -> None:
    """Add an entry before every other, so that every run after it is at a new offset."""
    _copy_to_day(record, record.entries()[0], "1999-12-31")


def _lose_the_stored_files(record: Record) -> None:
    """Remove the stored entries' downloads the runs would be copied from."""
    assert record.paths.cache is not None
    for name in downloads.ENTRY_FILES:
        stored_path(record.paths.cache, record.paths.site / name).unlink()
    run = middle_run(record)
    edited = record.entry_file(run[0])
    edited.write_text(edited.read_text(encoding="utf-8") + "\nAnother sentence.\n")


EDITS: dict[str, Callable[[Record], None]] = {
    "an entry moved in time": _redate,
    "the entry that ends a run deleted": _delete_a_run_end,
    "an entry added before all": _add,
    "the files runs are copied from gone": _lose_the_stored_files,
}


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_after_an_edit_the_downloads_are_those_of_a_build_without_a_cache(
    record: Record, edit: Callable[[Record], None]
) -> None:
    edit(record)
    record.build()
    assert record.made_rows, "the edit made some rows again"
    cached = data_files(record.paths.site)
    assert cached == record.build_cold()
    archive = zipfile.ZipFile(io.BytesIO(cached[ARCHIVE_PATH]))
    assert archive.testzip() is None
    for name in downloads.ENTRY_FILES:
        assert archive.read(name.removeprefix("data/")) == cached[name]
