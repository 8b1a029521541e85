# Shuangshi — one entry point. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
MANAGE := cd backend && ../$(PY) manage.py
NPM := cd frontend && npm
PYTEST_ARGS ?=
BENCH_ARGS ?=

export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help install native build migrate seed run test lint test-backend test-frontend test-e2e screens \
        bench reports backup restore clean api-types api-types-check

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  \033[36m%-14s\033[0m %s\n", $$1, $$2}'

$(VENV)/.installed: backend/requirements.txt backend/requirements-dev.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is needed"'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r backend/requirements-dev.txt
	@touch $@

# `make run` needs only the runtime requirements; lint/test/bench install the dev ones.
$(VENV)/.runtime: backend/requirements.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is needed"'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r backend/requirements.txt
	@touch $@

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	$(NPM) ci --no-audit --no-fund
	@touch $@

frontend/dist/index.html: frontend/node_modules/.installed $(shell find frontend/src frontend/public -type f 2>/dev/null) frontend/index.html frontend/vite.config.ts
	$(NPM) run build

install: $(VENV)/.installed frontend/node_modules/.installed ## Install Python and Node dependencies

# The rule engine compiled by mypyc (backend/shuangshi/native.py): used while it matches the
# source, plain Python otherwise. `make run` does without it (runtime requirements only).
NATIVE := backend/.mypyc/stamp.json
$(NATIVE): $(VENV)/.installed backend/shuangshi/qualification/engine.py backend/shuangshi/native.py scripts/compile_native.py
	$(PY) scripts/compile_native.py

native: $(NATIVE) ## Compile the rule engine with mypyc (tests and benchmarks use it; about 30 s)

build: frontend/dist/index.html ## Build the front end into frontend/dist

migrate: $(VENV)/.runtime ## Apply database migrations
	@mkdir -p var
	$(MANAGE) migrate --noinput

seed: migrate ## Load the demo data (once; refused in production)
	$(MANAGE) seed_demo

run: $(VENV)/.runtime frontend/node_modules/.installed build seed ## Install, build, migrate, load the demo, serve with a jobs worker (PORT, default 8000)
	@echo ""
	@echo "  Shuangshi is running at http://127.0.0.1:$(PORT)/   (API docs: /api/docs/)"
	@echo "  Demo logins, all with password shuangshi-demo:"
	@echo "    province  province-wide administrator"
	@echo "    city_nc   Nanchang city (read-only)"
	@echo "    hr_a      HR of 南昌工业职业技术学院 (JX001)"
	@echo "    hr_b      HR of 景德镇陶瓷中等专业学校 (JX002)"
	@echo "    base_a    staff of training base TB01"
	@echo "    teacher_a a teacher of JX001 (self-service, recognition)"
	@echo "    expert_a  recognition expert (reviews the open round)"
	@echo "  A jobs worker runs beside the server (imports, workbooks, the schedule)."
	@echo ""
	@(cd backend && exec ../$(PY) manage.py jobs_worker) & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver --noreload 127.0.0.1:$(PORT)

lint: $(VENV)/.installed ## ruff (check + format) and mypy
	$(VENV)/bin/ruff check backend tests benchmarks
	$(VENV)/bin/ruff format --check backend tests benchmarks
	$(VENV)/bin/mypy backend

test-backend: $(VENV)/.installed build $(NATIVE) ## pytest: backend and tests/ (DATABASE_URL selects PostgreSQL; the image test collects the built front end)
	SHUANGSHI_REQUIRE_NATIVE=1 $(VENV)/bin/pytest -q -n 2 --ignore=tests/e2e $(PYTEST_ARGS)

test-frontend: frontend/node_modules/.installed $(VENV)/.installed ## API types match the schema, tsc, ESLint, Vitest
	@# The three checks each use one CPU: side by side, then Vitest on every CPU.
	@set -e; frontend/scripts/api-types.sh --check & types=$$!; \
	(cd frontend && npm run --silent typecheck) & tsc=$$!; \
	(cd frontend && npm run --silent lint); wait $$types; wait $$tsc
	$(NPM) run test

test-e2e: $(VENV)/.installed build $(NATIVE) ## Browser tests in headless Chromium (E2E_REQUIRED=1: mandatory)
	@# One database migrated and seeded (tests/e2e/template.py), copied for each server. The
	@# screenshot tour (each test leaves the data as it found it) and the other journeys (a
	@# file's tests in order on one worker) side by side, each on two xdist workers with a
	@# server and database of their own. The stage is bound by the browser's CPU (docs/testing.md).
	@template=$$($(PY) tests/e2e/template.py build) || exit 1; export E2E_TEMPLATE=$$template; \
	E2E_INSTANCE=tour $(VENV)/bin/pytest -q -n 2 tests/e2e/test_polish_journeys.py $(PYTEST_ARGS) > .e2e-tour.log 2>&1 & tour=$$!; \
	E2E_INSTANCE=main $(VENV)/bin/pytest -q -n 2 --dist loadfile tests/e2e --ignore=tests/e2e/test_polish_journeys.py $(PYTEST_ARGS); main=$$?; \
	wait $$tour; tour=$$?; echo "== screenshot tour (tests/e2e/test_polish_journeys.py)"; cat .e2e-tour.log; rm -f .e2e-tour.log; \
	$(PY) tests/e2e/template.py drop "$$template"; \
	test $$main -eq 0 && test $$tour -eq 0

screens: $(VENV)/.installed build $(NATIVE) ## The screenshot tour, keeping each screen's picture in tests/e2e/artifacts/
	E2E_SHOTS=1 E2E_INSTANCE=tour $(VENV)/bin/pytest -q -n 2 tests/e2e/test_polish_journeys.py $(PYTEST_ARGS)

test: ## Everything: lint, types, backend, front end, browser
	@# What the tests need, side by side where they do not share a tool: pip beside npm, then
	@# ruff and mypy beside the front-end build (the rule engine's mypyc build after them).
	@$(MAKE) --no-print-directory -j2 $(VENV)/.installed frontend/node_modules/.installed
	@$(MAKE) --no-print-directory -j2 lint build
	@$(MAKE) --no-print-directory test-backend test-frontend test-e2e

api-types: $(VENV)/.installed frontend/node_modules/.installed ## Regenerate frontend/src/types/api.d.ts from the schema (offline)
	frontend/scripts/api-types.sh

api-types-check: $(VENV)/.installed frontend/node_modules/.installed ## Fail if frontend/src/types/api.d.ts is not the current schema
	frontend/scripts/api-types.sh --check

bench: $(VENV)/.installed $(NATIVE) ## Benchmarks (PostgreSQL via DATABASE_URL; sizes via BENCH_* variables)
	@set -e; for b in benchmarks/bench_*.py; do echo "== $$b"; $(PY) $$b $(BENCH_ARGS); done

reports: migrate ## Write the province workbook for today into reports/out/
	@mkdir -p reports/out
	$(MANAGE) province_workbook --output ../reports/out/

backup: $(VENV)/.installed ## Back up the database (BACKUP_FILE=… to choose the file)
	scripts/backup.sh

restore: $(VENV)/.installed ## Restore a backup (BACKUP_FILE=… required)
	scripts/restore.sh

clean: ## Remove the virtualenv, node_modules, builds and the local SQLite database
	rm -rf $(VENV) frontend/node_modules frontend/dist var reports/out backend/.mypyc
