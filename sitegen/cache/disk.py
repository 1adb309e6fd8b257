"""The cache's own work on files: their stats, removal, folders, and copies made
inside the kernel, and the note that a store holds only what the cache's tables name.

The store (store.py), the cache's folder and tables, and the staging of the site
(publish/staging.py) use these. stat_of and remove never follow a link.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path

# A stored file's stat as recorded: size, inode, and modification and change times. The
# change time moves on every write, chmod or rename and cannot be set back by hand.
Stat = tuple[int, int, int, int]
# Left in the store by a save once it holds only what the cache's tables name (swept()).
SWEPT = "swept"


def stat_of(path: str | Path, is_kind: Callable[[int], bool] = stat.S_ISREG) -> Stat | None:
    """Return a regular file's recorded stat (or, with is_kind=stat.S_ISDIR, a folder's);
    None for anything else, a link among them."""
    try:
        found = os.lstat(path)
    except OSError:
        return None
    if not is_kind(found.st_mode):
        return None
    return (found.st_size, found.st_ino, found.st_mtime_ns, found.st_ctime_ns)


def mark_swept(folder: Path) -> None:
    """Note in a store's folder that it holds only what the cache's tables name, as they
    were just saved: the marker holds the folder's own stat, which any write into the store
    changes (a build of any version first makes its folder of partial writes, which each
    save removes), so the note is true until the next build writes, whatever writes."""
    marker = folder / SWEPT
    remove(marker)
    handle = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    with os.fdopen(handle, "w", encoding="ascii") as file:
        # Taken once the marker is made, as making it changes the folder's stat.
        file.write(repr(stat_of(folder, stat.S_ISDIR)))


def swept(folder: Path) -> bool:
    """Say whether a store's folder holds only what the cache's tables name, as mark_swept
    noted it: then keep_only need look only at the files whose stat the store holds."""
    marker = folder / SWEPT
    if stat_of(marker) is None:
        return False
    try:
        noted = marker.read_text(encoding="ascii")
    except (OSError, ValueError):
        return False
    found = stat_of(folder, stat.S_ISDIR)
    return found is not None and noted == repr(found)


def hash_file(path: str | Path) -> tuple[str, Stat]:
    """Return a regular file's SHA-256 and its stat, both of the one file opened (a link is
    not followed); raise OSError if there is no such file."""
    handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with os.fdopen(handle, "rb") as file:
        found = os.fstat(handle)
        if not stat.S_ISREG(found.st_mode):
            raise FileNotFoundError(f"{path} is not a regular file")
        digest = hashlib.file_digest(file, "sha256").hexdigest()
    return digest, (found.st_size, found.st_ino, found.st_mtime_ns, found.st_ctime_ns)


def remove(path: str | Path) -> None:
    """Remove whatever is at a path of the cache (a file, a link, a folder), if anything;
    a link is removed, never followed. One look (lstat) when there is nothing there, and
    nothing to do when another process removed it first."""
    try:
        found = os.lstat(path)
    except OSError:  # nothing there, or a file where a folder of the path should be
        return
    try:
        if stat.S_ISDIR(found.st_mode):
            shutil.rmtree(path)
        else:
            os.unlink(path)
    except FileNotFoundError:
        pass


def make_folder(path: Path) -> None:
    """Make a folder of the store, removing whatever else (a file, a link) is in its place.

    Safe from several processes at once: the folder is made first and looked at only if
    something is there, and a folder found is never removed, as the process that just made
    it may be writing into it."""
    parent_made = False
    for _ in range(3):
        try:
            os.mkdir(path)
            return
        except FileNotFoundError:
            if parent_made:
                raise
            make_folder(path.parent)
            parent_made = True
        except FileExistsError:
            try:
                if stat.S_ISDIR(os.lstat(path).st_mode):
                    return
                os.unlink(path)
            except FileNotFoundError:
                pass  # another process removed it: make it again
            except OSError:
                # Another process made the folder since the look (unlinking a folder fails
                # with EISDIR on Linux, EPERM elsewhere): anything else is an error.
                if stat_of(path, stat.S_ISDIR) is None:
                    raise
                return
    raise FileExistsError(f"{path}: something else keeps taking the place of this folder")


def copy_file(source: str | Path, target: str | Path) -> None:
    """Copy a file to a new one, inside the kernel: copy_file_range shares the blocks
    copy-on-write where the file system can (btrfs, XFS), and copies them otherwise. Either
    way a later write to one file leaves the other as it was."""
    with open(source, "rb") as reading, open(target, "xb") as writing:
        size = os.fstat(reading.fileno()).st_size
        copied = 0
        try:
            if not hasattr(os, "copy_file_range"):  # Linux's only
                raise OSError("copy_file_range is not offered here")
            while copied < size:
                done = os.copy_file_range(reading.fileno(), writing.fileno(), size - copied)
                if done == 0:
                    break
                copied += done
            if copied != size:
                raise OSError(f"copy_file_range stopped at {copied} of {size} bytes")
        except OSError:
            # Not offered here (another kernel or file system): byte by byte, from the start.
            reading.seek(0)
            writing.seek(0)
            writing.truncate()
            shutil.copyfileobj(reading, writing)
