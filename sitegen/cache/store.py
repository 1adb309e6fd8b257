"""The build's output files, each kept once under the SHA-256 of its bytes.

Every file the build makes goes into the store first; the site is then assembled from it
with hard links, so a file that has not changed since the last build is neither rendered
nor written again, only linked.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sitegen.site.facts import PageFacts, read_facts

# Readable by all, as a web server serving the site needs; written by none, because the
# site's files are hard links to these: a file edited in site/ would change the store too.
FILE_MODE = 0o444


def digest_of(data: bytes) -> str:
    """Return the name the store gives to these bytes."""
    return hashlib.sha256(data).hexdigest()


class ObjectStore:
    """A folder of files named by their content's digest (objects/ab/cdef...)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, digest: str) -> Path:
        return self.folder / digest[:2] / digest[2:]

    def put(self, data: bytes) -> str:
        """Store bytes (once) and return their digest; safe from several processes at once."""
        digest = digest_of(data)
        if not self.has(digest):
            with self.writing() as out:
                out.write(data)
        return digest

    @contextmanager
    def writing(self) -> Iterator[Writer]:
        """Yield a file to write one output into, piece by piece; on leaving the block, the
        file is stored under its digest (writer.digest), and never held whole in memory."""
        partial_folder = self.folder / "partial"
        partial_folder.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=partial_folder, suffix=".partial")
        os.fchmod(handle, FILE_MODE)
        try:
            with os.fdopen(handle, "wb") as file:
                writer = Writer(file)
                yield writer
            writer.digest = writer.hasher.hexdigest()
            target = self.path(writer.digest)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(name, target)
        finally:
            if os.path.exists(name):
                os.unlink(name)

    def has(self, digest: str) -> bool:
        return self.path(digest).is_file()

    def link(self, digest: str, target: Path) -> None:
        """Make target the stored file, by a hard link, or a copy where links cannot be made."""
        source = self.path(digest)
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)

    def keep_only(self, digests: Iterable[str]) -> None:
        """Delete every stored file but these (and any partial write left by a killed build)."""
        kept = set(digests)
        if not self.folder.is_dir():
            return
        with os.scandir(self.folder) as folders:
            for folder in folders:
                if not folder.is_dir(follow_symlinks=False):
                    continue
                with os.scandir(folder.path) as files:
                    for file in files:
                        if folder.name + file.name not in kept:
                            os.unlink(file.path)


class Writer:
    """A file being written into the store: what is written is hashed as it goes."""

    def __init__(self, file: BinaryIO) -> None:
        self.file = file
        self.hasher = hashlib.sha256()
        self.digest = ""

    def write(self, data: bytes) -> None:
        self.hasher.update(data)
        self.file.write(data)


@dataclass(frozen=True)
class StoredFile:
    """A file of the site as the checks and the writer see it: its digest, and its facts."""

    digest: str
    facts: PageFacts | None


def store_file(store: ObjectStore, path: str, data: bytes) -> StoredFile:
    """Put one output file in the store; read its facts if it is an HTML page."""
    return StoredFile(store.put(data), read_facts(data) if path.endswith(".html") else None)


def store_files(store: ObjectStore, files: Mapping[str, bytes]) -> dict[str, StoredFile]:
    """Put output files in the store; return them by path."""
    return {path: store_file(store, path, data) for path, data in files.items()}


def stored_as_written(digests: Mapping[str, str]) -> dict[str, StoredFile]:
    """Return files written straight into the store (none an HTML page), by path."""
    return {path: StoredFile(digest, None) for path, digest in digests.items()}
