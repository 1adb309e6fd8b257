"""Reading the content folder from disk: with history.py (the days from git), the generator's
only input side.

A record file whose stat is as an earlier read recorded it, with its digest, is not read
again (a KnownFile): its text is read only if asked for. The stat holds the change time,
which every write moves and no one can set back, so an equal stat means the same bytes, as
git's index takes it; a file changed within SETTLED_NS of a read is not trusted by the next
one, as a second write within the file system's clock tick could leave its stat as it was.
"""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.content.parsing import Named, TextFile
from sitegen.content.problems import ContentError, Problem
from sitegen.content.schema import (
    ABOUT,
    ABOUT_WELSH,
    AUTHORITIES,
    ENTRIES,
    VOCABULARY,
    WELSH_SUFFIX,
)

# No record needs more; a larger file is a mistake or an attack, and is refused unread.
MAX_FILE_BYTES = 256 * 1024
# A record file's stat as a read compares it: its device, inode, size, and modification and
# change times.
FileStat = tuple[int, int, int, int, int]
# How long before a read a file must have last changed for its stat to be trusted later.
SETTLED_NS = 2_000_000_000


class ChangedFileError(ContentError):
    """A record file taken as read by its stat did not hold the bytes recorded with it:
    it changed while the site was being built. The build stops; the next reads it anew."""


@dataclass(frozen=True)
class KnownFile(Named):
    """A record file as an earlier read found it: its stat is as that read recorded, so its
    digest is too. Its text is read only when asked for (by a check that no earlier build
    made of it), and must then still have that digest."""

    path: str
    digest: str
    # Where it is on disk.
    location: str

    @functools.cached_property
    def text(self) -> str:
        read = _read_text(Path(self.location), self.path)
        if isinstance(read, Problem) or read.digest != self.digest:
            problem = "changed while the site was being built (build again)"
            raise ChangedFileError([Problem(self.path, 1, "file", problem)])
        return read.text


RecordFile = TextFile | KnownFile
# What an earlier read found of each record file, by path: its stat and its digest.
Seen = Mapping[str, tuple[FileStat, str]]


@dataclass(frozen=True)
class Listing:
    """The paths of the record files read: what the completeness check counts against."""

    authorities: tuple[str, ...]
    entries: tuple[str, ...]


@dataclass(frozen=True)
class ContentFiles:
    """The text of every content file, and the problems met while reading them."""

    vocabulary: TextFile | None
    about: TextFile | None
    authorities: tuple[RecordFile, ...]
    entries: tuple[RecordFile, ...]
    problems: tuple[Problem, ...]
    # The entries' Welsh texts, each in a file beside its entry's.
    welsh: tuple[RecordFile, ...] = ()
    about_welsh: TextFile | None = None
    # The stat of each record file read whole that had settled before the read (SETTLED_NS),
    # taken before it was read: what a later read may trust, by path.
    settled: dict[str, FileStat] = field(default_factory=dict)

    @property
    def listing(self) -> Listing:
        """Return the paths of the record files, without their text."""
        return Listing(
            tuple(file.path for file in self.authorities),
            tuple(file.path for file in self.entries),
        )

    @functools.cached_property
    def digests(self) -> dict[str, str]:
        """Return each record file's digest, by path."""
        return {file.path: file.digest for file in (*self.authorities, *self.entries, *self.welsh)}

    @property
    def found(self) -> dict[str, tuple[FileStat, str]]:
        """Return what a later read may take as read (its seen): the stat and digest of
        each record file that had settled, by path."""
        return {path: (stat, self.digests[path]) for path, stat in self.settled.items()}


def _read_text(path: Path | os.DirEntry[str], shown: str) -> TextFile | Problem:
    # A folder listing's entries know whether they are links or folders without a look-up.
    if path.is_symlink():
        return Problem(shown, 1, "file", "is a symbolic link (commit the file itself)")
    if path.is_dir():
        return Problem(
            shown,
            1,
            "file",
            "is a folder (records go directly in the folder above; move its files up)",
        )
    with open(path, "rb") as file:
        raw = file.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        size = os.stat(path).st_size
        return Problem(
            shown,
            1,
            "file",
            f"is {size} bytes (at most {MAX_FILE_BYTES}; a record "
            "is a short summary with its sources)",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return Problem(shown, line, "file", "is not UTF-8 text (save it as UTF-8)")
    if "\0" in text:
        line = text[: text.index("\0")].count("\n") + 1
        return Problem(
            shown, line, "file", "contains a NUL character (save it as plain UTF-8 text)"
        )
    return TextFile(shown, text.replace("\r\n", "\n").replace("\r", "\n"))


def _stat_of(item: os.DirEntry[str]) -> FileStat | None:
    """Return a plain file's stat (None for a link or a folder, which are refused)."""
    if item.is_symlink() or item.is_dir():
        return None
    try:
        found = item.stat(follow_symlinks=False)
    except OSError:
        return None
    return (found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns)


@dataclass
class _Reading:
    """One read of a content folder: the problems met, what an earlier read found, the
    stats a later read may trust, and the time before which a change counts as settled."""

    problems: list[Problem]
    seen: Seen
    settled: dict[str, FileStat]
    cutoff: int

    def folder(self, root: Path, folder: str) -> tuple[RecordFile, ...]:
        directory = root / folder
        if not directory.is_dir():
            self.problems.append(Problem(f"{root.name}/{folder}", 1, "folder", "is missing"))
            return ()
        files: list[RecordFile] = []
        with os.scandir(directory) as listing:
            items = sorted(listing, key=lambda item: item.name)
        for item in items:
            shown = f"{root.name}/{folder}/{item.name}"
            # Taken before the file is read: a write after it changes the file's stat.
            found = _stat_of(item)
            earlier = self.seen.get(shown)
            read: RecordFile | Problem
            if found is not None and earlier is not None and earlier[0] == found:
                read = KnownFile(shown, earlier[1], item.path)
            else:
                read = _read_text(item, shown)
            if isinstance(read, Problem):
                self.problems.append(read)
                continue
            files.append(read)
            if found is not None and max(found[3], found[4]) < self.cutoff:
                self.settled[shown] = found
        return tuple(files)


def read_content(root: Path, seen: Seen | None = None) -> ContentFiles:
    """Read the vocabulary, authority and entry files under a content folder; a record file
    that an earlier read saw (seen) with the stat it has now is not read again."""
    problems: list[Problem] = []
    reading = _Reading(problems, seen or {}, {}, time.time_ns() - SETTLED_NS)
    vocabulary = _read_required(root, VOCABULARY, problems)
    about = _read_required(root, ABOUT, problems)
    authorities = reading.folder(root, AUTHORITIES)
    files = reading.folder(root, ENTRIES)
    entries = tuple(file for file in files if not file.name.endswith(WELSH_SUFFIX))
    welsh = tuple(file for file in files if file.name.endswith(WELSH_SUFFIX))
    about_welsh = None
    if (root / ABOUT_WELSH).exists() or (root / ABOUT_WELSH).is_symlink():
        about_welsh = _read_required(root, ABOUT_WELSH, problems)
    return ContentFiles(
        vocabulary,
        about,
        authorities,
        entries,
        tuple(problems),
        welsh,
        about_welsh,
        reading.settled,
    )


def _read_required(root: Path, name: str, problems: list[Problem]) -> TextFile | None:
    path, shown = root / name, f"{root.name}/{name}"
    if not path.exists() and not path.is_symlink():
        problems.append(Problem(shown, 1, "file", "is missing"))
        return None
    read = _read_text(path, shown)
    if isinstance(read, Problem):
        problems.append(read)
        return None
    return read


def read_tree(root: Path) -> dict[str, bytes]:
    """Return every file under a folder (templates, static assets) by its relative path."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }
