# Everything a fresh machine needs: `make run` serves the default world, `make test` passes the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8080
WORLD ?= id
PYTEST_ARGS ?=

.PHONY: run test lint browser wheel-check bench fuzz clients clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/instant-mart-emulator serve --host $(HOST) --port $(PORT) --world $(WORLD)

# Debian's chromium and chromium-driver drive the console's browser tests; where they cannot be
# installed those tests skip and say so.
BROWSER_PACKAGES := chromium chromium-driver
APT_INSTALL := DEBIAN_FRONTEND=noninteractive apt-get install -y -qq

browser:
	@(command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1) || ($(APT_INSTALL) $(BROWSER_PACKAGES) >/dev/null 2>&1 || (apt-get update -qq >/dev/null 2>&1 && $(APT_INSTALL) $(BROWSER_PACKAGES) >/dev/null 2>&1)) || echo "chromium could not be installed: the console's browser tests will skip"

# Static checks run before the suite: a style or type slip fails fast, before minutes of tests.
lint: $(STAMP)
	$(BIN)/ruff check emulator tests tools bench
	$(BIN)/mypy --strict emulator

test: $(STAMP) browser lint
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)
	@$(MAKE) --no-print-directory wheel-check

# The built wheel in a fresh virtualenv, driven from outside the checkout as an integrator uses it.
wheel-check: $(STAMP)
	$(BIN)/python tools/wheel_check.py

# wrk (Debian) is the load client; where it cannot be installed the bench uses its python client.
bench: $(STAMP)
	@command -v wrk >/dev/null 2>&1 || (apt-get install -y -qq wrk >/dev/null 2>&1 || (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq wrk >/dev/null 2>&1)) || echo "wrk could not be installed: using the python load client"
	$(BIN)/python -m bench --markdown docs/performance.md

fuzz: $(STAMP)
	FUZZ_EXAMPLES=2000 NUMBER_EXAMPLES=200 HOSTILE_EXAMPLES=500 FINANCE_EXAMPLES=300 STORE_EXAMPLES=1000 $(BIN)/python -m pytest tests/fuzz -n 2

# The README's published-client snippets against a live emulator; the clients (PyPI pyshopee with
# selenium, npm @congminh1254/shopee-sdk) go into a cache outside the package, installed once.
CLIENT_CACHE ?= $(HOME)/.cache/instant-mart-emulator/clients

clients: $(STAMP)
	@test -x $(CLIENT_CACHE)/py/bin/python || ($(PYTHON) -m venv $(CLIENT_CACHE)/py && $(CLIENT_CACHE)/py/bin/pip install --quiet pyshopee selenium requests)
	@test -d $(CLIENT_CACHE)/js/node_modules/@congminh1254/shopee-sdk || (mkdir -p $(CLIENT_CACHE)/js && cd $(CLIENT_CACHE)/js && npm install --silent --no-save @congminh1254/shopee-sdk)
	CLIENT_TESTS=1 CLIENT_CACHE=$(CLIENT_CACHE) $(BIN)/python -m pytest tests/examples/test_readme.py -k published

clean:
	rm -rf $(VENV) build dist *.egg-info
