#!/usr/bin/env bash
# The VS Code extension's tests: unit tests of its logic, the .vsix build, and the manifest check
# of the built package (and, with the server present, the protocol-level test).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export BUILD="$(cd "${BUILD:-$root/build}" && pwd)"
vsix="$(bash "$root/scripts/build_vsix.sh")"
cd "$root/editors/vscode"
AGENTLENS_VSIX="$vsix" AGENTLENS_BINARY="$BUILD/agentlens" AGENTLENS_SOURCE_DIR="$root" npm test --silent
