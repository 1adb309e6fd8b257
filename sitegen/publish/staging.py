"""Publishing the site: the new one is made in a folder of its own and swapped in whole.

A failed or killed build leaves the previous site/ complete: the new one is written next
to it and takes its place only once finished (and indexed), in one atomic exchange where
the system offers it.

With a build cache, the site before the last one is kept in the cache as a spare folder.
The next build brings that folder up to date, writing only the files that differ from what
it held (as the cache recorded them), and exchanges it with site/, which becomes the spare
in turn: an edit costs the files it changed, not a new copy of the whole site. A file or
folder of the spare that is not as recorded (edited, added, replaced by a link) is removed
and written again, so the spare can only make a build slower, never different.
"""

from __future__ import annotations

import ctypes
import os
import posixpath
import shutil
import stat
import tempfile
from collections.abc import Collection, Mapping
from pathlib import Path

from sitegen.cache.codec import PublishedFile, Tree
from sitegen.cache.disk import Stat, remove, stat_of
from sitegen.cache.files import StoredFile
from sitegen.cache.store import ObjectStore

# The site folder's own mode (a temporary folder is made private).
FOLDER_MODE = 0o755


class UnsafePathError(ValueError):
    """An output path would land outside the site folder."""


def _safe_relative(path: str) -> str:
    """Return a file's path under the site folder, refusing one that would land outside it
    (or is not in the one plain form the build writes: no empty, '.' or '..' parts)."""
    if not path or path.startswith("/") or {"", ".", ".."} & set(path.split("/")):
        raise UnsafePathError(f"refusing to write {path!r}: it is outside the site folder")
    return path


def _folder_stat(path: str | Path) -> Stat | None:
    """Return a folder's stat as recorded; None for anything else (a file, a link)."""
    return stat_of(path, stat.S_ISDIR)


def _folders_of(paths: Collection[str]) -> set[str]:
    """Return every folder that holds one of these files, at any depth ('' for the root).
    The paths are a site's (relative, no trailing slash), one for every file: each parent
    is cut off at its last slash rather than through posixpath.dirname."""
    folders = {""}
    for path in paths:
        parent = path.rpartition("/")[0]
        while parent not in folders:
            folders.add(parent)
            parent = parent.rpartition("/")[0]
    return folders


def _write(
    folder: Path, files: Mapping[str, StoredFile], store: ObjectStore
) -> dict[str, tuple[str, Stat]]:
    """Copy stored files into a folder, making the folders they need; return each one's
    digest and stat, by path."""
    root = os.fspath(folder)
    made: set[str] = set()
    written: dict[str, tuple[str, Stat]] = {}
    for path in sorted(files):
        target = os.path.join(root, _safe_relative(path))
        parent = os.path.dirname(target)
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        digest = files[path].digest
        store.copy(digest, target)
        # A stat that cannot be read is one no later look will match: written again then.
        written[path] = (digest, stat_of(target) or (-1, -1, -1, -1))
    return written


def _tree(
    folder: Path,
    files: dict[str, tuple[str, Stat]],
    holding: set[str],
    untouched: Mapping[str, Stat] | None = None,
) -> Tree:
    """Return what a folder holds now that its files are written, in the folders named by
    holding (_folders_of the files); `untouched` gives the stats of folders taken before
    the files were written, in which nothing was made or removed since."""
    folder.chmod(FOLDER_MODE)
    root = os.fspath(folder)
    untouched = untouched or {}
    folders = {}
    for name in sorted(holding):
        found = untouched.get(name) or _folder_stat(f"{root}/{name}" if name else root)
        if found is not None:
            folders[name] = found
    return Tree(files, folders)


def write_tree(folder: Path, files: Mapping[str, StoredFile], store: ObjectStore) -> Tree:
    """Write every file into an empty folder; return what it holds."""
    return _tree(folder, _write(folder, files, store), _folders_of(files))


def update_tree(
    folder: Path, was: Tree, files: Mapping[str, StoredFile], store: ObjectStore
) -> Tree:
    """Bring a folder that held `was` to hold exactly `files`, writing only what differs;
    return what it holds.

    Whatever is not as recorded goes first: a folder whose stat changed is listed and
    everything in it that the record does not name is removed (parents before children, so
    a folder replaced by a link is removed before anything is looked up through it); a
    file whose stat changed is written again.
    """
    # Paths as strings, made without pathlib or os.path.join: there is one for every file
    # of the site, and each is relative (as _write made it).
    root = os.fspath(folder)
    # Folders as recorded: looked at once, not again after the writes unless one was
    # made or removed in them (touched); the folder itself changes mode in _tree.
    unchanged: dict[str, Stat] = {}
    touched = {""}
    for name in sorted(was.folders):
        path = f"{root}/{name}" if name else root
        found = _folder_stat(path)
        if found == was.folders[name]:
            unchanged[name] = found
            continue
        if found is None:
            remove(path)
            touched.add(name.rpartition("/")[0])
            continue
        with os.scandir(path) as listing:
            for item in listing:
                inner = posixpath.join(name, item.name) if name else item.name
                if inner not in was.files and inner not in was.folders:
                    remove(item.path)
    kept = {}
    for path, (digest, recorded) in was.files.items():
        file = files.get(path)
        target = f"{root}/{path}"
        if file is not None and file.digest == digest and stat_of(target) == recorded:
            kept[path] = (digest, recorded)
        else:
            remove(target)
            touched.add(path.rpartition("/")[0])
    holding = _folders_of(files)
    for name in sorted(was.folders.keys() - holding, reverse=True):
        remove(f"{root}/{name}")
        touched.add(name.rpartition("/")[0])
    fresh = {path: file for path, file in files.items() if path not in kept}
    for path in fresh:
        # Its folder, and every folder _write makes above it, up to one that was there.
        parent = path.rpartition("/")[0]
        touched.add(parent)
        while parent and parent not in unchanged:
            parent = parent.rpartition("/")[0]
            touched.add(parent)
    untouched = {name: found for name, found in unchanged.items() if name not in touched}
    return _tree(folder, kept | _write(folder, fresh, store), holding, untouched)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one atomic step (Linux renameat2); say whether it was done."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    done = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange)
    return done == 0


def _exchanged(staging: Path, site: Path) -> bool:
    """Swap the finished folder with the site folder, if there is one and the system can;
    say whether it was done (the old site is then where the new one was)."""
    return site.is_dir() and not site.is_symlink() and _exchange(staging, site)


def _replace(staging: Path, site: Path) -> None:
    """Put the finished folder in the site folder's place, then drop the old site."""
    # An atomic exchange means there is no moment at which site/ is missing or partial.
    if _exchanged(staging, site):
        shutil.rmtree(staging)
        return
    old = None
    if site.exists() or site.is_symlink():
        old = Path(tempfile.mkdtemp(prefix=f"{site.name}.old-", dir=site.parent))
        os.replace(site, old / site.name)
    os.replace(staging, site)
    if old is not None:
        shutil.rmtree(old)


def _same_device(first: Path, second: Path) -> bool:
    try:
        return os.stat(first).st_dev == os.stat(second).st_dev
    except OSError:
        return False


def publish(
    files: Mapping[str, StoredFile],
    store: ObjectStore,
    site: Path,
    spare: Path | None = None,
    known: PublishedFile | None = None,
) -> tuple[Tree, Tree | None]:
    """Make the site folder hold exactly these files, in one switch; return what it holds,
    and what the spare folder holds now (None if there is none).

    Without a spare folder (a build without a cache), the site is written whole into a new
    folder beside the old one. With one, the spare is brought up to date from what `known`
    says it held, then exchanged with the site.
    """
    site.parent.mkdir(parents=True, exist_ok=True)
    if spare is None or not _same_device(spare.parent, site.parent):
        staging = Path(tempfile.mkdtemp(prefix=f"{site.name}.new-", dir=site.parent))
        try:
            tree = write_tree(staging, files, store)
            _replace(staging, site)
        except BaseException:
            discard(staging)
            raise
        return tree, None
    if known is not None and known.spare is not None and _folder_stat(spare) is not None:
        tree = update_tree(spare, known.spare, files, store)
    else:
        remove(spare)
        spare.mkdir()
        tree = write_tree(spare, files, store)
    if _exchanged(spare, site):
        # The old site is the spare now, as the last build recorded it.
        return tree, known.site if known is not None else None
    _replace(spare, site)
    return tree, None


def discard(staging: Path) -> None:
    """Remove a staging folder left by a build that failed."""
    shutil.rmtree(staging, ignore_errors=True)
