"""The command line: validate the records, build and serve the site, help editors.

`pip install .` gives it as the `sitegen` command, run in the project's folder; the
project's own `python build.py` runs it for the folder build.py is in.
"""

from __future__ import annotations

from pathlib import Path

import click

from sitegen.cli.building import build, serve, validate
from sitegen.cli.editing import field_guide, new
from sitegen.cli.options import Project


@click.group()
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Build the public record of Welsh children's social services inspections."""
    # Run as `sitegen`, or from a test, the project is the current folder.
    if ctx.obj is None:
        ctx.obj = Project(Path.cwd())


for command in (validate, build, serve, field_guide, new):
    cli.add_command(command)


def main(root: Path | None = None) -> None:
    """Run the command line for the project in a folder (by default, the current one)."""
    cli.main(obj=Project(root or Path.cwd()))
