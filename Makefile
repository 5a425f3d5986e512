# ecs-atlas — the two commands of the README, and a few helpers.
#
#   make serve   install what is missing, build the site, serve it at http://127.0.0.1:8080
#   make test    install what is missing, run every test layer
#   make size    raw and gzip size of every file of the built site
#   make bench   engine benchmarks (criterion) and the diagram's browser measurement, printing numbers

SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true
PORT ?= 8080

.PHONY: serve test build size bench

serve: build
	node scripts/serve.mjs --dir dist --port $(PORT)

test:
	bash scripts/test.sh

build:
	bash scripts/bootstrap.sh build
	trunk build --release --offline

size:
	@test -d dist || $(MAKE) --no-print-directory build
	node scripts/size.mjs dist

bench:
	cargo bench -p atlas-core --bench taskdef --bench nginx --bench vs_crossplane --bench layout --bench workspace
	@test -d dist || $(MAKE) --no-print-directory build
	node tests/perf/diagram.mjs --dist dist
	node tests/perf/editor.mjs --dist dist
