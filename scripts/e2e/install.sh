#!/usr/bin/env bash
# Installs what the end-to-end test needs, outside the repository, cached between runs on one machine:
#   - Debian packages (apt): chromium, fonts, ripgrep, a C/C++ toolchain and headers for code-server's native modules
#   - code-server $CS_VERSION (npm) with the offline workarounds of /work/shared/e2e/code-server-recipe.sh
#   - @vscode/vsce and playwright-core (npm), unless the repository's node_modules already has them
# Everything lands in $DOCBITS_E2E_CACHE (default ~/.cache/docbits-e2e); each part is built in a temp folder and
# renamed into place only when complete, so an interrupted install is redone, never half-used.
# Prints nothing but progress; the last line is `install: ok (Ns)`.
set -euo pipefail
CACHE=${DOCBITS_E2E_CACHE:-$HOME/.cache/docbits-e2e}
CS_VERSION=${CS_VERSION:-4.100.3}
VSCE_VERSION=${VSCE_VERSION:-3.9.2}
PLAYWRIGHT_VERSION=${PLAYWRIGHT_VERSION:-1.65.1}
REPO=$(cd "$(dirname "$0")/../.." && pwd)
T0=$SECONDS
say() { printf '[install %4ss] %s\n' "$((SECONDS - T0))" "$*"; }
quiet() { grep -v -e 'Unknown .*config' -e 'npm warn deprecated' || true; }

export npm_config_cache="$CACHE/npm-cache"
export npm_config_yes=true                # node-pty's install script runs `npx node-gyp`; a ~/.npmrc may say yes=false
export npm_config_unsafe_perm=true        # code-server's scripts insist on it when run as root
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false npm_config_progress=false
mkdir -p "$CACHE"

# --- 1. Debian packages --------------------------------------------------------------------------------------------
APT_PKGS=(chromium fonts-dejavu-core ripgrep build-essential python3 pkg-config libkrb5-dev curl unzip)
missing=()
for p in "${APT_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  say "apt-get install ${missing[*]}"
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q >/dev/null
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
else
  say "apt packages present"
fi
# node-gyp must compile against local headers (no nodejs.org download here).
if [ -z "${npm_config_nodedir:-}" ]; then
  if [ -f /usr/include/node/node_api.h ]; then export npm_config_nodedir=/usr
  else
    nodedir=$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")
    [ -f "$nodedir/include/node/node_api.h" ] || { echo "install: no Node headers (include/node/node_api.h) next to $(command -v node) or in /usr; set npm_config_nodedir" >&2; exit 1; }
    export npm_config_nodedir=$nodedir
  fi
fi

# --- 2. code-server ------------------------------------------------------------------------------------------------
CS_DIR="$CACHE/code-server-$CS_VERSION"
if [ -f "$CS_DIR/.complete" ]; then
  say "code-server $CS_VERSION cached"
else
  say "code-server $CS_VERSION: npm install (scripts off: its postinstall downloads ripgrep from GitHub)"
  rm -rf "$CS_DIR" "$CS_DIR.partial"; mkdir -p "$CS_DIR.partial"; cd "$CS_DIR.partial"
  echo '{"name":"docbits-e2e-code-server","private":true}' > package.json
  npm install --ignore-scripts --no-audit --no-fund "code-server@$CS_VERSION" 2>&1 | quiet | tail -1
  say "code-server: argon2 (prebuilt download fails offline, falls back to a local build)"
  npm rebuild argon2 > "$CACHE/argon2.log" 2>&1 || { tail -30 "$CACHE/argon2.log"; exit 1; }
  VSC="$CS_DIR.partial/node_modules/code-server/lib/vscode"
  say "code-server: lib/vscode dependencies (its postinstall's vscode_install, by hand)"
  cd "$VSC"
  npm install --omit=dev --ignore-scripts --no-audit --no-fund 2>&1 | quiet | tail -1
  mkdir -p node_modules/@vscode/ripgrep/bin && cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
  say "code-server: native modules (node-gyp: node-pty, kerberos, spdlog, ...)"
  npm rebuild > "$CACHE/rebuild.log" 2>&1 || { tail -40 "$CACHE/rebuild.log"; exit 1; }
  ln -sfn node_modules node_modules.asar
  (cd bin/remote-cli && ln -sfn code-linux.sh code-server)
  (cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
  say "code-server: built-in extensions' dependencies"
  (cd extensions && npm install --omit=dev --no-audit --no-fund 2>&1 | quiet | tail -1)
  [ -e node_modules/node-pty/build/Release/pty.node ] || { echo "install: node-pty did not build (see $CACHE/rebuild.log)" >&2; exit 1; }
  touch "$CS_DIR.partial/.complete"
  mv "$CS_DIR.partial" "$CS_DIR"
  say "code-server $CS_VERSION installed"
fi

# --- 3. vsce + playwright-core -------------------------------------------------------------------------------------
# The repository's devDependencies win when `npm ci` installed them; otherwise a pinned copy in the cache.
if [ -x "$REPO/node_modules/.bin/vsce" ] && [ -f "$REPO/node_modules/playwright-core/package.json" ]; then
  say "vsce and playwright-core from the repository's node_modules"
else
  TOOLS="$CACHE/tools-vsce$VSCE_VERSION-pw$PLAYWRIGHT_VERSION"
  if [ -f "$TOOLS/.complete" ]; then
    say "vsce $VSCE_VERSION + playwright-core $PLAYWRIGHT_VERSION cached"
  else
    say "npm install @vscode/vsce@$VSCE_VERSION playwright-core@$PLAYWRIGHT_VERSION (no browser download)"
    rm -rf "$TOOLS" "$TOOLS.partial"; mkdir -p "$TOOLS.partial"; cd "$TOOLS.partial"
    echo '{"name":"docbits-e2e-tools","private":true}' > package.json
    # --ignore-scripts: nothing here needs an install script (vsce's optional keytar is not used for packaging).
    npm install --ignore-scripts --no-audit --no-fund "@vscode/vsce@$VSCE_VERSION" "playwright-core@$PLAYWRIGHT_VERSION" 2>&1 | quiet | tail -1
    touch .complete; cd "$CACHE"; mv "$TOOLS.partial" "$TOOLS"
  fi
fi
say "install: ok ($((SECONDS - T0))s)"
