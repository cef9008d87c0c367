#!/usr/bin/env bash
# The npm packages (scripts/build_npm.sh) installed from their tarballs into an empty directory
# with no registry (npm install --offline), then `npx agentlens check` on a copy of the example
# (same report as the release binary run directly) and `npx agentlens lsp` through a short LSP
# session (scripts/lsp_smoke.js). Exit 77 (skipped) without the release binary or npm.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
server="${SERVER:-$root/build-release/agentlens}"
[[ -x "$server" ]] || { echo "skipped: no release binary at $server (make release, or make test-release)"; exit 77; }
command -v npm >/dev/null || { echo "skipped: npm not installed"; exit 77; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mapfile -t tarballs < <(OUT="$tmp/dist" SERVER="$server" bash "$root/scripts/build_npm.sh")
for t in "${tarballs[@]}"; do [[ -f "$t" ]] || { echo "FAIL: $t was not packed" >&2; exit 1; }; done
launcher="${tarballs[-1]}"
[[ "$(basename "$launcher")" =~ ^agentlens-[0-9.]+\.tgz$ ]] || { echo "FAIL: launcher tarball $launcher" >&2; exit 1; }
# The launcher carries no binary; the platform package carries the binary and nothing else big.
# (The listing goes to a variable first: under pipefail, `tar | grep -q` fails whenever grep exits
# before tar has written everything and tar dies of SIGPIPE.)
listing="$(tar -tzf "$launcher")"
grep -q 'package/bin/agentlens.js' <<<"$listing" || { echo "FAIL: no launcher script" >&2; exit 1; }
[[ $(stat -c %s "$launcher") -lt 20000 ]] || { echo "FAIL: launcher tarball is large" >&2; exit 1; }

app="$tmp/app"
mkdir -p "$app"
cd "$app"
echo '{"name": "npm-install-test", "version": "1.0.0", "private": true}' >package.json
export npm_config_cache="$tmp/npm-cache" npm_config_update_notifier=false
npm install --offline --no-audit --no-fund --loglevel=error "${tarballs[@]}"
[[ -x node_modules/@agentlens/cli-linux-x64/agentlens ]] || { echo "FAIL: platform package not installed" >&2; exit 1; }

npx --no-install agentlens --version
cp -r "$root/examples/shop-prototype" "$app/shop-prototype"
set +e
npx --no-install agentlens check shop-prototype --format json --no-cache -q >"$tmp/npx.json"
rc=$?
"$server" check shop-prototype --format json --no-cache -q >"$tmp/direct.json"
rc_direct=$?
set -e
[[ $rc -eq 1 && $rc_direct -eq 1 ]] || { echo "FAIL: exit status $rc through npx, $rc_direct direct (expected 1: findings)" >&2; exit 1; }
cmp -s "$tmp/npx.json" "$tmp/direct.json" || { echo "FAIL: npx report differs from the binary's" >&2; exit 1; }
echo "npx agentlens check: $(grep -c '"rule":' "$tmp/npx.json") findings, same report as the binary"

node "$root/scripts/lsp_smoke.js" "$app" npx --no-install agentlens lsp
# Without the platform package the launcher says why (and fails), not a stack trace.
rm -rf node_modules/@agentlens/cli-linux-x64
set +e
msg=$(npx --no-install agentlens --version 2>&1)
rc=$?
set -e
[[ $rc -eq 2 && "$msg" == *"@agentlens/cli-linux-x64 is not installed"* ]] || { echo "FAIL: launcher without binary: $rc $msg" >&2; exit 1; }
echo "npm packages: OK"
