#!/usr/bin/env bash
# Installs the VS Code server of code-server (from the npm registry, without the
# install scripts that download from GitHub) into a cache folder outside the repository,
# as /work/shared/recipes/vscode-in-ci.md describes. Reused when already complete.
#
#   scripts/vscode/install-code-server.sh            # prints the folder on its last line
#   MARATHON_VSCODE_CACHE=/some/dir scripts/vscode/install-code-server.sh
#
# Needs (Debian, as root): libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config ripgrep chromium
set -euo pipefail
version="${CODE_SERVER_VERSION:-4.100.3}"
cache="${MARATHON_VSCODE_CACHE:-$HOME/.cache/marathon-vscode}"
dir="$cache/code-server-$version"
vscode="$dir/node_modules/code-server/lib/vscode"
stamp="$dir/.complete"

step() {
  local name="$1"; shift
  local t0=$SECONDS
  echo "[code-server] $name..." >&2
  "$@"
  echo "[code-server] $name: $((SECONDS - t0)) s" >&2
}

if [[ -f "$stamp" && -f "$vscode/out/server-main.js" ]]; then
  echo "[code-server] $version already installed" >&2
  echo "$dir"
  exit 0
fi

command -v rg >/dev/null || { echo "ripgrep (rg) is missing: apt-get install -y ripgrep" >&2; exit 1; }
rm -rf "$dir"
mkdir -p "$dir"
cd "$dir"
echo '{"name":"marathon-vscode-code-server","private":true}' > package.json
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
step "npm install code-server@$version" npm install --no-save --ignore-scripts "code-server@$version"
cd "$vscode"
step "npm install (VS Code server dependencies)" npm install --omit=dev --ignore-scripts
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
step "npm rebuild (native modules)" env npm_config_yes=true npm rebuild
ln -sfn node_modules node_modules.asar
cd extensions
step "npm install (built-in extensions)" npm install --omit=dev
touch "$stamp"
echo "$dir"
