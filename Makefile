# Two commands a newcomer needs: `make demo` builds the documentation site (with its demo blog),
# `make test` runs the whole test suite. Each makes its own virtualenv in .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,docs]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/sphinx-build -b html -j auto docs docs/_build/html
	@echo "The demo site is in $(CURDIR)/docs/_build/html/index.html"

test: $(STAMP)
	$(BIN)/ruff check sphinxext tests benchmarks scripts
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check sphinxext tests benchmarks scripts

clean:
	rm -rf $(VENV) docs/_build docs/blog build dist
