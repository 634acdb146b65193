# conflictwatch: the commands that matter.
#   make demo   set everything up and run the demo on the bundled sample reports
#   make test   set everything up and run the test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# GeoNames dumps to install offline; leave empty to download them from the GeoNames export.
GEONAMES ?= $(wildcard ../shared/data/geonames)
BOUNDARIES ?= $(wildcard ../shared/data/boundaries/ne_10m_admin1_sahel.geojson)
# OCHA's settlements list of Mali (HDX), for the villages GeoNames lacks; leave empty to go without.
SETTLEMENTS ?= $(wildcard ../shared/data/ocha/mali_settlements_2015.csv)
export CONFLICTWATCH_HOME ?= $(CURDIR)/out/home

.PHONY: setup demo test check bench clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

demo: setup
	$(BIN)/conflictwatch demo $(if $(GEONAMES),--from $(GEONAMES)) $(if $(BOUNDARIES),--boundaries $(BOUNDARIES)) $(if $(SETTLEMENTS),--settlements $(SETTLEMENTS)) --output out/demo
	@echo "Next (the README's Everyday use): source $(BIN)/activate; export CONFLICTWATCH_HOME=$(CONFLICTWATCH_HOME) CONFLICTWATCH_DB=$(CURDIR)/out/demo/demo.db"

test: setup
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

check: setup
	$(BIN)/ruff check src bench
	$(BIN)/python -m mypy src/conflictwatch
	$(BIN)/python -m conflictwatch.cli._docs --check
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python bench/score_gold.py
	$(BIN)/python bench/bench_extract.py
	$(BIN)/python bench/bench_gazetteer.py
	$(BIN)/python bench/bench_actors.py
	$(BIN)/python bench/bench_dates_numbers.py
	$(BIN)/python bench/bench_merge.py
	$(BIN)/python bench/bench_store.py
	$(BIN)/python bench/bench_scale.py

clean:
	rm -rf out
