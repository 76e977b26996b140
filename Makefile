# sigap: the two commands a new machine needs are `make run` and `make test`.

SWIFT ?= swift
APT_PACKAGES := pkg-config libxml2-dev zlib1g-dev libxlsxwriter-dev libsqlite3-dev time chromium postgresql-15
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
SIGAP := .build/debug/sigap

.PHONY: all deps build release test lint run bench check-nik fuzz clean

all: build

## deps: install the Debian packages the build needs, only those missing.
deps:
	@missing=""; \
	for package in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "deps: installing$$missing"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	else \
		echo "deps: all present ($(APT_PACKAGES))"; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product sigap

## test: unit, conformance and end-to-end tests (the end-to-end ones run the built binary).
test: deps
	$(SWIFT) build
	bash tools/test/run.sh

## lint: swift-format, strict (configuration in .swift-format).
lint:
	$(SWIFT) format lint --strict --recursive Sources Tests

## run: the demo — November is run and closed, then the later months arrive (see README).
## Exit 65 is expected: the demo inbox holds a damaged upload on purpose. The log goes to
## out/demo/sigap.log; the terminal shows the months, the seal and the expected problem.
DEMO_STORE := --pipeline pipelines/sigap-bekasi.yaml --store var/demo/sigap.sqlite
DEMO_ARGS := $(DEMO_STORE) --inbox fixtures/demo-inbox --out out/demo
run: build
	@rm -rf out/demo var/demo
	@mkdir -p out/demo
	@$(SIGAP) run $(DEMO_ARGS) --through 2025-11 2>>out/demo/sigap.log
	@$(SIGAP) close 2025-11 $(DEMO_ARGS) --through 2025-11 2>>out/demo/sigap.log
	@$(SIGAP) run $(DEMO_ARGS) --through 2026-02 2>>out/demo/sigap.log || [ $$? -eq 65 ]
	@echo "exit 65, as expected: December's DISKOPUKM upload in the demo inbox is damaged on purpose (fixtures/demo-inbox/README.md):"
	@grep '^problem:' out/demo/sigap.log | sed 's/^/  /'
	@echo
	@$(SIGAP) status $(DEMO_STORE)
	@echo
	@echo "outputs: out/demo/<month>/ (report.html, ledger.csv, ledger.xlsx, summary.json, findings.csv, submission.csv/.xlsx, koreksi/)"
	@echo "manifests: out/demo/runs/; log: out/demo/sigap.log; store: var/demo/sigap.sqlite"

## bench: the reader against fastexcel and python-calamine (see bench/README.md).
bench: deps
	bash bench/bench.sh

## check-nik: differential check of NIK validation against python-stdnum (see tools/check-nik).
check-nik: build
	bash tools/check-nik/run.sh .build/debug/sigap

## fuzz: libFuzzer + ASan on the XLSX reader for FUZZ_SECONDS (default 600); see tools/fuzz/README.md.
fuzz: deps
	bash tools/fuzz/run.sh

clean:
	rm -rf .build Fuzz/.build
