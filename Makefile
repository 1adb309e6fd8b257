# The few verbs a developer needs. Each one sets up the virtual environment first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.package-lock.json
# The checks of the built site, run by `make check-site` against site/.
SITE_CHECKS := tests/test_links.py tests/test_quality.py tests/test_journeys.py tests/test_browser.py

.PHONY: site validate serve test test-unit check-site bench bench-smoke lint format docs messages golden clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# axe-core and the Nu HTML Checker, pinned by package-lock.json.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --silent

## site: validate the records and build the whole site into site/
site: $(STAMP)
	$(BIN)/python build.py build

## serve: build, then serve the site on http://127.0.0.1:8000/
serve: $(STAMP)
	$(BIN)/python build.py serve

## validate: check every record and list all problems
validate: $(STAMP)
	$(BIN)/python build.py validate

## test: lint, then run the whole test suite (browser and HTML checks included)
test: $(STAMP) $(NODE_STAMP) lint
	$(BIN)/python -m pytest

## test-unit: the unit tests alone, in seconds (pytest -m site and -m browser run the rest)
test-unit: $(STAMP)
	$(BIN)/python -m pytest -q -m unit

## check-site: run the accessibility, HTML, link and browser checks against site/
check-site: $(STAMP) $(NODE_STAMP)
	test -f site/index.html || $(BIN)/python build.py build
	SITE_DIR=site $(BIN)/python -m pytest -q $(SITE_CHECKS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## docs: regenerate docs/records.md from the schema and vocabulary
docs: $(STAMP)
	$(BIN)/python build.py field-guide

## messages: bring each language's catalogue in step with the messages of the templates and code
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg --no-default-keywords -k _ -k gettext -k ngettext:1,2 -k N_ -k Field:3 -k dated:2 -k Download:3 --no-location --sort-output --omit-header -o locale/messages.pot .
	$(BIN)/pybabel update -i locale/messages.pot -d locale --ignore-obsolete --width 100
	rm locale/messages.pot

## bench: the benchmark against Hugo (+ Pagefind) and Pelican: N = 1,000 and 10,000, three runs each, then 50,000 once (hours)
bench: $(STAMP)
	$(BIN)/python bench/run.py --entries 1000 10000 --authorities 200 --runs 3 --once 50000

## bench-smoke: the same benchmark on a small corpus, to see that it runs
bench-smoke: $(STAMP)
	$(BIN)/python bench/run.py --entries 200 --authorities 20 --runs 1

## golden: regenerate the golden site's expected pages after an intended change
golden: $(STAMP)
	UPDATE_GOLDEN=1 $(BIN)/python -m pytest -q tests/test_golden.py

clean:
	rm -rf $(VENV) node_modules site .site-cache test-artifacts .pytest_cache .ruff_cache
