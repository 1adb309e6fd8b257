"""The cache's files in MessagePack, each read back only as the type declared for it here.

msgspec writes each file and reads it back into its class below. A file can hold only plain
values and the model's own dataclasses, and each dataclass is made from the fields its
class declares. Reading runs no code that the file holds. A file that does not fit its type
is refused whole; a file that fits but was forged fails its seal (seal.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

import msgspec
from markupsafe import Markup

from sitegen.cache.disk import Stat
from sitegen.content.problems import Problem
from sitegen.model.records import Authority, Entry, Translation

File = TypeVar("File")


@dataclass(frozen=True)
class RecordsFile:
    """Each record file's checked result, by its key: the record (None if it has problems)
    and its problems."""

    authorities: dict[str, tuple[Authority | None, list[Problem]]]
    entries: dict[str, tuple[Entry | None, list[Problem]]]
    welsh: dict[str, tuple[Translation | None, list[Problem]]]


@dataclass(frozen=True)
class SummariesFile:
    """Each summary's HTML, by its key."""

    summaries: dict[str, Markup]


@dataclass(frozen=True)
class OutputsFile:
    """What the last build wrote: each stored file once, and the pages and feeds made of them.

    files: by digest, the stat the file had when written or last checked, and whether it
    is an HTML page (whose facts the table of facts holds: FactsFile). units: by an
    authority's unit key, each of its pages' path, page key and digest. pages and feeds:
    by key, the digest. shards: by key, a search bundle's files.
    """

    files: dict[str, tuple[Stat, bool]]
    units: dict[str, dict[str, tuple[str, str]]]
    pages: dict[str, str]
    feeds: dict[str, str]
    # By a shard's key (fingerprints.search_shard), its search bundle: each file's path
    # under the site root and digest. A file of a cache from before shards has none.
    shards: dict[str, dict[str, str]] = field(default_factory=dict)
    # By the key of a run of entries' rows in one of the entries' downloads
    # (fingerprints.entry_run), where the last build wrote it: the file's digest, the run's
    # offset and size in it, and the stored file of its piece of the ZIP, compressed.
    spans: dict[str, tuple[str, int, int, str]] = field(default_factory=dict)
    # By the key of a piece of the ZIP (fingerprints.deflated), the stored file of it
    # compressed.
    deflated: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class FactsFile:
    """A part of the table of the pages' facts (pagefacts.py): by a page's digest, its
    facts (a PageFacts), encoded apart, so that only those asked for are ever decoded."""

    facts: dict[str, msgspec.Raw]


@dataclass(frozen=True)
class Tree:
    """A folder of the site as a build wrote it: by path under the folder, each file's digest
    and stat, and each folder's stat ('' for the folder itself). A file or folder whose stat
    is not the one recorded has been changed since, by something other than the build."""

    files: dict[str, tuple[str, Stat]]
    folders: dict[str, Stat]


@dataclass(frozen=True)
class PublishedFile:
    """The site the last build published and the spare folder beside it (the site before,
    kept to become the next one), each as written; and the key of the link check that the
    published site passed (fingerprints.link_check)."""

    site: Tree
    spare: Tree | None
    links_checked: str


class CodecError(ValueError):
    """A file that does not read as the type it should hold."""


def _encode(value: Any) -> Any:
    if isinstance(value, Markup):
        return str(value)
    raise TypeError(f"the cache cannot keep a {type(value).__name__}")


def _decode(kind: type, value: Any) -> Any:
    if kind is Markup and isinstance(value, str):
        return Markup(value)
    raise NotImplementedError(f"the cache cannot read a {kind.__name__}")


_ENCODER = msgspec.msgpack.Encoder(enc_hook=_encode)


def dumps(value: Any) -> bytes:
    """Return a cache file's bytes."""
    return _ENCODER.encode(value)


def loads(kind: type[File], data: bytes | memoryview) -> File:
    """Return what a cache file's bytes hold, as kind; raise CodecError if they do not fit."""
    try:
        return msgspec.msgpack.decode(data, type=kind, dec_hook=_decode)
    except (msgspec.DecodeError, msgspec.ValidationError, NotImplementedError) as error:
        raise CodecError(f"not a {kind.__name__}: {error}") from None
