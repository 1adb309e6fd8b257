"""The store of output files: what it takes on trust, and when it checks it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from races import another_process_steps_in

from sitegen.cache import disk, store
from sitegen.cache.disk import copy_file, make_folder
from sitegen.cache.store import DamagedStoreError, ObjectStore

pytestmark = pytest.mark.unit


def stored(folder: Path, *, trusting: bool) -> tuple[ObjectStore, str]:
    """A store holding one file written by an earlier build, and the file's digest."""
    earlier = ObjectStore(folder)
    digest = earlier.put(b"<p>a page</p>")
    return ObjectStore(folder, dict(earlier.stats), trusting=trusting), digest


def damage(store: ObjectStore, digest: str) -> None:
    path = store.path(digest)
    path.chmod(0o644)
    path.write_bytes(b"<p>a forged page</p>")


def test_a_trusting_store_checks_a_recorded_file_only_when_it_is_used(tmp_path: Path) -> None:
    store, digest = stored(tmp_path, trusting=True)
    damage(store, digest)
    assert store.known(digest)
    with pytest.raises(DamagedStoreError, match=digest):
        store.copy(digest, tmp_path / "page.html")
    assert not (tmp_path / "page.html").exists()
    # Deleted as soon as it was found damaged, so the build made again makes it anew.
    assert not store.path(digest).exists()
    assert not store.known(digest)


def test_a_file_taken_on_trust_is_checked_before_it_is_read(tmp_path: Path) -> None:
    store, digest = stored(tmp_path, trusting=True)
    assert store.known(digest)
    assert store.checked_path(digest).read_bytes() == b"<p>a page</p>"
    store, digest = stored(tmp_path, trusting=True)
    store.path(digest).unlink()
    assert store.known(digest)
    with pytest.raises(DamagedStoreError, match=digest):
        store.checked_path(digest)


def test_a_store_that_trusts_nothing_checks_every_file_it_is_asked_about(
    tmp_path: Path,
) -> None:
    store, digest = stored(tmp_path, trusting=False)
    damage(store, digest)
    assert not store.known(digest)
    assert not store.path(digest).exists()


def test_a_file_no_build_recorded_is_checked_at_once(tmp_path: Path) -> None:
    store, digest = stored(tmp_path, trusting=True)
    unrecorded = ObjectStore(tmp_path, trusting=True)
    assert unrecorded.known(digest)
    damage(store, digest)
    assert not ObjectStore(tmp_path, trusting=True).known(digest)


def test_a_folder_in_a_stored_files_place_gives_way_to_the_file(tmp_path: Path) -> None:
    store = ObjectStore(tmp_path)
    digest = store.put(b"<p>a page</p>")
    path = store.path(digest)
    path.chmod(0o644)
    path.unlink()
    (path / "inner").mkdir(parents=True)
    with store.writing() as out:
        out.write(b"<p>a page</p>")
    assert out.digest == digest
    assert path.is_file() and path.read_bytes() == b"<p>a page</p>"
    assert store.has(digest)


def test_a_write_that_fails_leaves_nothing_behind(tmp_path: Path) -> None:
    store = ObjectStore(tmp_path)
    with pytest.raises(RuntimeError), store.writing() as out:
        out.write(b"<p>half a page")
        raise RuntimeError("the build stopped")
    assert list(store.scratch().iterdir()) == []
    assert store.stats == {}


def test_a_store_writes_again_after_its_partial_writes_are_swept(tmp_path: Path) -> None:
    store = ObjectStore(tmp_path)
    first = store.put(b"<p>one</p>")
    store.keep_only([first])
    second = store.put(b"<p>two</p>")
    assert store.has(first) and store.has(second)
    assert store.path(second).read_bytes() == b"<p>two</p>"


def test_a_look_that_finds_nothing_leaves_what_another_process_stores(tmp_path: Path) -> None:
    store, other = ObjectStore(tmp_path), ObjectStore(tmp_path)
    digest = other.put(b"<p>a page</p>")
    other.path(digest).chmod(0o644)
    other.path(digest).unlink()
    with another_process_steps_in(lambda: other.put(b"<p>a page</p>"), (os, "lstat")):
        assert not store.has(digest)
    assert store.path(digest).read_bytes() == b"<p>a page</p>"
    assert store.has(digest)


@pytest.mark.parametrize("found", ["nothing", "a file"])
def test_a_folder_another_process_has_just_made_is_kept_with_its_files(
    tmp_path: Path, found: str
) -> None:
    folder = tmp_path / "ab"
    if found == "a file":
        folder.write_bytes(b"not a folder")

    def other_makes_it_and_writes() -> None:
        if not folder.is_dir():
            folder.unlink(missing_ok=True)
            folder.mkdir()
        (folder / "cdef").write_bytes(b"<p>a page</p>")

    with another_process_steps_in(other_makes_it_and_writes, (os, "lstat"), (os, "mkdir")):
        make_folder(folder)
    assert (folder / "cdef").read_bytes() == b"<p>a page</p>"


def test_a_file_in_a_folders_place_gives_way_to_the_folder(tmp_path: Path) -> None:
    (tmp_path / "ab").write_bytes(b"not a folder")
    (tmp_path / "cd").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    make_folder(tmp_path / "ab")
    make_folder(tmp_path / "cd")
    make_folder(tmp_path / "ef" / "gh")
    for name in ("ab", "cd", "ef/gh"):
        assert (tmp_path / name).is_dir() and not (tmp_path / name).is_symlink()


def test_a_damaged_file_another_process_stores_again_meanwhile_is_kept(tmp_path: Path) -> None:
    mine, other = stored(tmp_path, trusting=False)[0], ObjectStore(tmp_path)
    digest = mine.put(b"<p>a page</p>")
    damage(mine, digest)
    # The other finds the file damaged too, and stores the bytes again while this one hashes.
    with another_process_steps_in(lambda: other.put(b"<p>a page</p>"), (store, "hash_file")):
        assert not mine.has(digest)
    assert mine.path(digest).read_bytes() == b"<p>a page</p>"
    assert mine.has(digest)
    assert list(mine.scratch().iterdir()) == []


def test_a_file_removed_while_it_is_checked_is_not_held(tmp_path: Path) -> None:
    mine, other = stored(tmp_path, trusting=False)[0], ObjectStore(tmp_path)
    digest = mine.put(b"<p>a page</p>")
    damage(mine, digest)
    with another_process_steps_in(lambda: other.has(digest), (os, "lstat")):
        assert not mine.has(digest)
    assert not mine.path(digest).exists()


@pytest.mark.skipif(not hasattr(os, "copy_file_range"), reason="Linux's copy_file_range")
def test_a_copy_the_kernel_stops_short_is_made_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "stored"
    source.write_bytes(b"<p>a page of more than four bytes</p>")
    real = os.copy_file_range

    def four_bytes_then_none(reading: int, writing: int, count: int, *args: object) -> int:
        return real(reading, writing, min(count, 4)) if os.fstat(writing).st_size < 4 else 0

    monkeypatch.setattr(disk.os, "copy_file_range", four_bytes_then_none)
    copy_file(source, tmp_path / "copy")
    assert (tmp_path / "copy").read_bytes() == source.read_bytes()
