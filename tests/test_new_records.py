"""A volunteer's valid new records keep every test of the real content green.

The tests of the real site derive what they expect from the content. This proves it: the
same tests run again on the real content plus new entries of every date form, newest and
oldest in the record, one setting a status and one a programme over several authorities.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import test_data
import test_site
from conftest import REAL_TODAY, ROOT, build_site, page_types

pytestmark = pytest.mark.site

ENTRY = """\
---
{owner}
date: {date}
kind: {kind}
title: {title}
body: CIW
{more}sources:
  - title: A report
    publisher: Care Inspectorate Wales
---
{title}.
"""

# (file name, owner line, date, kind, title, more lines)
NEW_ENTRIES = [
    (
        "{month}-powys-volunteer-month.md",
        "authority: powys",
        "{month}",
        "inspection",
        "A volunteer's entry known only to the month, the newest of its authority",
        "",
    ),
    (
        "1999-cardiff-volunteer-year.md",
        "authority: cardiff",
        "1999",
        "inspection",
        "A volunteer's entry known only to the year, the oldest in the record",
        "status: concerns-reported\nstatus_end: unconfirmed\n",
    ),
    (
        "{day}-wales-volunteer-programme.md",
        "authorities: [powys, cardiff]",
        "{day}",
        "national-review",
        "A volunteer's programme over two authorities, the newest of all",
        "fieldwork: {month}\n",
    ),
]

# The tests of the real site that read only the site they are given.
REAL_SITE_TESTS = [
    test_data.test_the_schema_rejects_a_field_it_does_not_define,
    test_data.test_csv_files_match_the_json,
    test_data.test_json_keys_are_sorted_and_files_end_with_a_newline,
    test_data.test_one_zip_holds_every_other_download_byte_for_byte,
    test_data.test_the_data_page_documents_every_file_and_field,
    test_data.test_every_documented_field_is_in_the_data,
    test_data.test_each_authority_feed_has_exactly_its_entries_newest_first,
    test_data.test_the_site_feed_has_the_latest_entries,
    test_data.test_every_sitemap_url_exists_and_every_page_is_listed,
    test_data.test_every_page_has_a_canonical_url_and_open_graph,
    test_site.test_authorities_are_listed_a_to_z_with_their_status,
    test_site.test_every_authority_is_under_one_group_of_the_status_index,
    test_site.test_only_search_and_the_status_page_have_scripts,
]


@pytest.fixture(scope="module")
def grown_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the site of the real content with the volunteer's entries added."""
    root = tmp_path_factory.mktemp("grown")
    content = root / "content"
    shutil.copytree(ROOT / "content", content)
    # Dated this month and today: the newest a valid record can be.
    dates = {"month": f"{REAL_TODAY:%Y-%m}", "day": REAL_TODAY.isoformat()}
    for name, owner, date, kind, title, more in NEW_ENTRIES:
        text = ENTRY.format(
            owner=owner, date=date.format(**dates), kind=kind, title=title,
            more=more.format(**dates),
        )  # fmt: skip
        (content / "inspections" / name.format(**dates)).write_text(text, encoding="utf-8")
    site = root / "site"
    build_site(content, site, today=REAL_TODAY)
    return site


@pytest.mark.parametrize("check", REAL_SITE_TESTS, ids=lambda check: check.__name__)
def test_the_real_site_tests_pass_with_new_records(check, grown_site: Path) -> None:
    check(grown_site)


def test_the_browser_checks_still_find_each_type_of_page(grown_site: Path) -> None:
    pages = page_types(grown_site)
    for path in pages.values():
        file = path.lstrip("/") + ("index.html" if path.endswith("/") else "")
        assert (grown_site / file).is_file(), path
    assert pages["programme"].startswith("/inspections/")
