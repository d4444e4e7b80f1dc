PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALL_STAMP := $(VENV)/.install-stamp

HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= $(shell nproc 2>/dev/null || echo 1)

.DEFAULT_GOAL := help
.PHONY: help install system-deps run test lint format clean docker-lint

help:
	@echo "make install      create $(VENV) and install the locked packages with dev tools (re-runs pip when pyproject.toml or requirements.lock change)"
	@echo "make run          install, migrate, ingest data/ if the database is empty, serve on http://$(HOST):$(PORT) with $(WORKERS) workers"
	@echo "make test         install (and Debian's chromium for the browser test), ruff, pytest"
	@echo "make system-deps  apt-get install what the tests need from Debian, if missing (chromium, jq, postgresql)"
	@echo "make lint         ruff check and ruff format --check"
	@echo "make format       ruff format and ruff check --fix"
	@echo "make docker-lint  hadolint the Dockerfile"
	@echo "make clean        remove $(VENV), var/ and tool caches"

install: $(INSTALL_STAMP)
	@:

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Every package comes from requirements.lock, pinned with its hashes (see README,
# "Reliability"); the project itself is then installed without resolving anything.
$(INSTALL_STAMP): pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

run: install
	$(BIN)/article-facts migrate
	$(BIN)/article-facts ingest data/ --if-empty
	$(BIN)/article-facts serve --host $(HOST) --port $(PORT) --workers $(WORKERS)

test: lint system-deps
	$(BIN)/pytest

# The browser test drives Debian's Chromium (never a downloaded one); the cookbook test uses
# jq; every database test also runs on a throwaway PostgreSQL cluster the suite starts itself.
system-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v jq >/dev/null || missing="$$missing jq"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		else \
			echo "the tests need Debian packages:$$missing; run: sudo apt-get install$$missing" >&2; exit 1; \
		fi; \
	fi

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

docker-lint: install
	$(BIN)/hadolint Dockerfile

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache *.egg-info build dist
