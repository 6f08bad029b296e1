# Nightjar: `make run` serves a demo on http://127.0.0.1:8000, `make test` runs every test.
# Installs go into .venv and are redone only when pyproject.toml changes (stamp files).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
RUNTIME_STAMP := $(VENV)/.installed-runtime
TEST_STAMP := $(VENV)/.installed-test
PG_URL ?= postgres://postgres@127.0.0.1:5432/nightjar
PYTEST_ARGS ?=
# make test and pg-test run the suite in this many processes (pytest-xdist; 0: one process).
PYTEST_WORKERS ?= 2
PYTEST := $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile
# The bench fills a database of its own: DATABASE_URL if set, else bench.sqlite3 (never db.sqlite3).
BENCH_DB_URL ?= $(or $(DATABASE_URL),sqlite:///$(CURDIR)/bench.sqlite3)
BENCH_ARGS ?=

.PHONY: run test test-slow fuzz lint screenshots bench pg-test smoke migrate install install-test browser clean \
	css audit page-weight

# The web server and, beside it, the worker that runs background tasks (imports of recorded sleep
# stages); Ctrl+C stops both, and the worker is stopped too if the server ends on its own.
run: $(RUNTIME_STAMP)
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo --if-empty
	@echo "Nightjar is at http://127.0.0.1:8000/ (Ctrl+C to stop); the background worker runs beside it."
	@$(MANAGE) db_worker --no-startup-delay & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' INT TERM EXIT; \
	$(MANAGE) runserver 127.0.0.1:8000

test: browser
	$(PYTEST) $(PYTEST_ARGS)

# The measurements the issues ask for as tests (marked slow, left out of make test): the streaming
# reader of Apple Health exports, its speed and memory on a made-up export of 256 MB.
test-slow: $(TEST_STAMP)
	$(BIN)/pytest --slow -m slow -s $(PYTEST_ARGS)

# The property-based tests with twenty times their examples, fresh each run (the `fuzz` profile).
fuzz: $(TEST_STAMP)
	HYPOTHESIS_PROFILE=fuzz $(PYTEST) tests/test_fuzz_inputs.py tests/test_nights_properties.py $(PYTEST_ARGS)

pg-test: browser
	DATABASE_URL=$(PG_URL) $(PYTEST) $(PYTEST_ARGS)

# The README's Production steps on a fresh PostgreSQL database, served by gunicorn and checked with
# curl (scripts/production_smoke.sh); SMOKE_PG_SERVER=postgres://user@host:port points elsewhere.
smoke: $(RUNTIME_STAMP)
	scripts/production_smoke.sh

# The browser tests drive Chromium: Debian's /usr/bin/chromium when present; else Debian's package
# (as root with apt-get), else Playwright's own build inside .venv; else one line saying what to do.
browser: $(TEST_STAMP)
	@$(BIN)/python -m tests.chromium >/dev/null \
	|| { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
		&& echo "Installing Debian's chromium for the browser tests..." \
		&& apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium >/dev/null; } \
	|| { echo "Installing Playwright's Chromium into .venv for the browser tests..." \
		&& PLAYWRIGHT_BROWSERS_PATH=0 $(BIN)/playwright install chromium >/dev/null 2>&1; } \
	|| true
	@$(BIN)/python -m tests.chromium >/dev/null || { $(BIN)/python -m tests.chromium; exit 1; }

lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint templates --lint
	$(BIN)/djlint templates --check

screenshots: $(TEST_STAMP)
	$(BIN)/python scripts/screenshots.py

# The bench runs with the production settings: SECRET_KEY set (so DEBUG off, the manifest static
# storage, the cached template loader), after collectstatic into a temporary STATIC_ROOT.
bench: $(RUNTIME_STAMP)
	DATABASE_URL=$(BENCH_DB_URL) $(MANAGE) migrate --noinput
	static=$$(mktemp -d) && trap 'rm -rf "$$static"' EXIT && \
	export SECRET_KEY=bench-$$(date +%s%N) STATIC_ROOT="$$static" DATABASE_URL=$(BENCH_DB_URL) && \
	$(MANAGE) collectstatic --noinput --verbosity 0 && \
	nice $(MANAGE) bench $(BENCH_ARGS)

# Bootstrap's CSS, built from its Sass sources with only the parts the markup uses (npm's bootstrap
# and sass, pinned in package.json, into node_modules), then checked against the markup. Only for
# changing the CSS: the built file is committed, and run, test and CI never need node.
BOOTSTRAP_CSS := static/vendor/bootstrap/bootstrap.min.css
css: $(RUNTIME_STAMP)
	npm ci --no-audit --no-fund --loglevel=error
	node_modules/.bin/sass --style=compressed --no-source-map --quiet-deps \
		--silence-deprecation=import --load-path=node_modules \
		static/scss/nightjar-bootstrap.scss $(BOOTSTRAP_CSS)
	$(BIN)/python scripts/css_classes.py $(BOOTSTRAP_CSS) node_modules/bootstrap/dist/css/bootstrap.css

# Nightjar in production mode (gunicorn, WhiteNoise, DEBUG off, the demo data): page weight,
# Lighthouse, axe-core in both themes and the Nu HTML checker on the main pages, written to
# docs/audit.md. Needs node, npm and Java; the npm tools go into .audit/ (ignored). Not in CI.
AUDIT_TOOLS := .audit/.installed
audit: $(TEST_STAMP) $(AUDIT_TOOLS)
	$(BIN)/python scripts/audit.py

$(AUDIT_TOOLS):
	mkdir -p .audit
	npm install --prefix .audit --no-save --no-audit --no-fund --loglevel=error \
		lighthouse@12.2.3 vnu-jar@26.9.27
	touch $@

# Only the first-load weight of each page, in production mode (part of make audit).
page-weight: $(TEST_STAMP)
	$(BIN)/python scripts/audit.py --weight-only

migrate: $(RUNTIME_STAMP)
	$(MANAGE) migrate --noinput

install: $(RUNTIME_STAMP)

install-test: $(TEST_STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(RUNTIME_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
	touch $(RUNTIME_STAMP) $@

clean:
	rm -rf $(VENV) staticfiles
