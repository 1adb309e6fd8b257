"""The model: status periods, the current status and the status on a given day."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.model.dates import DateError, DateRange, PartialDate, Precision
from sitegen.model.records import Entry, Source
from sitegen.model.statuses import derive_periods, status_after_each, status_on
from sitegen.site.filters import show_date_range

pytestmark = pytest.mark.unit

TODAY = dt.date(2026, 11, 23)


def entry(date: str, status: str | None, name: str = "x", **more: str) -> Entry:
    return Entry(
        id=f"{date}-npt-{name}",
        path=f"content/inspections/{date}-npt-{name}.md",
        authority="npt",
        date=PartialDate.parse(date),
        kind="inspection",
        title="t",
        body="CSSIW",
        sources=(Source("s", "p"),),
        summary="s",
        status=status,
        **more,
    )


def test_an_authority_with_no_status_has_no_periods() -> None:
    periods = derive_periods([entry("2011-12", None), entry("2013", None)], TODAY)
    assert periods == ()
    assert status_on(periods, TODAY) is None


def test_escalated_then_lifted() -> None:
    periods = derive_periods(
        [
            entry("2015-04-23", "no-serious-concerns", "lifted"),
            entry("2012-11-19", "serious-concern", "invoked"),
            entry("2013-11", "serious-concern", "kept"),
            entry("2011-12", None, "report"),
        ],
        TODAY,
    )
    assert [(p.status, str(p.start), str(p.end) if p.end else None) for p in periods] == [
        ("serious-concern", "2012-11-19", "2015-04-23"),
        ("no-serious-concerns", "2015-04-23", None),
    ]
    # The follow-up that kept the protocol extends the period instead of starting one.
    assert periods[0].entry_ids == ("2012-11-19-npt-invoked", "2013-11-npt-kept")
    assert periods[0].days == (dt.date(2015, 4, 23) - dt.date(2012, 11, 19)).days == 885
    assert periods[1].days == (TODAY - dt.date(2015, 4, 23)).days
    assert periods[1].is_current
    assert status_on(periods, dt.date(2012, 11, 18)) is None
    assert status_on(periods, dt.date(2012, 11, 19)).status == "serious-concern"
    assert status_on(periods, dt.date(2015, 4, 22)).status == "serious-concern"
    assert status_on(periods, dt.date(2015, 4, 23)).status == "no-serious-concerns"


def test_partial_dates_count_from_the_start_of_their_period() -> None:
    periods = derive_periods(
        [
            entry("2007", "serious-concern"),
            entry("2009-03-24", "intervention"),
            entry("2010", "no-serious-concerns"),
        ],
        TODAY,
    )
    assert [p.days for p in periods[:2]] == [
        (dt.date(2009, 3, 24) - dt.date(2007, 1, 1)).days,
        (dt.date(2010, 1, 1) - dt.date(2009, 3, 24)).days,
    ]
    assert status_on(periods, dt.date(2007, 1, 1)).status == "serious-concern"


def test_a_month_sorts_before_a_day_of_the_same_month() -> None:
    month, day, year = (PartialDate.parse(d) for d in ("2012-11", "2012-11-01", "2012"))
    assert sorted([day, month, year]) == [year, month, day]
    periods = derive_periods(
        [entry("2012-11-01", "intervention", "a"), entry("2012-11", "serious-concern", "b")],
        TODAY,
    )
    assert [p.status for p in periods] == ["serious-concern", "intervention"]


@pytest.mark.parametrize(
    ("text", "precision", "first", "last"),
    [
        ("2012-11-19", Precision.DAY, dt.date(2012, 11, 19), dt.date(2012, 11, 19)),
        ("2012-02", Precision.MONTH, dt.date(2012, 2, 1), dt.date(2012, 2, 29)),
        ("2012-12", Precision.MONTH, dt.date(2012, 12, 1), dt.date(2012, 12, 31)),
        ("2007", Precision.YEAR, dt.date(2007, 1, 1), dt.date(2007, 12, 31)),
    ],
)
def test_partial_dates_keep_their_precision(text, precision, first, last) -> None:
    date = PartialDate.parse(text)
    assert (date.precision, date.first_day, date.last_day, str(date)) == (
        precision,
        first,
        last,
        text,
    )


@pytest.mark.parametrize("text", ["2012-13", "2012-02-30", "12-11-2012", "2012-1-5", "soon"])
def test_impossible_dates_are_refused(text: str) -> None:
    with pytest.raises(DateError):
        PartialDate.parse(text)


def confirmed(periods) -> list[tuple[str, bool, bool]]:
    return [(p.status, p.start_confirmed, p.end_confirmed) for p in periods]


def test_a_start_shown_only_by_a_date_leaves_the_previous_end_unconfirmed() -> None:
    periods = derive_periods(
        [
            entry("2003-11", "serious-concern", "invoked"),
            entry("2016-03-23", "no-serious-concerns", "report", status_start="unconfirmed"),
        ],
        TODAY,
    )
    assert confirmed(periods) == [
        ("serious-concern", True, False),
        ("no-serious-concerns", False, True),
    ]


def test_an_end_no_source_gives_is_unconfirmed_even_while_in_force() -> None:
    ended = derive_periods(
        [
            entry("2017-10-17", "warning-notice", "notice", status_end="unconfirmed"),
            entry("2018-01-15", "warning-notice", "follow-up"),
            entry("2020-11-02", "no-serious-concerns", "removed"),
        ],
        TODAY,
    )
    # One entry of the run that says so is enough: the run's end is not confirmed.
    assert confirmed(ended) == [
        ("warning-notice", True, False),
        ("no-serious-concerns", True, True),
    ]
    current = derive_periods(
        [entry("2022-08-02", "concerns-reported", status_end="unconfirmed")], TODAY
    )
    assert confirmed(current) == [("concerns-reported", True, False)]
    assert current[0].is_current


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("2022-05-23/2022-05-27", "23\N{EN DASH}27 May 2022"),
        ("2022-03-28/2022-04-08", "28 March \N{EN DASH} 8 April 2022"),
        ("2021-11-23/2022-01-05", "23 November 2021 \N{EN DASH} 5 January 2022"),
        ("2014-01/2014-05", "January \N{EN DASH} May 2014"),
        ("2014-01/2014-05-02", "January 2014 \N{EN DASH} 2 May 2014"),
        ("2022-05-23", "23 May 2022"),
        ("2022-05/2022-05", "May 2022"),
    ],
)
def test_a_fieldwork_range_is_read_and_shown_to_its_precision(text: str, shown: str) -> None:
    span = DateRange.parse(text)
    assert show_date_range(span, "en") == shown
    assert str(span) == (text if span.end else text.split("/")[0])


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2022-05-27/2022-05-23", "ends before it starts"),
        ("2022-05 to 2022-06", "is not a date or a range"),
        ("2022-05/2022-06/2022-07", "is not a date or a range"),
        ("2022-02-30/2022-03-01", "is not a real date"),
    ],
)
def test_a_bad_range_says_why(text: str, reason: str) -> None:
    with pytest.raises(DateError, match=reason):
        DateRange.parse(text)


def test_each_entry_is_shown_the_period_in_force_once_it_is_counted() -> None:
    entries = sorted(
        [
            entry("2011-12", None, "report"),
            entry("2012-11-19", "serious-concern", "invoked"),
            entry("2013-11", None, "visit"),
            entry("2015-04-23", "no-serious-concerns", "lifted"),
        ],
        key=lambda e: e.sort_key,
    )
    periods = derive_periods(entries, TODAY)
    shown = status_after_each(entries, periods)
    assert [shown[e.id].status if shown[e.id] else None for e in entries] == [
        None,
        "serious-concern",
        "serious-concern",
        "no-serious-concerns",
    ]


STATUSES = st.sampled_from([None, "serious-concern", "enhanced-monitoring", "no-serious-concerns"])


@given(st.lists(st.tuples(st.integers(0, 3000), STATUSES), max_size=40))
def test_the_period_after_each_entry_is_the_last_to_have_started(
    made: list[tuple[int, str | None]],
) -> None:
    day = dt.date(2000, 1, 1)
    entries = sorted(
        (
            entry((day + dt.timedelta(days=offset)).isoformat(), status, f"e{number}")
            for number, (offset, status) in enumerate(made)
        ),
        key=lambda e: e.sort_key,
    )
    periods = derive_periods(entries, TODAY)
    place = {e.id: number for number, e in enumerate(entries)}
    expected = {}
    for number, e in enumerate(entries):
        started = [p for p in periods if place[p.entry_ids[0]] <= number]
        expected[e.id] = started[-1] if started else None
    assert status_after_each(entries, periods) == expected


# A date written to the day, the month or the year (ISO form cut short).
WRITTEN = st.tuples(st.integers(0, 3000), st.sampled_from([10, 7, 4]))


@given(st.lists(st.tuples(WRITTEN, STATUSES), max_size=40), st.integers(-10, 3010))
def test_the_period_on_a_day_is_the_one_that_covers_it(
    made: list[tuple[tuple[int, int], str | None]], offset: int
) -> None:
    start = dt.date(2000, 1, 1)
    entries = [
        entry((start + dt.timedelta(days=at)).isoformat()[:cut], status, f"e{number}")
        for number, ((at, cut), status) in enumerate(made)
    ]
    periods = derive_periods(entries, TODAY)
    # Every period's first day and the day before it, where an off-by-one would show.
    days = {start + dt.timedelta(days=offset)}
    days |= {p.start.first_day + dt.timedelta(days=d) for p in periods for d in (-1, 0)}
    for day in days:
        assert status_on(periods, day) == next((p for p in periods if p.covers(day)), None)
