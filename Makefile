# 南海工会 CMS. `make run` serves the demo site; `make test` runs the whole suite.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PYTHON ?= python3

.PHONY: backup restore run test install-dev lint format migrations-check bench ci

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

install-dev: $(VENV)/.installed-dev

node_modules/.installed: package.json
	@if command -v npm >/dev/null 2>&1; then \
		npm install --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: browser accessibility checks will be skipped"; fi

run: install-dev
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=1 $(PY) manage.py setup_site
	DJANGO_DEBUG=1 $(PY) manage.py load_demo
	DJANGO_DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

test: install-dev node_modules/.installed
	$(PY) -m pytest $(PYTEST_ARGS)

# ruff and djhtml (templates), as configured in .pre-commit-config.yaml.
lint: install-dev
	$(VENV)/bin/pre-commit run --all-files

format: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djhtml templates

migrations-check: install-dev
	$(PY) manage.py makemigrations --check --dry-run

# Backups (README, "Backups"): database + media into var/backups/nanhai-<date>.tar.gz.
backup: install-dev
	$(PY) manage.py backup_site

# Restores the newest archive in var/backups/ (or ARCHIVE=path); asks before replacing.
restore: install-dev
	$(PY) manage.py restore_site $(ARCHIVE)

bench: install-dev
	$(PY) -m bench $(BENCH_ARGS)

ci: lint test
