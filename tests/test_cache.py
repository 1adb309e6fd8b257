"""The build cache: a cached build makes the same bytes as a cold one, and redoes only what
an edit changes."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
import threading
import time
from pathlib import Path

import pytest
from cacheproject import (
    ENTRY,
    LATER,
    OTHER,
    SITE_WIDE,
    Project,
    assert_same_as_cold,
    both,
    every_file,
    files_of,
    html_count,
    stored_path,
)
from conftest import ROOT, TODAY, killed_runs

from sitegen import pipeline
from sitegen.cache import codec, folder, stages, stamps
from sitegen.cache.lock import locked
from sitegen.cache.store import ObjectStore
from sitegen.checks.links import BrokenLinksError
from sitegen.content.problems import ContentError
from sitegen.settings import Settings

pytestmark = pytest.mark.site


def test_a_cached_build_is_byte_identical_to_a_cold_one(project: Project) -> None:
    assert_same_as_cold(project)


def test_with_nothing_changed_nothing_is_built(project: Project) -> None:
    site = project.paths.site.stat().st_ino
    report = project.build()
    assert report.up_to_date and report.rendered == 0
    assert project.rendered == []
    assert project.paths.site.stat().st_ino == site


def test_after_each_edit_a_build_with_nothing_changed_does_nothing(project: Project) -> None:
    """The stamp of a published site is made from the stats its files were written with;
    it must match the site as the next build finds it, after a switch with the spare too."""
    for number in range(3):
        project.edit(
            f"content/inspections/{OTHER}.md",
            lambda text, n=number: text.rstrip() + f" Edit {n}.\n",
        )
        assert not project.build().up_to_date
        site = project.paths.site.stat().st_ino
        report = project.build()
        assert report.up_to_date and project.rendered == []
        assert project.paths.site.stat().st_ino == site
    # The published site edited by hand is seen, and built again.
    page = project.file(f"inspections/{OTHER}/index.html")
    page.write_text(page.read_text() + " ", encoding="utf-8")
    assert not project.build().up_to_date
    assert_same_as_cold(project)


def test_an_edited_summary_renders_only_the_pages_that_show_the_entry(
    project: Project,
) -> None:
    entry = f"inspections/{ENTRY}"
    before = files_of(project.paths.site)
    project.edit(f"content/{entry}.md", lambda text: text.rstrip() + " A sentence more.\n")
    report = project.build()
    # The authority page shows the summary too; its other entries' pages do not, nor do the
    # status pages. The home page is made again if it lists the entry among the latest.
    listed = f"/inspections/{ENTRY}/" in before["index.html"].decode()
    assert set(project.rendered) == {
        *both(f"{entry}/index.html", "authorities/aberfan-test/index.html"),
        *(both("index.html") if listed else ()),
    }
    assert report.rendered == len(project.rendered)
    assert "A sentence more." in project.file(f"{entry}/index.html").read_text()
    after = files_of(project.paths.site)
    changed = {path for path in after if after[path] != before.get(path)}
    # The feeds and data show the summary too; the other entries' pages are as they were.
    assert f"{entry}/index.html" in changed
    assert "authorities/aberfan-test/index.html" in changed
    assert "authorities/aberfan-test/feed.xml" in changed
    assert f"inspections/{LATER}/index.html" not in changed
    assert not any(path.startswith("authorities/ceri-test/") for path in changed)
    assert_same_as_cold(project)


def test_an_edited_welsh_summary_reaches_the_welsh_pages_and_only_them(
    project: Project,
) -> None:
    # Each summary's HTML is keyed by the file its text is in: the Welsh by its own file.
    entry = f"inspections/{OTHER}"
    english_before = project.file(f"{entry}/index.html").read_bytes()
    project.edit(f"content/{entry}.cy.md", lambda text: text.rstrip() + " Brawddeg arall.\n")
    project.build()
    assert "Brawddeg arall." in project.file(f"cy/{entry}/index.html").read_text()
    assert project.file(f"{entry}/index.html").read_bytes() == english_before
    assert "cy/authorities/ceri-test/index.html" in project.rendered
    assert_same_as_cold(project)


def test_a_build_converts_each_summary_once_for_both_languages(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Where no Welsh is written, the Welsh pages show the English summary: made once.
    converted: list[str] = []
    convert = stages.render_markdown

    def spy(text: str, **options: bool):
        converted.append(text)
        return convert(text, **options)

    monkeypatch.setattr(stages, "render_markdown", spy)
    project.build_cold()
    assert converted
    assert len(converted) == len(set(converted))


def test_a_changed_status_renders_the_status_pages_again(project: Project) -> None:
    project.edit(
        f"content/inspections/{ENTRY}.md",
        lambda text: text.replace("status: no-serious-concerns", "status: concerns-reported"),
    )
    project.build()
    # Each year's page from the entry's on shows it; the current status and the A-Z too.
    changed = both(
        "status/index.html",
        "authorities/index.html",
        *(f"status/on/{year}/index.html" for year in range(2016, TODAY.year + 1)),
    )
    assert changed <= set(project.rendered)
    assert_same_as_cold(project)


def test_an_edited_title_reaches_the_pages_that_show_it(project: Project) -> None:
    project.edit(
        f"content/inspections/{ENTRY}.md",
        lambda text: re.sub(r"(?m)^title: .*$", "title: A changed title", text, count=1),
    )
    project.build()
    assert "A changed title" in project.file("authorities/aberfan-test/index.html").read_text()
    # Its own page, its authority's page, and the entries before and after it, which link
    # to it by its title (the one before is a programme's, made on any change); no other.
    assert set(project.rendered) - SITE_WIDE == both(
        f"inspections/{ENTRY}/index.html",
        "authorities/aberfan-test/index.html",
        f"inspections/{LATER}/index.html",
    )
    for path in set(project.rendered) - SITE_WIDE:
        assert "A changed title" in project.file(path).read_text()
    assert_same_as_cold(project)


def test_an_edited_authority_renders_its_pages_and_no_other_authoritys(
    project: Project,
) -> None:
    project.edit(
        "content/authorities/aberfan-test.yaml",
        lambda text: text.replace("name: Aberfan Test", "name: Aberfan County"),
    )
    project.build()
    rendered = set(project.rendered) - SITE_WIDE
    own = {path for path in rendered if "authorities/aberfan-test/" in path}
    assert own == both("authorities/aberfan-test/index.html")
    assert rendered - own and all(
        path.removeprefix("cy/").startswith("inspections/") and "aberfan-test" in path
        for path in rendered - own
    ), rendered
    assert "Aberfan County" in project.file("authorities/index.html").read_text()
    assert_same_as_cold(project)


def test_a_template_change_renders_every_page(project: Project) -> None:
    pages = [path for path in files_of(project.paths.site) if path.endswith(".html")]
    project.edit("templates/base.html", lambda text: text.replace("</footer>", " </footer>", 1))
    report = project.build()
    assert sorted(project.rendered) == sorted(pages)
    assert report.rendered == len(pages)
    assert_same_as_cold(project)


def test_a_vocabulary_change_renders_every_page(project: Project) -> None:
    project.edit(
        "content/vocabulary.yaml",
        lambda text: text.replace("{en: Formal escalation,", "{en: Formal escalation noted,", 1),
    )
    project.build()
    assert len(project.rendered) == html_count(project.paths.site)
    assert "Formal escalation noted" in project.file("status/index.html").read_text()
    assert_same_as_cold(project)


def test_an_entry_moved_to_another_authority_leaves_one_and_joins_the_other(
    project: Project,
) -> None:
    entry = f"content/inspections/{OTHER}.md"
    moved = project.root / "content/inspections/2018-06-aberfan-test-moved-report.md"
    project.edit(
        entry, lambda text: text.replace("authority: ceri-test", "authority: aberfan-test")
    )
    (project.root / entry).rename(moved)
    # Its Welsh text moves with it, as an editor renaming an entry renames both.
    (project.root / entry).with_suffix(".cy.md").rename(moved.with_suffix(".cy.md"))
    project.build()
    assert (
        "2018-06-aberfan-test-moved-report"
        in project.file("authorities/aberfan-test/index.html").read_text()
    )
    ceri = project.file("authorities/ceri-test/index.html").read_text()
    assert OTHER not in ceri
    assert not project.file(f"inspections/{OTHER}").exists()
    assert_same_as_cold(project)


def test_a_failed_build_leaves_site_and_cache_for_the_next_one(project: Project) -> None:
    before = files_of(project.paths.site)
    entry = f"content/inspections/{OTHER}.md"
    original = (project.root / entry).read_text(encoding="utf-8")
    project.edit(entry, lambda text: text.replace("kind: inspection", "kind: nonsense", 1))
    with pytest.raises(ContentError):
        project.build()
    assert files_of(project.paths.site) == before
    (project.root / entry).write_text(original, encoding="utf-8")
    assert project.build().up_to_date is False
    # The records are as last built, so every page is as last made.
    assert project.rendered == []
    assert files_of(project.paths.site) == before


def test_the_cache_keeps_only_what_the_last_build_used(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = project.paths.cache
    assert cache is not None

    def stored() -> set[str]:
        """Return the digest of every file in the store (objects/ab/cdef...)."""
        return {p.parent.name + p.name for p in (cache / "objects").glob("??/*") if p.is_file()}

    def used() -> set[str]:
        """Return the bytes of every file of the site, its search index's too, and the
        compressed pieces of the ZIP that the last build used."""
        _, _, payload = (cache / folder.OUTPUTS).read_bytes().partition(b"\n")
        outputs = codec.loads(codec.OutputsFile, payload)
        site = {
            hashlib.sha256(path.read_bytes()).hexdigest()
            for path in project.paths.site.rglob("*")
            if path.is_file()
        }
        pieces = {piece for *_, piece in outputs.spans.values()}
        return site | set(outputs.deflated.values()) | pieces

    assert stored() == used()
    for number in range(3):
        project.edit(
            f"content/inspections/{OTHER}.md",
            lambda text, n=number: text.rstrip() + f" Edit {n}.\n",
        )
        project.build()
        assert stored() == used()
    # A build that stops after storing what it made, before the cache is saved (killed,
    # say): the next build's save still leaves only what that build used.
    project.edit(f"content/inspections/{OTHER}.md", lambda text: text.rstrip() + " Lost.\n")
    with monkeypatch.context() as patched:
        patched.setattr(pipeline, "publish", stopped)
        with pytest.raises(KeyboardInterrupt):
            project.build()
    project.edit(f"content/inspections/{OTHER}.md", lambda text: text.replace(" Lost.", "."))
    project.build()
    assert stored() == used()
    # A program that knows nothing of the save's note that the store is swept (an earlier
    # version of this one, say) stores a file and stops before its save.
    ObjectStore(cache / "objects").put(b"stored by a build that never saved")
    project.edit(f"content/inspections/{OTHER}.md", lambda text: text.rstrip() + " More.\n")
    project.build()
    assert stored() == used()


def stopped(*_: object) -> None:
    raise KeyboardInterrupt


def test_a_build_killed_at_any_moment_leaves_the_site_whole_and_a_cache_to_trust(
    project: Project,
) -> None:
    """Builds from the command line, each after an edit, are killed ever later until one
    completes. After every run site/ is one whole site: the one before it, byte for byte, or
    the new one swapped in whole, the same pages as a cold build of what it was given, with
    its search index; beside it, nothing but a killed build's staging folder. Each build
    starts from the cache the killed ones left, and the sites made from it are the same as
    cold builds."""
    site = project.paths.site
    command = [
        sys.executable, str(ROOT / "build.py"), "build", "--today", TODAY.isoformat(),
        "--site", str(site), "--content", str(project.paths.content),
    ]  # fmt: skip
    # The project's own templates are the real ones, so only the content differs from it.
    entry = f"content/inspections/{ENTRY}.md"
    previous = every_file(site)
    kills, completed = 0, False
    for delay, completed in killed_runs(
        command,
        lambda delay: project.edit(
            entry, lambda text: text.rstrip() + f" Killed after {delay:.2f}s.\n"
        ),
    ):
        moment = f"after {delay:.2f}s"
        kills += not completed
        now = every_file(site)
        # Killed before the swap, site/ is the site before this run, byte for byte, Pagefind's
        # index included. Once swapped in (killed after the swap itself, or finished), it is
        # the new site, whole.
        if now != previous or completed:
            assert_same_as_cold(project, moment)
            assert json.loads((site / "pagefind/bundles.json").read_text()), moment
            previous = now
        # A killed build cannot remove its staging folder; nothing else stays beside site/
        # ("cold" is this test's own cold build).
        beside = [p.name for p in project.root.iterdir() if not p.name.startswith("site.new-")]
        assert sorted(set(beside) - {"cold"}) == [
            ".site-cache",
            "content",
            "site",
            "templates",
        ], moment
    assert completed and kills >= 3
    assert (site / "index.html").is_file() and (site / "pagefind/bundles.json").is_file()
    # Killed builds may have left the cache mid-save: the next builds still match cold ones.
    project.edit(entry, lambda text: text.rstrip() + " One more edit.\n")
    project.build()
    assert_same_as_cold(project)
    assert project.build().up_to_date


# The kernel's table of file locks, which lists each request held back as "-> FLOCK ...".
PROC_LOCKS = Path("/proc/locks")


def held_back(lock: Path) -> bool:
    """Say whether a request of this process to lock this file is waiting, per /proc/locks."""
    wanted = ["->", str(os.getpid()), str(lock.stat().st_ino)]
    # A request held back: "1: -> FLOCK  ADVISORY  WRITE <pid> <major>:<minor>:<inode> ...".
    requests = (line.split() for line in PROC_LOCKS.read_text().splitlines())
    return any(
        [fields[1], fields[5], fields[6].rsplit(":", 1)[-1]] == wanted
        for fields in requests
        if len(fields) > 6
    )


def test_a_build_waits_while_another_holds_the_cache(project: Project) -> None:
    """While another build holds the cache's lock, a build waits in the lock itself, as the
    kernel shows, and builds once the lock is free."""
    if not PROC_LOCKS.is_file():
        message = f"{PROC_LOCKS} is missing: this test reads Linux's table of locks"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    assert project.paths.cache is not None
    project.edit(
        f"content/inspections/{ENTRY}.md",
        lambda text: text.rstrip() + " Built in turn.\n",
    )
    finished = threading.Event()

    def build() -> None:
        pipeline.build(project.paths, Settings(today=TODAY))
        finished.set()

    with locked(project.paths.cache):
        lock = project.paths.cache / "lock"
        thread = threading.Thread(target=build)
        thread.start()
        # Until the build asks for the lock and is held back, or (not waiting) finishes.
        deadline = time.monotonic() + 30
        while not (held_back(lock) or finished.is_set()) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert held_back(lock) and not finished.is_set(), "the build did not wait for the lock"
    assert finished.wait(timeout=60)
    thread.join()
    assert "Built in turn." in project.file(f"inspections/{ENTRY}/index.html").read_text()


def test_a_new_library_version_or_generator_means_a_new_build(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stamps, "generator", lambda: "another generator")
    report = project.build()
    assert not report.up_to_date and report.rendered == html_count(project.paths.site)
    assert_same_as_cold(project)


def test_an_edit_writes_again_only_the_parts_of_the_tables_that_it_changes(
    project: Project,
) -> None:
    cache = project.paths.cache
    assert cache is not None

    def parts(table: str) -> dict[str, tuple[int, int]]:
        """Return each file of a table kept in parts, by name, with its inode and mtime."""
        return {
            path.name: (path.stat().st_ino, path.stat().st_mtime_ns)
            for path in cache.glob(f"{table}-*.msgpack")
        }

    def keys(table: str, kind: type, keys_of) -> set[str]:
        return {
            key
            for path in cache.glob(f"{table}-*.msgpack")
            for key in keys_of(codec.loads(kind, path.read_bytes().partition(b"\n")[2]))
        }

    tables = {
        folder.RECORDS: (codec.RecordsFile, lambda f: {*f.authorities, *f.entries, *f.welsh}),
        folder.SUMMARIES: (codec.SummariesFile, lambda f: set(f.summaries)),
    }
    before = {table: parts(table) for table in tables}
    project.edit(f"content/inspections/{OTHER}.md", lambda text: text.rstrip() + " More.\n")
    project.build()
    for table in tables:
        after = parts(table)
        changed = {
            name for name in before[table] | after if before[table].get(name) != after.get(name)
        }
        # The edited record's and summary's new keys, each in one part, and their old keys
        # gone from one part: the rest of the table is left as it was.
        assert 1 <= len(changed) <= 2, f"{table}: {sorted(changed)}"
    # And the parts hold what a build from scratch keeps, no more.
    kept = {table: keys(table, *reading) for table, reading in tables.items()}
    shutil.rmtree(cache)
    project.build()
    assert {table: keys(table, *reading) for table, reading in tables.items()} == kept


def test_a_file_missing_from_the_store_is_made_again(project: Project) -> None:
    cache_folder = project.paths.cache
    assert cache_folder is not None
    stored = stored_path(cache_folder, project.file(f"inspections/{ENTRY}/index.html"))
    stored.unlink()
    project.edit(
        f"content/inspections/{LATER}.md",
        lambda text: text.rstrip() + " A sentence more.\n",
    )
    project.build()
    assert f"inspections/{ENTRY}/index.html" in project.rendered
    assert_same_as_cold(project)


def test_a_stored_file_is_checked_when_a_build_uses_it(project: Project) -> None:
    """A page unchanged since the site before last, and not searched (so not read again by
    the search's indexer), is in the spare site already: its stored file is not needed,
    and not looked at, until a build copies it again."""
    cache_folder = project.paths.cache
    assert cache_folder is not None
    page = "about/index.html"

    def edit(sentence: str) -> None:
        project.edit(
            f"content/inspections/{LATER}.md", lambda text: f"{text.rstrip()} {sentence}\n"
        )
        project.build()

    edit("A sentence more.")
    assert (cache_folder / "spare" / page).is_file()
    stored_path(cache_folder, project.file(page)).unlink()
    edit("Another sentence.")
    assert page not in project.rendered
    assert_same_as_cold(project, "while the spare site held the page")
    # Without the spare, the page is copied from the store: found missing, and made again.
    shutil.rmtree(cache_folder / "spare")
    edit("A third sentence.")
    assert page in project.rendered
    assert_same_as_cold(project, "once the page was copied again")


def test_a_new_authority_changes_whether_a_listed_programme_covered_them_all(
    project: Project,
) -> None:
    # A programme that lists every authority by name reads as all of Wales until one more
    # authority exists: every page that shows it must say so, not only the new ones.
    programme = "content/inspections/2014-05-wales-national-inspection.md"
    project.edit(
        programme,
        lambda text: text.replace(
            "authorities: all", "authorities: [aberfan-test, ceri-test, zeta-valley]"
        ),
    )
    project.build()
    assert "All-Wales programme" in project.file("authorities/ceri-test/index.html").read_text()
    (project.root / "content/authorities/delta-test.yaml").write_text(
        "name: Delta Test\nname_cy: Delta Prawf\ngss_code: W06000096\n", encoding="utf-8"
    )
    project.build()
    page = project.file("authorities/ceri-test/index.html").read_text()
    assert "All-Wales programme" not in page and "Programme covering 3 authorities" in page
    assert_same_as_cold(project)


def test_a_link_left_broken_on_an_unchanged_page_is_still_found(project: Project) -> None:
    """The link check looks again only at pages that changed, unless a page they could
    link to has gone: then at every page."""
    target = f"/inspections/{OTHER}/"
    project.edit(
        f"content/inspections/{ENTRY}.md",
        lambda text: text.rstrip() + f" See [the other one]({target}).\n",
    )
    project.build()
    for suffix in (".md", ".cy.md"):
        (project.root / f"content/inspections/{OTHER}{suffix}").unlink(missing_ok=True)
    before = files_of(project.paths.site)
    with pytest.raises(BrokenLinksError) as raised:
        project.build()
    # The page with the link did not change: only its target went.
    assert f"inspections/{ENTRY}/index.html" not in project.rendered
    assert f"inspections/{ENTRY}/index.html: {target} (no file inspections/{OTHER}/index.html)" in {
        str(link) for link in raised.value.links
    }
    assert files_of(project.paths.site) == before


def test_an_edit_rewrites_only_the_files_it_changed(project: Project) -> None:
    """The site is published by bringing the one before last up to date, and switching:
    a file unchanged since then is the same file, not a new copy."""
    site = project.paths.site

    def written() -> dict[str, tuple[int, int]]:
        """Return each file's inode and change time: a file written again has new ones."""
        return {
            path: ((found := (site / path).stat()).st_ino, found.st_ctime_ns)
            for path in every_file(site)
        }

    first, first_written = every_file(site), written()
    for number in (1, 2):
        project.edit(
            f"content/inspections/{OTHER}.md",
            lambda text, n=number: text.rstrip() + f" Edit {n}.\n",
        )
        project.build()
    third = every_file(site)
    rewritten = {path for path, was in written().items() if first_written.get(path) != was}
    changed = {path for path in third if first.get(path) != third[path]}
    assert changed and rewritten == changed
    assert_same_as_cold(project)


def test_a_link_in_place_of_a_folder_of_the_spare_site_is_removed_not_followed(
    project: Project,
) -> None:
    cache = project.paths.cache
    assert cache is not None
    for number in (1, 2):
        project.edit(
            f"content/inspections/{OTHER}.md",
            lambda text, n=number: text.rstrip() + f" Edit {n}.\n",
        )
        project.build()
    spare = cache / "spare"
    outside = project.root / "outside"
    shutil.copytree(spare / "inspections", outside)
    kept = every_file(outside)
    shutil.rmtree(spare / "inspections")
    (spare / "inspections").symlink_to(outside)
    project.edit(f"content/inspections/{OTHER}.md", lambda text: text.rstrip() + " Edit 3.\n")
    project.build()
    assert every_file(outside) == kept
    assert_same_as_cold(project)
