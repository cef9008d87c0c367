#!/usr/bin/env bash
# The real-VS-Code test (tests/vscode_real/run.js): the built .vsix in code-server, driven by
# headless Chromium. Skips (77) when its tools are not installed: `make test-vscode` installs them
# (scripts/install_vscode_real.sh) and runs it. Artifacts (screenshots, results.json,
# code-server.log) in $BUILD/vscode-real.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export BUILD="$(cd "${BUILD:-$root/build}" && pwd)"
tools="$root/tests/vscode_real/node_modules"
chromium="${CHROMIUM:-$(command -v chromium || true)}"
if [[ ! -f "$tools/.agentlens-lock-sha" || -z "$chromium" ]]; then
  echo "vscode-real: skipped: code-server or chromium not installed (make test-vscode installs them)" >&2
  exit 77
fi
vsix="$(bash "$root/scripts/build_vsix.sh")"
out="$BUILD/vscode-real"
rm -rf "$out" && mkdir -p "$out"
VSIX="$vsix" OUT="$out" AGENTLENS="$root/editors/vscode/bin/agentlens" EXAMPLE="$root/examples/shop-prototype" CHROMIUM="$chromium" \
  CODE_SERVER="$tools/code-server/out/node/entry.js" NODE_PATH="$tools" \
  node "$root/tests/vscode_real/run.js"
