"""What each cached result depends on, as one digest: the build cache's invalidation rules.

A cached result is used only when the digest of everything it was made from is the same:

| result | depends on |
| --- | --- |
| a checked record | the generator, the vocabulary, today's date, the file's path and text |
| a summary's HTML | the generator and the summary's Markdown |
| any page | the generator, templates, translations, vocabulary, about page (in both |
| | languages), the settings (today, the edit URL and the page's language among them), |
| | how many authorities there are |
| an authority's pages | those, its records and those of the programmes that covered it |
| | (entries' Welsh texts among them, and the days they last changed) |
| one page | what every page depends on, and everything its template is given |
| an authority's feed | its pages' key, and the day the feed says it was updated |
| a run of entries' rows of a download | the generator, the settings, the vocabulary, zlib's |
| | version, the file, whether it comes first, its entries' records (Welsh texts among them) |
| a piece of the ZIP, compressed | the generator, zlib's version, the piece's bytes |
| a page's links | the generator, the base path, the page and the files and ids it names |
| the whole site | every input file's stat, the generator, the settings, days records changed, |
| | and every file of the site built last, by its stat (stamps.py) |

Every key is made here and nowhere else, but for the whole site's, which stamps.py makes so
that it can be checked without importing this; memo.py is the loop that uses them.

The generator (stamps.generator) is its own source code and the versions of the libraries
that shape output, so a change to either makes a cold build.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitegen.cache import contexts, stamps
from sitegen.cache.codec import Tree
from sitegen.content.values import Context
from sitegen.digests import digest
from sitegen.model.timelines import Archive
from sitegen.model.vocabulary import Vocabulary
from sitegen.search import bundles
from sitegen.search.shards import Shard
from sitegen.settings import Settings
from sitegen.site.feeds import Feed
from sitegen.site.pages import Page


def validation(context: Context) -> str:
    """Return what every record's check depends on besides the record itself: the checks'
    context (the vocabulary and today's date), by its repr, which shows every field."""
    return digest("validation", stamps.generator(), repr(context))


def record(validation_key: str, file_digest: str) -> str:
    """Return the key of one record file's checked result, from the file's digest."""
    return digest(validation_key, file_digest)


def summary(file_digest: str) -> str:
    """Return the key of one summary's HTML, from the digest of the file its text is in
    (Entry.summary_file): the text is not hashed again."""
    return digest("summary", stamps.generator(), file_digest)


def rendering(*parts: str) -> str:
    """Return what every page depends on: templates, translations, settings and the like."""
    return digest("rendering", stamps.generator(), *parts)


def unit(rendering_key: str, record_keys: Iterable[str], last_changed: Iterable[str]) -> str:
    """Return the key of the pages that show one authority's records and nothing else."""
    return digest(rendering_key, *record_keys, "last changed", *last_changed)


def entry_run(shared_key: str, path: str, first: bool, record_keys: Iterable[str]) -> str:
    """Return the key of a run of entries' rows in one of the entries' downloads: what every
    row depends on (rows_shared), the file, whether its list of entries begins with the run,
    and each entry's record files' digests (its own, then its Welsh text's, or '')."""
    return digest(shared_key, path, "first" if first else "rest", *record_keys)


def rows_shared(settings: Settings, vocabulary: Vocabulary) -> str:
    """Return what every run of entries' rows of the downloads depends on but the file, the
    run's place and its entries' records:
    the generator (which defines the fields and the ZIP's level), the settings (the pages'
    addresses, today), the vocabulary (which the records were checked against) and the
    zlib that compresses each run's piece of the ZIP."""
    return digest(
        "rows", stamps.generator(), repr(settings), repr(vocabulary), zlib.ZLIB_RUNTIME_VERSION
    )


def deflated(piece: bytes) -> str:
    """Return the key of a piece of the ZIP as compressed: the piece, the generator (which
    sets the level) and the zlib that compresses it."""
    return digest("deflate", stamps.generator(), zlib.ZLIB_RUNTIME_VERSION, piece)


def search_shard(shard: Shard) -> str:
    """Return the key of one shard's search bundle: its name, its pages (by path and
    content), the indexer and the generator (which gives the indexer its flags); nothing
    else goes into the bundle."""
    pages = (part for page in shard.pages for part in (page.path, page.digest))
    return digest("search", stamps.generator(), bundles.indexer(), shard.name, *pages)


def link_check(base_path: str, ignore: Iterable[str]) -> str:
    """Return the key of the link check: a site that passed a check of the same key needs
    its unchanged pages checked no more (checks/links.py says when)."""
    return digest("links", stamps.generator(), base_path, *ignore)


def page_key(
    rendering_key: str, path: str, context: Mapping[str, Any], parts: contexts.SharedParts
) -> str:
    """Return the key of one page: its path and everything its template is given.

    Equal pickles mean equal values (a shared value's digest is that of its own pickle), so
    a page is never reused for a different context; an equal context that pickles
    differently only costs a render.
    """
    return digest(rendering_key, path, contexts.pickled(dict(context), parts))


@dataclass(frozen=True)
class PageKeys:
    """What the build cache knows pages and feeds by: what every page depends on, and each
    authority's unit (its records, by the rules above)."""

    rendering: str
    units: Mapping[str, str]
    parts: contexts.SharedParts = field(
        default_factory=contexts.SharedParts, compare=False, repr=False
    )

    def page(self, page: Page) -> str:
        """Return a page's key: what every page depends on and what its template is given."""
        return page_key(self.rendering, page.path, page.context, self.parts)

    def feed(self, feed: Feed) -> str | None:
        """Return a feed's key; None for the site's feed (made every time)."""
        if feed.scope is None:
            return None
        return digest("feed", self.units[feed.scope], str(feed.updated))


def page_keys(
    archive: Archive,
    record_digests: Mapping[str, str],
    site_files: Sequence[str],
    settings: Settings,
    last_changed: Mapping[str, str],
    parts: contexts.SharedParts | None = None,
) -> PageKeys:
    """Return the keys of this build's pages.

    record_digests holds each record file's digest by path; site_files the text every page
    depends on (the templates' and translations' digests, the vocabulary, the about page).
    parts, if given, are the shared values' digests already made for the pages of another
    language: a value's digest is that of its own pickle, the same in every language.
    """
    rendering_key = rendering(
        *site_files,
        repr(settings),
        # Whether a programme covered every authority (shown as "All-Wales") depends on
        # how many there are, on every page that shows the programme.
        str(len(archive.timelines)),
    )
    units = {
        timeline.authority.slug: unit(
            rendering_key,
            [
                *(record_digests[r.path] for r in (timeline.authority, *timeline.entries)),
                # An entry's Welsh text, in its own file, is part of the entry's record.
                *(record_digests[e.welsh.path] for e in timeline.entries if e.welsh),
            ],
            [last_changed.get(entry.id, "") for entry in timeline.entries],
        )
        for timeline in archive.timelines
    }
    return PageKeys(rendering_key, units, parts or contexts.SharedParts())


def published_output(site: Path, tree: Tree) -> tuple[list[str], str]:
    """Return the files and folders of a site just published, and their site_output, from
    the stats the tree recorded as it was written, without looking at each one again.

    Only the site folder's own stat, which the switch into place changes, is taken anew.
    """
    folders = [(name, stat) for name, stat in tree.folders.items() if name]
    files = [(name, stat) for name, (_, stat) in tree.files.items()]
    names = [name for name, _ in (*folders, *files)]
    prefix = os.path.join(os.fspath(site), "")
    numbers = stamps.stats([os.fspath(site)])
    numbers.extend(stamps.packed(stat for _, stat in (*folders, *files)))
    return names, stamps.stats_digest(
        [os.fspath(site), *(prefix + name for name in names)], numbers
    )
