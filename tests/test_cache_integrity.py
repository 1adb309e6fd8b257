"""Nothing in the cache folder, and no edit made in site/, changes what a build publishes.

Each case damages a cached project in one way: a table of the cache corrupted, truncated,
emptied, deleted, put in another's place, replaced by a pickle that would run code, by a
folder, a pipe or a link, or forged and sealed again; a stored file changed, truncated,
replaced or removed; the store or the lock replaced; a file of the site or of the spare site
the cache keeps (the one before, to be brought up to date) edited, added or removed in
place, a folder of the spare replaced by a link. Then the project is built, and built again
after an edit to another authority's record (so that everything else is reused from the
cache): both times the site is byte for byte the site a build without any cache makes, and
nothing in the damaged files ran. Each forgery is also tried sealed with the builds' own
key, which shows that, if the seal did not stop it, it would reach the site.
"""

from __future__ import annotations

import os
import pickle
import shutil
import stat
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from cacheproject import LATER, OTHER, Project, files_of, stored_path
from conftest import TODAY
from markupsafe import Markup

from sitegen import pipeline
from sitegen.cache import codec, pagefacts, reads, seal, stamps
from sitegen.cache.folder import OUTPUTS, PUBLISHED, RECORDS, SPARE, SUMMARIES
from sitegen.cache.reads import READS
from sitegen.cache.stamps import STAMP, Stamp
from sitegen.settings import Settings

pytestmark = pytest.mark.site

FACTS = pagefacts.FOLDER
TABLES = (RECORDS, SUMMARIES, OUTPUTS, PUBLISHED, STAMP, FACTS, READS)
# Tables kept in parts, a file each (sitegen/cache/tables.py, and the pages' facts in a
# folder of their own: pagefacts.py): each damage is done to all.
PARTED = (RECORDS, SUMMARIES, FACTS)
KINDS: dict[str, type] = {
    RECORDS: codec.RecordsFile,
    SUMMARIES: codec.SummariesFile,
    OUTPUTS: codec.OutputsFile,
    PUBLISHED: codec.PublishedFile,
    STAMP: Stamp,
    FACTS: codec.FactsFile,
    READS: reads.ReadsFile,
}
# A key an attacker might seal a forged table with: not the one the builds hold.
OTHER_KEY = b"a key that no build of this project was given, 32+ bytes"
EDITED = f"content/inspections/{OTHER}.md"
# A page of another authority than the edited record's, reused from the cache after the edit.
REUSED = f"inspections/{LATER}/index.html"


def edit_another_record(project: Project) -> None:
    project.edit(EDITED, lambda text: text.rstrip() + " A sentence more.\n")


@pytest.fixture(scope="module")
def cold_sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, dict]:
    """Return the sites a build without a cache makes, before the edit and after it."""
    project = Project(tmp_path_factory.mktemp("cold"))
    before = files_of(project.build_cold())
    edit_another_record(project)
    return before, files_of(project.build_cold())


class Marker:
    """Unpickled, it would create a file: the proof that a table's bytes ran as code."""

    path: Path

    def __reduce__(self) -> tuple[Any, ...]:
        return (open, (str(self.path), "w"))


# --- Ways to damage the cache and the site. Each takes the project and the marker's path.
Damage = Callable[[Project, Path], None]


def table(project: Project, name: str) -> Path:
    assert project.paths.cache is not None
    return project.paths.cache / name


def table_files(project: Project, name: str) -> list[Path]:
    """Return a table's files: each of its parts for a table kept in parts."""
    if name in PARTED:
        folder = table(project, FACTS) if name == FACTS else table(project, ".")
        parts = sorted(folder.glob(f"{name}-*.msgpack"))
        assert parts, f"the cache holds no part of {name}"
        return parts
    return [table(project, name)]


def each_file(name: str, damage: Callable[[Path, Path], None]) -> Damage:
    """Return a damage done to every file of a table (given the file and the marker)."""

    def damage_all(project: Project, marker: Path) -> None:
        for path in table_files(project, name):
            damage(path, marker)

    return damage_all


def rewrite(path: Path, change: Callable[[bytes], bytes]) -> None:
    """Change a file's bytes in place, keeping its modification time, as a careful forger
    would; a read-only file is written all the same, as by root."""
    before = path.stat()
    path.chmod(0o644)
    with path.open("r+b") as file:
        data = change(file.read())
        file.seek(0)
        file.truncate()
        file.write(data)
    path.chmod(before.st_mode & 0o777)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def flip_middle(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 0x20]) + data[middle + 1 :]


def corrupt(name: str) -> Damage:
    return each_file(name, lambda path, _: rewrite(path, flip_middle))


def truncate(name: str) -> Damage:
    return each_file(name, lambda path, _: rewrite(path, lambda data: data[: len(data) // 2]))


def empty(name: str) -> Damage:
    return each_file(name, lambda path, _: rewrite(path, lambda _: b""))


def delete(name: str) -> Damage:
    return each_file(name, lambda path, _: path.unlink())


def swap_with(name: str, other: str) -> Damage:
    def damage(project: Project, marker: Path) -> None:
        [source, *_] = table_files(project, other)
        each_file(name, lambda path, _: shutil.copyfile(source, path))(project, marker)

    return damage


def pickled(name: str, sealed: bool) -> Damage:
    """Replace a table by a pickle that would create the marker file if it were loaded;
    sealed, it even bears a true seal, as if written by a build with the right key."""

    def damage(path: Path, marker: Path) -> None:
        bomb = Marker()
        bomb.path = marker
        data = pickle.dumps(bomb)
        path.write_bytes(seal.header(seal.cache_key(), path.name, data) + data if sealed else data)

    return each_file(name, damage)


def folder_for(name: str) -> Damage:
    def damage(path: Path, _: Path) -> None:
        path.unlink()
        (path / "inside").mkdir(parents=True)

    return each_file(name, damage)


def pipe_for(name: str) -> Damage:
    def damage(path: Path, _: Path) -> None:
        path.unlink()
        os.mkfifo(path)

    return each_file(name, damage)


def link_for(name: str, other: str) -> Damage:
    def damage(project: Project, marker: Path) -> None:
        [target, *_] = table_files(project, other)

        def link(path: Path, _: Path) -> None:
            path.unlink()
            path.symlink_to(target)

        each_file(name, link)(project, marker)

    return damage


def forged(name: str, change: Callable[[Project, Any], Any], own_key: bool) -> Damage:
    """Change what a cache file holds and seal it again: with a key of the forger's, or
    (own_key) with the builds' own, which a forger does not have."""

    def damage(project: Project, _: Path) -> None:
        for path in table_files(project, name):
            kind = KINDS[name]
            _, _, payload = path.read_bytes().partition(b"\n")
            data = codec.dumps(change(project, codec.loads(kind, payload)))
            key = seal.cache_key() if own_key else OTHER_KEY
            path.write_bytes(seal.header(key, path.name, data) + data)

    return damage


def forge_titles(_: Project, records: codec.RecordsFile) -> codec.RecordsFile:
    entries = {
        key: (None if entry is None else replace(entry, title="A forged title"), problems)
        for key, (entry, problems) in records.entries.items()
    }
    return replace(records, entries=entries)


def forge_summaries(_: Project, summaries: codec.SummariesFile) -> codec.SummariesFile:
    forged = Markup("<p>A forged summary.</p>")
    return codec.SummariesFile({key: forged for key in summaries.summaries})


def forge_feeds(_: Project, outputs: codec.OutputsFile) -> codec.OutputsFile:
    """Give each authority's feed another authority's stored feed. (Pages given each other's
    files are caught by the completeness check: their facts go with their files.)"""
    feeds = list(outputs.feeds.values())
    rotated = dict(zip(feeds, feeds[1:] + feeds[:1], strict=True))
    return replace(outputs, feeds={key: rotated[digest] for key, digest in outputs.feeds.items()})


def forge_object(project: Project, outputs: codec.OutputsFile) -> codec.OutputsFile:
    """Change a stored page's bytes, and record its new stat as the one it was written with."""
    stored = stored_path(project.paths.cache or Path(), project.file(REUSED))
    rewrite(stored, lambda page: page.replace(b"<main", b"<main data-forged", 1))
    found = os.lstat(stored)
    digest = stored.parent.name + stored.name
    stat = (found.st_size, found.st_ino, found.st_mtime_ns, found.st_ctime_ns)
    return replace(outputs, files={**outputs.files, digest: (stat, outputs.files[digest][1])})


def forge_stamp(project: Project, stamp: Stamp) -> Stamp:
    """Edit a page of the site in place, and stamp the site as built just so."""
    rewrite(project.file(REUSED), lambda page: page.replace(b"<main", b"<main data-forged", 1))
    return replace(stamp, site=stamps.site_output(project.paths.site, stamp.site_files))


def make_spare(project: Project) -> Path:
    """Build once with an edit and once without it, so that the cache keeps a spare site
    (the edited one) for the next build to bring up to date; return the spare's folder."""
    original = (project.root / EDITED).read_text(encoding="utf-8")
    project.edit(EDITED, lambda text: text.rstrip() + " Soon undone.\n")
    project.build()
    (project.root / EDITED).write_text(original, encoding="utf-8")
    project.build()
    spare = table(project, SPARE)
    assert (spare / REUSED).is_file()
    return spare


def forge_spare(project: Project, published: codec.PublishedFile) -> codec.PublishedFile:
    """Edit a page of the spare site in place, and record its new stat as the one the last
    build wrote it with."""
    spare = table(project, SPARE)
    rewrite(spare / REUSED, lambda page: page.replace(b"<main", b"<main data-forged", 1))
    assert published.spare is not None
    found = os.lstat(spare / REUSED)
    stat = (found.st_size, found.st_ino, found.st_mtime_ns, found.st_ctime_ns)
    digest, _ = published.spare.files[REUSED]
    files = {**published.spare.files, REUSED: (digest, stat)}
    return replace(published, spare=replace(published.spare, files=files))


def with_spare(damage: Damage) -> Damage:
    """Return a damage done once the cache keeps a spare site."""

    def done(project: Project, marker: Path) -> None:
        make_spare(project)
        damage(project, marker)

    return done


def edit_spare(change: Callable[[bytes], bytes]) -> Damage:
    return lambda project, _: rewrite(make_spare(project) / REUSED, change)


def add_to_spare(project: Project, _: Path) -> None:
    spare = make_spare(project)
    (spare / "inspections" / "not-a-record").mkdir()
    (spare / "inspections" / "not-a-record" / "index.html").write_text("<p>Not ours.</p>")
    (spare / "stray.txt").write_text("not ours\n")


def spare_folder_a_link(project: Project, _: Path) -> None:
    """Put a link to a folder outside the cache in the place of a folder of the spare."""
    spare = make_spare(project)
    outside = project.root / "outside"
    shutil.copytree(spare / "inspections", outside)
    shutil.rmtree(spare / "inspections")
    (spare / "inspections").symlink_to(outside)


def change_object(change: Callable[[bytes], bytes]) -> Damage:
    def damage(project: Project, _: Path) -> None:
        rewrite(stored_path(project.paths.cache or Path(), project.file(REUSED)), change)

    return damage


def replace_object(how: str) -> Damage:
    """Put something else in the place of the stored copy of a page reused after the edit:
    another page's stored file, a link to it, a folder, or nothing."""

    def damage(project: Project, _: Path) -> None:
        path = stored_path(project.paths.cache or Path(), project.file(REUSED))
        other = stored_path(project.paths.cache or Path(), project.file("about/index.html"))
        path.unlink()
        if how == "other":
            shutil.copyfile(other, path)
        elif how == "link":
            path.symlink_to(other)
        elif how == "folder":
            path.mkdir()

    return damage


def replace_store(how: str) -> Damage:
    def damage(project: Project, _: Path) -> None:
        objects = table(project, "objects")
        shutil.rmtree(objects)
        if how == "file":
            objects.write_bytes(b"not a folder")
        elif how == "link":
            elsewhere = project.root / "elsewhere"
            elsewhere.mkdir()
            objects.symlink_to(elsewhere)

    return damage


def strays(project: Project, _: Path) -> None:
    cache = table(project, ".")
    (cache / "objects" / ".DS_Store").write_bytes(b"stray")
    (cache / "objects" / "partial").mkdir(exist_ok=True)
    (cache / "objects" / "partial" / "left.partial").write_bytes(b"half a page")
    (cache / "notes.txt").write_text("kept by hand\n")
    (cache / "pages.pickle").write_bytes(b"cnot_a_module\nThing\n.")
    (cache / "records.json").write_text("{}")


def replace_lock(how: str) -> Damage:
    def damage(project: Project, _: Path) -> None:
        lock = table(project, "lock")
        lock.unlink()
        if how == "folder":
            lock.mkdir()
        else:
            outside = project.root / "outside.txt"
            outside.write_text("not the cache's\n")
            lock.symlink_to(outside)

    return damage


def edit_site(path: str, change: Callable[[bytes], bytes]) -> Damage:
    return lambda project, _: rewrite(project.file(path), change)


def add_to_site(project: Project, _: Path) -> None:
    project.file("inspections/not-a-record/index.html").parent.mkdir(parents=True)
    project.file("inspections/not-a-record/index.html").write_text("<p>Not ours.</p>")


def remove_from_site(project: Project, _: Path) -> None:
    project.file(REUSED).unlink()


def same_size(page: bytes) -> bytes:
    return page.replace(b"<main", b"<MAIN", 1)


@dataclass(frozen=True)
class Case:
    damage: Damage
    # True for a forgery sealed with the builds' own key: it must reach the site.
    trusted: bool = False


def cases() -> Iterator[Any]:
    for number, name in enumerate(TABLES):
        other = TABLES[(number + 1) % len(TABLES)]
        yield pytest.param(Case(corrupt(name)), id=f"{name} corrupted")
        yield pytest.param(Case(truncate(name)), id=f"{name} truncated")
        yield pytest.param(Case(empty(name)), id=f"{name} emptied")
        yield pytest.param(Case(delete(name)), id=f"{name} deleted")
        yield pytest.param(Case(swap_with(name, other)), id=f"{name} replaced by {other}")
        yield pytest.param(Case(link_for(name, other)), id=f"{name} a link to {other}")
        yield pytest.param(Case(pickled(name, sealed=False)), id=f"{name} a pickle")
        yield pytest.param(Case(pickled(name, sealed=True)), id=f"{name} a sealed pickle")
        yield pytest.param(Case(folder_for(name)), id=f"{name} a folder")
        yield pytest.param(Case(pipe_for(name)), id=f"{name} a named pipe")
    forgeries: list[tuple[str, str, Callable[[Project, Any], Any]]] = [
        (f"{RECORDS} forged", RECORDS, forge_titles),
        (f"{SUMMARIES} forged", SUMMARIES, forge_summaries),
        (f"{OUTPUTS} forged", OUTPUTS, forge_feeds),
        (f"{STAMP} forged", STAMP, forge_stamp),
        ("stored page forged with its stat", OUTPUTS, forge_object),
        ("spare page forged with its stat", PUBLISHED, forge_spare),
    ]
    for what, name, change in forgeries:
        # A forged spare needs a spare first.
        made = with_spare if change is forge_spare else lambda damage: damage
        yield pytest.param(Case(made(forged(name, change, own_key=False))), id=what)
        yield pytest.param(
            Case(made(forged(name, change, own_key=True)), trusted=True),
            id=f"{what}, sealed with the builds' key (control)",
        )
    yield pytest.param(Case(change_object(same_size)), id="stored page changed in place")
    yield pytest.param(
        Case(change_object(lambda data: data[: len(data) // 2])), id="stored page truncated"
    )
    for how in ("other", "link", "folder", "missing"):
        yield pytest.param(Case(replace_object(how)), id=f"stored page replaced: {how}")
    for how in ("file", "link", "missing"):
        yield pytest.param(Case(replace_store(how)), id=f"store replaced: {how}")
    yield pytest.param(Case(strays), id="stray files in the cache")
    for how in ("folder", "link"):
        yield pytest.param(Case(replace_lock(how)), id=f"lock replaced: {how}")
    yield pytest.param(Case(edit_site(REUSED, same_size)), id="site page edited in place")
    yield pytest.param(
        Case(edit_site(REUSED, lambda page: page + b"<!-- added -->")),
        id="site page appended to",
    )
    yield pytest.param(
        Case(edit_site("static/style.css", lambda css: css + b"\nbody{display:none}")),
        id="site stylesheet edited",
    )
    yield pytest.param(
        Case(edit_site("data/entries.json", lambda data: data.replace(b"e", b"E", 1))),
        id="site open data edited",
    )
    yield pytest.param(Case(add_to_site), id="file added to the site")
    yield pytest.param(Case(edit_spare(same_size)), id="spare page edited in place")
    yield pytest.param(
        Case(edit_spare(lambda page: page + b"<!-- added -->")), id="spare page appended to"
    )
    yield pytest.param(Case(add_to_spare), id="files added to the spare")
    yield pytest.param(Case(spare_folder_a_link), id="spare folder replaced by a link")
    yield pytest.param(Case(remove_from_site), id="file removed from the site")


class PipeWatch:
    """Notice any open of a named pipe for reading, and let the reader go at once (it reads
    nothing), so that a build that opened it fails this test instead of hanging."""

    def __init__(self, pipes: list[Path]) -> None:
        self.pipes = pipes
        self.opened: list[str] = []
        self.done = threading.Event()
        self.thread = threading.Thread(target=self.watch, daemon=True)

    def watch(self) -> None:
        while not self.done.wait(0.005):
            for pipe in self.pipes:
                try:
                    handle = os.open(pipe, os.O_WRONLY | os.O_NONBLOCK)
                except OSError:
                    continue  # no reader (ENXIO), or gone
                # Opened: a reader was waiting, unless the build has put a file in its place.
                if stat.S_ISFIFO(os.fstat(handle).st_mode):
                    self.opened.append(pipe.name)
                os.close(handle)

    def __enter__(self) -> PipeWatch:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.done.set()
        self.thread.join()


def build(project: Project) -> None:
    assert project.paths.cache is not None
    cache = project.paths.cache
    pipes = [path for path in (*cache.iterdir(), *(cache / FACTS).glob("*")) if path.is_fifo()]
    with PipeWatch(pipes) as watch:
        pipeline.build(project.paths, Settings(today=TODAY))
    assert watch.opened == [], f"the build opened {watch.opened}"


def differences(site: Path, cold: dict[str, bytes]) -> list[str]:
    cached = files_of(site)
    return sorted(
        path for path in cached.keys() | cold.keys() if cached.get(path) != cold.get(path)
    )


@pytest.mark.parametrize("case", list(cases()))
def test_no_damage_to_the_cache_or_the_site_changes_what_a_build_publishes(
    project: Project, case: Case, cold_sites: tuple[dict, dict], tmp_path: Path
) -> None:
    cold_before, cold_after = cold_sites
    assert differences(project.paths.site, cold_before) == []
    marker = tmp_path / "code ran"
    case.damage(project, marker)
    build(project)
    first = differences(project.paths.site, cold_before)
    edit_another_record(project)
    build(project)
    second = differences(project.paths.site, cold_after)
    assert not marker.exists(), "a table's bytes ran as code"
    if case.trusted:
        # The control: had the seal let it through, the forgery would be published.
        assert first or second, "the forgery changed nothing even with the right key"
    else:
        assert first == [] and second == []
        # And the cache is whole again: a build with nothing changed does nothing.
        assert pipeline.build(project.paths, Settings(today=TODAY)).up_to_date
