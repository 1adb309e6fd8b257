"""Work spread over the cores (sitegen/parallel.py): the same results, in the same order,
as one process gives; what the workers share is made once, before they fork."""

from __future__ import annotations

import os

import pytest

from sitegen import parallel

pytestmark = pytest.mark.unit

# Set by a prepare() in the parent; a forked worker sees it only if it was set before the fork.
_prepared: list[int] = []


def _with_worker(number: int) -> tuple[int, int, int]:
    return number * number, os.getpid(), len(_prepared)


def test_results_come_back_in_order_from_forked_workers() -> None:
    items = list(range(3 * parallel.SMALLEST_SHARED_JOB))
    results = parallel.map_on_cores(_with_worker, items, workers=2)
    assert [square for square, _, _ in results] == [number * number for number in items]
    assert os.getpid() not in {pid for _, pid, _ in results}


def test_prepare_runs_once_in_the_parent_before_the_workers_fork() -> None:
    _prepared.clear()
    items = list(range(3 * parallel.SMALLEST_SHARED_JOB))
    try:
        results = parallel.map_on_cores(
            _with_worker, items, workers=2, prepare=lambda: _prepared.append(1)
        )
        assert _prepared == [1]
        # Every worker started with what prepare() made.
        assert {seen for _, _, seen in results} == {1}
    finally:
        _prepared.clear()


def test_a_small_job_runs_in_this_process_and_prepares_nothing() -> None:
    calls: list[int] = []
    results = parallel.map_on_cores(
        _with_worker, [1, 2, 3], workers=2, prepare=lambda: calls.append(1)
    )
    assert [square for square, _, _ in results] == [1, 4, 9]
    assert {pid for _, pid, _ in results} == {os.getpid()}
    assert calls == []
