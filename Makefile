# Two entry points a newcomer can trust on a fresh machine: `make demo` and `make test`.
# Each creates the virtual environment in .venv and installs what it needs first.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
EXAMPLE := examples/flood

.PHONY: demo test bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

demo: $(BIN)/.installed
	$(BIN)/newsprism brief $(EXAMPLE)/northern-ledger.txt $(EXAMPLE)/harbour-times.html \
		$(EXAMPLE)/valley-post.jsonl --meta $(EXAMPLE)/meta.csv

test: $(BIN)/.installed
	$(BIN)/python -m pytest -q

bench: $(BIN)/.installed
	$(BIN)/python bench/bench_brief.py
	$(BIN)/python bench/summary.py

clean:
	rm -rf $(VENV) build *.egg-info
