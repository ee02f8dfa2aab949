# sendqa: `make build` builds the sample Local Offer; `make test` runs every check and test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: build serve test lint unit judgement browser-deps editor-deps bench lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the dependencies change; constraints.txt pins every version.
$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

# Re-pin constraints.txt from a clean environment after changing pyproject.toml.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet -e '.[test]'
	{ sed -n '1,2p' constraints.txt; .lock-venv/bin/python -m pip freeze --exclude-editable \
	  | grep -v '^sendqa'; } > constraints.txt.new && mv constraints.txt.new constraints.txt
	rm -rf .lock-venv

build: $(VENV)/.installed
	$(BIN)/mkdocs build
	@echo
	@echo "Site:      $(CURDIR)/site/index.html"
	@echo "QA report: $(CURDIR)/qa-report/self-evaluation.html"

serve: $(VENV)/.installed
	$(BIN)/mkdocs serve

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Chromium for the browser tests, from Debian's packages where this machine allows it, and
# axe-core from the npm registry (tests/browser/axe/package-lock.json), and LibreOffice Writer
# (headless) with poppler-utils for the test that opens the Word report outside Word.
browser-deps: editor-deps
	@bash tools/install-browser.sh
	@bash tools/install-axe.sh
	@bash tools/install-office.sh

# The browser editor (Decap CMS) and its local proxy, from the npm registry (editor/package-lock.json).
editor-deps:
	@bash tools/install-editor.sh

# Everything under MkDocs 1.6, then the site and browser tests again under ProperDocs (MkDocs'
# maintained continuation), so a council can move to either. Each pass uses every core
# (pytest-xdist): each test file runs whole in one worker, so a file's shared builds are made once.
PYTEST_PARALLEL ?= -n auto --dist loadfile
test: $(VENV)/.installed browser-deps lint
	$(BIN)/python -m pytest -q $(PYTEST_PARALLEL)
	SENDQA_GENERATOR=properdocs $(BIN)/python -m pytest -q $(PYTEST_PARALLEL) tests/site tests/browser

unit: $(VENV)/.installed
	$(BIN)/python -m pytest -q tests/unit

# How good the checks are: precision and recall by check on the judgement corpus
# (tests/judgement/lines/, pages marked line by line with the findings they must produce).
judgement: $(VENV)/.installed
	$(BIN)/python -m tests.judgement.run

# Speed and memory of the checks against a plain MkDocs build, 1,000 and 5,000 pages (about
# 15 minutes on 2 cores); writes bench/RESULTS.md. See bench/README.md for options.
bench: $(VENV)/.installed
	$(BIN)/python -m bench.run $(BENCH_ARGS)

clean:
	rm -rf site qa-report .sendqa-cache .pytest_cache .mypy_cache .ruff_cache
