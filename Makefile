# sigap: the two commands a new machine needs are `make run` and `make test`.

SWIFT ?= swift
APT_PACKAGES := pkg-config libxml2-dev zlib1g-dev libxlsxwriter-dev libsqlite3-dev
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
SIGAP := .build/debug/sigap
DEMO_ROSTER := fixtures/rosters/demo-roster.xlsx

.PHONY: all deps build release test run bench check-nik clean

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
	$(SWIFT) test

## run: for now, the reader on a shipped roster (the full pipeline demo arrives with `sigap run`).
run: build
	@echo "== sheets of $(DEMO_ROSTER)"
	@$(SIGAP) xlsx sheets $(DEMO_ROSTER)
	@echo "== first rows of $(DEMO_ROSTER)"
	@$(SIGAP) xlsx dump $(DEMO_ROSTER) | head -n 5
	@echo "== counts"
	@$(SIGAP) xlsx stat $(DEMO_ROSTER)
	@echo "outputs: printed above (the reader writes no files yet)"

## bench: the reader against fastexcel and python-calamine (see bench/README.md).
bench: deps
	bash bench/bench.sh

## check-nik: differential check of NIK validation against python-stdnum (see tools/check-nik).
check-nik: build
	bash tools/check-nik/run.sh .build/debug/sigap

clean:
	rm -rf .build
