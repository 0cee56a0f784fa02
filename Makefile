# kiln: build and test entry points. The work is done by scripts/*; this file
# only orders it. `make` = install + build; `make test` is what CI runs.

NODE010 ?= .cache/node010/bin/node
export NODE010

.DEFAULT_GOAL := all
.PHONY: all install build typecheck check-boundaries test test-unit test-node010 \
        node010 bench repro clean demo

all: install build

# npm ci only when node_modules is missing or older than the lockfile. npm ci
# writes node_modules/.package-lock.json, which serves as the stamp.
install: node_modules/.package-lock.json
node_modules/.package-lock.json: package-lock.json package.json
	@echo "npm ci"
	@npm ci --no-audit --no-fund --loglevel=error
	@touch $@

build: install
	@echo "build"
	@node scripts/build.mjs

typecheck: install
	@echo "typecheck"
	@node_modules/.bin/tsc --noEmit -p . && echo "  typecheck: ok"

check-boundaries:
	@echo "check-boundaries"
	@scripts/check-boundaries.sh

# Everything CI checks: bundles, types, import boundaries, unit/sim tests on
# this Node, then the agent scripts on the real Node v0.10.26.
test: build typecheck check-boundaries node010
	@echo "test"
	@scripts/test.sh all

test-unit: build
	@scripts/test.sh unit

test-node010: build node010
	@scripts/test.sh node010

# Fetches Node v0.10.26 (SmartOS's /usr/node) from the npm registry once;
# a NODE010 given on the command line is used as it is.
node010:
ifeq ($(NODE010),.cache/node010/bin/node)
	@scripts/fetch-node010.sh
else
	@test -x "$(NODE010)" || { echo "NODE010=$(NODE010) is not an executable" >&2; exit 1; }
endif

# bench/*.bench.ts -> .test-out/bench/*.bench.js, each run with node.
bench: install
	@node scripts/build.mjs bench
	@set -e; files=$$(find .test-out/bench -name '*.bench.js' 2>/dev/null | LC_ALL=C sort); \
	if [ -z "$$files" ]; then echo "bench: no bench/*.bench.ts yet"; fi; \
	for f in $$files; do echo "== $$f"; node $$f; done

# Builds twice and compares bytes (HOUSE-STYLE 13: reproducible output).
repro: install
	@echo "repro"
	@node scripts/build.mjs >/dev/null && rm -rf .cache/repro && mkdir -p .cache/repro && cp -a dist .cache/repro/dist
	@node scripts/build.mjs >/dev/null && diff -r .cache/repro/dist dist && echo "  repro: dist/ identical across two builds"

clean:
	rm -rf dist .test-out .cache/repro

# Regenerates the files derived from the profile field table:
# profiles/kiln.schema.json (`kiln schema`) and profiles/REFERENCE.md.
.PHONY: docs demo
docs: install
	@echo "docs"
	@node scripts/gen-reference.mjs

# The README's first command: converge the home-lab example on the simulated
# SmartOS host, print the summary and report, then show a second run is a no-op.
demo: build
	@node_modules/.bin/esbuild scripts/demo.ts --bundle --platform=node --format=cjs --target=node20 --log-level=warning --outfile=.test-out/demo.js
	@node .test-out/demo.js $(PROFILE)
