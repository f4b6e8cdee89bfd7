# ClusterPolicy — the two commands a new user needs are `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
# `make run` shows pages as a visitor sees them (DEBUG off); `make run DEBUG=1` asks for debug pages.
RUN_DEBUG := $(if $(filter command line environment,$(origin DEBUG)),$(DEBUG),0)
export DEBUG ?= 1
# Local serving over plain http on 127.0.0.1: production settings minus the HTTPS-only ones.
LOCAL_ENV := DEBUG=$(RUN_DEBUG) ALLOWED_HOSTS=$${ALLOWED_HOSTS:-127.0.0.1,localhost} SECURE_SSL_REDIRECT=0 \
	SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0 SECURE_HSTS_SECONDS=0
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run serve test lint typecheck pytest pytest-postgres eval fixtures gazetteer messages browser bench loadtest clean

# honcho runs the web server and the background-task worker of a Procfile together; Ctrl-C stops both.
HONCHO := PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho --no-colour

## run: install, migrate, load the seed data, serve on http://127.0.0.1:8000 with the task worker (DEBUG=1 for debug pages)
run: $(VENV)/.installed .secret_key
	$(LOCAL_ENV) $(PY) manage.py migrate --noinput
	$(LOCAL_ENV) $(PY) manage.py load_seed
	$(LOCAL_ENV) $(PY) manage.py collectstatic --noinput -v0
	$(LOCAL_ENV) $(HONCHO) -f Procfile.dev start -p 8000

## .secret_key: a random signing key for this machine only (git-ignored), read when SECRET_KEY is unset
.secret_key:
	umask 077 && $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

## serve: production-style serving with gunicorn and whitenoise, plus the task worker (DEBUG off; needs SECRET_KEY, ALLOWED_HOSTS)
serve: $(VENV)/.installed
	DEBUG=0 $(PY) manage.py migrate --noinput
	DEBUG=0 $(PY) manage.py load_seed
	DEBUG=0 $(PY) manage.py collectstatic --noinput -v0
	DEBUG=0 $(HONCHO) -f Procfile start

## test: install test tools and the browser, then lint, type-check and run every test on SQLite and PostgreSQL
test: $(VENV)/.dev-installed browser lint typecheck pytest pytest-postgres

$(VENV)/.venv-created:
	$(PYTHON) -c 'import sys; assert sys.version_info[:2] >= (3, 11), "Python 3.11+ is required"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	touch $@

$(VENV)/.installed: requirements.txt $(VENV)/.venv-created
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements-dev.txt requirements.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

## browser: Debian's chromium and a CJK font for the Playwright tests (Playwright cannot download browsers here)
browser:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi 'wqy'; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null; \
	fi

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

typecheck: $(VENV)/.dev-installed
	$(BIN)/mypy

pytest: $(VENV)/.dev-installed
	$(BIN)/pytest

## pytest-postgres: the same suite against a throwaway PostgreSQL server (scripts/with-postgres)
pytest-postgres: $(VENV)/.dev-installed
	scripts/with-postgres $(BIN)/pytest

## eval: classifier precision/recall/F1 (tests/data/labelled.jsonl); quantity precision/recall and strength accuracy; cleaning, metadata and region detection on seeds + devset; counterparts (tests/data/counterparts.jsonl)
eval: $(VENV)/.installed
	$(PY) manage.py evaluate
	$(PY) manage.py evaluate_quantities
	$(PY) manage.py evaluate_cleaning
	$(PY) manage.py evaluate_metadata
	$(PY) manage.py evaluate_detection
	$(PY) manage.py evaluate_counterparts

## fixtures: regenerate fixtures/*.json from fixtures/sources/ (and the gazetteer slice in regions.json)
fixtures: $(VENV)/.installed
	$(PY) manage.py build_fixtures

## gazetteer: regenerate fixtures/gazetteer/ from the GB/T 2260 packages (build-time tools), then the fixtures
gazetteer: $(VENV)/.dev-installed
	$(PY) manage.py build_gazetteer
	$(PY) manage.py build_fixtures

## bench: build (or reuse) a synthetic corpus of BENCH_N sentences, serve it with gunicorn, time the pages
##        and write bench/RESULTS.md (BENCH_N=1000000 for the national scale; scripts/with-postgres for PostgreSQL)
BENCH_N ?= 100000
bench: $(VENV)/.installed
	BENCH_N=$(BENCH_N) $(PY) bench/run.py

## messages: refresh the English catalogue after changing UI strings (needs gettext); commit .po and .mo
messages: $(VENV)/.installed
	$(PY) manage.py makemessages -l en --no-location --ignore=.venv --ignore=staticfiles --ignore=tests
	$(PY) manage.py compilemessages -l en --ignore=.venv

## loadtest: 60 s of readers and curators at once against gunicorn on 127.0.0.1 (SQLite); fails on any error or loss
loadtest: $(VENV)/.installed
	$(PY) bench/loadtest.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .mypy_cache .ruff_cache
