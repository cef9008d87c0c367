#!/usr/bin/env bash
# Runs the Emacs eglot test in batch mode (Debian's emacs-nox + elpa-eglot, installed by
# setup.sh --test) against the built server. Exit 77 (ctest: skipped) only when emacs or eglot is
# not installed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$(cd "${BUILD:-$root/build}" && pwd)"
if ! command -v emacs >/dev/null; then
  echo "SKIPPED: emacs is not installed (scripts/setup.sh --test installs Debian's emacs-nox and elpa-eglot)" >&2
  exit 77
fi
if ! emacs --batch --eval '(progn (require (quote package)) (package-initialize) (require (quote eglot)))' >/dev/null 2>&1; then
  echo "SKIPPED: eglot is not available to emacs (scripts/setup.sh --test installs elpa-eglot)" >&2
  exit 77
fi
[[ -x "$build/agentlens" ]] || { echo "test_eglot: $build/agentlens missing: build first" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$root/examples/shop-prototype/." "$work/app/"
git -C "$work/app" init -q  # project.el finds the project root through VC
export HOME="$work/home" AGENTLENS_BINARY="$build/agentlens" AGENTLENS_WORKDIR="$work/app"
mkdir -p "$HOME"
timeout 120 emacs --batch -l "$root/tests/editors/emacs/eglot_test.el"
