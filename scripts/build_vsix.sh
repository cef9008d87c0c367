#!/usr/bin/env bash
# Builds the VS Code extension and packages it with the server binary as a platform-specific
# .vsix (linux-x64): build/agentlens-<version>.vsix. The server is SERVER, else the release
# binary (build-release/agentlens: static, runs on any Linux) when it exists, else the normal
# build's (which needs Debian 12's shared libraries: fine for tests, not for users).
# make vsix builds the release binary and packages it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$(cd "${BUILD:-$root/build}" && pwd)"
ext="$root/editors/vscode"
version="$(node -p "require('$ext/package.json').version")"
server="${SERVER:-}"
if [[ -z "$server" ]]; then
  server="$root/build-release/agentlens"
  if [[ ! -x "$server" ]]; then
    server="$build/agentlens"
    echo "build_vsix: no release binary (make release): bundling $server, which needs this system's shared libraries" >&2
  fi
fi
[[ -x "$server" ]] || { echo "build_vsix: $server missing: run make release (or make build) first" >&2; exit 2; }
cd "$ext"
if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error >&2
fi
npm run --silent build >&2
mkdir -p bin
# Ship the server without debug info (23 MB -> a few MB; the release binary is stripped already).
strip -o bin/agentlens "$server"
chmod 755 bin/agentlens
npx --no-install vsce package --allow-missing-repository --skip-license --target linux-x64 \
  -o "$build/agentlens-$version.vsix" >/dev/null
echo "$build/agentlens-$version.vsix"
