# Two commands on a fresh machine: `make reports` and `make test` (each sets up .venv first).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup reports test lint lab processed check bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m ipykernel install --sys-prefix --name seoul-budget --display-name "Python (seoul_budget)" >/dev/null
	@touch $(STAMP)

reports: $(STAMP)
	$(BIN)/seoul-budget build

processed: $(STAMP)
	$(BIN)/seoul-budget parse

check: $(STAMP)
	$(BIN)/seoul-budget check

test: $(STAMP)
	$(BIN)/ruff check seoul_budget tests benchmarks
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check seoul_budget tests benchmarks

# Containers often run as root, and Jupyter refuses root without --allow-root.
LAB_ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

lab: $(STAMP)
	SEOUL_BUDGET_ROOT=$(CURDIR) $(BIN)/jupyter lab --notebook-dir=notebooks \
		--MappingKernelManager.default_kernel_name=seoul-budget $(LAB_ROOT_FLAG)

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_parse.py

clean:
	rm -rf reports data/processed/*/ .pytest_cache
