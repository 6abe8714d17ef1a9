#!/usr/bin/env bash
# Renders images/icon.svg into images/icon.png (256x256, the marketplace icon) with headless Chromium.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
html="$profile/icon.html"
printf '<html><body style="margin:0;background:transparent">%s</body></html>' "$(cat "$root/images/icon.svg")" > "$html"
"${CHROMIUM_PATH:-chromium}" --headless=new --no-sandbox --disable-gpu --hide-scrollbars \
  --default-background-color=00000000 --user-data-dir="$profile" --window-size=256,256 \
  --screenshot="$root/images/icon.png" "file://$html" 2>/dev/null
echo "$root/images/icon.png"
