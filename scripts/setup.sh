#!/usr/bin/env bash
# Installs everything AgentLens needs to build and test, idempotently.
# Debian packages (only the missing ones) and the pinned tree-sitter npm packages.
# Works as root on a fresh Debian 12 machine that reaches only Debian's mirrors and npm.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"

# Packages the build needs; test-only tools are added with --test.
pkgs=(cmake ninja-build g++ make pkg-config nodejs npm libboost-dev nlohmann-json3-dev
      libspdlog-dev libfmt-dev doctest-dev libtomlplusplus-dev libcli11-dev git)
if [[ "${1:-}" == "--test" ]]; then
  # Editor clients the tests drive against the server: Neovim 0.7 (plugin test), Emacs with eglot
  # 1.9 (batch-mode eglot/flymake test).
  # strace: the isolation tests check that no workspace code runs and no socket opens.
  pkgs+=(neovim chromium emacs-nox elpa-eglot strace)
  # python3: the ecosystem check (scripts/ecosystem.py) and its unit test.
  pkgs+=(python3)
  # clang with its sanitizer and libFuzzer runtimes (libclang-rt-14-dev is only recommended by
  # clang, and recommends are not installed): `make test-sanitize` and `make fuzz`.
  pkgs+=(clang libclang-rt-14-dev)
  # The real-VS-Code test (make test-vscode): code-server needs Debian's ripgrep (its own would be
  # downloaded) and the Kerberos headers for a native module; chromium is above.
  pkgs+=(ripgrep libkrb5-dev)
fi

missing=()
for p in "${pkgs[@]}"; do
  # nodejs/npm may come from outside apt (preinstalled node): accept the binaries.
  if [[ "$p" == nodejs ]] && command -v node >/dev/null 2>&1; then continue; fi
  if [[ "$p" == npm ]] && command -v npm >/dev/null 2>&1; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo_cmd=""
  [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# tree-sitter core and grammars, pinned by third_party/package-lock.json.
tp="$here/third_party"
stamp="$tp/node_modules/.agentlens-lock-sha"
want="$(sha256sum "$tp/package-lock.json" | cut -d' ' -f1)"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
  echo "setup: installing tree-sitter grammars from npm (pinned)" >&2
  (cd "$tp" && npm ci --ignore-scripts --legacy-peer-deps --no-audit --no-fund --loglevel=error)
  echo "$want" > "$stamp"
fi

# The MCP client the agent tests drive the server with (@modelcontextprotocol/sdk), pinned by
# tests/agents/package-lock.json: only with --test.
if [[ "${1:-}" == "--test" ]]; then
  ag="$here/tests/agents"
  stamp="$ag/node_modules/.agentlens-lock-sha"
  want="$(sha256sum "$ag/package-lock.json" | cut -d' ' -f1)"
  if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
    echo "setup: installing the MCP SDK for the agent tests from npm (pinned)" >&2
    (cd "$ag" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
    echo "$want" > "$stamp"
  fi
fi

# code-server and playwright-core for the real-VS-Code test, pinned by
# tests/vscode_real/package-lock.json: only with --test.
if [[ "${1:-}" == "--test" ]]; then
  bash "$here/scripts/install_vscode_real.sh"
fi
