"""The cache's table files: each sealed, read back as its declared type or not at all, and
the two largest (the checked records and the summaries' HTML) kept in parts by key.

A table in parts is 16 files, one for each first digit of its keys (which are digests), so
that a save writes again only the parts whose results changed: after one edit, the part
that gains the edited record's new key and the part that loses its old one. Every part is
read on loading, as a build uses nearly every result; a part that does not load costs its
results, which are made again, as for any table. (The pages' facts, of which a build uses
a few, are kept in parts read only when asked for: pagefacts.py.)

Tables loaded together (load_all) are read and their seals checked on a thread of their
own while the ones before them are decoded: hashing lets go of the interpreter's lock, so
the seals are checked beside the decoding rather than before it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from sitegen.cache import codec, seal
from sitegen.cache.disk import remove
from sitegen.cache.memo import Results

File = TypeVar("File")
Value = TypeVar("Value")
PARTS = "0123456789abcdef"


def load(folder: Path, name: str, kind: type[File], key: bytes) -> File | None:
    """Return what a cache file holds, or None if it is missing, not a plain file, of
    another format, unsealed or unreadable in any way: the cache is only ever a shortcut."""
    return _decoded(kind, seal.read_sealed(key, folder, name))


def load_all(folder: Path, key: bytes, kinds: Mapping[str, type]) -> dict[str, Any]:
    """Return what each of these cache files holds, by name, as load() does: each file
    read and unsealed on another thread while the one before it is decoded here."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return {
            name: _decoded(kinds[name], data)
            for name, data in _read_ahead(pool, folder, key, list(kinds))
        }


def _read_ahead(
    pool: ThreadPoolExecutor, folder: Path, key: bytes, names: list[str]
) -> Iterator[tuple[str, memoryview | None]]:
    """Yield each file's unsealed bytes in turn, the next one's read begun before this one
    is yielded: one file ahead at most, so that no more than two are held at once."""
    reading: Future[memoryview | None] | None = None
    for name, following in zip(names, [*names[1:], None], strict=True):
        data = (reading or pool.submit(seal.read_sealed, key, folder, name)).result()
        reading = pool.submit(seal.read_sealed, key, folder, following) if following else None
        yield name, data


def _decoded(kind: type[File], data: memoryview | None) -> File | None:
    if data is None:
        return None
    try:
        return codec.loads(kind, data)
    except codec.CodecError:
        return None


def save(folder: Path, name: str, key: bytes, value: Any) -> None:
    """Write a cache file whole, in place of the one before only once it is written."""
    path = folder / name
    partial = path.with_name(path.name + ".partial")
    remove(partial)
    payload = codec.dumps(value)
    with partial.open("wb") as file:
        file.write(seal.header(key, name, payload))
        file.write(payload)
    if path.is_dir():
        remove(path)
    os.replace(partial, path)


def part_name(table: str, part: str) -> str:
    """Return the file name of one part of a table: records-0.msgpack for records."""
    return f"{table}-{part}.msgpack"


def part_of(key: str) -> str:
    """Return the part a result's key is kept in: its first digit."""
    return key[0] if key and key[0] in PARTS else PARTS[0]


@dataclass(frozen=True)
class Parts(Generic[File]):
    """What each part of a table held when it was loaded: the file (None if it did not
    load) and the keys of its results."""

    files: Mapping[str, File | None]
    keys: Mapping[str, frozenset[str]]


def part_names(table: str, kind: type[File]) -> dict[str, type[File]]:
    """Return the file name of every part of a table, with the type it holds (for load_all)."""
    return {part_name(table, part): kind for part in PARTS}


def parts_of(
    loaded: Mapping[str, Any], table: str, keys_of: Callable[[File], set[str]]
) -> Parts[File]:
    """Return a table's parts from what load_all read of them; keys_of gives the keys of
    the results a file holds."""
    files = {part: loaded[part_name(table, part)] for part in PARTS}
    return Parts(
        files,
        {part: frozenset(keys_of(file)) for part, file in files.items() if file is not None},
    )


def save_parts(
    folder: Path,
    table: str,
    key: bytes,
    loaded: Parts[Any],
    results: Results[Value],
    make: Callable[[dict[str, Value]], Any],
) -> None:
    """Keep the results a build used in the table's parts, made into files by make.

    A part is left as it is if it loaded and this build used exactly its results, each the
    very one read from it; a part of no results is removed.
    """
    by_part: dict[str, dict[str, Value]] = {part: {} for part in PARTS}
    for result_key, value in results.used.items():
        by_part[part_of(result_key)][result_key] = value
    for part, values in by_part.items():
        name = part_name(table, part)
        unchanged = loaded.keys.get(part) == values.keys() and all(
            value is results.known.get(result_key) for result_key, value in values.items()
        )
        if unchanged:
            continue
        if values:
            save(folder, name, key, make(values))
        else:
            remove(folder / name)
