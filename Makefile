# Two commands for a fresh machine with Python 3.11+:  make run  |  make test
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install run test bench bench-smoke clean

$(BIN)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	touch $@

install: $(BIN)/.installed

# The bot on the embedded SQLite default (claims.db here), the sample article ingested on first start.
# Without TELEGRAM_BOT_TOKEN it opens a chat on this terminal that drives the very same handlers.
run: install
	$(BIN)/claimbot

# The whole suite on every core and one worker more (pytest-xdist): many tests wait on child
# processes, timers and sockets, and the extra worker uses that idle time. Idle workers steal
# queued tests, so one slow file does not leave a core idle at the end.
# Set TEST_POSTGRES_URL to run its PostgreSQL half too (.ci/run does).
WORKERS ?= $(shell echo $$(( $$(nproc) + 1 )))
test: install
	$(BIN)/python -m pytest -n $(WORKERS) --dist worksteal

bench: install
	$(BIN)/python bench/bench_match.py
	$(BIN)/python bench/bench_import.py
	$(BIN)/python bench/bench_bot.py
	$(BIN)/python bench/bench_load.py

bench-smoke: install
	$(BIN)/python bench/bench_match.py --smoke

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
