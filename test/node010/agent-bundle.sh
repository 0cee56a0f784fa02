#!/usr/bin/env bash
# The agent bundle on SmartOS's Node (v0.10.26): it starts, prints its
# version, validates every example and rejects a broken profile with exit 2.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${NODE010:?NODE010 must point at a v0.10.26 node binary}"
[ "$("$NODE010" --version)" = "v0.10.26" ] || { echo "NODE010 is $("$NODE010" --version), not v0.10.26"; exit 1; }
fail() { echo "not ok: $*"; exit 1; }
out=$("$NODE010" dist/kiln-agent.js --version) || fail "--version exited $?"
case "$out" in "kiln "*) ;; *) fail "--version printed '$out'";; esac
echo "ok: --version: $out"
"$NODE010" dist/kiln-agent.js validate profiles/*.yaml >/dev/null || fail "examples do not validate on node 0.10"
echo "ok: every example validates"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
printf 'apiVersion: kiln/v1\nkind: Host\nmetadata: { name: x }\nzones: [ { name: global, brand: joyent } ]\n' > "$tmp/bad.yaml"
set +e; err=$("$NODE010" dist/kiln-agent.js validate "$tmp/bad.yaml" 2>&1); rc=$?; set -e
[ "$rc" -eq 2 ] || fail "broken profile exited $rc, want 2"
echo "$err" | grep -q "bad.yaml:4:[0-9]*: error: \$.zones\[0\].name: the name \"global\" is reserved" || fail "diagnostic missing: $err"
echo "ok: broken profile rejected with exit 2 and a positioned diagnostic"
