"""The memo loop every cached stage goes through: reuse what is known, make the rest once."""

from __future__ import annotations

import pytest

from sitegen.cache.memo import Made, Results, memoised, reuse

pytestmark = pytest.mark.unit


def _doubling(calls: list[list[int]]):
    def make(items):
        calls.append(list(items))
        return [item * 2 for item in items]

    return make


def test_a_cold_table_makes_everything_in_one_call_and_keeps_it() -> None:
    calls: list[list[int]] = []
    table: Results[int] = Results()
    made = memoised([1, 2, 3], str, _doubling(calls), table)
    assert made == Made([2, 4, 6], 3)
    assert calls == [[1, 2, 3]]
    assert table.used == {"1": 2, "2": 4, "3": 6}


def test_known_results_are_reused_and_only_the_missing_made() -> None:
    calls: list[list[int]] = []
    table = Results({"1": 2, "3": 6})
    made = memoised([1, 2, 3], str, _doubling(calls), table)
    assert made == Made([2, 4, 6], 1)
    assert calls == [[2]]
    # What this build used is what the next one keeps; the rest is dropped.
    assert table.used == {"1": 2, "2": 4, "3": 6}


def test_nothing_to_make_calls_nothing() -> None:
    calls: list[list[int]] = []
    made = memoised([1, 2], str, _doubling(calls), Results({"1": 2, "2": 4}))
    assert made == Made([2, 4], 0)
    assert calls == []


def test_items_with_one_key_are_made_once_and_share_the_result() -> None:
    calls: list[list[str]] = []

    def make(items):
        calls.append(list(items))
        return [object() for _ in items]

    made = memoised(["a", "b", "a"], lambda text: text, make, Results())
    assert calls == [["a", "b"]]
    assert made.made == 2
    assert made.values[0] is made.values[2]


def test_an_unkeyed_item_is_always_made_and_never_kept() -> None:
    calls: list[list[int]] = []
    table: Results[int] = Results()
    made = memoised([1, 2, 3], lambda n: None if n == 2 else str(n), _doubling(calls), table)
    assert made == Made([2, 4, 6], 3)
    assert "2" not in table.used and len(table.used) == 2
    # The next build knows what this one kept.
    table = Results(table.used)
    again = memoised([1, 2, 3], lambda n: None if n == 2 else str(n), _doubling(calls), table)
    assert again == Made([2, 4, 6], 1)


def test_a_known_result_that_is_no_longer_usable_is_made_again() -> None:
    calls: list[list[int]] = []
    made = memoised(
        [1, 2], str, _doubling(calls), Results({"1": 2, "2": -1}), usable=lambda v: v >= 0
    )
    assert made == Made([2, 4], 1)
    assert calls == [[2]]


def test_a_maker_that_loses_results_is_refused() -> None:
    with pytest.raises(ValueError, match="made 1 results for 2 items"):
        memoised([1, 2], str, lambda items: [0], Results())


def test_reuse_asks_the_table_only_for_a_key() -> None:
    table = Results({"unit": {"a": 1}})
    assert reuse(table, None) is None
    assert reuse(table, "unit") == {"a": 1}
    assert reuse(table, "unit", usable=lambda value: False) is None
    assert reuse(table, "missing") is None


def test_a_result_made_earlier_in_the_build_is_not_made_again() -> None:
    # The Welsh pages' summaries are the English ones where no Welsh is written: one table,
    # asked twice in one build, makes each once.
    calls: list[list[int]] = []
    table: Results[int] = Results()
    memoised([1, 2], str, _doubling(calls), table)
    again = memoised([2, 3], str, _doubling(calls), table)
    assert again == Made([4, 6], 1)
    assert calls == [[1, 2], [3]]
