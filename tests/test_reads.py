"""A record file whose stat is as the last build read it is not read again (reading.py):
each way a file can change gets it read anew, a file changed just before a read is not
trusted by the next one, and a file that changes after its stat was trusted stops the build
instead of being published as it was."""

from __future__ import annotations

import os
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from cacheproject import ENTRY, OTHER, Project, files_of
from conftest import GOLDEN_CONTENT

from sitegen.cache import reads, tables
from sitegen.cache.folder import BuildCache
from sitegen.content import reading
from sitegen.content.parsing import TextFile
from sitegen.content.problems import ContentError, Problem
from sitegen.content.reading import ChangedFileError, KnownFile, read_content

EDITED = f"content/inspections/{ENTRY}.md"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    shutil.copytree(GOLDEN_CONTENT, tmp_path / "content")
    return tmp_path / "content"


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read as if the files had been written long before (reading.SETTLED_NS)."""
    monkeypatch.setattr(reading, "SETTLED_NS", 0)


def entry(files: reading.ContentFiles) -> TextFile | KnownFile:
    return next(file for file in files.entries if file.path == EDITED)


def same_size_edit(path: Path) -> None:
    """Change a word, keep the size, and set the modification time back."""
    before = os.stat(path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("found", "noted", 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def replaced_by_a_copy(path: Path) -> None:
    """Put a new file in its place with the same size and times (another inode)."""
    copy = path.with_name("copy")
    shutil.copy2(path, copy)
    copy.write_text(path.read_text(encoding="utf-8").replace("found", "noted", 1))
    shutil.copystat(path, copy)
    os.replace(copy, path)


def appended_to(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "A sentence more.\n", encoding="utf-8")


@pytest.mark.unit
def test_a_file_whose_stat_is_unchanged_is_not_read_again(content: Path, settled: None) -> None:
    first = read_content(content)
    again = read_content(content, first.found)
    known = entry(again)
    assert isinstance(known, KnownFile)
    assert known.digest == entry(first).digest
    # Its text, if a check asks for it, is the file's.
    assert known.text == (content.parent / EDITED).read_text(encoding="utf-8")
    assert known.name == f"{ENTRY}.md" and known.stem == ENTRY
    # And it is trusted again by the read after.
    assert EDITED in again.settled


@pytest.mark.unit
@pytest.mark.parametrize(
    "change",
    [same_size_edit, replaced_by_a_copy, appended_to],
    ids=["same size, time set back", "replaced by a copy", "appended to"],
)
def test_a_changed_file_is_read_again(
    content: Path, settled: None, change: Callable[[Path], None]
) -> None:
    first = read_content(content)
    change(content.parent / EDITED)
    again = read_content(content, first.found)
    read = entry(again)
    assert isinstance(read, TextFile)
    assert read.text == (content.parent / EDITED).read_text(encoding="utf-8")
    assert read.digest != entry(first).digest


@pytest.mark.unit
def test_a_file_changed_just_before_a_read_is_not_trusted_by_the_next(content: Path) -> None:
    # The files were written a moment ago: within the time a second write could leave a
    # stat as the first left it.
    first = read_content(content)
    assert first.settled == {}
    again = read_content(content, first.found)
    assert not any(isinstance(file, KnownFile) for file in again.entries)


@pytest.mark.unit
def test_a_trusted_file_that_then_changes_stops_the_build(content: Path, settled: None) -> None:
    first = read_content(content)
    known = entry(read_content(content, first.found))
    assert isinstance(known, KnownFile)
    appended_to(content.parent / EDITED)
    with pytest.raises(ContentError) as raised:
        _ = known.text
    assert [str(problem) for problem in raised.value.problems] == [
        f"{EDITED}:1: file: changed while the site was being built (build again)"
    ]


@pytest.mark.site
@pytest.mark.parametrize("change", [same_size_edit, replaced_by_a_copy], ids=["edit", "copy"])
def test_an_edit_that_keeps_the_size_and_time_is_published(
    project: Project, change: Callable[[Path], None]
) -> None:
    # The project fixture builds once, trusting every settled file's stat.
    change(project.root / EDITED)
    project.build()
    assert files_of(project.paths.site) == files_of(project.build_cold())


@pytest.mark.unit
def test_the_stop_reaches_the_build_from_a_worker_process() -> None:
    # A record's check may run in a forked worker, which sends what it raised back pickled.
    error = ChangedFileError([Problem(EDITED, 1, "file", "changed while the site was built")])
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is ChangedFileError
    assert again.problems == error.problems and str(again) == str(error)


@pytest.mark.site
def test_a_file_whose_text_is_not_what_the_last_build_read_stops_the_build(
    project: Project,
) -> None:
    # As if the file had changed after its stat was taken: the record of the last read
    # gives it a digest its bytes do not have, so the record is checked from its text.
    cache = BuildCache(project.paths.cache)
    assert cache.folder is not None
    found = dict(reads.seen(cache))
    stat, _ = found[EDITED]
    found[EDITED] = (stat, "0" * 64)
    tables.save(cache.folder, reads.READS, cache.key, reads.ReadsFile(found))
    before = files_of(project.paths.site)
    # And another record edited, so that there is something to build.
    appended_to(project.root / f"content/inspections/{OTHER}.md")
    with pytest.raises(ContentError) as raised:
        project.build()
    assert [str(problem) for problem in raised.value.problems] == [
        f"{EDITED}:1: file: changed while the site was being built (build again)"
    ]
    assert files_of(project.paths.site) == before
    # Built again, every file is read whole, and the site is as a build without a cache makes.
    project.build()
    assert files_of(project.paths.site) == files_of(project.build_cold())
