"""What a build leaves to Python's cycle collector, which waits until the build is over
(sitegen/memory.py): none of its records or pages, which reference counting frees as soon
as the build is done with them. A large record left in reference cycles costs a long
collection at the end of every build, and holds its memory until then."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from cacheproject import Project

from sitegen.cache.files import StoredFile
from sitegen.cache.store import ObjectStore
from sitegen.model.records import Authority, Entry
from sitegen.model.timelines import Archive, Timeline

pytestmark = pytest.mark.site

# What a build holds by the thousand, or that holds all of it.
LARGE = (Archive, Timeline, Authority, Entry, StoredFile, ObjectStore)


def left_in_cycles(build) -> dict[str, int]:
    """Run build(); return how many objects of each LARGE type it left in reference cycles."""
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        build()
        gc.collect()
        found: dict[str, int] = {}
        for thing in gc.garbage:
            if isinstance(thing, LARGE):
                found[type(thing).__name__] = found.get(type(thing).__name__, 0) + 1
        return found
    finally:
        gc.set_debug(0)
        gc.garbage.clear()


def test_a_build_after_an_edit_leaves_no_records_or_pages_in_cycles(tmp_path: Path) -> None:
    project = Project(tmp_path)
    assert left_in_cycles(project.build) == {}
    # The next build reuses the last one's pages, with their facts read from its table.
    entry = sorted((tmp_path / "content" / "inspections").glob("*.md"))[0]
    project.edit(str(entry.relative_to(tmp_path)), lambda text: text + "\nOne more line.\n")
    assert left_in_cycles(project.build) == {}
