"""The checks of the made site before it is written: links resolve, no record is lost."""
