# Two entry points (see README): `make demo` and `make test`. Everything they need is installed here.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# A folder of articles for `make demo`; empty: ../shared/seeds when present, else the sample
# reports shipped with detente (the demo says which).
SEEDS ?=
OUT ?= out
PYTEST_ARGS ?=

.PHONY: setup setup-test demo test bench bench-scale eval lint clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# Every extra (web, parquet, sensitivity, html, postgres, cluster) comes with both entry
# points, so `detente serve`, `--scheduler` and `--db postgresql+psycopg://` just work.
$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install -q -e '.[all]'
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install -q -e '.[test,all]'
	touch $@

setup: $(VENV)/.installed

# Browser tests drive Debian's Chromium (no browser download): install it when missing.
setup-test: $(VENV)/.installed-test
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium not installed: browser tests will be skipped"; fi; }
	@$(BIN)/python scripts/with_postgres.py --installed || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	  else echo "PostgreSQL not installed: PostgreSQL tests will be skipped"; fi; }

demo: setup
	$(BIN)/detente demo $(if $(SEEDS),--corpus $(SEEDS)) --out $(OUT)

# PostgreSQL tests run against a private server started for the run (scripts/with_postgres.py),
# or the one DETENTE_TEST_PG_URL names.
test: setup-test
	$(BIN)/python scripts/with_postgres.py -- $(BIN)/python -m pytest -q $(PYTEST_ARGS)

bench: setup
	$(BIN)/python benchmarks/extract_throughput.py
	$(BIN)/python benchmarks/bargain_scaling.py
	$(BIN)/python benchmarks/store_clusters.py
	$(BIN)/python benchmarks/dashboard_load.py

# Distributed ingest at scale (minutes to an hour): ARTICLES=200 for a quick look.
ARTICLES ?= 2000
bench-scale: setup
	$(BIN)/python scripts/with_postgres.py --durable -- $(BIN)/python benchmarks/scale.py --articles $(ARTICLES)

# Extraction quality on the seeds and the development corpus (needs ../shared/eval).
eval: setup
	$(BIN)/python benchmarks/extract_quality.py

# Lint with ruff (installed by setup-test); not part of `make test`.
lint: setup-test
	$(BIN)/ruff check detente tests benchmarks tools scripts

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache test-artifacts
