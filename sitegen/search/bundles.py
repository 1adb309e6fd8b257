"""Pagefind's bundle of each shard of the search index, made by Pagefind's own program.

Pagefind indexes a folder, so each shard's pages are linked into a folder of their own and
indexed there; the bundle's files are then read back, to be stored and written into the
site like any other file. A bundle depends on its pages and on the program alone
(indexer() names it, for the cache's keys).
"""

from __future__ import annotations

import functools
import os
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

    Each shard's pages are named in a folder of their own in work, at their paths in the
    site, by symbolic links to the pages' files, which Pagefind follows: a link is a file of
    its own, so the stored file and its stat (which the store checks before it trusts a
    file) stay as they were, and no page is copied. The shards are indexed one after another,
    and each bundle is yielded before the next is made, so only one shard's index is in
    memory at a time, in Pagefind or here.
    """
    for shard in shards:
        with tempfile.TemporaryDirectory(prefix="search-", dir=work) as folder:
            # Absolute, as Pagefind runs in this folder: a relative path would name another.
            folder = os.path.abspath(folder)
            site, output = Path(folder) / "site", Path(folder) / "bundle"
            _link_pages(shard, source, os.fspath(site))
            _run_pagefind(site, output, Path(folder))
            bundle = _bundle(output, f"{FOLDER}/{shard.name}")
        yield bundle


def _link_pages(shard: Shard, source: Callable[[str], Path], site: str) -> None:
    """Make a folder of the shard's pages at their paths under site, each a symbolic link to
    its file (by its digest, from source()). Asked for every page of a shard, so made with
    strings and a memory of the folders made rather than through pathlib.

    A link to a missing file is refused here: Pagefind retries a file it cannot read, then
    leaves it out of the index and still succeeds, so the page would be missing from the
    search with no more than a line on its error output."""
    made: set[str] = set()
    for page in shard.pages:
        file = os.path.abspath(source(page.digest))
        if not os.path.isfile(file):
            raise SearchIndexError(
                f"{page.path}: its page is missing ({file}), so it cannot be indexed"
            )
        target = os.path.join(site, page.path)
        folder = os.path.dirname(target)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        os.symlink(file, target)


def _run_pagefind(site: Path, output: Path, folder: Path) -> None:
    """Run Pagefind over a folder of pages. It runs in a folder of its own, without the
    environment's PAGEFIND_ settings, so that no configuration file or variable of the
    machine changes the bundle: its flags here are the whole of its configuration."""
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
    """Return a written bundle's files, by path under the site root, without the unused."""
    return {
        f"{under}/{path.relative_to(output).as_posix()}": path.read_bytes()
        for path in sorted(output.rglob("*"))
        if path.is_file() and not path.name.startswith(UNUSED)
    }
