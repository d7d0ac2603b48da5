# Two commands for a fresh machine with Python 3.11+:  make run  and  make test
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test plain bench check clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/veiviser

plain: $(STAMP)
	$(BIN)/veiviser --plain

test: $(STAMP)
	$(BIN)/ruff check assistant tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest

check: $(STAMP)
	$(BIN)/veiviser check

bench: $(STAMP)
	$(BIN)/python bench/startup.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
