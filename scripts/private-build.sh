#!/usr/bin/env bash
# Builds the bundles into /tmp/marathon-$1/dist (with node_modules linked), so that
# several people working in one tree can each measure their own build, e.g.
#   scripts/private-build.sh lv && node ../shared/tools/lsp/conformance.mjs ../shared/conformance --project /tmp/marathon-lv
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="/tmp/marathon-${1:?name}"
mkdir -p "$out"
ln -sfn "$root/node_modules" "$out/node_modules"
cp "$root/package.json" "$out/package.json"
cd "$root"
node scripts/build.mjs --outdir "$out/dist"
echo "$out"
