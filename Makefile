# graphbuild: `make demo` builds the seeds' graph into output/, `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: demo test test-fast install lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/graphbuild build seeds/ --out output/ --format all --title "graphbuild demo: seeds"

test: $(TEST_STAMP)
	$(BIN)/python -m pytest

test-fast: $(TEST_STAMP)
	$(BIN)/python -m pytest -m "not e2e and not browser and not slow"

lint: $(TEST_STAMP)
	$(BIN)/ruff check graphbuild tests bench tools

bench: $(TEST_STAMP)
	$(BIN)/python bench/resolution_quality.py --demonyms keep
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/html_scale.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
