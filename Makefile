# The two commands a newcomer needs (see README.md):
#   make serve   set up, validate the content, build and serve the site on http://127.0.0.1:8000
#   make test    set up (Python packages, Debian's Chromium) and run every test
# With Zensical, Material's successor, instead of MkDocs: make serve-zensical, make build-zensical.
VENV ?= .venv
PYTHON ?= python3
export NO_MKDOCS_2_WARNING = 1

.PHONY: serve test build validate serve-zensical build-zensical

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(VENV)/bin/pip install --quiet -e '.[test,zensical]'
	touch $@

$(VENV)/.installed-zensical: $(VENV)/.installed pyproject.toml
	$(VENV)/bin/pip install --quiet -e '.[zensical]'
	touch $@

validate: $(VENV)/.installed
	$(VENV)/bin/guidance validate

build: validate
	$(VENV)/bin/guidance build

# --dirty: a save rebuilds only the pages it changes (all of them when the menu, glossary or settings change),
# and the site served is the one a full build makes (tests/test_serve_partial_rebuild.py).
serve: validate
	$(VENV)/bin/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

build-zensical: validate $(VENV)/.installed-zensical
	$(VENV)/bin/guidance build --engine zensical

serve-zensical: validate $(VENV)/.installed-zensical
	$(VENV)/bin/guidance serve --engine zensical --dev-addr 127.0.0.1:8000

test: $(VENV)/.installed-test
	scripts/ensure-chromium
	$(VENV)/bin/pytest
