# The edition's build. `make` sets up what it needs and builds the PDF, the TEI and the HTML
# (in that order: the HTML's download bar offers the other two); `make test` tests.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SPHINX := $(BIN)/sphinx-build
SPHINXOPTS ?= -W --keep-going -n -q
SRC := edition
OUT := _build
WITNESS := witness/000_3a5a0b6ac34543a2.txt

# Everything the build and the tests use from outside the repository, as Debian packages.
# tests/test_setup.py proves it: every file xelatex reads and every tool the tests run belongs
# to these packages or to their dependencies.
PACKAGES_setup := python3 python3-venv make
PACKAGES_pdf := texlive-xetex texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended \
	texlive-lang-english latexmk fonts-ebgaramond fonts-ebgaramond-extra fonts-dejavu-core \
	fonts-lmodern
PACKAGES_test := poppler-utils chromium jing fontconfig fonts-ebgaramond dpkg apt
# `make bench` only: valgrind counts the instructions of a build (a measure the machine's load does not move);
# gcc and libc6-dev compile bench/breakdown.py's library of callgrind client requests (valgrind's callgrind.h)
PACKAGES_bench := valgrind gcc libc6-dev
PACKAGES := $(sort $(PACKAGES_setup) $(PACKAGES_pdf) $(PACKAGES_test))

# the edition date of editorial/edition.yaml (midnight UTC), for reproducible builds
EDITION_DATE := $(shell sed -n 's/^edition_date: *"\{0,1\}\([0-9-]*\)"\{0,1\}.*/\1/p' editorial/edition.yaml)
export SOURCE_DATE_EPOCH ?= $(shell date -u -d "$(EDITION_DATE)" +%s)
export PYTHONHASHSEED := 0

.PHONY: all html pdf tei text convert check validate test bench livehtml clean setup \
	packages packages-setup packages-pdf packages-test packages-bench print-packages print-epoch

all: pdf tei html

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml | packages-setup
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	@touch $@

print-packages:
	@echo $(PACKAGES)

print-epoch:
	@echo $(SOURCE_DATE_EPOCH)

# The Debian packages (`packages`: all of them; `packages-setup`, `packages-pdf`, `packages-test`, `packages-bench`:
# one list): as root, the missing ones are installed; otherwise the exact line is printed.
packages packages-setup packages-pdf packages-test packages-bench:
	@missing=""; for p in $(if $(filter packages,$@),$(PACKAGES),$(PACKAGES_$(@:packages-%=%))); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing from Debian:$$missing"; \
	    export DEBIAN_FRONTEND=noninteractive; \
	    apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing; \
	  else \
	    echo "Missing Debian packages. Run as root:"; \
	    echo "  apt-get update && apt-get install -y --no-install-recommends$$missing"; exit 1; \
	  fi; \
	fi

# The editorial data validates and the generated edition is current: else no build.
validate: setup
	$(BIN)/edition check

html: validate
	$(SPHINX) -b html -c . $(SPHINXOPTS) $(SRC) $(OUT)/html
	@echo "HTML: $(OUT)/html/index.html"

# latexmk -g: a failed run never blocks the next one. On failure, the TeX error and its context
# from the log are printed, and make fails.
pdf: validate packages-pdf
	$(SPHINX) -b latex -c . $(SPHINXOPTS) $(SRC) $(OUT)/latex
	@if $(MAKE) -s -C $(OUT)/latex all-pdf LATEXMKOPTS=-g \
	    LATEXOPTS="-interaction=nonstopmode -halt-on-error" >$(OUT)/latex/latexmk.out 2>&1 </dev/null; then \
	  echo "PDF: $(OUT)/latex/edition.pdf"; \
	else \
	  rm -f $(OUT)/latex/*.fdb_latexmk; \
	  echo "The PDF build failed. The TeX error, from $(OUT)/latex/edition.log:" >&2; \
	  if grep -q '^!' $(OUT)/latex/edition.log 2>/dev/null; then \
	    awk '/^!/{p=1} p{print} p&&/^l\.[0-9]+ /{getline; print; p=0}' $(OUT)/latex/edition.log >&2; \
	  else tail -n 30 $(OUT)/latex/latexmk.out >&2; fi; \
	  exit 1; \
	fi

# The TEI is written to a temporary file, validated against TEI P5 (schema/tei_all.rng, with jing),
# and only then put in place: an invalid TEI fails the build with jing's messages and leaves the
# last valid file (if any) untouched.
tei: validate
	@command -v jing >/dev/null || { echo "make tei validates with jing (Debian package jing), which is missing: make packages-test" >&2; exit 1; }
	@mkdir -p $(OUT)/tei
	@tmp=$$(mktemp $(OUT)/tei/.edition.tei.XXXXXX.xml); trap 'rm -f "$$tmp"' EXIT; \
	$(BIN)/edition convert $(WITNESS) --format tei >"$$tmp" || exit 1; \
	out=$$(jing schema/tei_all.rng "$$tmp" 2>&1); valid=$$?; \
	if [ $$valid -ne 0 ]; then \
	  echo "The TEI is not valid TEI P5 (jing schema/tei_all.rng, $$(echo "$$out" | grep -c ': error:') errors); the first:" >&2; \
	  echo "$$out" | grep -v '^\[warning\]' | sed "s|$$tmp|$(OUT)/tei/edition.tei.xml|" | head -n 10 | cut -c 1-400 >&2; \
	  exit 1; \
	fi; \
	chmod 644 "$$tmp" && mv "$$tmp" $(OUT)/tei/edition.tei.xml
	@echo "TEI: $(OUT)/tei/edition.tei.xml (valid TEI P5 4.3.0, jing schema/tei_all.rng)"

text: validate
	$(SPHINX) -b text -c . $(SPHINXOPTS) $(SRC) $(OUT)/text

convert: setup
	$(BIN)/edition convert $(WITNESS) --out $(SRC)

check: setup
	$(BIN)/edition check
	$(BIN)/ruff check src extensions tests conf.py bench
	$(BIN)/ruff format --check src extensions tests conf.py bench
	$(BIN)/mypy src extensions

test: setup packages
	$(BIN)/python -m pytest -q

bench: setup packages-bench
	$(BIN)/python bench/run.py

livehtml: setup
	$(BIN)/sphinx-autobuild -c . $(SRC) $(OUT)/html

clean:
	rm -rf $(OUT)
