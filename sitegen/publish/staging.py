"""Writing the site: copied from the store into a staging folder, then swapped in whole.

A failed or killed build leaves the previous site/ complete: the new one is written next
to it and takes its place only once finished (and indexed).
"""

from __future__ import annotations

import ctypes
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from sitegen.cache.store import ObjectStore, StoredFile


class UnsafePathError(ValueError):
    """An output path would land outside the site folder."""


def _safe_relative(path: str) -> PurePosixPath:
    relative = PurePosixPath(path)
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise UnsafePathError(f"refusing to write {path!r}: it is outside the site folder")
    return relative


def write_staging(files: Mapping[str, StoredFile], store: ObjectStore, site: Path) -> Path:
    """Copy every stored file into a new folder beside the site folder; return that folder."""
    site.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{site.name}.new-", dir=site.parent))
    made = {staging}
    for path in sorted(files):
        target = staging.joinpath(*_safe_relative(path).parts)
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        store.copy(files[path].digest, target)
    staging.chmod(0o755)
    return staging


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one atomic step (Linux renameat2); say whether it was done."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    done = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange)
    return done == 0


def swap_in(staging: Path, site: Path) -> None:
    """Put the finished staging folder in the site folder's place, then drop the old one."""
    # An atomic exchange means there is no moment at which site/ is missing or partial.
    if site.is_dir() and not site.is_symlink() and _exchange(staging, site):
        shutil.rmtree(staging)
        return
    old = None
    if site.exists():
        old = Path(tempfile.mkdtemp(prefix=f"{site.name}.old-", dir=site.parent))
        os.replace(site, old / site.name)
    os.replace(staging, site)
    if old is not None:
        shutil.rmtree(old)


def discard(staging: Path) -> None:
    """Remove a staging folder left by a build that failed."""
    shutil.rmtree(staging, ignore_errors=True)
