"""Every test has exactly one level, unit, site or browser, so that each level runs alone."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]
pytestmark = pytest.mark.unit


def run_with_our_levels(pytester: pytest.Pytester, tests: str, level: str) -> pytest.RunResult:
    """Run a test file of its own under this suite's conftest, keeping one level.

    Playwright's plugin stays out (it cannot run inside a test that it already wraps; the
    level check reads a test's fixtures by name only), and so does Hypothesis's.
    """
    pytester.makepyfile(test_others=tests)
    plugins = ["-p", "conftest", "-p", "no:playwright", "-p", "no:hypothesispytest"]
    return pytester.runpytest_inprocess(*plugins, "-v", "-m", level)


def test_a_test_without_one_fitting_level_stops_the_run_by_name(
    pytester: pytest.Pytester,
) -> None:
    """No level, two levels, or a level lower than the test's fixtures: the run stops before
    any test starts and names each such test, even those that -m leaves out."""
    result = run_with_our_levels(
        pytester,
        """
        import pytest

        @pytest.mark.site
        def test_one_level(): pass

        def test_no_level(): pass

        @pytest.mark.unit
        @pytest.mark.site
        def test_two_levels(): pass

        @pytest.mark.unit
        def test_a_browser_test_called_unit(page): pass

        @pytest.mark.unit
        def test_a_site_test_called_unit(fixture_site): pass
        """,
        "site",
    )
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        [
            "*4 test(s) not marked with one fitting level:",
            "test_others.py::test_no_level: has levels none; give it one of unit, site, browser",
            "test_others.py::test_two_levels: has levels site, unit; *",
            "test_others.py::test_a_browser_test_called_unit*: uses the browser but is marked unit",
            "test_others.py::test_a_site_test_called_unit: reads a built site but is marked unit",
        ]
    )
    assert "test_one_level" not in result.stderr.str()
    result.assert_outcomes()


def test_each_level_runs_alone(pytester: pytest.Pytester) -> None:
    """With every test at one level, -m runs that level's tests and none of the others."""
    tests = """
        import pytest

        @pytest.mark.unit
        def test_unit(): pass

        @pytest.mark.site
        def test_site(tmp_path): pass

        @pytest.mark.browser
        def test_browser(): pass
        """
    for level in ("unit", "site", "browser"):
        result = run_with_our_levels(pytester, tests, level)
        result.assert_outcomes(passed=1, deselected=2)
        result.stdout.fnmatch_lines([f"test_others.py::test_{level} PASSED*"])
