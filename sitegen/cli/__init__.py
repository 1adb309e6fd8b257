"""The command line: validate the records, build and serve the site, help editors.

`pip install .` gives it as the `sitegen` command, for the project in the current folder;
the project's own `python build.py` runs it for the folder build.py is in.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import click

from sitegen.cli.options import Project
from sitegen.memory import ending_at_once

# Each command by its name, as module:function. A command's module is imported only when
# the command is run or listed, so that a build with nothing to do imports little.
COMMANDS = {
    "validate": "sitegen.cli.building:validate",
    "build": "sitegen.cli.building:build",
    "serve": "sitegen.cli.building:serve",
    "field-guide": "sitegen.cli.editing:field_guide",
    "new": "sitegen.cli.editing:new",
    "check-sources": "sitegen.cli.editing:check_sources",
}


class _Commands(click.Group):
    """The group of COMMANDS, each imported when it is first asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, _, name = COMMANDS[cmd_name].partition(":")
        command = getattr(importlib.import_module(module), name)
        assert command.name == cmd_name, f"{COMMANDS[cmd_name]} is not the {cmd_name} command"
        return command


def command_line(root: Path | None = None) -> click.Group:
    """Return the commands for the project in a folder (None: the folder they run in)."""

    @click.group(cls=_Commands)
    @click.pass_context
    def cli(ctx: click.Context) -> None:
        """Build the public record of Welsh children's social services inspections."""
        ctx.obj = Project(root or Path.cwd())

    return cli


cli = command_line()


def main() -> None:
    """Run the command line for the project in the current folder, as its process."""
    run(cli)


def run(commands: click.Group) -> None:
    """Run a command line as the process: it ends once the command is done, leaving a
    build's memory to the system (memory.ending_at_once)."""
    with ending_at_once():
        commands()
