PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The project's own packages. An editable install leaves them uncompiled; a Python that does not
# write bytecode (PYTHONDONTWRITEBYTECODE=1) would then compile them on every start, so compile them
# once here (with that variable unset for this one command).
PACKAGES := bot knowledge adapters
COMPILE = env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m compileall -q $(PACKAGES)
WHERE = @echo "prepbot is installed at $(abspath $(BIN))/prepbot (run '. $(VENV)/bin/activate' to put it on PATH)"

.DEFAULT_GOAL := install
.PHONY: run test test-fast lint bench install dev clean

$(BIN)/prepbot: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	$(COMPILE)
	touch $(BIN)/prepbot

$(VENV)/.dev: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,semantic]'
	$(COMPILE)
	touch $(BIN)/prepbot $(VENV)/.dev

install: $(BIN)/prepbot
	$(WHERE)

dev: $(VENV)/.dev
	$(WHERE)

run: $(BIN)/prepbot
	$(WHERE)
	$(BIN)/prepbot chat

test: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

# The edit-test loop: everything but the tests marked slow.
test-fast: $(VENV)/.dev
	$(BIN)/python -m pytest -q -m "not slow"

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: $(VENV)/.dev
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) .pytest_cache
