#!/usr/bin/env bash
# `make fuzz`: runs every libFuzzer target of an AGENTLENS_FUZZ build (ASan + UBSan) for
# FUZZ_SECONDS each, FUZZ_JOBS at a time. Each target starts from a scratch copy of its committed
# seeds (tests/fuzz/corpus/<target>), so the repository is never written to. A crash, leak,
# timeout or out-of-memory input is saved under <build>/fuzz-artifacts/ and fails the run;
# replay one with `<build>/fuzz/agentlens_fuzz_<target> <file>`.
set -uo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
build="$(cd "${1:-build-asan}" && pwd)"
secs="${FUZZ_SECONDS:-300}"
jobs="${FUZZ_JOBS:-2}"
targets=(${FUZZ_TARGETS:-lsp document check config})
work="$build/fuzz-work"
# Leaks inside third-party C code (tree-sitter) are suppressed; see the file.
export LSAN_OPTIONS="suppressions=$here/tests/fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
art="$build/fuzz-artifacts"
rm -rf "$art" && mkdir -p "$work" "$art"  # this run's failures only

run_one() {
  local t="$1" dir="$work/$1" bin="$build/fuzz/agentlens_fuzz_$1"
  rm -rf "$dir" && mkdir -p "$dir"
  cp "$here/tests/fuzz/corpus/$t"/* "$dir"/
  # -timeout: one input running longer is a hang (the check pipeline on 16 KB takes well under
  # a second even instrumented); -rss_limit_mb: the server and the engine stay far below.
  "$bin" -max_total_time="$secs" -timeout=30 -max_len=16384 -rss_limit_mb=4096 -print_final_stats=1 \
    -artifact_prefix="$art/$t-" "$dir" >"$work/$t.log" 2>&1
  local rc=$?
  local done_line
  done_line="$(grep -E '^#[0-9]+[[:space:]]+DONE' "$work/$t.log" | tail -1)"
  if [[ $rc -eq 0 ]]; then
    echo "fuzz $t: ${done_line:-no DONE line} (corpus $(ls "$dir" | wc -l) inputs)"
  else
    echo "fuzz $t: FAILED (exit $rc); log: $work/$t.log" >&2
    grep -E 'ERROR|SUMMARY|fuzz oracle failed|Test unit written' "$work/$t.log" | head -5 >&2
  fi
  return $rc
}

failed=0
running=0
for t in "${targets[@]}"; do
  if [[ ! -x "$build/fuzz/agentlens_fuzz_$t" ]]; then
    echo "fuzz: $build/fuzz/agentlens_fuzz_$t missing (configure with -DAGENTLENS_FUZZ=ON and clang)" >&2
    exit 2
  fi
  run_one "$t" &
  running=$((running + 1))
  if ((running >= jobs)); then
    wait -n || failed=1
    running=$((running - 1))
  fi
done
while ((running > 0)); do
  wait -n || failed=1
  running=$((running - 1))
done
if compgen -G "$art/*" >/dev/null; then
  echo "fuzz: inputs that failed are in $art:" >&2
  ls "$art" >&2
  failed=1
fi
exit $failed
