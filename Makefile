# Zorgroute — two commands: `make run` and `make test`. Everything else is a helper for those.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements/constraints.txt requirements/dev.in requirements/base.in | sha1sum | cut -c1-12)
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint types unit browser demo venv clean messages bench

$(STAMP): requirements/base.in requirements/dev.in requirements/constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/dev.in -c requirements/constraints.txt
	touch $(STAMP)

venv: $(STAMP)

run: $(STAMP)  ## start Zorgroute with the demo region on http://127.0.0.1:8000
	$(MANAGE) migrate --no-input -v0
	$(MANAGE) collectstatic --no-input -v0
	$(MANAGE) load_demo
	$(MANAGE) runserver --insecure $(HOST):$(PORT)

demo: $(STAMP)
	$(MANAGE) migrate --no-input -v0
	$(MANAGE) load_demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: $(STAMP)
	$(BIN)/mypy src/zorgroute

unit: $(STAMP)
	$(BIN)/pytest -m "not browser" -n 2 --cov --cov-branch --cov-report=term:skip-covered

browser: $(STAMP)
	$(BIN)/pytest -m browser

test: lint types  ## lint, types, every unit/integration test, every browser test
	$(BIN)/python manage.py makemigrations --check --dry-run -v0
	$(BIN)/pytest -n 2 --cov --cov-branch --cov-report=term:skip-covered

messages: $(STAMP)  ## refresh the Dutch catalogue after adding strings
	cd src/zorgroute && ../../$(BIN)/django-admin makemessages -l nl -l en --no-obsolete --no-location --settings=zorgroute.conf.test --pythonpath=..
	cd src/zorgroute && ../../$(BIN)/django-admin compilemessages --settings=zorgroute.conf.test --pythonpath=..

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .mypy_cache .ruff_cache .coverage
