# The edition's build. `make` sets up what it needs and builds HTML and PDF; `make test` tests.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SPHINX := $(BIN)/sphinx-build
SPHINXOPTS ?= -W --keep-going -n -q
SRC := edition
OUT := _build
WITNESS := witness/000_3a5a0b6ac34543a2.txt
TEX_PACKAGES := texlive-xetex texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended \
	texlive-lang-english latexmk fonts-ebgaramond fonts-dejavu-core poppler-utils
BROWSER_PACKAGES := chromium fonts-ebgaramond
# the edition date of editorial/edition.yaml, for reproducible builds
export SOURCE_DATE_EPOCH ?= 1795564800
export PYTHONHASHSEED := 0

.PHONY: all html pdf text convert check test bench livehtml clean setup tex browser

all: html pdf

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	@touch $@

# TeX Live and fonts from Debian; as root they are installed, otherwise the exact line is printed.
tex:
	@missing=""; for p in $(TEX_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing from Debian:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else echo "Missing Debian packages. Run as root:"; echo "  apt-get install -y --no-install-recommends$$missing"; exit 1; fi; \
	fi

browser:
	@missing=""; for p in $(BROWSER_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing from Debian:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else echo "Missing Debian packages. Run as root:"; echo "  apt-get install -y --no-install-recommends$$missing"; exit 1; fi; \
	fi

html: setup
	$(SPHINX) -b html -c . $(SPHINXOPTS) $(SRC) $(OUT)/html
	@echo "HTML: $(OUT)/html/index.html"

pdf: setup tex
	$(SPHINX) -M latexpdf $(SRC) $(OUT) -c . $(SPHINXOPTS) >/dev/null
	@echo "PDF: $(OUT)/latex/edition.pdf"

text: setup
	$(SPHINX) -b text -c . $(SPHINXOPTS) $(SRC) $(OUT)/text

convert: setup
	$(BIN)/edition convert $(WITNESS) --out $(SRC)

check: setup
	$(BIN)/edition check
	$(BIN)/ruff check src extensions tests conf.py bench
	$(BIN)/mypy src extensions

test: setup tex browser
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python bench/run.py

livehtml: setup
	$(BIN)/sphinx-autobuild -c . $(SRC) $(OUT)/html

clean:
	rm -rf $(OUT)
