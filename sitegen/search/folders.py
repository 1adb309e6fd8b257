"""Each shard's folder of pages for Pagefind: a symbolic link to each page's stored file,
at its path in the site, kept from one indexing of the shard to the next.

Pagefind indexes a folder, and the pages of a shard are not a folder of the site. Making
and deleting a folder and a link for every page took half a second for a shard of 2,000,
so the folder is brought up to date instead: only the links of changed pages are made
again, and whatever the folder should not hold is removed, so Pagefind reads the shard's
pages alone whatever the folder held.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Collection, Mapping
from pathlib import Path


def keep_only(work: Path, names: Collection[str]) -> None:
    """Remove from the search's work folder all but these shards' folders of links: those
    of shards gone (the record shrank), and anything a killed build left.

    A killed build's Pagefind may still be writing into its own folder (bundle-*, named
    for that run alone): what cannot be removed yet is left for a later build."""
    if not work.is_dir() or work.is_symlink():
        return
    with os.scandir(work) as found:
        for entry in found:
            if not entry.is_dir(follow_symlinks=False):
                remove(entry.path)
            elif entry.name not in names:
                shutil.rmtree(entry.path, ignore_errors=True)


def link_pages(site: str, files: Mapping[str, str]) -> None:
    """Make site a folder of a shard's pages at their paths, each a symbolic link to its
    file (files holds each page's absolute file by its path in the site), and nothing else.

    What the folder holds from the shard's last indexing is looked at first: a link to the
    right file stays, and anything else (a link to another file or a page gone from the
    shard, any other file, link or folder) is removed, so that Pagefind reads this shard's
    pages alone whatever the folder held. Where that would not do (_kept_links says when),
    or the folder cannot be read, it is made again whole, in path order. Asked of every
    page, so done with strings rather than through pathlib."""
    wanted = {os.path.join(site, path): file for path, file in files.items()}
    folders = {site}
    for target in wanted:
        folder = os.path.dirname(target)
        while folder not in folders:
            folders.add(folder)
            folder = os.path.dirname(folder)
    try:
        kept, made = _kept_links(site, wanted, folders)
    except (_MadeAgain, OSError):
        remove(site)
        kept, made = set(), set()
    # In path order (the shard's pages are), which a folder made anew lists them in.
    for target, file in wanted.items():
        if target in kept:
            continue
        folder = os.path.dirname(target)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        os.symlink(file, target)


class _MadeAgain(Exception):
    """A shard's folder of links is to be made again whole."""


def _raise(error: OSError) -> None:
    raise error


def _kept_links(site: str, wanted: dict[str, str], folders: set[str]) -> tuple[set[str], set[str]]:
    """Remove from site all but the wanted links (each to its file) and the folders that
    hold them; return the links and the folders kept. A site that is not a folder (a link
    to one among them) is removed whole.

    Raise _MadeAgain where the folder brought up to date might list its pages in another
    order than one made anew: when a page is to be added, or a page's link is to be made
    again beside other entries of its folder. Some file systems (tmpfs, btrfs) list a folder
    in the order its entries were made, and Pagefind numbers pages in the order it finds
    them, so the bundle would differ from a build's without the cache. An edit to a page
    (alone in its folder, .../<page>/index.html) keeps the folder; adding or moving pages
    makes it again. Raise OSError if any of it cannot be read."""
    kept: set[str] = set()
    present: set[str] = set()
    if os.path.islink(site) or not os.path.isdir(site):
        remove(site)
        return kept, present
    placed = 0
    for root, dirs, names in os.walk(site, onerror=_raise):
        present.add(root)
        alone = len(dirs) + len(names) == 1
        for name in list(dirs):
            path = os.path.join(root, name)
            # A link to a folder is listed with the folders, and never followed.
            if path in folders and not os.path.islink(path):
                continue
            if path in wanted:
                if not alone:
                    raise _MadeAgain(path)
                placed += 1
            remove(path)
            dirs.remove(name)
        for name in names:
            path = os.path.join(root, name)
            file = wanted.get(path)
            if file is not None:
                placed += 1
                if os.path.islink(path) and os.readlink(path) == file:
                    kept.add(path)
                    continue
                if not alone:
                    raise _MadeAgain(path)
            os.unlink(path)
    if placed != len(wanted):
        raise _MadeAgain(site)
    return kept, present


def remove(path: str) -> None:
    """Remove a file, a link (never followed) or a folder with all it holds."""
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path)
    elif os.path.lexists(path):
        os.unlink(path)
