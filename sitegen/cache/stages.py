"""The cached stages: each pure stage of the build wrapped in the memo loop.

The stages themselves (validate_entry, render_markdown, render_page, render_feed) know
nothing of the cache. Here each is given its keys (fingerprints.py), its table of earlier
results (folder.py) and the store its files go into (store.py).
"""

from __future__ import annotations

import functools
import itertools
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence

import jinja2
from markupsafe import Markup

from sitegen.cache import fingerprints, memo
from sitegen.cache.files import StoredFile
from sitegen.cache.folder import SEARCH, BuildCache
from sitegen.cache.store import ObjectStore, store_file, store_files
from sitegen.content.loading import Checked, Checker, Validator
from sitegen.content.parsing import RecordText
from sitegen.content.values import Context
from sitegen.model.records import Entry
from sitegen.model.timelines import Archive
from sitegen.parallel import map_on_cores
from sitegen.search import bundles, folders, shards
from sitegen.search.shards import Shard
from sitegen.settings import Settings
from sitegen.site import downloads
from sitegen.site.archives import Compress, Span, deflate
from sitegen.site.feeds import Feed
from sitegen.site.markup import render_markdown
from sitegen.site.pages import Page
from sitegen.site.rendering import DuplicatePageError, compile_templates, render_page


def record_checker(cache: BuildCache) -> Checker:
    """Return a checker of record files that reuses what earlier builds found of each."""

    def check(validate: Validator, files: Sequence[RecordText], context: Context) -> list[Checked]:
        validation_key = fingerprints.validation(context)
        return memo.memoised(
            files,
            lambda file: fingerprints.record(validation_key, file.digest),
            lambda todo: map_on_cores(functools.partial(validate, context=context), todo),
            cache.records,
        ).values

    return check


def render_summaries(
    entries: Sequence[Entry], record_digests: Mapping[str, str], cache: BuildCache, language: str
) -> dict[str, Markup]:
    """Return each entry's summary in a language as HTML, by entry id, rendering each text
    only once; an entry with no summary in that language yet gives its English one. Each
    is keyed by the digest of the file its text is in, already known from reading it."""
    made = memo.memoised(
        [
            (entry.summary_in(language) or entry.summary, entry.summary_file(language))
            for entry in entries
        ],
        lambda summary: fingerprints.summary(record_digests[summary[1]]),
        lambda todo: map_on_cores(render_markdown, [text for text, _ in todo]),
        cache.summaries,
    )
    return {entry.id: html for entry, html in zip(entries, made.values, strict=True)}


def render_downloads(
    archive: Archive,
    settings: Settings,
    record_digests: Mapping[str, str],
    store: ObjectStore,
    cache: BuildCache,
) -> dict[str, str]:
    """Write every download (downloads.render_downloads); return each file's digest by path.

    The entries' downloads are written a run of entries at a time: a run whose entries'
    records are as the last build had them is copied from that build's file, compressed
    piece and all, and only the others are made again, from their entries (a run is some
    thirty). Any other piece of the ZIP is compressed again only if its bytes are new.
    """
    shared = fingerprints.rows_shared(settings, archive.vocabulary)
    runs = downloads.entry_runs(archive.entries)
    records = [
        [
            digest
            for entry in run
            for digest in (
                record_digests[entry.path],
                record_digests[entry.welsh.path] if entry.welsh else "",
            )
        ]
        for run in runs
    ]
    rows: dict[int, list[downloads.EntryRow]] = {}
    made: dict[str, list[downloads.Run]] = {path: [] for path in downloads.ENTRY_FILES}
    # Each run's key, and the stored file of its piece of the ZIP, compressed.
    keys: dict[str, list[tuple[str, str]]] = {path: [] for path in made}
    for path, number in itertools.product(made, range(len(runs))):
        key = fingerprints.entry_run(shared, path, number == 0, records[number])
        known = memo.reuse(cache.spans, key, lambda span: store.has(span[0]) and store.has(span[3]))
        if known is None:
            if number not in rows:
                rows[number] = [downloads.entry_row(entry, settings) for entry in runs[number]]
            data = downloads.run_bytes(path, rows[number], number == 0)
            # Compressed here, under the run's key, rather than by the ZIP's pieces' own
            # key, which would hash the run's bytes again.
            compressed = deflate(data)
            made[path].append(downloads.Run(data, compressed))
            keys[path].append((key, store.put(compressed)))
        else:
            source, offset, size, piece = known
            span = Span(store.path(source), offset, size, store.path(piece))
            made[path].append(downloads.Run(span=span))
            keys[path].append((key, piece))
    written = downloads.render_downloads(archive, settings, store, made, deflater(store, cache))
    # Each run as this build wrote it, for the next build to copy.
    for path, path_runs in made.items():
        starts = written.starts[path]
        for run, (key, piece), start in zip(path_runs, keys[path], starts, strict=True):
            cache.spans.put(key, (written.digests[path], start, run.size, piece))
    return written.digests


def deflater(store: ObjectStore, cache: BuildCache) -> Compress:
    """Return archives.deflate, reusing each piece as an earlier build compressed it."""

    def compress(piece: bytes) -> bytes:
        key = fingerprints.deflated(piece)
        stored = memo.reuse(cache.deflated, key, store.has)
        if stored is not None:
            return store.path(stored).read_bytes()
        data = deflate(piece)
        cache.deflated.put(key, store.put(data))
        return data

    return compress


def _unique(pages: Sequence[Page]) -> dict[str | None, list[Page]]:
    """Return the pages by scope; refuse two pages at one path."""
    scopes: dict[str | None, list[Page]] = defaultdict(list)
    paths: set[str] = set()
    for page in pages:
        if page.path in paths:
            raise DuplicatePageError(f"two pages would be written to {page.path}")
        paths.add(page.path)
        scopes[page.scope].append(page)
    return scopes


def render_pages(
    pages: Sequence[Page],
    env: jinja2.Environment,
    store: ObjectStore,
    keys: fingerprints.PageKeys,
    cache: BuildCache,
) -> memo.Made[StoredFile]:
    """Render and store every page not already made from the same inputs; return them all,
    in the pages' order, with how many were rendered.

    An authority's pages are reused whole while its records are unchanged. Any other page,
    and each of an authority's pages when its records change, is still reused if everything
    its template is given is the same (a status page, while no authority's standing
    changes). A page whose file has gone from the store is rendered again: found at once
    if no earlier build recorded its file, else when the file is used (ObjectStore.known).
    """
    in_store: Callable[[StoredFile], bool] = lambda file: store.known(file.digest)  # noqa: E731
    files: dict[str, StoredFile] = {}
    page_keys: dict[str, str] = {}
    fresh: list[Page] = []
    scopes = _unique(pages)
    for scope, members in scopes.items():
        paths = {page.path for page in members}
        unit = memo.reuse(
            cache.units,
            None if scope is None else keys.units[scope],
            lambda known: (
                known.keys() == paths  # noqa: B023
                and all(in_store(file) for _, file in known.values())
            ),
        )
        if unit is None:
            fresh += members
            continue
        for path, (key, file) in unit.items():
            files[path] = file
            page_keys[path] = key
            # Kept for the next build, which may change this authority's records.
            cache.pages.put(key, file)
    page_keys |= {page.path: keys.page(page) for page in fresh}
    rendered = memo.memoised(
        fresh,
        lambda page: page_keys[page.path],
        lambda todo: map_on_cores(
            lambda page: store_file(store, page.path, render_page(page, env)),
            todo,
            # Once here, not once in each worker.
            prepare=lambda: compile_templates(env),
        ),
        cache.pages,
        in_store,
    )
    files.update((page.path, file) for page, file in zip(fresh, rendered.values, strict=True))
    for scope, members in scopes.items():
        if scope is not None:
            cache.units.put(
                keys.units[scope],
                {page.path: (page_keys[page.path], files[page.path]) for page in members},
            )
    return memo.Made([files[page.path] for page in pages], rendered.made)


def render_feeds(
    feeds: Sequence[Feed],
    render: Callable[[Feed], bytes],
    store: ObjectStore,
    keys: fingerprints.PageKeys,
    cache: BuildCache,
) -> dict[str, StoredFile]:
    """Return every feed, stored, by its file from the site root; an authority's feed is
    made again only when its records change, as its pages are."""
    made = memo.memoised(
        feeds,
        keys.feed,
        lambda todo: [store_file(store, feed.file, render(feed)) for feed in todo],
        cache.feeds,
        lambda file: store.known(file.digest),
    )
    return {feed.file: file for feed, file in zip(feeds, made.values, strict=True)}


def start_search(planned: Sequence[Shard], store: ObjectStore, cache: BuildCache) -> Search:
    """Start the search step: each shard's bundle is reused, or indexed again if one of its
    pages changed. Pagefind is at work when this returns; Search.result() waits for it."""
    # Kept in the cache from build to build; without one, gone with the build's own store.
    work = cache.workspace(SEARCH) or store.scratch()
    folders.keep_only(work, {shard.name for shard in planned})
    waiting = memo.pending(
        planned,
        fingerprints.search_shard,
        cache.shards,
        lambda bundle: all(store.known(file.digest) for file in bundle.values()),
    )
    indexing = bundles.index_shards(waiting.todo, store.checked_path, work)
    return Search(planned, waiting, indexing, store)


class Search:
    """The search step under way: with it, Pagefind stops if the build fails meanwhile."""

    def __init__(
        self,
        planned: Sequence[Shard],
        waiting: memo.Pending[Shard, dict[str, StoredFile]],
        indexing: bundles.Indexing,
        store: ObjectStore,
    ) -> None:
        self._planned = planned
        self._waiting = waiting
        self._indexing = indexing
        self._store = store

    def __enter__(self) -> Search:
        return self

    def __exit__(self, *_: object) -> None:
        self._indexing.stop()

    def result(self) -> tuple[dict[str, StoredFile], int]:
        """Return the search's files, stored, by path under the site root (each shard's
        bundle and the list of bundles), and how many shards were indexed anew."""
        made = self._waiting.finish(store_files(self._store, bundle) for bundle in self._indexing)
        files = {path: file for bundle in made.values for path, file in bundle.items()}
        listing = store_file(self._store, shards.MANIFEST, shards.manifest(self._planned))
        return files | {shards.MANIFEST: listing}, made.made
