#!/usr/bin/env bash
# Import boundaries of the agent (HOUSE-STYLE rules 5 and 6), checked with grep
# so it needs nothing but the source tree:
#  - only agent/host/ may import child_process (every command goes through the Runner);
#  - agent/profile/ and agent/plan/ are pure: they may not import fs.
# Matches `from '...'`, `import '...'`, `require('...')` and `import('...')`,
# with or without the `node:` prefix and sub-paths (fs/promises). A one-line
# `import type ... from 'fs'` is allowed (erased at build time); write type-only
# imports of these modules on one line.
set -euo pipefail
cd "$(dirname "$0")/.."

spec() { printf "(from|import|require\\\\()[[:space:]]*\\\\(?[[:space:]]*['\"](node:)?%s(/[a-z_/]+)?['\"]" "$1"; }

# grep -n output minus type-only imports.
code_only() { grep -vE "^[^:]+:[0-9]+:[[:space:]]*(import|export)[[:space:]]+type[[:space:]]" || true; }

fail=0
report() { # $1 = rule text, rest = grep -n output lines
  local rule=$1; shift
  [ -n "$*" ] || return 0
  echo "check-boundaries: $rule" >&2
  printf '%s\n' "$@" | sed 's/^/  /' >&2
  fail=1
}

if [ -d agent ]; then
  hits=$( { grep -rnE --include='*.ts' "$(spec child_process)" agent --exclude-dir=host || true; } | code_only)
  report "child_process may only be imported under agent/host/ (use the Runner):" ${hits:+"$hits"}
  for d in agent/profile agent/plan; do
    [ -d "$d" ] || continue
    hits=$( { grep -rnE --include='*.ts' "$(spec fs)" "$d" || true; } | code_only)
    report "$d/ must stay pure: no fs import (take an fs parameter or move the I/O out):" ${hits:+"$hits"}
  done
fi

if [ "$fail" -ne 0 ]; then
  echo "check-boundaries: FAILED" >&2
  exit 1
fi
echo "  check-boundaries: ok"
