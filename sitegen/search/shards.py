"""The search index in shards: which page goes to which shard, and the list of bundles.

Pagefind has no incremental mode, but a search can run over several of its bundles at once.
So the searched pages (those whose template marks data-pagefind-body: the authorities' and
the entries' pages) are split into shards, and each shard is a bundle of its own at
/pagefind/<n>/ (made by bundles.py). The bundles are listed in /pagefind/bundles.json,
which the search page reads (static/search.js) and searches as one.

Pages go to shards by a stable hash of their group: the authority whose records they show,
all its pages in both languages together, or for a page of no one authority (a programme's)
its address. The number of shards grows with the record, one for every SHARD_PAGES pages,
and while it stays the same no page moves. An edit changes the pages of one authority, so
it changes one shard, and a build indexes only that one again (cache/stages.py reuses the
rest): a shard's bundle depends on nothing but its own pages.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

FOLDER = "pagefind"
MANIFEST = f"{FOLDER}/bundles.json"
# How many searched pages (in all languages) one shard holds on average: about a tenth of
# a record of 10,000 entries, whose pages Pagefind indexes in a few seconds.
SHARD_PAGES = 2000
# The attribute that puts a page in the index (Pagefind indexes only such pages).
SEARCHED = "data-pagefind-body"


@dataclass(frozen=True)
class SearchedPage:
    """A page to index: its file under the site root, the digest of its HTML, and the group
    it is indexed with, which places it in a shard.

    The group is the authority whose records the page shows (its scope), or else its
    address, which its twins in the other languages share. An edit changes the pages of one
    authority (an entry's page, its neighbours', its authority's), so it changes one shard.
    """

    path: str
    digest: str
    group: str


@dataclass(frozen=True)
class Shard:
    """The pages of one bundle, in path order, and the bundle's folder name."""

    name: str
    pages: tuple[SearchedPage, ...]


def searched_templates(templates: Mapping[str, str]) -> set[str]:
    """Return the names of the templates whose pages Pagefind indexes."""
    return {name for name, source in templates.items() if SEARCHED in source}


def shard_count(pages: int, per_shard: int = SHARD_PAGES) -> int:
    """Return how many shards a record of so many searched pages is split into."""
    return max(1, math.ceil(pages / per_shard))


def shard_of(group: str, count: int) -> int:
    """Return the shard a group of pages belongs to: the same from build to build and
    machine to machine (a digest, not Python's salted hash)."""
    digest = hashlib.sha256(group.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count


def plan_shards(pages: Iterable[SearchedPage], per_shard: int | None = None) -> list[Shard]:
    """Split the searched pages into shards, one for every SHARD_PAGES pages (or as told),
    each group of pages whole; a shard that no group falls into is left out."""
    pages = sorted(pages, key=lambda page: page.path)
    count = shard_count(len(pages), per_shard or SHARD_PAGES)
    members: dict[int, list[SearchedPage]] = defaultdict(list)
    # Each group's shard is worked out once: an authority has hundreds of pages.
    numbers: dict[str, int] = {}
    for page in pages:
        number = numbers.get(page.group)
        if number is None:
            number = numbers[page.group] = shard_of(page.group, count)
        members[number].append(page)
    return [Shard(str(number), tuple(members[number])) for number in sorted(members)]


def manifest(shards: Sequence[Shard]) -> bytes:
    """Return the list of bundles that the search page merges, as the file it reads."""
    bundles = [f"{shard.name}/" for shard in shards]
    return json.dumps({"bundles": bundles}, indent=1).encode("utf-8") + b"\n"
