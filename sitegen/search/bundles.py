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
import subprocess
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from sitegen.search import folders
from sitegen.search.shards import FOLDER, Shard

# The prefix of the environment variables that Pagefind's program reads as settings.
PREFIX = "PAGEFIND_"
# Pagefind's ready-made interfaces, which the site does not use (it has its own).
UNUSED = ("pagefind-ui", "pagefind-component-ui", "pagefind-modular-ui", "pagefind-highlight")


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site."""


def index_shards(shards: Sequence[Shard], source: Callable[[str], Path], work: Path) -> Indexing:
    """Start indexing each shard's pages (each page's file by its digest, from source());
    return the indexing, whose bundles are had by iterating it, each as its files by path
    under the site root. Pagefind is at work on the first shard when this returns, so the
    build can do other work meanwhile."""
    return Indexing(shards, source, work)


class Indexing:
    """Pagefind at work on shards, one after another, beside the build.

    Each shard's pages are named to Pagefind in a folder of their own, work/<shard's
    name>/, by symbolic links to the pages' files (folders.py), which Pagefind follows; a
    link is a file of its own, so the stored file and its stat, which the store checks
    before it trusts a file, stay as they were.

    Pagefind runs as a process of its own, started on the first shard at once. Iterating
    waits for each shard in turn, reads and checks its bundle, starts the next shard and
    then yields the bundle, so only one shard's index is being made at a time (one
    Pagefind's memory). Leaving the iteration, or the with block, early stops Pagefind.
    """

    def __init__(self, shards: Sequence[Shard], source: Callable[[str], Path], work: Path) -> None:
        # Absolute, as Pagefind runs in a folder of its own, where a relative path names
        # another.
        self._work = Path(os.path.abspath(work))
        self._source = source
        self._waiting = list(shards)
        self._running: _Run | None = None
        self._work.mkdir(parents=True, exist_ok=True)
        # A shard that cannot be started (a page missing, no Pagefind) fails the search
        # when its result is asked for, so a build reports first what it checks meanwhile.
        self._failed: SearchIndexError | None = None
        try:
            self._start_next()
        except SearchIndexError as error:
            self._failed = error

    def __enter__(self) -> Indexing:
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()

    def __iter__(self) -> Iterator[dict[str, bytes]]:
        try:
            if self._failed is not None:
                raise self._failed
            while self._running is not None:
                run, self._running = self._running, None
                bundle = run.bundle()
                self._start_next()
                yield bundle
        finally:
            self.stop()

    def stop(self) -> None:
        """Stop Pagefind, if it is at work, and index nothing more."""
        self._waiting.clear()
        if self._running is not None:
            self._running.stop()
            self._running = None

    def _start_next(self) -> None:
        if not self._waiting:
            return
        shard = self._waiting.pop(0)
        site = self._work / shard.name
        folders.link_pages(os.fspath(site), _files_of(shard, self._source))
        self._running = _Run(shard, site, self._work)


def _files_of(shard: Shard, source: Callable[[str], Path]) -> dict[str, str]:
    """Return each page's file (by its digest, from source()), by its path in the site.

    A missing file is refused here: Pagefind retries a file it cannot read, then leaves it
    out of the index and still succeeds, so the page would be missing from the search with
    no more than a line on its error output."""
    files = {}
    for page in shard.pages:
        file = os.path.abspath(source(page.digest))
        if not os.path.isfile(file):
            raise SearchIndexError(
                f"{page.path}: its page is missing ({file}), so it cannot be indexed"
            )
        files[page.path] = file
    return files


class _Run:
    """Pagefind at work on one shard, in a temporary folder of its own, which holds the
    bundle it writes."""

    def __init__(self, shard: Shard, site: Path, work: Path) -> None:
        self.shard = shard
        self._folder = tempfile.TemporaryDirectory(prefix="bundle-", dir=work)
        folder = Path(self._folder.name)
        self._output = folder / "bundle"
        # What it says goes into a file, not a pipe: nothing reads it while the build goes
        # on, and a full pipe would hold Pagefind up.
        self._said = folder / "said.txt"
        try:
            self._process = _start_pagefind(site, self._output, folder, self._said)
        except BaseException:
            self._folder.cleanup()
            raise

    def bundle(self) -> dict[str, bytes]:
        """Wait for Pagefind; return the bundle's files, checked to hold every page."""
        try:
            self._process.wait()
            # With --quiet, only its warnings and errors.
            said = self._said.read_text(encoding="utf-8", errors="replace")
            if self._process.returncode != 0:
                raise SearchIndexError(f"pagefind failed:\n{said}")
            bundle = _bundle(self._output, f"{FOLDER}/{self.shard.name}")
        finally:
            self.stop()
        _check_every_page_indexed(self.shard, bundle, said)
        return bundle

    def stop(self) -> None:
        try:
            if self._process.poll() is None:
                self._process.kill()
                self._process.wait()
        finally:
            self._folder.cleanup()


def _start_pagefind(site: Path, output: Path, folder: Path, said: Path) -> subprocess.Popen:
    """Start Pagefind over a folder of pages, what it says going into the file said. It
    runs in a folder of its own, without the environment's PAGEFIND_ settings, so that no
    configuration file or variable of the machine changes the bundle: its flags here are
    the whole of its configuration."""
    program = _executable()
    settings = {name: value for name, value in os.environ.items() if not name.startswith(PREFIX)}
    try:
        with open(said, "wb") as told:
            return subprocess.Popen(
                [program, "--site", str(site), "--output-path", str(output), "--quiet"],
                stdin=subprocess.DEVNULL,
                stdout=told,
                stderr=subprocess.STDOUT,
                cwd=folder,
                env=settings,
            )
    except OSError as error:
        raise SearchIndexError(f"pagefind could not be run ({program}): {error}") from error


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
