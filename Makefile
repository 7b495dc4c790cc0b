# pgparity developer entry points. Every target installs what it needs first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install bytecode postgres demo test test-pg lint typecheck pytest bench corpus clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

# Bytecode for the package (an editable install has none, and PYTHONDONTWRITEBYTECODE may keep
# Python from writing it): every command would otherwise compile its modules at start-up.
bytecode: install
	@$(BIN)/python -m compileall -q src >/dev/null

# Make sure PostgreSQL server binaries exist (installs them with apt-get when root).
postgres:
	@bash scripts/ensure-postgres.sh

demo: bytecode postgres
	$(BIN)/pgparity demo

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: install
	$(BIN)/mypy

pytest: install postgres
	$(BIN)/pytest -q -n 2

test: lint typecheck pytest corpus

# The 331 pg-delta schema transitions, both directions.
corpus: install postgres
	@if [ -d ../shared/corpus/pg-delta ]; then \
		$(BIN)/pytest -q -n 2 -m corpus tests/test_pgdelta_corpus.py; \
	else echo "corpus: ../shared/corpus/pg-delta not found, skipping the pg-delta corpus"; fi

# The tests and the corpus against another PostgreSQL release, built from source first into
# ~/.cache/pgparity/postgres (scripts/build-postgres.sh; about ten minutes the first time):
#   make test-pg PG_VERSION=17.11
PG_VERSION ?= 17.11
PG_BUILT := $(HOME)/.cache/pgparity/postgres/$(PG_VERSION)/bin
test-pg: install
	bash scripts/build-postgres.sh $(PG_VERSION)
	PGPARITY_PG_BIN=$(PG_BUILT) $(BIN)/pytest -q -n 2
	PGPARITY_PG_BIN=$(PG_BUILT) $(MAKE) corpus

bench: bytecode postgres
	$(BIN)/python bench/snapshot.py
	$(BIN)/python bench/diff.py
	$(BIN)/python bench/verify.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
