"""The command line: validate the records, build and serve the site, help editors.

`pip install .` gives it as the `sitegen` command, for the project in the current folder;
the project's own `python build.py` runs it for the folder build.py is in.
"""

from __future__ import annotations

from pathlib import Path

import click

from sitegen.cli.building import build, serve, validate
from sitegen.cli.editing import check_sources, field_guide, new
from sitegen.cli.options import Project

COMMANDS = (validate, build, serve, field_guide, new, check_sources)


def command_line(root: Path | None = None) -> click.Group:
    """Return the commands for the project in a folder (None: the folder they run in)."""

    @click.group()
    @click.pass_context
    def cli(ctx: click.Context) -> None:
        """Build the public record of Welsh children's social services inspections."""
        ctx.obj = Project(root or Path.cwd())

    for command in COMMANDS:
        cli.add_command(command)
    return cli


cli = command_line()


def main() -> None:
    """Run the command line for the project in the current folder."""
    cli()
