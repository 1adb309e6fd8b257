"""The build cache: results of earlier builds, each kept under the digest of its inputs.

It lives in its own folder beside the site (.site-cache/ for site/): files of checked
records, summaries' HTML, what the last build wrote and its pages' facts (pagefacts.py),
the store of output files, and the stamp of the last build's inputs and site. The files
hold data only, in MessagePack (codec.py), sealed with a key kept outside the folder
(seal.py): a file that is damaged, foreign or forged is ignored, and a stored file that is
not as it was written is made again (store.py), so nothing in the folder can change what a
build makes. Deleting the folder is always safe: the next build is cold. What the keys
cover is in fingerprints.py; the loop that uses them, in memo.py. Each table keeps only
what the last successful build used, so the cache does not grow with every edit.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sitegen.cache import codec, seal, tables
from sitegen.cache.disk import SWEPT, Stat, make_folder, mark_swept, remove, swept
from sitegen.cache.files import StoredFile
from sitegen.cache.memo import Results
from sitegen.cache.pagefacts import FactsTable
from sitegen.cache.stamps import STAMP, Stamp
from sitegen.cache.store import ObjectStore
from sitegen.model.records import Authority, Translation

# Tables in parts (tables.py): records-0.msgpack to records-f.msgpack, and so on.
RECORDS = "records"
SUMMARIES = "summaries"
OUTPUTS = "outputs.msgpack"
PUBLISHED = "published.msgpack"
# The tables every build reads whole, the largest first (tables.load_all decodes each while
# it reads the next: the last one's decoding has nothing beside it).
_LOADED = {
    PUBLISHED: codec.PublishedFile,
    OUTPUTS: codec.OutputsFile,
    **tables.part_names(RECORDS, codec.RecordsFile),
    **tables.part_names(SUMMARIES, codec.SummariesFile),
}
# The site before the last one, kept to be brought up to date as the next (publish/).
SPARE = "spare"
# The search step's folders of links to the pages of each shard (search/bundles.py).
SEARCH = "search"
# What caches of earlier formats kept, deleted by the first build of this one.
FORMER_FILES = (
    *("records.pickle", "summaries.pickle", "pages.pickle", "stamp.pickle"),
    *("records.msgpack", "summaries.msgpack"),
)


def _record_keys(file: codec.RecordsFile) -> set[str]:
    return {*file.authorities, *file.entries, *file.welsh}


def _records_file(records: dict[str, Any]) -> codec.RecordsFile:
    """Return checked records as their file holds them, by what they are."""
    authorities = {k: v for k, v in records.items() if isinstance(v[0], Authority)}
    welsh = {k: v for k, v in records.items() if isinstance(v[0], Translation)}
    entries = {k: v for k, v in records.items() if k not in authorities and k not in welsh}
    return codec.RecordsFile(authorities, entries, welsh)


def _stored_files(outputs: codec.OutputsFile | None, facts: FactsTable) -> dict[str, StoredFile]:
    """Return the files an earlier build stored, by digest: each page's facts read from the
    table of facts when first asked for."""
    if outputs is None:
        return {}
    return {
        digest: facts.page(digest) if page else StoredFile(digest, None)
        for digest, (_, page) in outputs.files.items()
    }


class BuildCache:
    """The tables and the store of one site's builds; without a folder, a build's own only."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.key = seal.cache_key() if folder is not None else b""
        # Whether the store held only what the tables name when this build opened it.
        self._swept = False
        # The tables name files in the store: without it, they are no use.
        loaded: dict[str, Any] = dict.fromkeys(_LOADED)
        if folder is not None and (folder / "objects").is_dir():
            loaded = tables.load_all(folder, self.key, _LOADED)
        self._records = tables.parts_of(loaded, RECORDS, _record_keys)
        self._summaries = tables.parts_of(loaded, SUMMARIES, lambda file: set(file.summaries))
        outputs, published = loaded[OUTPUTS], loaded[PUBLISHED]
        # The facts of the pages among them, read when first asked for (pagefacts.py).
        self._facts_table = FactsTable(
            folder, self.key, ObjectStore(folder / "objects").path if folder else None
        )
        # Each file the last build stored, by digest.
        self._files = files = _stored_files(outputs, self._facts_table)
        # What the last build published, and the spare folder beside it (publish/).
        self.published: codec.PublishedFile | None = published
        self.records: Results[Any] = Results(
            {
                key: result
                for part in self._records.files.values()
                if part is not None
                for results in (part.authorities, part.entries, part.welsh)
                for key, result in results.items()
            }
        )
        self.summaries: Results[Any] = Results(
            {
                key: html
                for part in self._summaries.files.values()
                if part is not None
                for key, html in part.summaries.items()
            }
        )
        # An authority's pages, whole: by its unit key, each page's key and stored file.
        self.units: Results[dict[str, tuple[str, StoredFile]]] = Results(
            {
                key: {path: (page, files[digest]) for path, (page, digest) in unit.items()}
                for key, unit in (outputs.units.items() if outputs else ())
                if all(digest in files for _, digest in unit.values())
            }
        )
        # One page's stored file, by its page key; one authority's feed, by its feed key.
        self.pages: Results[StoredFile] = Results(
            {key: files[digest] for key, digest in outputs.pages.items() if digest in files}
            if outputs
            else None
        )
        self.feeds: Results[StoredFile] = Results(
            {key: files[digest] for key, digest in outputs.feeds.items() if digest in files}
            if outputs
            else None
        )
        # One shard's search bundle, by its shard key: each file by path.
        self.shards: Results[dict[str, StoredFile]] = Results(
            {
                key: {path: files[digest] for path, digest in bundle.items()}
                for key, bundle in (outputs.shards.items() if outputs else ())
                if all(digest in files for digest in bundle.values())
            }
        )
        # A run of entries' rows of a download, by its key: where the last build wrote it.
        self.spans: Results[tuple[str, int, int, str]] = Results(
            dict(outputs.spans) if outputs else None
        )
        # A piece of the ZIP compressed, by its key: the stored file.
        self.deflated: Results[str] = Results(dict(outputs.deflated) if outputs else None)
        # Each stored file's stat when it was written or last checked, by its digest.
        self.objects: dict[str, Stat] = (
            {digest: stat for digest, (stat, _) in outputs.files.items()} if outputs else {}
        )

    @property
    def spare(self) -> Path | None:
        """Return where the site before the last one is kept; None without a cache folder."""
        return None if self.folder is None else self.folder / SPARE

    def workspace(self, name: str) -> Path | None:
        """Return a folder of a stage's own in the cache, kept from build to build, for
        files it works with (the stage checks whatever it finds there before it uses it,
        and nothing in it is taken for a stored file); None without a cache folder."""
        if self.folder is None:
            return None
        folder = self.folder / name
        make_folder(folder)
        return folder

    def checked_site(self, links_key: str) -> dict[str, StoredFile] | None:
        """Return the files of the site last published, if it passed the same link check
        (by its key) and every one of its pages' facts is known; else None."""
        published = self.published
        if published is None or published.links_checked != links_key:
            return None
        files = {}
        for path, (digest, _) in published.site.files.items():
            file = self._files.get(digest)
            if file is None or (not file.is_page and path.endswith(".html")):
                return None
            files[path] = file
        return files

    @contextmanager
    def store(self, site: Path, *, trusting: bool = False) -> Iterator[ObjectStore]:
        """Yield the store of output files: the cache's own (trusting, if asked, the files
        earlier builds recorded: ObjectStore.known), or a temporary one by the site."""
        if self.folder is not None:
            objects = self.folder / "objects"
            # Only the table of stored files says what else the store holds.
            self._swept = bool(self.objects) and swept(objects)
            remove(objects / SWEPT)
            yield ObjectStore(objects, self.objects, trusting=trusting)
            return
        site.parent.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix=f".{site.name}.objects-", dir=site.parent))
        try:
            yield ObjectStore(folder)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def save(
        self, stamp: Stamp, output: dict[str, StoredFile], published: codec.PublishedFile
    ) -> None:
        """Keep what this build used and published, and its stamp; drop every other result
        and file."""
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        # The stamp goes first: if the build is killed mid-save, the next one is not a no-op.
        remove(self.folder / STAMP)
        try:
            self._save_tables(output)
            tables.save(self.folder, PUBLISHED, self.key, published)
            for former in FORMER_FILES:
                remove(self.folder / former)
            tables.save(self.folder, STAMP, self.key, stamp)
        except OSError:
            # The site is built and in place; without a stamp the next build only does more.
            remove(self.folder / STAMP)

    def _save_tables(self, output: dict[str, StoredFile]) -> None:
        assert self.folder is not None
        for table, parts, results, make in (
            (RECORDS, self._records, self.records, _records_file),
            (SUMMARIES, self._summaries, self.summaries, codec.SummariesFile),
        ):
            tables.save_parts(self.folder, table, self.key, parts, results, make)
        kept = {
            file.digest: file
            for file in (
                *(file for unit in self.units.used.values() for _, file in unit.values()),
                *self.pages.used.values(),
                *self.feeds.used.values(),
                # Every page of the site, for the next build's link check.
                *output.values(),
            )
        }
        make_folder(self.folder / "objects")
        store = ObjectStore(self.folder / "objects", self.objects)
        stats = store.recorded(
            kept.keys()
            | {file for source, *_, piece in self.spans.used.values() for file in (source, piece)}
            | set(self.deflated.used.values())
        )
        store.keep_only(stats.keys(), known_only=self._swept)
        # First, as a page whose facts are found lost on saving them is no page after.
        self._facts_table.save(kept.values())
        outputs = codec.OutputsFile(
            files={
                digest: (stat, digest in kept and kept[digest].is_page)
                for digest, stat in stats.items()
            },
            units={
                key: {path: (page, file.digest) for path, (page, file) in unit.items()}
                for key, unit in self.units.used.items()
            },
            pages={key: file.digest for key, file in self.pages.used.items()},
            feeds={key: file.digest for key, file in self.feeds.used.items()},
            shards={
                key: {path: file.digest for path, file in bundle.items()}
                for key, bundle in self.shards.used.items()
            },
            spans=self.spans.used,
            deflated=self.deflated.used,
        )
        tables.save(self.folder, OUTPUTS, self.key, outputs)
        # The store holds only what the tables name now.
        mark_swept(self.folder / "objects")
