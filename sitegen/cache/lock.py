"""The cache's lock: builds of one cache (and the preview's rebuilds) take turns.

A build holds it from reading the cache to saving it; another waits for it. It is an
advisory lock (flock) on a plain file in the cache's folder, released when the file is
closed or its process ends, so a killed build never leaves the cache locked.
"""

from __future__ import annotations

import errno
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
    """Lock the lock file (made if missing), waiting for the build that holds it; return it
    open, for closing releases it (as does its process's end).

    Nothing is removed on a look that may be out of date, as another build may have just
    made the file and locked it: the file is opened and locked first, and the lock is held
    only if the file locked is still the one at the path. Only what is not a plain file (a
    link, a folder, a pipe) is removed, as the lock is only that."""
    while True:
        try:
            handle = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
        except OSError as error:
            if error.errno not in (errno.ELOOP, errno.EISDIR, errno.ENXIO):
                raise
            remove(path)
            continue
        opened = os.fstat(handle)
        if stat.S_ISREG(opened.st_mode):
            fcntl.flock(handle, fcntl.LOCK_EX)
            found = stat_of(path)
            if found is not None and found[1] == opened.st_ino:
                return handle
            os.close(handle)
        else:
            os.close(handle)
            remove(path)
