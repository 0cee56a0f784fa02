#!/usr/bin/env bash
# Runs the built tests (make test builds them first):
#   scripts/test.sh unit     .test-out/**/*.test.js with node's test runner
#   scripts/test.sh node010  test/node010/*.sh, each with NODE010=<v0.10.26 binary>
#   scripts/test.sh all      both, then one combined closing line
# Each part prints "N passed, N failed"; any failure makes the exit code 1.
set -uo pipefail
cd "$(dirname "$0")/.."
mode=${1:-all}
NODE010=${NODE010:-.cache/node010/bin/node}
log_dir=.test-out/logs
mkdir -p "$log_dir"
passed=0 failed=0

run_unit() {
  # Node 20's runner does not recurse into a directory argument the way newer
  # versions do, so pass the files explicitly (sorted for a stable order).
  local files
  mapfile -t files < <(find .test-out -name '*.test.js' -not -path '.test-out/bench/*' | LC_ALL=C sort)
  if [ ${#files[@]} -eq 0 ]; then
    echo "unit: no *.test.ts files under test/ yet"
    return 0
  fi
  # spec reporter: one line per test, failures repeated in full at the end.
  node --enable-source-maps --test --test-reporter=spec "${files[@]}" 2>&1 | tee "$log_dir/unit.log"
  local rc=${PIPESTATUS[0]}
  # Count from the runner's own summary ("ℹ pass N" / "ℹ fail N").
  local p f
  p=$(sed -n 's/^ℹ pass \([0-9]*\)$/\1/p' "$log_dir/unit.log" | tail -n1)
  f=$(sed -n 's/^ℹ fail \([0-9]*\)$/\1/p' "$log_dir/unit.log" | tail -n1)
  p=${p:-0}; f=${f:-0}
  # A crash before the summary still has to count as a failure.
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  passed=$((passed + p)); failed=$((failed + f))
  echo "unit: $p passed, $f failed"
}

run_node010() {
  local scripts
  mapfile -t scripts < <(find test/node010 -maxdepth 1 -name '*.sh' 2>/dev/null | LC_ALL=C sort)
  if [ ${#scripts[@]} -eq 0 ]; then
    echo "node010: no test/node010/*.sh scripts yet"
    return 0
  fi
  if [ ! -x "$NODE010" ]; then
    echo "node010: $NODE010 missing (run scripts/fetch-node010.sh)" >&2
    failed=$((failed + 1)); return 0
  fi
  local abs p=0 f=0 s
  abs=$(cd "$(dirname "$NODE010")" && pwd)/$(basename "$NODE010")
  for s in "${scripts[@]}"; do
    if NODE010=$abs bash "$s" </dev/null >"$log_dir/$(basename "$s").log" 2>&1; then
      echo "  ok   $s"; p=$((p + 1))
    else
      echo "  FAIL $s (exit $?), output:"; sed 's/^/    /' "$log_dir/$(basename "$s").log"; f=$((f + 1))
    fi
  done
  passed=$((passed + p)); failed=$((failed + f))
  echo "node010: $p passed, $f failed"
}

case $mode in
  unit) run_unit ;;
  node010) run_node010 ;;
  all) run_unit; run_node010; echo "tests: $passed passed, $failed failed" ;;
  *) echo "usage: $0 [unit|node010|all]" >&2; exit 2 ;;
esac
[ "$failed" -eq 0 ]
