"""The suite's own guard: a test during which prepbot logs an ERROR fails (tests/conftest.py)."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

BODY = """
import logging
import pytest

log = logging.getLogger("prepbot.demo")


def test_logs_an_error() -> None:
    log.error("the core failed")


@pytest.mark.expect_errors("core failed")
def test_expects_it() -> None:
    log.error("the core failed")


@pytest.mark.expect_errors("core failed")
def test_expects_it_but_something_else_fails() -> None:
    log.error("the core failed")
    logging.getLogger("bot.other").exception("handler failed")


@pytest.mark.expect_errors("core failed")
def test_expects_one_that_never_comes() -> None:
    log.warning("only a warning")


def test_other_libraries_may_log_errors() -> None:
    logging.getLogger("urllib3").error("not ours")
"""


@pytest.mark.expect_errors("the core failed", "handler failed")  # the inner run's, logged in-process
def test_an_error_logged_by_prepbot_fails_the_test_unless_expected(pytester: pytest.Pytester) -> None:
    pytester.makeini(
        "[pytest]\nmarkers =\n    expect_errors: x\n    postgres: x\n    slow: x\nasyncio_mode = strict\n"
        "asyncio_default_fixture_loop_scope = function\n"
    )
    pytester.makepyfile(test_demo=BODY)
    result = pytester.runpytest_inprocess("-p", "tests.conftest", "-q")
    outcomes = {r.nodeid.split("::")[-1]: r.outcome for r in _reports(result)}
    assert outcomes == {
        "test_logs_an_error": "failed",
        "test_expects_it": "passed",
        "test_expects_it_but_something_else_fails": "failed",
        "test_expects_one_that_never_comes": "failed",
        "test_other_libraries_may_log_errors": "passed",
    }
    result.stdout.fnmatch_lines(["*prepbot logged 1 unexpected error*", "*ERROR bot.other: handler failed*"])


def _reports(result: pytest.RunResult) -> list[pytest.TestReport]:
    """One report per test: its teardown's when that failed, else its call's."""
    by_test: dict[str, pytest.TestReport] = {}
    for report in result.reprec.getreports("pytest_runtest_logreport"):  # type: ignore[attr-defined]
        if report.when == "call" or (report.when == "teardown" and report.failed):
            by_test[report.nodeid] = report
    return list(by_test.values())
