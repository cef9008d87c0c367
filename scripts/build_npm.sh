#!/usr/bin/env bash
# Packs the npm packages in the layout Biome and oxlint use: `agentlens` (a small launcher whose
# optional dependencies are the per-platform packages) and `@agentlens/cli-linux-x64` (the
# release binary). Sources in packaging/npm/; the version is the project's (CMakeLists.txt).
# Writes $OUT (default build-release/npm)/agentlens-<version>.tgz and
# agentlens-cli-linux-x64-<version>.tgz and prints their paths (launcher last).
#   SERVER  the binary to ship (default: build-release/agentlens; make npm builds it)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
server="${SERVER:-$root/build-release/agentlens}"
out="${OUT:-$root/build-release/npm}"
[[ -x "$server" ]] || { echo "build_npm: $server missing: run make release first" >&2; exit 2; }
version="$(sed -n 's/^project(agentlens VERSION \([0-9.]*\).*/\1/p' "$root/CMakeLists.txt")"
[[ -n "$version" ]] || { echo "build_npm: no version in CMakeLists.txt" >&2; exit 2; }

stage="$out/stage"
rm -rf "$stage"
mkdir -p "$stage"
cp -r "$root/packaging/npm/agentlens" "$root/packaging/npm/cli-linux-x64" "$stage/"
cp "$root/packaging/npm/README.md" "$stage/agentlens/README.md"
cp "$root/packaging/npm/README.md" "$stage/cli-linux-x64/README.md"
install -m 755 "$server" "$stage/cli-linux-x64/agentlens"
# One version for all: the launcher pins its platform packages exactly.
node - "$stage" "$version" <<'JS'
const fs = require("fs"), path = require("path");
const [stage, version] = process.argv.slice(2);
for (const dir of ["agentlens", "cli-linux-x64"]) {
  const file = path.join(stage, dir, "package.json");
  const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
  pkg.version = version;
  for (const dep of Object.keys(pkg.optionalDependencies || {})) pkg.optionalDependencies[dep] = version;
  fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n");
}
JS
for dir in cli-linux-x64 agentlens; do
  (cd "$stage/$dir" && npm pack --silent --pack-destination "$out" >/dev/null)
done
echo "$out/agentlens-cli-linux-x64-$version.tgz"
echo "$out/agentlens-$version.tgz"
