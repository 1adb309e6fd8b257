"""The site's files as the build holds them: each one's digest in the store, and its facts.

A page's facts (its links, ids and articles: site/facts.py) are what the checks after
rendering read. Those of a page of an earlier build are read from the cache's table of
facts (pagefacts.py) only when they are asked for, and stay encoded until then.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

import msgspec

from sitegen.site.facts import PageFacts


class StoredFile:
    """A file of the site as the checks and the writer see it: its digest, and its facts
    (None for a file that is not an HTML page).

    A page of an earlier build has its facts read when they are first asked for, and kept
    as the cache's table holds them (encoded) until they are decoded: a build after an
    edit checks the links of the pages it changed, so it reads the facts of a few pages of
    thousands. They were encoded by the same generator, as every key that leads a build
    to a file of the tables names it (fingerprints.py).
    """

    __slots__ = ("_encoded", "_facts", "_source", "digest")

    def __init__(self, digest: str, facts: PageFacts | None) -> None:
        self.digest = digest
        self._facts = facts
        self._encoded: msgspec.Raw | None = None
        self._source: Callable[[str], msgspec.Raw | None] | None = None

    @classmethod
    def kept(cls, digest: str, facts: Callable[[str], msgspec.Raw | None]) -> StoredFile:
        """Return a page of an earlier build, whose facts facts(digest) gives, encoded, when
        they are first asked for (None if they are lost: the page then has none)."""
        file = cls(digest, None)
        file._source = facts
        return file

    def _read(self) -> None:
        if self._source is not None:
            self._encoded = self._source(self.digest)
            self._source = None

    @property
    def facts(self) -> PageFacts | None:
        self._read()
        if self._encoded is not None:
            self._facts = _FACTS.decode(self._encoded)
            self._encoded = None
        return self._facts

    @property
    def is_page(self) -> bool:
        """Say whether the file has facts (is an HTML page), without reading them."""
        return self._source is not None or self._encoded is not None or self._facts is not None

    @property
    def encoded_facts(self) -> msgspec.Raw:
        """Return the file's facts encoded, as the cache's table keeps them."""
        self._read()
        if self._encoded is not None:
            return self._encoded
        return msgspec.Raw(_ENCODER.encode(self._facts))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, StoredFile):
            return NotImplemented
        return self.digest == other.digest and self.facts == other.facts

    def __hash__(self) -> int:
        return hash(self.digest)

    def __repr__(self) -> str:
        return f"StoredFile({self.digest!r}, {self.facts!r})"


# A page's facts in the cache's table of facts, each encoded apart (codec.FactsFile).
_FACTS = msgspec.msgpack.Decoder(PageFacts)
_ENCODER = msgspec.msgpack.Encoder()


class PagesFacts(Mapping[str, PageFacts]):
    """The facts of a site's pages, by path, read from its files as each is asked for."""

    def __init__(self, files: Mapping[str, StoredFile]) -> None:
        self._files = files

    def __getitem__(self, path: str) -> PageFacts:
        facts = self._files[path].facts
        if facts is None:
            raise KeyError(path)
        return facts

    def __contains__(self, path: object) -> bool:
        file = self._files.get(path) if isinstance(path, str) else None
        return file is not None and file.is_page

    def __iter__(self) -> Iterator[str]:
        return (path for path, file in self._files.items() if file.is_page)

    def __len__(self) -> int:
        return sum(1 for file in self._files.values() if file.is_page)
