#!/usr/bin/env bash
# Installs the tools of the real-VS-Code test (scripts/test_vscode_real.sh), idempotently:
# code-server and playwright-core pinned by tests/vscode_real/package-lock.json. The Debian
# packages it needs (chromium, ripgrep, libkrb5-dev) come from scripts/setup.sh --test.
# code-server's install step would download ripgrep from outside npm: it is installed with
# --ignore-scripts, Debian's rg is copied where @vscode/ripgrep looks for it, then the native
# modules are built with npm rebuild (as root that needs npm_config_unsafe_perm).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/tests/vscode_real"
stamp="$dir/node_modules/.agentlens-lock-sha"
want="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then exit 0; fi
for tool in rg chromium; do
  command -v "$tool" >/dev/null || { echo "install_vscode_real: $tool missing: run bash scripts/setup.sh --test" >&2; exit 2; }
done
echo "install_vscode_real: installing code-server and playwright-core from npm (pinned; a few minutes)" >&2
export npm_config_unsafe_perm=true
# node-pty's install step runs `npx node-gyp`: let npx take node-gyp from npm without asking.
export npm_config_yes=true
cd "$dir"
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
# code-server's password hashing module, built here (its install step would download a prebuild).
npm rebuild argon2 --build-from-source --no-audit --no-fund --loglevel=error >/dev/null
# code-server's postinstall (skipped with the other scripts) installs VS Code's own dependencies
# in lib/vscode and lib/vscode/extensions; done here the same way, without downloads.
cs="$dir/node_modules/code-server"
npm_deps() {  # in the current directory: dependencies without scripts, Debian's rg, native builds
  npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null
  while IFS= read -r pkg; do
    mkdir -p "$pkg/bin" && cp "$(command -v rg)" "$pkg/bin/rg"
  done < <(find node_modules -type d -path '*/@vscode/ripgrep' -prune)
  npm rebuild --no-audit --no-fund --loglevel=error >/dev/null
}
(cd "$cs/lib/vscode" && npm_deps \
  && rm -rf node_modules.asar && ln -s node_modules node_modules.asar \
  && ln -sfn code-linux.sh bin/remote-cli/code-server \
  && ln -sfn browser-linux.sh bin/helpers/browser.sh)
(cd "$cs/lib/vscode/extensions" && npm_deps)
echo "$want" > "$stamp"
