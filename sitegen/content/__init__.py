"""Reading the content folder and checking every record: all problems at once."""
