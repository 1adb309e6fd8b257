# The few verbs a developer needs. Each one sets up the virtual environment first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site validate serve test lint format docs golden clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## site: validate the records and build the whole site into site/
site: $(STAMP)
	$(BIN)/python build.py build

## serve: build, then serve the site on http://127.0.0.1:8000/
serve: $(STAMP)
	$(BIN)/python build.py serve

## validate: check every record and list all problems
validate: $(STAMP)
	$(BIN)/python build.py validate

## test: lint, then run the whole test suite
test: $(STAMP) lint
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## docs: regenerate docs/records.md from the schema and vocabulary
docs: $(STAMP)
	$(BIN)/python build.py field-guide

## golden: regenerate the golden site's expected pages after an intended change
golden: $(STAMP)
	UPDATE_GOLDEN=1 $(BIN)/python -m pytest -q tests/test_golden.py

clean:
	rm -rf $(VENV) site .pytest_cache .ruff_cache
