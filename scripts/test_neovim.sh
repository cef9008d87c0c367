#!/usr/bin/env bash
# Runs the Neovim plugin test headless (Debian's Neovim 0.7.2, installed by setup.sh --test) against
# the built server. Exit 77 (ctest: skipped) only when nvim is not installed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$(cd "${BUILD:-$root/build}" && pwd)"
if ! command -v nvim >/dev/null; then
  echo "SKIPPED: nvim is not installed (scripts/setup.sh --test installs Debian's neovim)" >&2
  exit 77
fi
[[ -x "$build/agentlens" ]] || { echo "test_neovim: $build/agentlens missing: build first" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$root/examples/shop-prototype/." "$work/"
git -C "$work" init -q 2>/dev/null || true
export AGENTLENS_BINARY="$build/agentlens" AGENTLENS_WORKDIR="$work" AGENTLENS_PLUGIN="$root/editors/neovim"
export XDG_CACHE_HOME="$work/.cache" XDG_STATE_HOME="$work/.state" XDG_DATA_HOME="$work/.data" XDG_CONFIG_HOME="$work/.config"
nvim --version | head -1
timeout 120 nvim --headless -u NONE -i NONE -c "luafile $root/tests/editors/neovim/plugin_test.lua"
