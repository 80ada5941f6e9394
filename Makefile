# Cairn: `make run` serves the product with a demo practice; `make test` runs every test.
# Needs Python 3.11+ and Node 20 (for the dashboard). Everything else is installed here.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
export CAIRN_DATABASE_URL ?= sqlite:///$(CURDIR)/var/cairn.db

HAS_FRONTEND := $(wildcard frontend/package.json)

.PHONY: run test install install-dev spa lint client client-check e2e test-backend test-frontend clean

run: install spa ## set up, migrate, load the demo practice if the database is empty, serve
	$(BIN)/cairn migrate
	$(BIN)/cairn seed-demo --if-empty
	$(BIN)/cairn serve --host $(HOST) --port $(PORT)

test: install-dev test-backend test-frontend ## the whole suite

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# `npm install` honours the committed lock file exactly. (`npm ci` refuses it here: the
# registry's metadata for rollup leaves out other platforms' optional packages.)
frontend/node_modules/.installed: frontend/package-lock.json frontend/package.json
	cd frontend && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund
	touch $@

spa: ## build the dashboard (served by `cairn serve` at /)
ifneq ($(HAS_FRONTEND),)
	$(MAKE) frontend/node_modules/.installed
	cd frontend && npm run build
endif

# With CAIRN_TEST_DATABASE_URL set, the PostgreSQL pass runs alongside the SQLite one
# (each is one process; on two cores this saves minutes) and its output follows.
test-backend: install-dev ## pytest on SQLite and, when CAIRN_TEST_DATABASE_URL is set, on PostgreSQL
	@mkdir -p var; pg=""; \
	if [ -n "$$CAIRN_TEST_DATABASE_URL" ]; then \
		echo "== the PostgreSQL pass runs alongside; its output follows the SQLite pass =="; \
		$(BIN)/pytest -p no:cacheprovider > var/test-postgresql.log 2>&1 & pg=$$!; \
	else \
		echo "PostgreSQL pass skipped: set CAIRN_TEST_DATABASE_URL to run it"; \
	fi; \
	env -u CAIRN_TEST_DATABASE_URL $(BIN)/pytest --cov=api --cov-report=term:skip-covered; sqlite=$$?; \
	if [ -n "$$pg" ]; then \
		wait $$pg; postgresql=$$?; \
		echo "== the same suite on PostgreSQL =="; cat var/test-postgresql.log; \
		[ $$postgresql -eq 0 ] || { echo "PostgreSQL pass failed" >&2; exit $$postgresql; }; \
	fi; \
	exit $$sqlite

test-frontend: ## type check, unit tests, end-to-end tests in Chromium
ifneq ($(HAS_FRONTEND),)
	$(MAKE) frontend/node_modules/.installed
	cd frontend && npm run typecheck && npm run test:unit
	$(MAKE) e2e
endif

e2e: install-dev spa
	@if [ -x /usr/bin/chromium ]; then \
		cd frontend && CAIRN_BIN=$(CURDIR)/$(BIN)/cairn npm run e2e; \
	elif [ "$$CAIRN_E2E" = "1" ]; then \
		echo "end-to-end tests required (CAIRN_E2E=1) but /usr/bin/chromium is missing" >&2; exit 1; \
	else \
		echo "**** end-to-end tests skipped: no Chromium (apt-get install chromium) ****"; \
	fi

lint: install-dev ## ruff, mypy --strict, migrations match the models
	$(BIN)/ruff check api tests migrations
	$(BIN)/ruff format --check api tests migrations
	$(BIN)/mypy
	rm -f var/alembic-check.db
	CAIRN_DATABASE_URL=sqlite:///$(CURDIR)/var/alembic-check.db $(BIN)/cairn migrate >/dev/null
	CAIRN_DATABASE_URL=sqlite:///$(CURDIR)/var/alembic-check.db $(BIN)/alembic check

client: install-dev ## regenerate the OpenAPI document and the SPA's API types
	mkdir -p var
	$(BIN)/cairn openapi > var/openapi.json
ifneq ($(HAS_FRONTEND),)
	$(MAKE) frontend/node_modules/.installed
	cd frontend && OPENAPI_FILE=../var/openapi.json npm run gen:api
endif

client-check: client ## fail when the committed API types differ from a fresh generation
	git diff --exit-code -- frontend/src/api/schema.d.ts

clean:
	rm -rf $(VENV) var frontend/node_modules frontend/dist

.PHONY: bench-import
bench-import: install-dev ## time POST /directory/import with a 5,000-row SAMHSA locator file (SQLite; BENCH_URL for PostgreSQL)
	$(BIN)/python scripts/bench_directory_import.py $(if $(BENCH_URL),--url $(BENCH_URL))

.PHONY: bench
bench: install-dev ## the request-path benchmark on PostgreSQL (BENCH_SIZES=1k,10k,100k; see README "Performance")
	$(BIN)/python scripts/bench.py

.PHONY: bench-spa
bench-spa: install-dev spa ## the caseload's cold first load in Chromium: JS bytes on the wire, median time to the first row
	cd frontend && CAIRN_BIN=$(CURDIR)/$(BIN)/cairn FIRST_LOAD_RUNS=$${FIRST_LOAD_RUNS:-7} npx playwright test e2e/first-load.spec.ts --reporter=list

.PHONY: bench-reports
bench-reports: install-dev ## load 10k cases / 200k check-ins into PostgreSQL (its own database) and time GET /reports/summary
	$(BIN)/python scripts/bench_reports.py $(if $(BENCH_URL),--url $(BENCH_URL))
