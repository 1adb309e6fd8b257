"""Command line for the inspection-history site: validate the records, build the site.

The commands live in sitegen/cli/; this runs them for the project folder this file is in,
from wherever it is called. `pip install .` gives the same as the `sitegen` command.
"""

from __future__ import annotations

from pathlib import Path

from sitegen.cli import command_line, run

ROOT = Path(__file__).resolve().parent

cli = command_line(ROOT)

if __name__ == "__main__":
    run(cli)
