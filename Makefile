# Two commands on a fresh machine: `make reports` and `make test` (each sets up .venv first).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Airflow gets a venv of its own: its pins would fight ours. The DAG's tasks call $(BIN)/python.
AIRFLOW_VENV ?= .venv-airflow
AIRFLOW_REQUIREMENTS ?= deploy/airflow/requirements.txt
AIRFLOW_STAMP := $(AIRFLOW_VENV)/.installed

.PHONY: setup reports test test-airflow lint lab processed check bench docs clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m ipykernel install --sys-prefix --name seoul-budget --display-name "Python (seoul_budget)" >/dev/null
	@touch $(STAMP)

# Bytecode for the package, made once for every process that imports it (the CLI, each
# kernel): an editable install has none, and PYTHONDONTWRITEBYTECODE, set in many containers,
# keeps Python from caching it, so each process would compile the source again.
BYTECODE = $(BIN)/python -m compileall -q seoul_budget

reports: $(STAMP)
	@$(BYTECODE)
	$(BIN)/seoul-budget build

processed: $(STAMP)
	$(BIN)/seoul-budget parse

check: $(STAMP)
	$(BIN)/seoul-budget check

# Two workers (pytest-xdist), a test file each at a time: files that share a module fixture
# (one build, many checks) stay on one worker. Most of a test's time is a notebook kernel or a
# browser in another process, so one pytest alone leaves a core idle. Files go out in the
# order they are collected (tests/acceptance first, the quick unit tests last), not fewest
# tests last: a long file of one test (a killed build, a property test) would otherwise run
# alone at the end while the other worker idles.
TEST_WORKERS ?= 2

test: $(STAMP)
	@$(BYTECODE) tests
	$(BIN)/ruff check seoul_budget tests benchmarks deploy
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

$(AIRFLOW_STAMP): $(AIRFLOW_REQUIREMENTS)
	@test -x $(AIRFLOW_VENV)/bin/python || $(PYTHON) -m venv $(AIRFLOW_VENV)
	$(AIRFLOW_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(AIRFLOW_VENV)/bin/python -m pip install --quiet -r $(AIRFLOW_REQUIREMENTS)
	@touch $(AIRFLOW_STAMP)

# The DAG in deploy/airflow on a real Airflow (SQLite, `airflow dags test`): green, rerun, failing.
test-airflow: $(STAMP) $(AIRFLOW_STAMP)
	$(AIRFLOW_VENV)/bin/python tests/airflow/check_dag.py

lint: $(STAMP)
	$(BIN)/ruff check seoul_budget tests benchmarks deploy

# Containers often run as root, and Jupyter refuses root without --allow-root.
LAB_ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

lab: $(STAMP)
	SEOUL_BUDGET_ROOT=$(CURDIR) $(BIN)/jupyter lab --notebook-dir=notebooks \
		--MappingKernelManager.default_kernel_name=seoul-budget $(LAB_ROOT_FLAG)

# The API reference from the docstrings (pdoc), in build/api: generated, never committed.
docs: $(STAMP)
	$(BIN)/python docs/api.py build/api

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_parse.py

clean:
	rm -rf reports data/processed/*/ .pytest_cache
