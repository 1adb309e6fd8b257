"""What the commands share: the project's folders and common options.

Light, as every command imports it: see building.py on a build with nothing to do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click

Command = TypeVar("Command", bound=Callable[..., Any])

NOT_BUILT = "The site was not built; the previous one is unchanged."


@dataclass(frozen=True)
class Project:
    """The project the commands work on: its folder, holding content/, templates/ and site/."""

    root: Path

    def shown(self, path: Path) -> str:
        """Return a path as the messages show it: from the project's folder when inside it."""
        return str(path.relative_to(self.root)) if path.is_relative_to(self.root) else str(path)


def project() -> Project:
    """Return the project of the command being run."""
    return click.get_current_context().find_object(Project)  # type: ignore[return-value]


def _today(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date (write YYYY-MM-DD)") from None


def _in_project(folder: str) -> Callable[[click.Context, click.Parameter, Any], Path]:
    """Return a callback that makes a missing path option the project's own folder."""

    def callback(ctx: click.Context, _param: click.Parameter, value: Path | None) -> Path:
        if value is not None:
            return value
        found = ctx.find_object(Project)
        return (found.root if found else Path.cwd()) / folder

    return callback


today_option = click.option(
    "--today",
    callback=_today,
    metavar="YYYY-MM-DD",
    help="The day to check dates against (default: the real today).",
)


def content_option(*, eager: bool = False) -> Callable[[Command], Command]:
    """The --content option: the folder of records (default: the project's content/)."""
    return click.option(
        "--content",
        type=click.Path(file_okay=False, path_type=Path),
        callback=_in_project("content"),
        show_default="content",
        is_eager=eager,
        help="The folder of records.",
    )


def site_option() -> Callable[[Command], Command]:
    """The --site option: where to write the site (default: the project's site/)."""
    return click.option(
        "--site",
        type=click.Path(file_okay=False, path_type=Path),
        callback=_in_project("site"),
        show_default="site",
        help="Where to write the site.",
    )
