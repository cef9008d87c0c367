#!/usr/bin/env bash
# Runs the Neovim plugin test headless (Debian's Neovim 0.7.2, installed by setup.sh --test).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$(cd "${BUILD:-$root/build}" && pwd)"
command -v nvim >/dev/null || { echo "nvim is not installed (scripts/setup.sh --test installs it)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$root/examples/shop-prototype/." "$work/"
git -C "$work" init -q 2>/dev/null || true
export AGENTLENS_BINARY="$build/agentlens" AGENTLENS_WORKDIR="$work" AGENTLENS_PLUGIN="$root/editors/neovim"
export XDG_CACHE_HOME="$work/.cache" XDG_STATE_HOME="$work/.state" XDG_DATA_HOME="$work/.data"
timeout 120 nvim --headless -u NONE -i NONE -c "luafile $root/tests/editors/neovim/plugin_test.lua"
