"""The command line as an editor uses it: exit codes and exact output."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import (
    AUTHORITY,
    ENTRY,
    ENTRY_ID,
    GOLDEN_CONTENT,
    REAL_TODAY,
    ROOT,
    WELSH,
    write_content,
)

from build import cli


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.mark.unit
def test_validate_clean_content_prints_counts(tmp_path: Path) -> None:
    content = write_content(
        tmp_path,
        {"neath-port-talbot.yaml": AUTHORITY},
        {f"{ENTRY_ID}.md": ENTRY, f"{ENTRY_ID}.cy.md": WELSH},
    )
    for strict in ([], ["--strict"]):
        result = run("validate", "--content", str(content), "--today", "2026-11-23", *strict)
        assert result.exit_code == 0
        assert result.stdout == "1 authority, 1 entry: no problems\n"
        assert result.stderr == ""


@pytest.mark.unit
def test_validate_counts_entries_without_welsh_and_strict_lists_them(tmp_path: Path) -> None:
    other = "2013-01-neath-port-talbot-protocol.md"
    content = write_content(
        tmp_path,
        {"neath-port-talbot.yaml": AUTHORITY},
        {
            f"{ENTRY_ID}.md": ENTRY,
            f"{ENTRY_ID}.cy.md": WELSH,
            other: ENTRY.replace("date: 2012-11-19\nkind", "date: 2013-01\nkind"),
        },
    )
    result = run("validate", "--content", str(content), "--today", "2026-11-23")
    assert result.exit_code == 0
    assert result.stdout == "1 authority, 2 entries: no problems\n"
    assert result.stderr == (
        "warning: 1 entry of 2 has no Welsh text yet (--strict lists them as problems)\n"
    )
    result = run("validate", "--content", str(content), "--today", "2026-11-23", "--strict")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"content/inspections/{other}:1: Welsh: has none yet (write its title and summary in "
        "Welsh in 2013-01-neath-port-talbot-protocol.cy.md beside it)",
        "1 error in 1 file",
    ]


@pytest.mark.unit
def test_validate_reports_every_problem_sorted_with_a_summary(tmp_path: Path) -> None:
    content = write_content(
        tmp_path,
        {"neath-port-talbot.yaml": AUTHORITY, "swansea.yaml": "name: Swansea\n"},
        {
            f"{ENTRY_ID}.md": ENTRY.replace("kind: escalation", "kind: nonsense"),
            "2012-11-19-neath-port-talbot-later.md": ENTRY.replace(
                "title: Serious", "titel: Serious"
            ),
        },
    )
    result = run("validate", "--content", str(content), "--today", "2026-11-23")
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert [line.split(": ", 2)[:2] for line in lines[:-1]] == [
        ["content/authorities/swansea.yaml:1", "gss_code"],
        ["content/authorities/swansea.yaml:1", "name_cy"],
        ["content/inspections/2012-11-19-neath-port-talbot-later.md:2", "title"],
        ["content/inspections/2012-11-19-neath-port-talbot-later.md:5", "titel"],
        ["content/inspections/2012-11-19-neath-port-talbot-protocol.md:4", "kind"],
    ]
    assert lines[-1] == "5 errors in 3 files"
    assert "Traceback" not in result.output


@pytest.mark.unit
def test_today_decides_what_is_in_the_future(tmp_path: Path) -> None:
    content = write_content(tmp_path, entries={f"{ENTRY_ID}.md": ENTRY})
    result = run("validate", "--content", str(content), "--today", "2012-11-18")
    assert result.exit_code == 1
    assert "date: 2012-11-19 is after today (2012-11-18)" in result.stderr
    assert result.stderr.endswith("2 errors in 1 file\n")


@pytest.mark.unit
def test_a_bad_today_is_a_usage_error() -> None:
    result = run("validate", "--today", "23/11/2026")
    assert result.exit_code == 2
    assert "'23/11/2026' is not a date (write YYYY-MM-DD)" in result.stderr


@pytest.mark.unit
def test_a_missing_content_folder_is_reported(tmp_path: Path) -> None:
    result = run("validate", "--content", str(tmp_path / "content"), "--today", "2026-11-23")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "content/about.md:1: file: is missing",
        "content/authorities:1: folder: is missing",
        "content/inspections:1: folder: is missing",
        "content/vocabulary.yaml:1: file: is missing",
        "4 errors in 4 files",
    ]


@pytest.mark.unit
def test_unreadable_files_are_errors_not_skipped(tmp_path: Path) -> None:
    content = write_content(tmp_path)
    (content / "inspections" / f"{ENTRY_ID}.md").write_bytes(b"---\ntitle: caf\xe9\n---\n")
    (content / "inspections" / "notes").mkdir()
    result = run("validate", "--content", str(content), "--today", "2026-11-23")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"content/inspections/{ENTRY_ID}.md:2: file: is not UTF-8 text (save it as UTF-8)",
        "content/inspections/notes:1: file: is a folder (records go directly in the folder "
        "above; move its files up)",
        "2 errors in 2 files",
    ]


@pytest.mark.unit
def test_bom_and_windows_line_ends_are_read_as_text(tmp_path: Path) -> None:
    content = write_content(tmp_path)
    text = ("\ufeff" + ENTRY).replace("\n", "\r\n")
    (content / "inspections" / f"{ENTRY_ID}.md").write_text(text, encoding="utf-8", newline="")
    result = run("validate", "--content", str(content), "--today", "2026-11-23")
    assert result.exit_code == 0, result.stderr


@pytest.mark.unit
def test_the_shipped_content_is_valid() -> None:
    result = run("validate", "--today", REAL_TODAY.isoformat())
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("22 authorities, ")


@pytest.mark.unit
def test_the_field_guide_is_up_to_date(tmp_path: Path) -> None:
    output = tmp_path / "records.md"
    result = run("field-guide", "--output", str(output))
    assert result.exit_code == 0
    assert output.read_text() == (ROOT / "docs" / "records.md").read_text(), (
        "docs/records.md is out of date: run `python build.py field-guide`"
    )


@pytest.mark.site
def test_build_refuses_bad_content_and_keeps_the_old_site(tmp_path: Path) -> None:
    content = write_content(
        tmp_path,
        {"neath-port-talbot.yaml": AUTHORITY},
        {f"{ENTRY_ID}.md": ENTRY.replace("body: CSSIW", "body: Ofsted")},
    )
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous site")
    result = run("build", "--content", str(content), "--today", "2026-11-23", "--site", str(site))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-2:] == [
        "1 error in 1 file",
        "The site was not built; the previous one is unchanged.",
    ]
    assert (site / "index.html").read_text() == "the previous site"


@pytest.mark.site
def test_a_search_index_that_cannot_be_made_stops_the_build_and_keeps_the_old_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    assert run("build", *GOLDEN, "--site", str(site)).exit_code == 0
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    # A Pagefind that says its version and then fails, as a broken install would.
    broken = tmp_path / "pagefind"
    broken.write_text('#!/bin/sh\n[ "$1" = --version ] && echo "pagefind 0.0.0" && exit 0\n'
                      'echo "no index today" >&2; exit 3\n')  # fmt: skip
    broken.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(broken))
    result = run("build", *GOLDEN, "--site", str(site), "--no-cache")
    assert result.exit_code == 1
    assert result.stderr.startswith("The search index could not be made: pagefind failed:")
    assert "no index today" in result.stderr
    assert result.stderr.splitlines()[-1] == (
        "The site was not built; the previous one is unchanged."
    )
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


GOLDEN = ["--content", str(GOLDEN_CONTENT), "--today", "2026-11-23"]
# The golden fixture's pages, in each of two languages: 3 authorities, 7 entries, one former
# address, and a page for each year from 2011 (its first entry's) to 2026.
GOLDEN_PAGES = 2 * (18 + 16)


@pytest.mark.site
def test_build_writes_the_site_and_says_so(tmp_path: Path) -> None:
    result = run("build", *GOLDEN, "--site", str(tmp_path / "site"))
    assert result.exit_code == 0, result.stderr
    files = sum(1 for path in (tmp_path / "site").rglob("*") if path.is_file())
    assert result.stdout == (
        f"3 authorities, 7 entries: built {tmp_path / 'site'} ({files} files; every page "
        f"rendered, {GOLDEN_PAGES} in all; search index in 1 shard, 1 made anew)\n"
    )
    assert (tmp_path / "site" / "authorities" / "aberfan-test" / "index.html").is_file()
    assert (tmp_path / ".site-cache").is_dir()


@pytest.mark.site
def test_a_second_build_with_nothing_changed_says_the_site_is_up_to_date(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    run("build", *GOLDEN, "--site", str(site))
    result = run("build", *GOLDEN, "--site", str(site))
    assert result.stdout.rstrip().endswith(
        f"{site} is up to date (nothing changed since the last build)"
    )
    result = run("build", *GOLDEN[:2], "--today", "2026-11-24", "--site", str(site))
    assert f"every page rendered, {GOLDEN_PAGES} in all" in result.stdout, (
        "another day changes every status's duration"
    )


@pytest.mark.site
def test_a_build_with_nothing_to_do_answers_before_importing_the_generator(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    command = [sys.executable, "-X", "importtime", str(ROOT / "build.py"), "build"]
    command += [*GOLDEN, "--site", str(site)]
    first = subprocess.run(command, capture_output=True, text=True, check=True)
    assert "jinja2" in _imported(first.stderr), "the first build imports what it renders with"
    again = subprocess.run(command, capture_output=True, text=True, check=True)
    assert again.stdout.rstrip().endswith(
        f"{site} is up to date (nothing changed since the last build)"
    )
    # The stamp is checked first: the pipeline and what it renders with are not loaded.
    heavy = {"sitegen.pipeline", "jinja2", "markdown", "yaml", "selectolax", "babel"}
    assert heavy & _imported(again.stderr) == set()


def _imported(importtime: str) -> set[str]:
    """Return the modules a process imported, from what python -X importtime wrote."""
    return {line.rsplit("|", 1)[1].strip() for line in importtime.splitlines() if "|" in line}


@pytest.mark.site
def test_an_edit_says_how_many_pages_it_rendered_of_all(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(GOLDEN_CONTENT, content)
    site = tmp_path / "site"
    run("build", "--content", str(content), "--today", "2026-11-23", "--site", str(site))
    entry = content / "inspections" / "2018-06-ceri-test-inspection.md"
    entry.write_text(entry.read_text() + "One more sentence.\n")
    result = run("build", "--content", str(content), "--today", "2026-11-23", "--site", str(site))
    # The entry's page, its authority's, and the pages that show the whole record; and the
    # search index's one shard, which holds the entry's page.
    assert f"of {GOLDEN_PAGES} pages rendered, the rest reused;" in result.stdout
    assert "search index in 1 shard, 1 made anew)" in result.stdout


@pytest.mark.site
def test_no_cache_builds_everything_and_keeps_no_cache(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for _ in range(2):
        result = run("build", *GOLDEN, "--site", str(site), "--no-cache")
        assert f"every page rendered, {GOLDEN_PAGES} in all" in result.stdout
    assert not (tmp_path / ".site-cache").exists()
