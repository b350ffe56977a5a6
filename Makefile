# Everything a fresh machine needs: `make run` serves the default world, `make test` passes the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8080
WORLD ?= id
PYTEST_ARGS ?=

.PHONY: run test bench fuzz clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/instant-mart-emulator serve --host $(HOST) --port $(PORT) --world $(WORLD)

test: $(STAMP)
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python -m bench

fuzz: $(STAMP)
	FUZZ_EXAMPLES=2000 $(BIN)/python -m pytest tests/fuzz -n 2

clean:
	rm -rf $(VENV) build *.egg-info
