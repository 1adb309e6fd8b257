"""What the last build read of the content: each record file's stat before it was read,
and its digest, so that the next build reads again only the files whose stat has changed
(content/reading.py says when a stat is trusted).

The table holds facts that stay true (a file with that stat had those bytes), tied to no
other table of the cache; one that does not load costs only a read of every file, as
without a cache. A file whose digest the table gives wrongly is caught if its text is read
(reading.KnownFile), and the table is sealed with the builds' key like every other.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitegen.cache import tables
from sitegen.cache.folder import BuildCache
from sitegen.content.reading import FileStat, Seen

READS = "reads.msgpack"


@dataclass(frozen=True)
class ReadsFile:
    """Each record file's stat as the last build took it, and its digest, by path."""

    files: dict[str, tuple[FileStat, str]]


def seen(cache: BuildCache) -> dict[str, tuple[FileStat, str]]:
    """Return what the last build read of each record file (nothing without a cache)."""
    if cache.folder is None:
        return {}
    table = tables.load(cache.folder, READS, ReadsFile, cache.key)
    return table.files if table is not None else {}


def keep(cache: BuildCache, now: Seen, before: Seen) -> None:
    """Keep what this build read of each record file, if it differs from what was kept."""
    if cache.folder is None or now == before:
        return
    cache.folder.mkdir(parents=True, exist_ok=True)
    tables.save(cache.folder, READS, cache.key, ReadsFile(dict(now)))
