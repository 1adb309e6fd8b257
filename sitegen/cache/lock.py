"""The cache's lock: builds of one cache (and the preview's rebuilds) take turns.

A build holds it from reading the cache to saving it; another waits for it. It is an
advisory lock (flock) on a plain file in the cache's folder, released when the file is
closed or its process ends, so a killed build never leaves the cache locked.
"""

from __future__ import annotations

import fcntl
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sitegen.cache.disk import remove, stat_of


@contextmanager
def locked(folder: Path | None) -> Iterator[None]:
    """Hold a cache's lock, waiting for any other build that holds it to finish."""
    if folder is None:
        yield
        return
    folder.mkdir(parents=True, exist_ok=True)
    handle = _take_lock(folder / "lock")
    try:
        yield
    finally:
        os.close(handle)


def _take_lock(path: Path) -> int:
    """Lock the lock file, waiting for the build that holds it; return it open, for closing
    releases it (as does its process's end).

    The lock is held only if the file locked is still the one at the path. The file is
    made, or made again where something else is in its place, only by _make_lock_file,
    under the folder's own lock: so no build removes a lock file another has just made."""
    for _ in range(5):
        try:
            handle = os.open(path, os.O_RDWR | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:  # missing, or a link, a folder or a socket in its place
            _make_lock_file(path)
            continue
        try:
            opened = os.fstat(handle)
            if stat.S_ISREG(opened.st_mode):
                fcntl.flock(handle, fcntl.LOCK_EX)
                found = stat_of(path)
                if found is not None and found[1] == opened.st_ino:
                    return handle
            else:  # a pipe
                _make_lock_file(path)
        except BaseException:
            os.close(handle)
            raise
        os.close(handle)
    raise OSError(f"{path}: the cache's lock could not be made a plain file")


def _make_lock_file(path: Path) -> None:
    """Make the lock file where it is missing, or where something other than a plain file
    is in its place, holding the lock of the folder it is in meanwhile (a plain file that
    is there is left as it is: another build may hold it)."""
    folder = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)
        if stat_of(path) is None:
            remove(path)
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644))
    finally:
        os.close(folder)
