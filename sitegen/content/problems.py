"""Problems found in the content, and how they are shown to an editor."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, at one line, in one field."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


class ContentError(Exception):
    """The content has problems; the build stops before writing anything."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(sorted(set(problems)))
        super().__init__(summarise(self.problems))

    def __reduce__(self) -> tuple[type[ContentError], tuple[tuple[Problem, ...]]]:
        # Made again from its problems: raised in a worker process (a record file that
        # changed while it was being checked), it reaches the build whole.
        return (type(self), (self.problems,))


def plural(count: int, noun: str) -> str:
    """Say a count with its noun, plural where it needs one."""
    if count == 1:
        return f"{count} {noun}"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return f"{count} {noun[:-1]}ies"
    if noun.endswith(("s", "sh", "ch", "x")):
        return f"{count} {noun}es"
    return f"{count} {noun}s"


def summarise(problems: Iterable[Problem]) -> str:
    """Return the closing line of a report, such as '3 errors in 2 files'."""
    problems = list(problems)
    files = {problem.path for problem in problems}
    return f"{plural(len(problems), 'error')} in {plural(len(files), 'file')}"


def format_report(problems: Iterable[Problem]) -> str:
    """Return every problem on its own line, sorted by file and line, then the summary."""
    ordered = sorted(set(problems))
    return "\n".join([*map(str, ordered), summarise(ordered)])


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github_annotation(problem: Problem) -> str:
    """Return a problem as a GitHub Actions error annotation on its file and line."""
    return (
        f"::error file={_escape_property(problem.path)},line={problem.line},"
        f"title={_escape_property(problem.field)}::{_escape_data(problem.message)}"
    )


def format_github_report(problems: Iterable[Problem]) -> str:
    """Return every problem as a GitHub Actions annotation, sorted, then the summary."""
    ordered = sorted(set(problems))
    return "\n".join([*map(format_github_annotation, ordered), summarise(ordered)])
