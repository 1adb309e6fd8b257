"""`python -m sitegen`: the command line, for the project in the current folder."""

from sitegen.cli import main

main()
