"""The cache's files: data of declared types only, sealed with a key kept outside the cache."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest
from conftest import GOLDEN_CONTENT, TODAY
from markupsafe import Markup

from sitegen.cache import codec, seal, stamps, tables
from sitegen.cache.files import PagesFacts, StoredFile
from sitegen.cache.memo import Results
from sitegen.content.loading import load_archive
from sitegen.content.problems import Problem
from sitegen.content.reading import read_content
from sitegen.model.records import Translation
from sitegen.site.facts import PageFacts

pytestmark = pytest.mark.unit


def test_every_record_of_the_golden_content_comes_back_equal_with_its_lines() -> None:
    archive = load_archive(read_content(GOLDEN_CONTENT), TODAY)
    problem = Problem("content/inspections/x.md", 3, "date", "is not a date")
    table = codec.RecordsFile(
        {f"a{n}": (timeline.authority, []) for n, timeline in enumerate(archive.timelines)},
        {f"e{n}": (entry, []) for n, entry in enumerate(archive.entries)}
        | {"bad": (None, [problem])},
        {"w": (Translation("x", "content/inspections/x.cy.md", "cy", "Teitl", "Crynodeb."), [])},
    )
    back = codec.loads(codec.RecordsFile, codec.dumps(table))
    assert back == table
    # Lines are left out of equality, but an editor's messages need them.
    entries = [entry for entry, _ in back.entries.values() if entry is not None]
    assert [entry.lines for entry in entries] == [entry.lines for entry in archive.entries]
    assert [type(source.date) for entry in entries for source in entry.sources] == [
        type(source.date) for entry in archive.entries for source in entry.sources
    ]


def test_markup_tuples_and_sets_keep_their_types() -> None:
    summaries = codec.SummariesFile({"key": Markup("<p>Safe &amp; sound</p>")})
    assert type(codec.loads(codec.SummariesFile, codec.dumps(summaries)).summaries["key"]) is Markup
    outputs = codec.OutputsFile(
        files={"ab" * 32: ((1, 2, 3, 4), True)},
        units={"unit": {"index.html": ("page", "ab" * 32)}},
        pages={"page": "ab" * 32},
        feeds={},
    )
    back = codec.loads(codec.OutputsFile, codec.dumps(outputs))
    assert codec.dumps(back) == codec.dumps(outputs)
    assert type(back.files["ab" * 32][0]) is tuple
    facts = PageFacts(("/a/",), frozenset({"b", "a"}), ("c",))
    table = codec.FactsFile({"ab" * 32: StoredFile("ab" * 32, facts).encoded_facts})
    encoded = codec.loads(codec.FactsFile, codec.dumps(table)).facts["ab" * 32]
    read = StoredFile.kept("ab" * 32, lambda _: encoded)
    assert read.facts == facts and type(read.facts.ids) is frozenset


def test_facts_read_from_a_table_tell_pages_from_other_files() -> None:
    # A page's facts are read only when asked for; a file that is not a page has none.
    made = StoredFile("p", PageFacts(("/b/",), frozenset(), ()))
    asked: list[str] = []
    page = StoredFile.kept("p", lambda digest: asked.append(digest) or made.encoded_facts)
    style = StoredFile("s", None)
    pages = PagesFacts({"a/index.html": page, "style.css": style})
    assert (page.is_page, style.is_page, style.facts) == (True, False, None)
    assert asked == []
    assert list(pages) == ["a/index.html"] and len(pages) == 1
    assert "style.css" not in pages and "gone.html" not in pages
    assert pages["a/index.html"].links == ("/b/",)
    assert pages["a/index.html"].links == ("/b/",) and asked == ["p"]
    with pytest.raises(KeyError):
        pages["style.css"]
    # A page whose facts are lost has none: it is no page.
    lost = StoredFile.kept("q", lambda _: None)
    assert (lost.facts, lost.is_page) == (None, False)


def test_a_file_of_another_shape_is_refused() -> None:
    summaries = codec.dumps(codec.SummariesFile({"key": Markup("<p>x</p>")}))
    for kind, data in [
        (codec.OutputsFile, summaries),
        (
            codec.RecordsFile,
            codec.dumps({"authorities": {"k": [{"slug": "x"}, []]}, "entries": {}}),
        ),
        (codec.SummariesFile, codec.dumps({"summaries": {"key": 1}})),
        (codec.SummariesFile, summaries[: len(summaries) // 2]),
        (codec.SummariesFile, b"not msgpack at all"),
    ]:
        with pytest.raises(codec.CodecError, match=f"not a {kind.__name__}: "):
            codec.loads(kind, data)


def test_a_value_of_another_class_cannot_be_kept() -> None:
    with pytest.raises(TypeError, match="cannot keep a PosixPath"):
        codec.dumps([Path("x")])


def test_a_pickle_is_not_a_table() -> None:
    with pytest.raises(codec.CodecError):
        codec.loads(codec.SummariesFile, pickle.dumps({"summaries": {}}))


def test_a_sealed_table_opens_with_its_key_and_name_alone() -> None:
    key = b"k" * 32
    sealed = seal.header(key, "pages.json", b"[1]") + b"[1]"
    assert seal.unseal(key, "pages.json", sealed) == b"[1]"
    for other_key, name, data in [
        (b"j" * 32, "pages.json", sealed),
        (key, "records.json", sealed),
        (key, "pages.json", sealed.replace(b"[1]", b"[2]")),
        (key, "pages.json", b"[1]"),
        (key, "pages.json", sealed.replace(f" {seal.CACHE_FORMAT} ".encode(), b" 3 ")),
    ]:
        with pytest.raises(seal.BrokenSeal):
            seal.unseal(other_key, name, data)


def test_the_key_is_made_once_for_the_user_and_kept_from_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.delenv(seal.KEY_VARIABLE, raising=False)
    key = seal.cache_key()
    path = tmp_path / "sitegen" / "cache-key"
    assert path.read_bytes().strip() == key and len(key) == 64
    assert path.stat().st_mode & 0o777 == 0o600
    assert seal.cache_key() == key
    assert sorted(os.listdir(path.parent)) == ["cache-key"]


def test_the_variable_gives_the_key_where_it_is_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.setenv(seal.KEY_VARIABLE, "a secret of the CI's")
    assert seal.cache_key() == b"a secret of the CI's"
    assert not (tmp_path / "sitegen").exists()


def test_without_a_place_for_the_key_each_process_has_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "sitegen").write_text("a file where the folder would be")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.delenv(seal.KEY_VARIABLE, raising=False)
    first, second = seal.cache_key(), seal.cache_key()
    assert first != second and len(first) == 32


def test_a_sealed_file_is_its_first_line_then_its_data() -> None:
    data = codec.dumps(codec.SummariesFile({"key": Markup("<p>x</p>")}))
    sealed = seal.header(b"k" * 32, "summaries.msgpack", data) + data
    header, _, payload = sealed.partition(b"\n")
    assert header.split()[:2] == [b"sitegen-cache", str(seal.CACHE_FORMAT).encode()]
    assert payload == data


KEY = b"a key of 32 bytes or more, for these tests"


def load_summaries(folder: Path) -> tables.Parts[codec.SummariesFile]:
    loaded = tables.load_all(folder, KEY, tables.part_names("summaries", codec.SummariesFile))
    return tables.parts_of(loaded, "summaries", lambda f: set(f.summaries))


def summaries_of(folder: Path) -> dict[str, Markup]:
    parts = load_summaries(folder)
    return {k: v for part in parts.files.values() if part for k, v in part.summaries.items()}


def save_summaries(folder: Path, used: dict[str, Markup]) -> None:
    """Save a table of summaries in parts, as a build that loaded it and used these does."""
    parts = load_summaries(folder)
    known = {k: v for part in parts.files.values() if part for k, v in part.summaries.items()}
    results = Results(known)
    for key, html in used.items():
        results.get(key) or results.put(key, html)
    tables.save_parts(folder, "summaries", KEY, parts, results, codec.SummariesFile)


def test_a_table_in_parts_keeps_each_result_by_its_key_and_writes_only_changed_parts(
    tmp_path: Path,
) -> None:
    first = {"0a": Markup("<p>0a</p>"), "0b": Markup("<p>0b</p>"), "f1": Markup("<p>f1</p>")}
    save_summaries(tmp_path, first)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "summaries-0.msgpack",
        "summaries-f.msgpack",
    ]
    assert summaries_of(tmp_path) == first
    unchanged = (tmp_path / "summaries-f.msgpack").stat()
    # An edit: one result gone from part 0, one new in part 7; part f is left as it was.
    second = {"0a": first["0a"], "f1": first["f1"], "7c": Markup("<p>7c</p>")}
    save_summaries(tmp_path, second)
    assert summaries_of(tmp_path) == second
    after = (tmp_path / "summaries-f.msgpack").stat()
    assert (after.st_ino, after.st_mtime_ns) == (unchanged.st_ino, unchanged.st_mtime_ns)
    # A part that no longer holds anything is removed.
    save_summaries(tmp_path, {"f1": first["f1"]})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["summaries-f.msgpack"]


def test_a_damaged_part_costs_only_its_own_results_and_is_written_again(tmp_path: Path) -> None:
    used = {"0a": Markup("<p>0a</p>"), "f1": Markup("<p>f1</p>")}
    save_summaries(tmp_path, used)
    damaged = tmp_path / "summaries-0.msgpack"
    damaged.write_bytes(damaged.read_bytes()[:-3])
    assert summaries_of(tmp_path) == {"f1": used["f1"]}
    # The build makes the lost result again; the save writes its part again, sealed.
    save_summaries(tmp_path, used)
    assert summaries_of(tmp_path) == used


def test_tables_loaded_together_are_each_as_one_loaded_alone(tmp_path: Path) -> None:
    kept = {name: codec.SummariesFile({name: Markup(f"<p>{name}</p>")}) for name in "abcd"}
    for name, value in kept.items():
        tables.save(tmp_path, name, KEY, value)
    # One damaged, one sealed for another name, one missing: each is None, the rest come back.
    (tmp_path / "b").write_bytes((tmp_path / "b").read_bytes()[:-2])
    (tmp_path / "c").write_bytes((tmp_path / "a").read_bytes())
    kinds = dict.fromkeys([*kept, "e"], codec.SummariesFile)
    loaded = tables.load_all(tmp_path, KEY, kinds)
    assert list(loaded) == list(kinds)
    assert loaded == {name: tables.load(tmp_path, name, kind, KEY) for name, kind in kinds.items()}
    assert loaded == {"a": kept["a"], "b": None, "c": None, "d": kept["d"], "e": None}


def test_a_key_that_is_not_a_digest_still_has_a_part() -> None:
    assert [tables.part_of(key) for key in ("a1", "F1", "", "x")] == ["a", "0", "0", "0"]


def test_a_stat_the_build_could_not_read_matches_no_later_look(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<p>x</p>")
    # A modification time before 1970 packs as any other.
    os.utime(page, ns=(-(10**9), -(10**9)))
    found = os.stat(page)
    recorded = (found.st_size, found.st_ino, found.st_mtime_ns, found.st_ctime_ns)
    assert stamps.packed([recorded]) == stamps.stats([str(page)])
    unread = stamps.packed([(-1, -1, -1, -1)])
    assert unread != stamps.stats([str(page)])
    assert unread != stamps.stats([str(tmp_path / "missing.html")])
