"""The build's output files, each kept once under the SHA-256 of its bytes.

Every file the build makes goes into the store first; the site is then assembled from it
by copies (copy-on-write where the file system can), so a file that has not changed since
the last build is not rendered again, and a write to a file of the site never reaches the
store. A stored file is used only while it is as it was written: its stat, recorded then,
is compared first, and a file whose stat has changed is read and hashed again, and deleted
if its bytes are not those its name says.

A build that finds an earlier build's results need not look at each of their files then:
known() takes a file whose stat an earlier build recorded on trust, and the file is
checked only when it is used (copied into the site, or read by the indexer), which after
an edit is a few files of the hundred thousand. One found damaged then stops the build
with DamagedStoreError, and the build is made again with a store that trusts nothing.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from sitegen.cache.disk import Stat, copy_file, hash_file, make_folder, remove, stat_of
from sitegen.cache.files import StoredFile
from sitegen.site.facts import read_facts

# Written by none, so that a slip is refused; a write that gets through is caught anyway.
FILE_MODE = 0o444
_DIGEST = re.compile(r"[0-9a-f]{64}")
# The folder of the store's partial writes, each stored under its digest once complete.
PARTIAL = "partial"


class DamagedStoreError(Exception):
    """A stored file taken on trust (ObjectStore.known) is not as written: the build that
    used it is to be made again with every stored file checked before it is reused."""

    def __init__(self, digest: str) -> None:
        super().__init__(f"the stored file {digest} is not as it was written")
        self.digest = digest


def digest_of(data: bytes) -> str:
    """Return the name the store gives to these bytes."""
    return hashlib.sha256(data).hexdigest()


class ObjectStore:
    """A folder of files named by their content's digest (objects/ab/cdef...).

    stats holds each file's stat as recorded when it was written or last checked; the
    cache keeps it between builds (a file written by a forked worker has its stat
    recorded when the build is saved, by recorded()). With trusting, known() takes a
    recorded file on trust until it is used; without, it checks the file at once, as has().
    """

    def __init__(
        self, folder: Path, stats: dict[str, Stat] | None = None, *, trusting: bool = False
    ) -> None:
        self.folder = folder
        self.root = os.fspath(folder)
        self.stats: dict[str, Stat] = stats if stats is not None else {}
        self.trusting = trusting
        # Files taken on trust by known() and not checked since.
        self._unchecked: set[str] = set()
        # The store's folders this process has made or found (keep_only empties partial/).
        self._folders: set[str] = set()

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
        handle, name = tempfile.mkstemp(dir=self.scratch(), suffix=".partial")
        os.fchmod(handle, FILE_MODE)
        try:
            with os.fdopen(handle, "wb") as file:
                writer = Writer(file)
                yield writer
            writer.digest = writer.hasher.hexdigest()
            target = self._name(writer.digest)
            self._make_folder(writer.digest[:2])
            try:
                os.replace(name, target)
            except IsADirectoryError:
                # A folder in the file's place, which another process may be removing too.
                aside = self._moved_aside(target)
                if aside is not None:
                    remove(aside)
                os.replace(name, target)
        except BaseException:
            remove(name)
            raise
        written = stat_of(target)
        if written is not None:
            self.stats[writer.digest] = written

    def _make_folder(self, name: str) -> None:
        """Make a folder of the store ("" for the store's own, its partial writes', or one
        of two hex digits), looking for it only the first time this process asks."""
        if name not in self._folders:
            make_folder(self.folder / name)
            self._folders.add(name)

    def scratch(self) -> Path:
        """Return a folder for a stage's work files, beside the store (a stage's files are
        read back and stored when it is done); a killed build's leftovers in it are removed
        when the cache is next saved (keep_only)."""
        self._make_folder("")
        self._make_folder(PARTIAL)
        return self.folder / PARTIAL

    def _name(self, digest: str) -> str:
        """Return path() as a string, made without pathlib or os.path.join: it is asked for
        every file."""
        return f"{self.root}/{digest[:2]}/{digest[2:]}"

    def has(self, digest: str) -> bool:
        """Say whether the store holds these bytes, as written: a file whose stat is not
        the one recorded is hashed again, and deleted if it has other bytes."""
        path = self._name(digest)
        found = stat_of(path)
        if found is not None and self.stats.get(digest) == found:
            return True
        self.stats.pop(digest, None)
        if found is None:
            # Nothing to remove: the put that follows writes over a folder or link in the
            # file's place, and another process may be storing these bytes at this moment.
            return False
        try:
            hashed, found = hash_file(path)
        except OSError:  # another process removed it since the look
            return False
        if hashed == digest:
            self.stats[digest] = found
            return True
        self._remove_damaged(digest, found)
        return False

    def _remove_damaged(self, digest: str, found: Stat) -> None:
        """Delete the file hashed (found) and found to hold other bytes than its name says,
        and not the one another process may have stored in its place since: it is moved
        aside first, and put back if it proves not to be the file hashed (its size, inode
        and modification time; a rename moves the change time)."""
        aside = self._moved_aside(self._name(digest))
        if aside is None:
            return
        moved = stat_of(aside)
        if moved is not None and moved[:3] != found[:3]:
            os.replace(aside, self._name(digest))
        else:
            remove(aside)

    def _moved_aside(self, path: str) -> str | None:
        """Move what is at a path of the store into its folder of partial writes, under a
        name of this process's; return that name, or None if nothing was there."""
        aside = f"{self.scratch()}/{os.path.basename(path)}.{os.getpid()}.aside"
        try:
            os.rename(path, aside)
        except FileNotFoundError:
            return None
        except OSError:  # not in the store's file system (a folder of it is a link)
            remove(path)
            return None
        return aside

    def known(self, digest: str) -> bool:
        """Say whether the store holds these bytes, as has() does, but take a file whose
        stat is recorded on trust until it is used: copy() and checked_path() check it then,
        and raise DamagedStoreError if it is not as written."""
        if self.trusting and digest in self.stats:
            self._unchecked.add(digest)
            return True
        return self.has(digest)

    def checked_path(self, digest: str) -> Path:
        """Return a stored file's path, for reading it: first checked, if known() took it on
        trust; raise DamagedStoreError if it is not as written (a file with other bytes is
        deleted then)."""
        if digest in self._unchecked:
            self._unchecked.discard(digest)
            if not self.has(digest):
                raise DamagedStoreError(digest)
        return self.path(digest)

    def copy(self, digest: str, target: str | Path) -> None:
        """Make target a copy of the stored file (checked first, as checked_path())."""
        if digest in self._unchecked:
            self.checked_path(digest)
        copy_file(self._name(digest), target)

    def recorded(self, digests: Iterable[str]) -> dict[str, Stat]:
        """Return the recorded stat of each of these files, recording it now where this
        process did not write or check the file itself (a forked worker did)."""
        result = {}
        for digest in digests:
            found = self.stats.get(digest) or stat_of(self._name(digest))
            if found is not None:
                result[digest] = found
        return result

    def keep_only(self, digests: Iterable[str], *, known_only: bool = False) -> None:
        """Delete every stored file but these (and any partial write left by a killed build).

        Only what the store itself names is deleted: folders of two hex digits and files
        named by the rest of a digest, and partial writes. With known_only, only the files
        whose stat the store holds are looked at (those the last save kept, and those this
        process wrote or checked; what forked workers wrote is among the digests kept, as
        each is a result the build used): enough when the store held nothing else when
        the build began (swept()), and far less than a look at every file.
        """
        kept = set(digests)
        if not self.folder.is_dir() or self.folder.is_symlink():
            return
        shutil.rmtree(self.folder / PARTIAL, ignore_errors=True)
        self._folders.discard(PARTIAL)
        if known_only:
            for digest in self.stats.keys() - kept:
                remove(self._name(digest))
        else:
            with os.scandir(self.folder) as folders:
                for folder in folders:
                    if len(folder.name) != 2 or not folder.is_dir(follow_symlinks=False):
                        continue
                    with os.scandir(folder.path) as files:
                        for file in files:
                            name = folder.name + file.name
                            if _DIGEST.fullmatch(name) and name not in kept:
                                remove(file.path)
        self.stats = {digest: found for digest, found in self.stats.items() if digest in kept}


class Writer:
    """A file being written into the store: what is written is hashed as it goes."""

    def __init__(self, file: BinaryIO) -> None:
        self.file = file
        self.hasher = hashlib.sha256()
        self.digest = ""

    def write(self, data: bytes) -> None:
        self.hasher.update(data)
        self.file.write(data)

    def copy(self, source: str | Path, offset: int, size: int) -> bytes:
        """Write the bytes of another file (a stored one) from offset on, copied inside the
        kernel where it can; return them, as they are hashed here too."""
        with open(source, "rb") as reading:
            data = os.pread(reading.fileno(), size, offset)
            if len(data) != size:
                raise OSError(f"{source} holds fewer than {offset + size} bytes")
            self.hasher.update(data)
            self.file.flush()
            copied = 0
            try:
                while copied < size:
                    done = os.copy_file_range(
                        reading.fileno(), self.file.fileno(), size - copied, offset + copied
                    )
                    if done == 0:
                        break
                    copied += done
            except (AttributeError, OSError):
                # Not offered here (another kernel or file system): from what was read.
                pass
            if copied < size:
                self.file.write(data[copied:])
        return data


def store_file(store: ObjectStore, path: str, data: bytes) -> StoredFile:
    """Put one output file in the store; read its facts if it is an HTML page."""
    return StoredFile(store.put(data), read_facts(data) if path.endswith(".html") else None)


def store_files(store: ObjectStore, files: Mapping[str, bytes]) -> dict[str, StoredFile]:
    """Put output files in the store; return them by path."""
    return {path: store_file(store, path, data) for path, data in files.items()}


def stored_as_written(digests: Mapping[str, str]) -> dict[str, StoredFile]:
    """Return files written straight into the store (none an HTML page), by path."""
    return {path: StoredFile(digest, None) for path, digest in digests.items()}
