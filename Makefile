# protocheck: `make help` lists the verbs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install demo test lint fmt eval eval-real train bench bench-scan fuzz snapshots samples dist-check clean

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	@touch $(STAMP)

help: ## list the verbs
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

install: $(STAMP) ## set up .venv with protocheck and its pinned dependencies

demo: $(STAMP) ## check the bundled samples/ (README command 1)
	$(BIN)/protocheck samples/ --fail-on never

test: $(STAMP) ## run the test suite (README command 2; CI runs this)
	$(BIN)/python -m pytest -q

TYPES := build/types/protocheck
lint: $(STAMP) ## ruff check, ruff format --check, mypy --strict
	$(BIN)/ruff check cli checks lexicons tests
	$(BIN)/ruff format --check cli checks tests
	@rm -rf $(TYPES) && mkdir -p $(TYPES)
	@for f in checks/*; do ln -s $(CURDIR)/$$f $(TYPES)/; done
	@ln -s $(CURDIR)/cli $(TYPES)/cli && ln -s $(CURDIR)/lexicons $(TYPES)/lexicons
	MYPYPATH=build/types $(BIN)/mypy -p protocheck

fmt: $(STAMP) ## ruff format and import sorting
	$(BIN)/ruff check --fix --select I cli checks tests
	$(BIN)/ruff format cli checks tests

eval: $(STAMP) ## precision and recall per rule over samples/
	$(BIN)/python tests/tools/evaluate.py samples

train: $(STAMP) ## train the judge (lexicons/judge/model) from lexicons/judge/sentences.jsonl; deterministic
	$(BIN)/python tests/tools/train_judge.py

DIR ?= ../shared/realdev/a ../shared/realdev/b
eval-real: $(STAMP) ## precision and recall on labelled real pages (DIR=folders with labels.jsonl; V=1 lists them)
	$(BIN)/python tests/tools/evaluate_real.py $(DIR) $(if $(V),-v)

bench: $(STAMP) ## speed and memory figures (prints, never fails)
	$(BIN)/python tests/tools/bench.py

bench-scan: $(STAMP) ## 10,000 generated letters on a local Dask cluster, 1 and 2 workers (N=...)
	$(BIN)/python tests/tools/bench_scan.py $(N)

CASES ?= 1000
SEED ?= 20261207
fuzz: $(STAMP) ## mutated samples through the CLI: no traceback, hang or RSS over 300 MB (CASES=, SEED=)
	$(BIN)/python tests/tools/fuzz.py --cases $(CASES) --seed $(SEED)

snapshots: $(STAMP) ## rewrite tests/snapshots/ (review the git diff)
	PROTOCHECK_UPDATE_SNAPSHOTS=1 $(BIN)/python -m pytest -q tests/test_snapshots.py

samples: $(STAMP) ## rebuild .docx/.pdf samples from their .yml sources (needs LibreOffice for PDFs)
	$(BIN)/python tests/tools/build_samples.py samples

dist-check: $(STAMP) ## build the wheel, install it in a fresh venv (a temporary folder), run `protocheck rules`
	rm -rf dist build/lib build/bdist*
	$(BIN)/python -m pip wheel --quiet --no-deps -w dist .
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(PYTHON) -m venv "$$tmp/venv"; \
	"$$tmp/venv/bin/pip" install --quiet -c requirements.lock dist/protocheck-*.whl; \
	cd "$$tmp" && "$$tmp/venv/bin/protocheck" rules >/dev/null && "$$tmp/venv/bin/protocheck" rule COR001 >/dev/null; \
	"$$tmp/venv/bin/protocheck" --no-cache --fail-on never $(CURDIR)/samples/RPT004/flag-key-decision-statement-deleted.docx | grep -q RPT004; \
	"$$tmp/venv/bin/protocheck" --no-cache --fail-on never $(CURDIR)/samples/PUB001/flag-labour-run-council-web-news.txt | grep -q PUB001; \
	printf 'The Greens have proved what a council that listens can achieve for families in every ward.\n' > "$$tmp/release.txt"; \
	"$$tmp/venv/bin/protocheck" --no-cache --fail-on never --kind press-release --format json "$$tmp/release.txt" | grep -q '"judge"'
	@echo "wheel OK"

clean: ## remove build output and the venv
	rm -rf $(VENV) build dist *.egg-info
