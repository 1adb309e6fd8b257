"""The cache's table of the pages' facts: read a part at a time, written again only where
its pages changed, and never the reason a page's facts are wrong or missing."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from sitegen.cache import pagefacts, tables
from sitegen.cache.files import StoredFile
from sitegen.cache.pagefacts import FactsTable, part_name, part_of
from sitegen.site.facts import read_facts

pytestmark = pytest.mark.unit

KEY = b"k" * 32


def page(html: str) -> tuple[str, bytes]:
    data = f"<!doctype html><html><body>{html}</body></html>".encode()
    return hashlib.sha256(data).hexdigest(), data


class Store:
    """A folder of stored pages, by digest, as the cache's store keeps them."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def put(self, html: str) -> StoredFile:
        digest, data = page(html)
        path = self.folder / digest
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return StoredFile(digest, read_facts(data))

    def path(self, digest: str) -> str:
        return str(self.folder / digest)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "objects")


def reopened(cache: Path, store: Store, files: list[StoredFile]) -> FactsTable:
    """Return the table as the next build opens it, having given out the pages among the
    files (as the cache does for every page its table of stored files names)."""
    table = FactsTable(cache, KEY, store.path)
    for file in files:
        if file.is_page:
            table.page(file.digest)
    return table


def parts_on_disk(cache: Path) -> dict[str, int]:
    """Return each part file by name, with its inode (a part written again has another)."""
    return {path.name: path.stat().st_ino for path in (cache / pagefacts.FOLDER).iterdir()}


def test_each_part_is_read_only_when_one_of_its_pages_is_asked_for(
    tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = [store.put(f'<a href="/{n}/">{n}</a><p id="p{n}"></p>') for n in range(40)]
    FactsTable(tmp_path, KEY, store.path).save(files)
    assert len(parts_on_disk(tmp_path)) == len({part_of(file.digest) for file in files})
    loaded: list[str] = []
    load = tables.load
    monkeypatch.setattr(tables, "load", lambda *a: loaded.append(a[1]) or load(*a))
    table = reopened(tmp_path, store, files)
    kept = [table.page(file.digest) for file in files]
    assert loaded == []
    assert kept[7].facts == files[7].facts and kept[8].facts == files[8].facts
    assert loaded == [part_name(part_of(files[7].digest)), part_name(part_of(files[8].digest))]


def test_a_save_writes_again_only_the_parts_whose_pages_changed(
    tmp_path: Path, store: Store
) -> None:
    files = [store.put(f'<a href="/{n}/">{n}</a>') for n in range(40)]
    FactsTable(tmp_path, KEY, store.path).save(files)
    before = parts_on_disk(tmp_path)
    # One page changed: its old part loses it, its new part gains the new one.
    changed = store.put('<a href="/changed/">changed</a>')
    table = reopened(tmp_path, store, files)
    after_edit = [table.page(file.digest) for file in files[1:]] + [changed]
    table.save(after_edit)
    after = parts_on_disk(tmp_path)
    touched = {part_name(part_of(files[0].digest)), part_name(part_of(changed.digest))}
    assert {name for name in after if before.get(name) != after[name]} <= touched
    assert {name for name in before if name not in after} <= touched
    assert all(after[name] == before[name] for name in before.keys() - touched)
    # And nothing unasked was read to save it: the next build finds every page's facts.
    final = reopened(tmp_path, store, after_edit)
    assert [final.facts(file.digest) for file in after_edit] == [
        file.encoded_facts for file in after_edit
    ]


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda path: path.unlink(), id="missing"),
        pytest.param(lambda path: path.write_bytes(path.read_bytes()[:-9]), id="truncated"),
        pytest.param(lambda path: path.write_bytes(b"not a table"), id="not sealed"),
    ],
)
def test_a_lost_part_costs_only_time(tmp_path: Path, store: Store, damage) -> None:
    files = [store.put(f'<a href="/{n}/">{n}</a><p id="p{n}"></p>') for n in range(5)]
    FactsTable(tmp_path, KEY, store.path).save(files)
    damage(tmp_path / pagefacts.FOLDER / part_name(part_of(files[2].digest)))
    table = reopened(tmp_path, store, files)
    kept = [table.page(file.digest) for file in files]
    # Read again from the stored page, and kept again by the save.
    assert kept[2].facts == files[2].facts
    table.save(kept)
    again = reopened(tmp_path, store, files)
    assert again.facts(files[2].digest) == files[2].encoded_facts


def test_facts_lost_with_their_page_are_not_made_up(tmp_path: Path, store: Store) -> None:
    files = [store.put('<a href="/a/">a</a><p id="kept"></p>')]
    FactsTable(tmp_path, KEY, store.path).save(files)
    (tmp_path / pagefacts.FOLDER / part_name(part_of(files[0].digest))).unlink()
    # The stored page is changed too: its bytes are no longer the page's.
    Path(store.path(files[0].digest)).write_text('<a href="/forged/">forged</a>')
    table = reopened(tmp_path, store, files)
    kept = table.page(files[0].digest)
    assert (kept.facts, kept.is_page) == (None, False)
    table.save([kept])
    assert parts_on_disk(tmp_path) == {}


def test_a_page_made_again_keeps_the_facts_read_now(tmp_path: Path, store: Store) -> None:
    # Another generator may read other facts from the same bytes: a page rendered again
    # has its part written again, even though the part holds the same pages.
    files = [store.put('<a href="/a/">a</a>')]
    FactsTable(tmp_path, KEY, store.path).save(files)
    again = StoredFile(files[0].digest, read_facts(b'<a href="/read/">other</a>'))
    reopened(tmp_path, store, files).save([again])
    assert reopened(tmp_path, store, files).facts(again.digest) == again.encoded_facts
