"""The stamp of the last build, checked first: a build with nothing to do stops here.

A stamp holds what the last build was made from and what it left in the site folder, each
as one digest of stats (sizes, inodes and change times, never contents), and the build's
report. A build whose inputs and site have the stats the stamp holds would make the same
site again, so it does nothing and says so.

This module needs only the standard library, msgspec, the seal and a few plain modules of
the package (the build's paths and report, the settings, the days from git), so the command
line can check the stamp before it imports the rest of the generator, which takes longer
than the check itself.
"""

from __future__ import annotations

import functools
import importlib.metadata
import os
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import msgspec

from sitegen.builds import BuildReport, Paths
from sitegen.cache import seal
from sitegen.content.history import read_last_changed
from sitegen.digests import digest, of_tree
from sitegen.settings import Settings

STAMP = "stamp.msgpack"
# Libraries whose version can change what the build makes.
_SHAPING_LIBRARIES = (
    "babel", "jinja2", "markdown", "markupsafe", "nh3", "orjson", "pagefind", "pagefind_bin",
    "pyyaml", "selectolax",
)  # fmt: skip
# The package: every module of it, in its subpackages too.
_PACKAGE = Path(__file__).resolve().parent.parent
# Stats are packed as unsigned 64-bit numbers (times before 1970 wrap round, and stay
# distinct); a path that cannot be read now is _MISSING, and a stat a build could not read
# as it wrote the file, _UNREAD, which no look gives.
_WORD = (1 << 64) - 1
_MISSING = (_WORD,) * 4
_UNREAD = (_WORD - 1,) * 4


@dataclass(frozen=True)
class Stamp:
    """What the last build was made from and what it left in the site folder, cheap to
    compare: the digests of site_inputs and site_output, the site's files and folders that
    the second covers (by path under the site), and the build's report."""

    inputs: str
    site: str
    site_files: list[str]
    report: dict[str, int | bool]


@dataclass(frozen=True)
class Inputs:
    """What a build is about to be made from, as far as it can be known without reading
    the files: the days entries last changed (from git, when asked for) and the digest of
    every input's stat with the generator and the settings (site_inputs)."""

    key: str
    last_changed: dict[str, str]


def read_inputs(paths: Paths, settings: Settings, *, history: bool) -> Inputs:
    """Return a build's inputs; with history, the days from git too."""
    last_changed = read_last_changed(paths.content) if history else {}
    folders = (paths.content, paths.templates, paths.static, paths.locale)
    return Inputs(site_inputs(folders, settings, last_changed), last_changed)


def up_to_date(paths: Paths, inputs: Inputs) -> BuildReport | None:
    """Return the last build's report if it was made from these very inputs and its site
    is still as it left it, marked up to date; else None: the site is to be built.

    Safe to ask without the cache's lock, as it changes nothing in the cache or the site:
    a build replaces the stamp whole, and changes the site folder's own stat when it
    publishes a new site.
    """
    last = last_stamp(paths.cache)
    if (
        last is None
        or last.inputs != inputs.key
        or last.site != site_output(paths.site, last.site_files)
    ):
        return None
    try:
        return replace(BuildReport(**last.report), rendered=0, up_to_date=True)
    except TypeError:
        return None  # a report of another shape: build, and the next stamp replaces it


def last_stamp(folder: Path | None) -> Stamp | None:
    """Return the stamp of the last successful build kept in a cache's folder, if any:
    None if it is missing, not a plain file, unsealed or of another shape."""
    data = None if folder is None else seal.read_sealed(seal.cache_key(), folder, STAMP)
    if data is None:
        return None
    try:
        return msgspec.msgpack.decode(data, type=Stamp)
    except (msgspec.DecodeError, msgspec.ValidationError):
        return None


@functools.cache
def generator() -> str:
    """Return the digest of the generator's source and the versions of the libraries it uses.

    Read once a process, so it describes the code the process runs.
    """
    sources = {
        path.relative_to(_PACKAGE).as_posix(): path.read_bytes()
        for path in sorted(_PACKAGE.rglob("*.py"))
    }
    versions = [f"{name}={importlib.metadata.version(name)}" for name in _SHAPING_LIBRARIES]
    return digest(of_tree(sources), *versions)


def site_inputs(folders: Sequence[Path], settings: Settings, last_changed: dict[str, str]) -> str:
    """Return the digest of what the whole site is made from, cheap to make: every input
    file's stat, the generator, the settings and the days the records last changed."""
    found = files_under(*folders)
    return digest(
        "site inputs",
        stats_digest(found, stats(found)),
        # The generator as this process read it (its code and libraries), not as it is on
        # disk now: a long-running preview keeps the code it started with.
        generator(),
        repr(settings),
        repr(sorted(last_changed.items())),
    )


def site_output(site: Path, files: Iterable[str]) -> str:
    """Return the digest of a built site's folder and of these files and folders of it, by
    their stats: a file edited or removed since the build changes it, and so does a file
    added, which changes its folder's stat."""
    # Paths joined as strings: there is one for each file of the site.
    prefix = os.path.join(os.fspath(site), "")
    found = [os.fspath(site), *(prefix + name for name in files)]
    return stats_digest(found, stats(found))


def stats_digest(paths: Sequence[str], numbers: array) -> str:
    """Return the digest of some paths and their stats (as stats packs them)."""
    return digest("stats", "\0".join(paths), numbers.tobytes())


def stats(paths: Iterable[str]) -> array:
    """Return each file's size, inode and change times, packed: what a change to it alters.

    The change time (ctime) moves on every write and cannot be set back by hand, so equal
    stats mean an unchanged file without reading it. Packed, as there is one a file of the
    site, and a tuple each would take longer to make and to digest than the stats take.
    """
    numbers = array("Q")
    add = numbers.extend
    for path in paths:
        try:
            # Followed, as reading follows them: an edit to a linked file is an edit.
            found = os.stat(path)
        except OSError:
            add(_MISSING)
            continue
        add((found.st_size, found.st_ino, found.st_mtime_ns & _WORD, found.st_ctime_ns & _WORD))
    return numbers


def packed(recorded: Iterable[tuple[int, int, int, int]]) -> array:
    """Return stats recorded as a build wrote its files, packed as stats packs them.

    A stat the build could not read is recorded as -1s: packed, it is one that stats never
    gives (nor for a missing file), so no later look matches it and the file is looked at
    again."""
    numbers = array("Q")
    for size, inode, modified, changed in recorded:
        if size < 0 or inode < 0:
            numbers.extend(_UNREAD)
            continue
        numbers.extend((size, inode, modified & _WORD, changed & _WORD))
    return numbers


def files_under(*folders: Path) -> list[str]:
    """Return the path of every file and folder under the folders, the folders included.

    Folders are listed too, so that adding or removing a file (which changes its folder's
    times) is seen even before the file's own stat is compared.
    """
    found = []
    for folder in folders:
        found.append(str(folder))
        if folder.is_dir():
            for root, dirs, names in os.walk(folder):
                dirs.sort()
                found.extend(os.path.join(root, name) for name in sorted(dirs + names))
    return found
