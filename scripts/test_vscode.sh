#!/usr/bin/env bash
# The VS Code extension's tests: unit tests of its logic, the .vsix build, and the manifest check
# of the built package (and, with the server present, the protocol-level test).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export BUILD="$(cd "${BUILD:-$root/build}" && pwd)"
vsix="$(bash "$root/scripts/build_vsix.sh")"
# build_vsix.sh bundles the release binary when there is one: then the package must carry a
# static server (manifest test).
if [[ -z "${SERVER:-}" && -x "$root/build-release/agentlens" ]]; then export AGENTLENS_VSIX_PORTABLE=1; fi
cd "$root/editors/vscode"
AGENTLENS_VSIX="$vsix" AGENTLENS_BINARY="$BUILD/agentlens" AGENTLENS_SOURCE_DIR="$root" npm test --silent
