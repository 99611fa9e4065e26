# Two commands do all the set-up: `make demo` and `make test` (the checks of `make lint` beside the tests).
# `make bench BENCH_ARGS="--sets lilim --time-limit 10"` chooses sets and budgets (default: all, 10 s).
# `make bench-large`: the 200, 400 and 1000 sets' committed instances (60 s up to 400 stops, 120 s at 1000).
# Python 3.12 (OSRM's wheels): the first python3.12 that runs, pyenv's too where its shim is not active;
# `make PYTHON=/path/to/python3.12` chooses another.
PYTHON := $(firstword $(shell for p in python3.12 $(HOME)/.pyenv/versions/3.12*/bin/python3.12; \
	do $$p -c 'import sys; assert sys.version_info[:2] == (3, 12)' 2>/dev/null && echo $$p; done))
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BENCH_ARGS ?=

.PHONY: demo test lint suite bench bench-large install clean

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.12 is needed: install it, or run make PYTHON=/path/to/python3.12" >&2; exit 1; }
	$(BIN)/python -c 'import sys; assert sys.version_info[:2] == (3, 12)' 2>/dev/null || $(PYTHON) -m venv --clear $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/python -c "import routing"  # numba compiles the search kernels once, into its cache
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/shuttle demo --out out/demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

# The lint and the suite run side by side; either failing fails `make test`.
test: $(STAMP)
	$(MAKE) --no-print-directory -j2 lint suite

# Modules stay whole on a worker (their fixtures run once), in collection order: the modules with slow
# tests first (tests/conftest.py), so the two workers end together.
suite: $(STAMP)
	$(BIN)/python -m pytest -q -n 2 --dist loadscope --no-loadscope-reorder

bench: $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

bench-large: $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	$(BIN)/python benchmarks/run.py --sets lilim_200 lilim_400 lilim_1000 gh_200 gh_400 gh_1000 --subset $(BENCH_ARGS)

clean:
	rm -rf $(VENV) out
