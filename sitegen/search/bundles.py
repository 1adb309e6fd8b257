"""Pagefind's bundle of each shard of the search index, made by Pagefind's own program.

Pagefind indexes a folder, so each shard's pages are linked into a folder of their own and
indexed there; the bundle's files are then read back, to be stored and written into the
site like any other file. A bundle depends on its pages and on the program alone
(indexer() names it, for the cache's keys).
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from sitegen.search.shards import FOLDER, Shard

# The prefix of the environment variables that Pagefind's program reads as settings.
PREFIX = "PAGEFIND_"
# Pagefind's ready-made interfaces, which the site does not use (it has its own).
UNUSED = ("pagefind-ui", "pagefind-component-ui", "pagefind-modular-ui", "pagefind-highlight")


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site."""


def index_shards(
    shards: Sequence[Shard], source: Callable[[str], Path], work: Path
) -> Iterator[dict[str, bytes]]:
    """Index each shard's pages (each page's file by its digest, from source()); yield
    each bundle's files in turn, by path under the site root.

    Pagefind indexes a folder: each shard's pages are named in a folder of their own,
    work/<shard's name>/, at their paths in the site, by symbolic links to the pages'
    files, which Pagefind follows. A link is a file of its own, so the stored file and its
    stat (which the store checks before it trusts a file) stay as they were, and no page is
    copied. The folder is kept for the shard's next indexing, when only the links of
    changed pages are made again (making and deleting a folder and a link for every page
    took half a second for a shard of 2,000). The shards are indexed one after another,
    and each bundle is yielded before the next is made, so only one shard's index is in
    memory at a time, in Pagefind or here.
    """
    # Absolute, as Pagefind runs in a folder of its own, where a relative path names another.
    work = Path(os.path.abspath(work))
    work.mkdir(parents=True, exist_ok=True)
    for shard in shards:
        site = work / shard.name
        _link_pages(shard, source, os.fspath(site))
        with tempfile.TemporaryDirectory(prefix="bundle-", dir=work) as folder:
            output = Path(folder) / "bundle"
            said = _run_pagefind(site, output, Path(folder))
            bundle = _bundle(output, f"{FOLDER}/{shard.name}")
        _check_every_page_indexed(shard, bundle, said)
        yield bundle


def keep_only(work: Path, shards: Sequence[Shard]) -> None:
    """Remove from the search's work folder all but these shards' folders of links: those
    of shards gone (the record shrank), and anything a killed build left."""
    if not work.is_dir() or work.is_symlink():
        return
    names = {shard.name for shard in shards}
    with os.scandir(work) as found:
        for entry in found:
            if entry.name not in names or not entry.is_dir(follow_symlinks=False):
                _remove(entry.path)


def _link_pages(shard: Shard, source: Callable[[str], Path], site: str) -> None:
    """Make site a folder of the shard's pages at their paths, each a symbolic link to its
    file (by its digest, from source()), and nothing else.

    What the folder holds from the shard's last indexing is looked at first: a link to the
    right file stays, and anything else (a link to another file or a page gone from the
    shard, any other file, link or folder) is removed, so that Pagefind reads this shard's
    pages alone whatever the folder held. Where that would not do (_kept_links says when),
    or the folder cannot be read, it is made again whole, in path order. Asked of every
    page, so done with strings rather than through pathlib.

    A link to a missing file is refused here: Pagefind retries a file it cannot read, then
    leaves it out of the index and still succeeds, so the page would be missing from the
    search with no more than a line on its error output."""
    wanted: dict[str, str] = {}
    for page in shard.pages:
        file = os.path.abspath(source(page.digest))
        if not os.path.isfile(file):
            raise SearchIndexError(
                f"{page.path}: its page is missing ({file}), so it cannot be indexed"
            )
        wanted[os.path.join(site, page.path)] = file
    folders = {site}
    for target in wanted:
        folder = os.path.dirname(target)
        while folder not in folders:
            folders.add(folder)
            folder = os.path.dirname(folder)
    try:
        kept, made = _kept_links(site, wanted, folders)
    except (_MadeAgain, OSError):
        _remove(site)
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
        _remove(site)
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
            _remove(path)
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


def _remove(path: str) -> None:
    """Remove a file, a link (never followed) or a folder with all it holds."""
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path)
    elif os.path.lexists(path):
        os.unlink(path)


def _run_pagefind(site: Path, output: Path, folder: Path) -> str:
    """Run Pagefind over a folder of pages. It runs in a folder of its own, without the
    environment's PAGEFIND_ settings, so that no configuration file or variable of the
    machine changes the bundle: its flags here are the whole of its configuration. Return
    what it said (with --quiet, only its warnings and errors)."""
    program = _executable()
    settings = {name: value for name, value in os.environ.items() if not name.startswith(PREFIX)}
    try:
        result = subprocess.run(
            [program, "--site", str(site), "--output-path", str(output), "--quiet"],
            capture_output=True,
            text=True,
            check=False,
            cwd=folder,
            env=settings,
        )
    except OSError as error:
        raise SearchIndexError(f"pagefind could not be run ({program}): {error}") from error
    if result.returncode != 0:
        raise SearchIndexError(f"pagefind failed:\n{result.stdout}{result.stderr}")
    return f"{result.stdout}{result.stderr}"


def _check_every_page_indexed(shard: Shard, bundle: dict[str, bytes], said: str) -> None:
    """Raise SearchIndexError unless the bundle holds every page of the shard, as the
    count in its entry file (in each language) says. Pagefind leaves out a page it cannot
    read, or one without the part it indexes where other pages have it, and succeeds."""
    entry = bundle.get(f"{FOLDER}/{shard.name}/pagefind-entry.json", b"{}")
    try:
        languages = json.loads(entry)["languages"].values()
        indexed = sum(int(language["page_count"]) for language in languages)
    except (ValueError, KeyError, TypeError, AttributeError):
        raise SearchIndexError(
            f"pagefind gave search shard {shard.name} no entry file to count its pages in"
        ) from None
    if indexed != len(shard.pages):
        raise SearchIndexError(
            f"pagefind indexed {indexed} of the {len(shard.pages)} pages of search shard "
            f"{shard.name}, so a page would be missing from the search (every searched page "
            f"is to be readable and have its data-pagefind-body)" + (f":\n{said}" if said else "")
        )


def _executable() -> str:
    """Return Pagefind's own program: the one its Python package installs, unless
    $PAGEFIND_BINARY_PATH names another."""
    # Imported here, when the search step first runs: Pagefind's service module brings in
    # asyncio, which nothing else needs, and every command would pay for its import.
    from pagefind.service import get_executable

    found = get_executable()
    if found is None:
        raise SearchIndexError("Pagefind's program is not installed: run `make site` to set up")
    return str(found)


def indexer() -> str:
    """Return the name and version of the program that makes the bundles, as it gives them
    ('pagefind 1.5.2'): a bundle made by another is made again."""
    return _version(_executable())


@functools.cache
def _version(program: str) -> str:
    try:
        result = subprocess.run([program, "--version"], capture_output=True, text=True)
    except OSError as error:
        raise SearchIndexError(f"pagefind could not be run ({program}): {error}") from error
    if result.returncode != 0 or not result.stdout.strip():
        raise SearchIndexError(
            f"pagefind ({program}) could not say its version:\n{result.stdout}{result.stderr}"
        )
    return result.stdout.strip()


def _bundle(output: Path, under: str) -> dict[str, bytes]:
    """Return a written bundle's files, by path under the site root, without the unused.
    Read with strings rather than through pathlib: a bundle has a file for every page."""
    root = os.fspath(output)
    files = sorted(
        os.path.relpath(os.path.join(folder, name), root)
        for folder, _, names in os.walk(root)
        for name in names
        if not name.startswith(UNUSED)
    )
    bundle = {}
    for name in files:
        with open(os.path.join(root, name), "rb") as file:
            bundle[f"{under}/{name}"] = file.read()
    return bundle
