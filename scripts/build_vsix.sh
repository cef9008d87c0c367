#!/usr/bin/env bash
# Builds the VS Code extension and packages it with the server binary as a platform-specific
# .vsix (linux-x64): build/agentlens-<version>.vsix. Run after the C++ build (make vsix does both).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$(cd "${BUILD:-$root/build}" && pwd)"
ext="$root/editors/vscode"
version="$(node -p "require('$ext/package.json').version")"
[[ -x "$build/agentlens" ]] || { echo "build_vsix: $build/agentlens missing: run make build first" >&2; exit 2; }
cd "$ext"
if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error >&2
fi
npm run --silent build >&2
mkdir -p bin
# Ship the server without debug info (23 MB -> a few MB).
strip -o bin/agentlens "$build/agentlens"
chmod 755 bin/agentlens
npx --no-install vsce package --allow-missing-repository --skip-license --target linux-x64 \
  -o "$build/agentlens-$version.vsix" >/dev/null
echo "$build/agentlens-$version.vsix"
