# Front Door: the two commands a new user needs are `make run` and `make test`.
# Everything else here is a step those two take, or a tool for developers.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
WORKERS ?= 2
# pytest-xdist: one test process per core ("auto"); TEST_PROCESSES=0 runs in this process.
TEST_PROCESSES ?= auto
FLASK := $(BIN)/flask --app wsgi
# The same options are used by the test that checks messages.pot is up to date.
EXTRACT_OPTIONS := --mapping-file babel.cfg --keywords _l --keywords lazy_gettext \
  --add-comments Translators: --no-location --sort-output --no-wrap \
  --project "Front Door" --copyright-holder "Essex County Council"
# `make run` is a local copy: development settings, a local SQLite database.
LOCAL_ENV := FRONTDOOR_ENV=development

.PHONY: help run dev worker test test-fast lint format setup python-deps node-deps assets translations \
        translations-missing compile-translations database demo system-deps lock bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-20s %s\n", $$1, $$2}'

run: setup demo ## Install what is missing, migrate, load demo data and serve on http://$(HOST):$(PORT)
	@echo "Essex Adult Social Care is at http://$(HOST):$(PORT)/ (Ctrl+C stops it)"
	$(LOCAL_ENV) $(BIN)/gunicorn --bind $(HOST):$(PORT) --workers $(WORKERS) wsgi:app

dev: setup demo ## Like run, with the reloading development server
	$(LOCAL_ENV) $(FLASK) run --debug --host $(HOST) --port $(PORT)

test: setup system-deps lint ## Lint, then the whole test suite (SQLite and PostgreSQL, browser and axe)
	FRONTDOOR_REQUIRE_POSTGRES=1 scripts/with-postgres.sh $(BIN)/pytest -n $(TEST_PROCESSES) $(PYTEST_ARGS)

test-fast: setup ## The tests without a browser or PostgreSQL, for a quick loop
	$(BIN)/pytest -n $(TEST_PROCESSES) -m "not browser" $(PYTEST_ARGS)

lint: python-deps ## ruff: lint and formatting; lint-imports: the layers (ADR 0017)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: python-deps ## Format the Python code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

setup: python-deps node-deps assets compile-translations database ## Everything run and test need

python-deps: $(VENV)/.installed
$(VENV)/.installed: requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --requirement requirements.lock
	@touch $@

node-deps: node_modules/.installed
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

assets: static/dist/manifest.json ## Build CSS, JS and images into static/dist
static/dist/manifest.json: node_modules/.installed static/build.mjs $(shell find static/scss static/js static/images -type f 2>/dev/null)
	npm run --silent build

translations: python-deps ## Extract messages.pot from code and templates, update every .po
	PYTHONPATH=. $(BIN)/pybabel extract $(EXTRACT_OPTIONS) --output-file translations/messages.pot .
	$(BIN)/pybabel update --input-file translations/messages.pot --output-dir translations \
	  --no-fuzzy-matching --ignore-obsolete --no-wrap

# LOCALES=pl limits it to some languages. Fails when a language lacks a REQUIRED message.
translations-missing: $(VENV)/.installed ## List what each language has not translated yet
	@PYTHONPATH=. $(BIN)/python scripts/missing_translations.py $(LOCALES)

compile-translations: $(VENV)/.installed ## Compile the .po catalogues into .mo files
	$(BIN)/pybabel compile --directory translations --statistics 2>&1 | sed 's/^/  /'

database: python-deps compile-translations instance/environment ## Create or migrate the local SQLite database
	$(LOCAL_ENV) $(FLASK) db upgrade

# Marks this checkout as a local copy, so the README's `.venv/bin/flask --app wsgi ...` commands
# work without exporting FRONTDOOR_ENV. A server sets FRONTDOOR_ENV itself, which always wins.
instance/environment:
	@mkdir -p instance
	@echo development > $@

demo: database ## Load the demonstration content (idempotent)
	$(LOCAL_ENV) $(FLASK) demo-data

system-deps: ## Install Chromium and PostgreSQL for the tests when missing (Debian)
	scripts/system-deps.sh

lock: ## Re-resolve requirements.lock from pyproject.toml
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip
	.lock-venv/bin/python -m pip install --quiet '.[dev]'
	( echo '# Exact versions of every Python package, for every machine. Regenerate with `make lock`.'; \
	  .lock-venv/bin/python -m pip freeze --exclude front-door ) > requirements.lock
	rm -rf .lock-venv build *.egg-info

bench: setup system-deps ## Print the speed figures: start page, advice search, whole submissions, staff queues
	$(BIN)/python benchmarks/pages.py
	scripts/with-postgres.sh sh -c '$(BIN)/python benchmarks/search.py && $(BIN)/python benchmarks/submit.py && $(BIN)/python benchmarks/queues.py'

worker: setup ## Send the outbox's messages (and keep sending); Ctrl+C stops it
	$(LOCAL_ENV) $(FLASK) outbox send

clean: ## Remove everything the build made (keeps the local database)
	rm -rf $(VENV) node_modules static/dist translations/*/LC_MESSAGES/*.mo
