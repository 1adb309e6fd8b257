"""The history over time: time in each status, the status on a day, and the pictures'
geometry, each worked out from the same status periods."""

from __future__ import annotations

import datetime as dt

import pytest
from test_statuses import TODAY, entry

from sitegen.model.records import Authority
from sitegen.model.statuses import TimeIn, derive_periods, time_in
from sitegen.model.timelines import Archive, Timeline
from sitegen.model.vocabulary import Term, Vocabulary
from sitegen.site import charts
from sitegen.site.groups import NO_STATUS, by_time_escalated, group_on, held_on

pytestmark = pytest.mark.unit

ESCALATED = ("intervention", "warning-notice", "serious-concern")


def status(key: str, rank: int) -> Term:
    return Term(
        key, {"en": key, "cy": key}, {"en": key, "cy": key}, rank=rank, escalated=key in ESCALATED
    )


VOCABULARY = Vocabulary(
    tuple(
        status(key, rank)
        for rank, key in enumerate(
            (*ESCALATED, "concerns-reported", "no-serious-concerns"), start=1
        )
    ),
    (),
    (),
    (),
)


def timeline(slug: str, *entries) -> Timeline:
    authority = Authority(
        slug, f"content/authorities/{slug}.yaml", slug.title(), f"{slug.title()} (cy)", "W06000012"
    )
    return Timeline(authority, tuple(entries), derive_periods(entries, TODAY))


SWANSEA = timeline(
    "swansea",
    entry("2007-01-10", "serious-concern", "protocol"),
    entry("2009-03-01", "intervention", "board"),
    entry("2010-11-01", "no-serious-concerns", "lifted", status_end="unconfirmed"),
)
CARDIFF = timeline(
    "cardiff",
    entry("2003-11", "serious-concern", "invoked"),
    entry("2016-03-23", "no-serious-concerns", "report", status_start="unconfirmed"),
)
POWYS = timeline(
    "powys",
    entry("2017-10-17", "warning-notice", "notice", status_end="unconfirmed"),
    entry("2018-01-15", "warning-notice", "follow-up"),
    entry("2020-11-02", "no-serious-concerns", "removed"),
)
EMPTY = timeline("empty")
ARCHIVE = Archive((CARDIFF, EMPTY, POWYS, SWANSEA), VOCABULARY, TODAY)
STANDINGS = tuple(t.standing for t in ARCHIVE.timelines)


def test_the_vocabulary_names_the_escalated_statuses_most_serious_first() -> None:
    assert VOCABULARY.escalated == ESCALATED


def test_time_in_each_status_adds_its_periods_and_says_when_a_date_is_unconfirmed() -> None:
    assert time_in(SWANSEA.periods, ESCALATED) == (
        TimeIn("intervention", (dt.date(2010, 11, 1) - dt.date(2009, 3, 1)).days, True),
        TimeIn("serious-concern", (dt.date(2009, 3, 1) - dt.date(2007, 1, 10)).days, True),
    )
    # Cardiff's end of escalation is shown only by a later entry's date: counted to it.
    (cardiff,) = time_in(CARDIFF.periods, ESCALATED)
    assert cardiff.days == (dt.date(2016, 3, 23) - dt.date(2003, 11, 1)).days
    assert not cardiff.confirmed
    assert time_in(EMPTY.periods, ESCALATED) == ()


def test_authorities_are_ranked_by_time_escalated_with_ties_in_the_order_given() -> None:
    ranked = by_time_escalated(VOCABULARY, STANDINGS)
    assert [e.standing.authority.slug for e in ranked] == ["cardiff", "swansea", "powys", "empty"]
    assert ranked[-1].days == 0 and ranked[-1].times == ()


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2003, 10, 31), {}),
        # A month counts from its first day.
        (dt.date(2003, 11, 1), {"cardiff": "serious-concern"}),
        (dt.date(2009, 3, 1), {"cardiff": "serious-concern", "swansea": "intervention"}),
        (
            dt.date(2018, 1, 1),
            {
                "cardiff": "no-serious-concerns",
                "swansea": "no-serious-concerns",
                "powys": "warning-notice",
            },
        ),
    ],
)
def test_the_authorities_are_grouped_by_the_status_they_had_on_a_day(day, expected) -> None:
    groups = group_on(VOCABULARY, STANDINGS, held_on(STANDINGS, day))
    found = {s.authority.slug: g.key for g in groups for s in g.standings}
    assert found == {slug: expected.get(slug, NO_STATUS) for slug in found}
    assert sorted(found) == sorted(t.authority.slug for t in ARCHIVE.timelines)
    assert [g.key for g in groups] == [*(t.key for t in VOCABULARY.statuses), NO_STATUS]


def test_every_picture_spans_the_first_entrys_year_to_this_one() -> None:
    assert charts.years_of(ARCHIVE) == (dt.date(2003, 1, 1), dt.date(TODAY.year + 1, 1, 1))
    axis = charts.wales_chart(ARCHIVE, STANDINGS).axis
    years = axis.years
    assert [y.year for y in years] == list(range(2003, TODAY.year + 2))
    assert years[0].x == 0 and years[-1].x == 100
    assert [y.year for y in years if y.labelled] == [2003, *range(2005, TODAY.year + 2, 5)]


def test_a_band_runs_from_its_start_to_its_end_and_fades_after_its_last_entry() -> None:
    chart = charts.authority_chart(ARCHIVE, POWYS)
    axis = chart.axis
    notice, lifted = chart.rows[0].bands
    assert (notice.x, notice.to) == (axis.x(dt.date(2017, 10, 17)), axis.x(dt.date(2020, 11, 2)))
    # Its end is not confirmed: drawn firm to its last entry, fainter from there.
    assert notice.known_to == axis.x(dt.date(2018, 1, 15))
    assert 0 < notice.known_width < notice.width
    assert notice.unknown_width == pytest.approx(notice.width - notice.known_width)
    # In force now: to today, all of it firm.
    assert (lifted.x, lifted.to, lifted.known_to) == (notice.to, axis.x(TODAY), axis.x(TODAY))
    assert chart.has_unconfirmed_ends
    assert chart.statuses == ("warning-notice", "no-serious-concerns")


def test_marks_never_come_closer_than_a_tap_target_apart() -> None:
    crowded = timeline(
        "crowded",
        *(entry(f"2018-01-{day:02d}", None, f"e{day}") for day in range(1, 29, 3)),
        entry("2024-06-01", None, "alone"),
    )
    marks = charts.authority_chart(Archive((crowded,), VOCABULARY, TODAY), crowded).rows[0].marks
    assert len(marks) == len(crowded.entries)
    for number, mark in enumerate(marks):
        for other in marks[:number]:
            apart = ((mark.x - other.x) ** 2 + (mark.y - other.y) ** 2) ** 0.5
            assert apart >= charts.MARK_TARGET, (mark.entry.id, other.entry.id)
    # A mark with room in the first lane goes there.
    assert marks[-1].y == marks[0].y


def test_a_status_without_a_look_of_its_own_is_drawn_in_the_fallback() -> None:
    assert charts.look("serious-concern") == charts.LOOKS["serious-concern"]
    assert charts.look("a-new-status") == charts.OTHER_LOOK
