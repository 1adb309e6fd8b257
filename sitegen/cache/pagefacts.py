"""The pages' facts in the cache: a table of their own, in parts read only when asked for.

A page's facts (its links, ids and articles: site/facts.py) are what the checks after
rendering read, and a build after an edit checks only the pages it changed (and the
fragments they link to): it needs the facts of a few pages of thousands. So they are kept
apart from the table of stored files, which every build reads whole, in 256 parts by the
first two digits of the page's digest (facts/facts-00.msgpack to facts-ff.msgpack). A part
is read when the facts of one of its pages are first asked for, and written again only
when the pages it holds change.

A part that is missing, damaged or without a page's facts costs only time: that page's
facts are read again from its stored file, as a build reads a page it renders.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

import msgspec

from sitegen.cache import codec, tables
from sitegen.cache.disk import make_folder, remove, stat_of
from sitegen.cache.files import StoredFile
from sitegen.cache.store import digest_of
from sitegen.site.facts import read_facts

FOLDER = "facts"
PARTS = tuple(f"{number:02x}" for number in range(256))


def part_of(digest: str) -> str:
    """Return the part a page's facts are kept in: the first two digits of its digest."""
    return digest[:2]


def part_name(part: str) -> str:
    """Return the file name of one part (named whole, as its seal covers the name)."""
    return f"{FOLDER}-{part}.msgpack"


class FactsTable:
    """The facts of the pages an earlier build kept, each part read when first asked for;
    stored(digest) is where a page's stored file is, to read its facts again from if the
    table has lost them (None without a store).

    The table's pages are given to the build by page(); a save keeps a part as it is only
    if it is to hold the very pages the table gave for it. A page made again (by another
    generator, which may read other facts from the same bytes) is written again.
    """

    def __init__(
        self, folder: Path | None, key: bytes, stored: Callable[[str], str | Path] | None
    ) -> None:
        self._folder = None if folder is None else folder / FOLDER
        self._key = key
        self._reader = _Reader(self._folder, key, stored)
        # The pages given out, by digest: those each part held when it was saved.
        self._given: dict[str, StoredFile] = {}

    def page(self, digest: str) -> StoredFile:
        """Return a page of the table, its facts read when first asked for."""
        file = self._given[digest] = StoredFile.kept(digest, self._reader.facts)
        return file

    def facts(self, digest: str) -> msgspec.Raw | None:
        """Return a page's facts, encoded, as its file reads them (_Reader.facts)."""
        return self._reader.facts(digest)

    def save(self, files: Iterable[StoredFile]) -> None:
        """Keep the facts of the pages among these files and of no others, writing again
        only the parts whose pages changed (or that were found without their pages' facts).
        A page whose facts could not be had is left out (and is no page to the next build).
        """
        if self._folder is None:
            return
        make_folder(self._folder)
        by_part: dict[str, dict[str, StoredFile]] = defaultdict(dict)
        for file in files:
            if file.is_page:
                by_part[part_of(file.digest)][file.digest] = file
        held: dict[str, set[str]] = defaultdict(set)
        for digest in self._given:
            held[part_of(digest)].add(digest)
        for part in PARTS:
            files = by_part.get(part, {})
            name = part_name(part)
            if not files:
                remove(self._folder / name)
                continue
            if (
                files.keys() == held[part]
                and all(self._given.get(digest) is file for digest, file in files.items())
                and part not in self._reader.lost
                and os.path.isfile(self._folder / name)
            ):
                continue
            facts = {digest: file.encoded_facts for digest, file in files.items()}
            # Only now known for a page whose facts were lost: whether they could be had.
            facts = {digest: data for digest, data in facts.items() if files[digest].is_page}
            if facts:
                tables.save(self._folder, name, self._key, codec.FactsFile(facts))
            else:
                remove(self._folder / name)


class _Reader:
    """What a FactsTable's pages read their facts from: the parts, each loaded when first
    asked for. It is apart from the table, which holds the pages, so that the pages and
    what they read from form no reference cycle (a build would leave a hundred thousand
    pages to the cycle collector)."""

    def __init__(
        self, folder: Path | None, key: bytes, stored: Callable[[str], str | Path] | None
    ) -> None:
        self._folder = folder
        self._key = key
        self._stored = stored
        self._loaded: dict[str, dict[str, msgspec.Raw]] = {}
        # Parts read that did not hold all their pages' facts: written again on saving.
        self.lost: set[str] = set()

    def facts(self, digest: str) -> msgspec.Raw | None:
        """Return a page's facts, encoded; None if they cannot be had (its stored file is
        gone too, which the build finds when it asks the store for the file)."""
        part = part_of(digest)
        if part not in self._loaded:
            self._loaded[part] = self._load(part)
        found = self._loaded[part].get(digest)
        if found is None:
            self.lost.add(part)
            found = self._read_again(digest)
        return found

    def _load(self, part: str) -> dict[str, msgspec.Raw]:
        if self._folder is None:
            return {}
        file = tables.load(self._folder, part_name(part), codec.FactsFile, self._key)
        return {} if file is None else file.facts

    def _read_again(self, digest: str) -> msgspec.Raw | None:
        """Return a page's facts read from its stored file, if that still holds the page
        (a plain file, opened without following a link or waiting on a pipe)."""
        if self._stored is None:
            return None
        path = self._stored(digest)
        try:
            if stat_of(path) is None:
                return None
            handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
            with os.fdopen(handle, "rb") as file:
                html = file.read()
        except OSError:
            return None
        if digest_of(html) != digest:
            return None
        return StoredFile(digest, read_facts(html)).encoded_facts
