# Zorgroute — two commands: `make run` and `make test`. Everything else is a helper for those.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements/constraints.txt requirements/dev.in requirements/base.in | sha1sum | cut -c1-12)
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint types migrations unit browser demo venv clean messages bench

$(STAMP): requirements/base.in requirements/dev.in requirements/constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/dev.in -c requirements/constraints.txt
	$(MANAGE) deidentify_warm
	touch $(STAMP)

venv: $(STAMP)

run: $(STAMP)  ## start Zorgroute with the demo region on http://127.0.0.1:8000
	$(MANAGE) migrate --no-input -v0
	$(MANAGE) collectstatic --no-input -v0
	$(MANAGE) load_demo
	$(MANAGE) runserver $(HOST):$(PORT)

demo: $(STAMP)
	$(MANAGE) migrate --no-input -v0
	$(MANAGE) load_demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: $(STAMP)
	$(BIN)/mypy src/zorgroute

migrations: $(STAMP)  ## fail when a model change has no migration
	$(MANAGE) makemigrations --check --dry-run -v0

# Unit and integration tests on 2 workers, with branch coverage.
unit: $(STAMP)
	$(BIN)/pytest -m "not browser" -n 2 --cov --cov-branch --cov-report=term:skip-covered
	@# The permission and audit layers are fully covered, every branch (issue 2 acceptance).
	$(BIN)/coverage report --include='src/zorgroute/access/*,src/zorgroute/audit/*' --fail-under=100 --skip-covered

# Browser tests: Playwright driving Debian's chromium against a live server, one process (one browser). Without
# chromium they skip; with ZORGROUTE_REQUIRE_BROWSER=1 (CI) they fail instead.
browser: $(STAMP)
	$(BIN)/pytest -m browser

test: lint types migrations unit browser  ## lint, types, migrations, every unit/integration test, every browser test

messages: $(STAMP)  ## refresh the Dutch catalogue after adding strings
	cd src/zorgroute && ../../$(BIN)/django-admin makemessages -l nl -l en --no-obsolete --no-location --settings=zorgroute.conf.test --pythonpath=..
	cd src/zorgroute && ../../$(BIN)/django-admin compilemessages --settings=zorgroute.conf.test --pythonpath=..

# Region-scale data on SQLite and on a throwaway PostgreSQL, served by gunicorn and loaded by wrk (both installed
# from Debian when missing); writes BENCHMARKS.md. Quick run: BENCH_DATABASES=sqlite BENCH_SECONDS=5 make bench.
bench: $(STAMP)  ## benchmark the key pages at region scale (issue 7)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .mypy_cache .ruff_cache .coverage
