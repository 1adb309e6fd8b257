"""The build cache: results of earlier builds, each kept under the digest of its inputs.

It lives in its own folder beside the site (.site-cache/ for site/): pickled tables of
checked records, summaries' HTML and made pages, the store of output files, and the stamp
of the last build's inputs. Deleting the folder is always safe: the next build is cold.
What the keys cover is in fingerprints.py; the loop that uses them, in memo.py. Each
table keeps only what the last successful build used, so the cache does not grow with
every edit.
"""

from __future__ import annotations

import fcntl
import os
import pickle
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitegen.cache.memo import Results
from sitegen.cache.store import ObjectStore

# Raise when what the tables hold changes shape; an older cache is then ignored whole.
CACHE_FORMAT = 3

# The tables, by the file that keeps them. Tables kept in one file share the objects they
# both hold (a page's stored file is in both "units" and "pages").
FILES = {
    "records": ("records",),
    "summaries": ("summaries",),
    "pages": ("units", "pages", "feeds"),
}


@dataclass(frozen=True)
class Stamp:
    """What the last build was made from, cheap to compare: input stats and settings."""

    inputs: tuple[Any, ...]
    site: tuple[int, int, int]


def site_identity(site: Path) -> tuple[int, int, int]:
    """Return the device, inode and change time of the site folder (a new folder after
    every build; its change time moves when a file is added to it or taken from it)."""
    try:
        stat = os.stat(site)
    except OSError:
        return (-1, -1, -1)
    return (stat.st_dev, stat.st_ino, stat.st_ctime_ns)


@contextmanager
def locked(folder: Path | None) -> Iterator[None]:
    """Hold a cache's lock, waiting for any other build that holds it to finish."""
    if folder is None:
        yield
        return
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "lock").open("w") as lock:
        # Released when the file is closed, or when its process dies.
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _load(path: Path) -> Any:
    """Return what a table file holds, or None if it is missing, of another format or
    unreadable in any way: the cache is only ever a shortcut."""
    try:
        with path.open("rb") as file:
            if pickle.load(file) != CACHE_FORMAT:
                return None
            return pickle.load(file)
    # A damaged or foreign pickle can raise almost anything.
    except Exception:
        return None


def _save(path: Path, value: Any) -> None:
    partial = path.with_name(path.name + ".partial")
    with partial.open("wb") as file:
        pickle.dump(CACHE_FORMAT, file, protocol=5)
        pickle.dump(value, file, protocol=5)
    os.replace(partial, path)


class BuildCache:
    """The tables and the store of one site's builds; without a folder, a build's own only."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        known: dict[str, Any] = {}
        # The tables name files in the store: without it, they are no use.
        if folder is not None and (folder / "objects").is_dir():
            for file, names in FILES.items():
                tables = _load(folder / f"{file}.pickle") or [{} for _ in names]
                known.update(zip(names, tables, strict=True))
        self.records: Results[Any] = Results(known.get("records"))
        self.summaries: Results[Any] = Results(known.get("summaries"))
        # An authority's pages, whole: by its unit key, each page's key and stored file.
        self.units: Results[dict[str, tuple[str, Any]]] = Results(known.get("units"))
        # One page's stored file, by its page key.
        self.pages: Results[Any] = Results(known.get("pages"))
        # One authority's feed, by its feed key.
        self.feeds: Results[Any] = Results(known.get("feeds"))

    @staticmethod
    def last_stamp(folder: Path | None) -> tuple[Stamp, Any] | None:
        """Return the stamp of the last successful build and what it reported, if known."""
        return None if folder is None else _load(folder / "stamp.pickle")

    @contextmanager
    def store(self, site: Path) -> Iterator[ObjectStore]:
        """Yield the store of output files: the cache's own, or a temporary one by the site."""
        if self.folder is not None:
            yield ObjectStore(self.folder / "objects")
            return
        site.parent.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix=f".{site.name}.objects-", dir=site.parent))
        try:
            yield ObjectStore(folder)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def save(self, stamp: Stamp, report: Any, kept_files: set[str]) -> None:
        """Keep what this build used, and its stamp; drop every other result and file."""
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        # The stamp goes first: if the build is killed mid-save, the next one is not a no-op.
        (self.folder / "stamp.pickle").unlink(missing_ok=True)
        try:
            for file, names in FILES.items():
                tables = [getattr(self, name).used for name in names]
                _save(self.folder / f"{file}.pickle", tables)
            ObjectStore(self.folder / "objects").keep_only(kept_files)
            _save(self.folder / "stamp.pickle", (stamp, report))
        except OSError:
            # The site is built and in place; without a stamp the next build only does more.
            (self.folder / "stamp.pickle").unlink(missing_ok=True)
