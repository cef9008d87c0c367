#!/usr/bin/env bash
# make bench: installs corpora and peers from Debian and npm, builds a Release AgentLens, and
# measures in one run, side by side: the parse-only floor, cold and warm `agentlens check`,
# ast-grep with equivalent rules, Bandit, LSP latency and start-up, and memory. Writes
# bench/RESULTS.md. Absolute times on shared 2-core machines are noise: read the ratios, and the
# CPU-time ratios first (wall time includes waiting for a core when the machine is loaded).
#
# Environment:
#   BENCH_QUICK=1        small corpora (a sub-directory of each), 1 run, 50 edits: to check the script
#   BENCH_RUNS=N         runs per measurement (median; default 3, quick 1)
#   BENCH_EDITS=N        LSP edits (default 1000, quick 50); BENCH_EDIT_BUDGET_S stops earlier (default 300)
#   BENCH_BUILD=DIR      use the agentlens and agentlens-bench of an existing build (no build step)
#   BENCH_OUT=FILE       where to write the results (default bench/RESULTS.md)
#   BENCH_SKIP_BANDIT=1  leave Bandit out
#   BENCH_BANDIT_PKGS    the stdlib packages Bandit (and AgentLens, for the ratio) run on (default:
#                        asyncio email http json logging concurrent multiprocessing urllib xml)
#   BENCH_PY, BENCH_GO, BENCH_JS, BENCH_TS   other corpus directories
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bench="$root/bench"
deps="$bench/.deps"
quick="${BENCH_QUICK:-0}"
out="${BENCH_OUT:-$bench/RESULTS.md}"
if [[ "$quick" == 1 ]]; then runs="${BENCH_RUNS:-1}"; edits="${BENCH_EDITS:-50}"; else runs="${BENCH_RUNS:-3}"; edits="${BENCH_EDITS:-1000}"; fi
budget="${BENCH_EDIT_BUDGET_S:-300}"
started=$(date +%s)
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"

log() { echo "bench: $*" >&2; }

# ---- set-up: corpora and peers (idempotent) ----
bash "$root/scripts/setup.sh"
need=()
for p in python3-bandit libpython3.11-stdlib libpython3.11-testsuite golang-1.19-src time; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if ((${#need[@]})); then
  log "installing ${need[*]}"
  sudo_cmd=""; [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
mkdir -p "$deps"
if [[ ! -x "$deps/node_modules/.bin/ast-grep" || ! -d "$deps/node_modules/webpack/lib" || ! -d "$deps/node_modules/rxjs/src" || ! -f "$deps/node_modules/zod/src/v3/types.ts" ]]; then
  log "installing @ast-grep/cli, webpack, rxjs, zod (corpora, the TS edit file and peer) from npm"
  [[ -f "$deps/package.json" ]] || echo '{"private":true}' > "$deps/package.json"
  (cd "$deps" && npm install --no-audit --no-fund --loglevel=error @ast-grep/cli@0.51.1 webpack@5.101.3 rxjs@7.8.2 zod@4.6.7 >/dev/null)
fi

# ---- build (Release) ----
if [[ -n "${BENCH_BUILD:-}" ]]; then
  build="$BENCH_BUILD"
  log "using the existing build in $build"
else
  build="$root/build-bench"
  log "building Release in $build"
  # -Werror as everywhere (g++ 12's false -Wrestrict at -O3 is handled in CMakeLists.txt). Only the
  # two binaries the benchmark runs: the tests are the ordinary build's job.
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DAGENTLENS_TESTS=OFF >/dev/null
  cmake --build "$build" -j 2 --target agentlens agentlens-bench >/dev/null
fi
al="$build/agentlens"; floor="$build/agentlens-bench"; sg="$deps/node_modules/.bin/ast-grep"
build_type="$(grep -s '^CMAKE_BUILD_TYPE:' "$build/CMakeCache.txt" | cut -d= -f2)"

py_root=/usr/lib/python3.11
go_root=/usr/share/go-1.19/src; [[ -d $go_root ]] || go_root=/usr/lib/go-1.19/src
js_root="$deps/node_modules/webpack/lib"
ts_root="$deps/node_modules/rxjs/src"
edit_file="$py_root/_pydecimal.py"   # 6,400 lines of ordinary Python
ts_edit_file="$deps/node_modules/zod/src/v3/types.ts"   # 5,100 lines of ordinary TypeScript
if [[ "$quick" == 1 ]]; then
  py_corpus=$py_root/email; go_corpus=$go_root/net/http; js_corpus=$js_root/optimize; ts_corpus=$ts_root/internal/operators
else
  py_corpus=$py_root; go_corpus=$go_root; js_corpus=$js_root; ts_corpus=$ts_root
fi
# Other corpora: BENCH_PY, BENCH_GO, BENCH_JS, BENCH_TS (directories).
py_corpus="${BENCH_PY:-$py_corpus}"; go_corpus="${BENCH_GO:-$go_corpus}"
js_corpus="${BENCH_JS:-$js_corpus}"; ts_corpus="${BENCH_TS:-$ts_corpus}"

# Median wall seconds, median CPU seconds (user+sys) and peak RSS (KB) of a command over $runs
# runs: prints "wall cpu rss". The command's exit status is ignored (findings exit non-zero).
measure() {
  local walls=() cpus=() rss=0 r m
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -o "$timing" -f "%e %U %S %M" "$@" >/dev/null 2>&1 || true
    # GNU time says "Command terminated by signal N" before its line: a crash is not a time.
    if grep -q "terminated by signal" "$timing"; then log "CRASH: $*"; echo "CRASH CRASH 0"; return; fi
    read -r w u s m < <(tail -1 "$timing")
    walls+=("$w"); cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN{printf "%.2f", u + s}')")
    ((m > rss)) && rss=$m
  done
  local mw mc
  mw=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
  mc=$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
  echo "$mw $mc $rss"
}
timing="$(mktemp)"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (a ~ /^[0-9.]+$/ && b > 0) printf "%.2f", a / b; else print "n/a" }'; }
mb() { awk -v k="$1" 'BEGIN{printf "%.0f", k / 1024}'; }
json_field() { node -e 'const o=JSON.parse(process.argv[1]); const v=o[process.argv[2]]; console.log(v === undefined || v === null ? "n/a" : v)' "$1" "$2"; }

declare -A W C R INFO
bandit_pkgs="${BENCH_BANDIT_PKGS:-asyncio email http json logging concurrent multiprocessing urllib xml}"
bandit_info='{}'; bandit_paths=()
cache="$(mktemp -d)"
export AGENTLENS_CACHE_DIR="$cache/agentlens"
check=("$al" check -j 2 --quiet --fail-on none --format json -o /dev/null)
for corpus in py go js ts; do
  case $corpus in py) dir=$py_corpus;; go) dir=$go_corpus;; js) dir=$js_corpus;; ts) dir=$ts_corpus;; esac
  [[ -d "$dir" ]] || { log "corpus $corpus missing ($dir)"; continue; }
  log "corpus $corpus: $dir"
  INFO[$corpus]="$("$floor" floor -j 2 "$dir")"   # also warms the page cache for everyone
  read -r W[$corpus.floor] C[$corpus.floor] R[$corpus.floor] < <(measure "$floor" floor -j 2 "$dir")
  read -r W[$corpus.cold] C[$corpus.cold] R[$corpus.cold] < <(measure "${check[@]}" --no-cache "$dir")
  rm -rf "$AGENTLENS_CACHE_DIR"
  "${check[@]}" "$dir" || true   # fill the cache
  read -r W[$corpus.warm] C[$corpus.warm] R[$corpus.warm] < <(measure "${check[@]}" "$dir")
  read -r W[$corpus.sg] C[$corpus.sg] R[$corpus.sg] < <(measure "$sg" scan -c "$bench/ast-grep/sgconfig.yml" -j 2 --json=compact "$dir")
  if [[ $corpus == py && "${BENCH_SKIP_BANDIT:-0}" != 1 ]]; then
    # Bandit is single-threaded and ~60× slower than us: on the whole stdlib it alone took longer
    # than everything else. It runs on a fixed set of stdlib packages (≈ 5 MB of library code, no
    # tests), and AgentLens is measured cold on exactly the same paths for the ratio.
    bandit_paths=()
    for p in $bandit_pkgs; do [[ -d "$dir/$p" ]] && bandit_paths+=("$dir/$p"); done
    ((${#bandit_paths[@]})) || bandit_paths=("$dir")
    bandit_info="$("$floor" floor -j 2 "${bandit_paths[@]}")"
    log "bandit (1 run, 1 thread) on ${#bandit_paths[@]} package(s)"
    read -r W[py.bandit] C[py.bandit] R[py.bandit] < <(runs=1 measure bandit -q -r "${bandit_paths[@]}" -f json)
    read -r W[py.bandit_al] C[py.bandit_al] R[py.bandit_al] < <(measure "${check[@]}" --no-cache "${bandit_paths[@]}")
  fi
done
rm -rf "$cache"

# ---- LSP: start-up on each corpus; latency of edits to a 6,400-line Python file ----
declare -A LSP
# Python's start-up comes from the edit session below (it opens the 6,400-line edit file).
for corpus in go js ts; do
  case $corpus in go) dir=$go_corpus ext=.go;; js) dir=$js_corpus ext=.js;; ts) dir=$ts_corpus ext=.ts;; esac
  [[ -d "$dir" ]] || continue
  log "lsp start-up: $dir"
  LSP[$corpus]="$(node "$bench/lsp_latency.mjs" "$al" "$dir" --ext "$ext" --threads 2 || echo '{}')"
done
edits_file="$(mktemp)"
log "lsp edits: $edits edits to $edit_file (budget ${budget}s)"
lsp_edit_json="$(node "$bench/lsp_latency.mjs" "$al" "$py_corpus" --file "$edit_file" --threads 2 \
  --edits "$edits" --budget-s "$budget" --edits-out "$edits_file" || echo '{}')"
log "bare reparse of the same edits"
reparse_json="$("$floor" reparse "$edit_file" "$edits_file" || echo '{}')"
# Pull (issue 22): each edit followed at once by textDocument/diagnostic; the 6,400-line Python
# file and a 5,100-line TypeScript file, each in a workspace of its own directory; the in-process
# reparse + rules of the same edits is the baseline of the same run (the ratio).
log "lsp pull: $edits edits to $edit_file"
lsp_pull_py="$(node "$bench/lsp_latency.mjs" "$al" "$(dirname "$edit_file")" --file "$edit_file" --threads 2 \
  --edits "$edits" --budget-s "$budget" --pull || echo '{}')"
ts_edits_file="$(mktemp)"
log "lsp push and pull: $edits edits to $ts_edit_file"
lsp_push_ts="$(node "$bench/lsp_latency.mjs" "$al" "$(dirname "$ts_edit_file")" --ext .ts --file "$ts_edit_file" --threads 2 \
  --edits "$edits" --budget-s "$budget" --edits-out "$ts_edits_file" || echo '{}')"
lsp_pull_ts="$(node "$bench/lsp_latency.mjs" "$al" "$(dirname "$ts_edit_file")" --ext .ts --file "$ts_edit_file" --threads 2 \
  --edits "$edits" --budget-s "$budget" --pull || echo '{}')"
reparse_ts="$("$floor" reparse "$ts_edit_file" "$ts_edits_file" || echo '{}')"
rm -f "$edits_file" "$ts_edits_file" "$timing"
LSP[py]="$lsp_edit_json"

load_end="$(cut -d' ' -f1-3 /proc/loadavg)"
elapsed=$(( $(date +%s) - started ))
f() { json_field "$1" "$2"; }
{
  echo "# AgentLens benchmark results"
  echo
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(uname -sr)."
  echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC'). Load average (1/5/15 min) at start: $load_start; at end: $load_end (other sessions share the cores)."
  echo "AgentLens $("$al" --version | cut -d' ' -f2) (${build_type:-?} build, $(git -C "$root" rev-parse --short HEAD)), $("$al" rules --format json | grep -c '"id"') rules; g++ $(g++ -dumpfullversion); tree-sitter 0.25.1."
  echo "Peers: ast-grep $("$sg" --version | cut -d' ' -f2) with $(ls "$bench/ast-grep/rules" | wc -l) rules (bench/ast-grep), $(bandit --version 2>/dev/null | head -1)."
  echo "Mode: $([[ $quick == 1 ]] && echo "QUICK (sub-directories)" || echo full); $runs run(s) per measurement, median; 2 threads (\`-j 2\`) unless noted; whole run took ${elapsed} s."
  echo
  echo "## CLI: cold, warm, floor and peers"
  echo
  echo "Times in seconds, wall / CPU (user+sys). Ratios use CPU time (robust to the load), wall ratio in brackets."
  echo
  echo "| corpus | files | MB | floor (parse only) | cold check | cold / floor | warm check | warm / cold | ast-grep | cold / ast-grep (< 1: AgentLens faster) | CLI peak RSS MB (floor / check / ast-grep) |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  for c in py go js ts; do
    [[ -n "${W[$c.floor]:-}" ]] || continue
    case $c in py) dir=$py_corpus;; go) dir=$go_corpus;; js) dir=$js_corpus;; ts) dir=$ts_corpus;; esac
    name="${dir#"$deps/node_modules/"}"
    echo "| $c: \`$name\` | $(f "${INFO[$c]}" files) | $(awk -v b="$(f "${INFO[$c]}" bytes)" 'BEGIN{printf "%.1f", b/1e6}') | ${W[$c.floor]} / ${C[$c.floor]} | ${W[$c.cold]} / ${C[$c.cold]} | **$(ratio "${C[$c.cold]}" "${C[$c.floor]}")×** ($(ratio "${W[$c.cold]}" "${W[$c.floor]}")×) | ${W[$c.warm]} / ${C[$c.warm]} | **$(ratio "${C[$c.warm]}" "${C[$c.cold]}")** ($(ratio "${W[$c.warm]}" "${W[$c.cold]}")) | ${W[$c.sg]} / ${C[$c.sg]} | **$(ratio "${C[$c.cold]}" "${C[$c.sg]}")×** ($(ratio "${W[$c.cold]}" "${W[$c.sg]}")×) | $(mb "${R[$c.floor]}") / $(mb "${R[$c.cold]}") / $(mb "${R[$c.sg]}") |"
  done
  if [[ -n "${W[py.bandit]:-}" ]]; then
    echo
    echo "Bandit on \`$(for p in "${bandit_paths[@]}"; do basename "$p"; done | tr '\n' ' ' | sed 's/ $//')\` of the Python corpus ($(f "$bandit_info" files) files, $(awk -v b="$(f "$bandit_info" bytes)" 'BEGIN{printf "%.1f", b/1e6}') MB; 1 thread, 1 run): ${W[py.bandit]} s wall / ${C[py.bandit]} s CPU, peak RSS $(mb "${R[py.bandit]}") MB."
    echo "AgentLens cold on the same paths: ${W[py.bandit_al]} s wall / ${C[py.bandit_al]} s CPU: **$(ratio "${C[py.bandit]}" "${C[py.bandit_al]}")×** faster in CPU time ($(ratio "${W[py.bandit]}" "${W[py.bandit_al]}")× in wall time, AgentLens on 2 threads)."
  fi
  echo
  echo "## Language server"
  echo
  echo "Start-up (stdio, scripted client \`bench/lsp_latency.mjs\`, server \`-j 2\`): the client sends \`initialize\`, \`initialized\` and at once opens the corpus's largest file."
  echo
  echo "| workspace | opened file | initialize reply ms | first diagnostics of the open file ms | index still running then? | index complete ms | server RSS after indexing MB (peak) |"
  echo "|---|---|---|---|---|---|---|"
  for c in py go js ts; do
    [[ -n "${LSP[$c]:-}" ]] || continue
    j="${LSP[$c]}"
    echo "| $c | \`$(f "$j" file)\` ($(f "$j" lines) lines) | $(f "$j" initializeMs) | $(f "$j" firstDiagnosticsMs) | $([[ $(f "$j" indexedBeforeFirstDiagnostics) == false ]] && echo yes || echo no) | $(f "$j" indexCompleteMs) | $(f "$j" serverSteadyRssMb) ($(f "$j" serverPeakRssMb)) |"
  done
  echo
  echo "Edits: single-space insertions between tokens of \`$(basename "$edit_file")\` ($(f "$lsp_edit_json" lines) lines), one at a time, each waiting for the diagnostics of its version;"
  echo "$(f "$lsp_edit_json" edits) sent (of $edits asked; stopped by the ${budget} s budget: $(f "$lsp_edit_json" stoppedByBudget)), $(f "$lsp_edit_json" answered) answered."
  echo "\"Excluding the debounce\" replays the server's adaptive debounce (clamp(median of the last 8 runs, 50, 500) ms, core/scheduler) from the measured runs; the server has no setting to turn it off."
  echo "The in-process rows are the same edits without transport and debounce (\`agentlens-bench reparse\`)."
  echo
  echo "| measure | median ms | p99 ms |"
  echo "|---|---|---|"
  echo "| didChange → publishDiagnostics, raw (debounce included) | $(f "$lsp_edit_json" didChangeRawMedianMs) | $(f "$lsp_edit_json" didChangeRawP99Ms) |"
  echo "| didChange → publishDiagnostics, excluding the debounce | **$(f "$lsp_edit_json" didChangeMedianMs)** | **$(f "$lsp_edit_json" didChangeP99Ms)** |"
  echo "| in-process: core::reparse + every rule, wall | $(f "$reparse_json" reparseAndRulesMedianMs) | $(f "$reparse_json" reparseAndRulesP99Ms) |"
  echo "| in-process: core::reparse + every rule, CPU | $(f "$reparse_json" reparseAndRulesCpuMedianMs) | $(f "$reparse_json" reparseAndRulesCpuP99Ms) |"
  echo "| in-process: rules only, wall | $(f "$reparse_json" rulesMedianMs) | $(f "$reparse_json" rulesP99Ms) |"
  echo "| bare tree-sitter incremental reparse, wall (the floor) | $(f "$reparse_json" bareReparseMedianMs) | $(f "$reparse_json" bareReparseP99Ms) |"
  echo "| bare tree-sitter incremental reparse, CPU | $(f "$reparse_json" bareReparseCpuMedianMs) | $(f "$reparse_json" bareReparseCpuP99Ms) |"
  echo
  echo
  echo "Edit → pull (issue 22): the same kind of edits, each followed at once by \`textDocument/diagnostic\`; latency from \`didChange\` to the pull's answer (no debounce: the server's is for push). Ratio: against the in-process reparse + every rule of the same edits, this run."
  echo
  echo "| file | pull median ms | pull p99 ms | push median / p99 ms (debounce excluded) | in-process reparse + rules median / p99 ms | pull / in-process (median, p99) |"
  echo "|---|---|---|---|---|---|"
  ratio() { python3 -c "import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print(f'{a/b:.2f}×' if b>0 else 'n/a')" "$1" "$2" 2>/dev/null || echo n/a; }
  echo "| \`$(basename "$edit_file")\` ($(f "$lsp_pull_py" lines) lines) | **$(f "$lsp_pull_py" pullMedianMs)** | **$(f "$lsp_pull_py" pullP99Ms)** | $(f "$lsp_edit_json" didChangeMedianMs) / $(f "$lsp_edit_json" didChangeP99Ms) | $(f "$reparse_json" reparseAndRulesMedianMs) / $(f "$reparse_json" reparseAndRulesP99Ms) | $(ratio "$(f "$lsp_pull_py" pullMedianMs)" "$(f "$reparse_json" reparseAndRulesMedianMs)"), $(ratio "$(f "$lsp_pull_py" pullP99Ms)" "$(f "$reparse_json" reparseAndRulesP99Ms)") |"
  echo "| \`$(basename "$ts_edit_file")\` ($(f "$lsp_pull_ts" lines) lines) | **$(f "$lsp_pull_ts" pullMedianMs)** | **$(f "$lsp_pull_ts" pullP99Ms)** | $(f "$lsp_push_ts" didChangeMedianMs) / $(f "$lsp_push_ts" didChangeP99Ms) | $(f "$reparse_ts" reparseAndRulesMedianMs) / $(f "$reparse_ts" reparseAndRulesP99Ms) | $(ratio "$(f "$lsp_pull_ts" pullMedianMs)" "$(f "$reparse_ts" reparseAndRulesMedianMs)"), $(ratio "$(f "$lsp_pull_ts" pullP99Ms)" "$(f "$reparse_ts" reparseAndRulesP99Ms)") |"
  echo
  echo "Server RSS in the edit session: $(f "$lsp_edit_json" serverSteadyRssMb) MB after indexing, peak $(f "$lsp_edit_json" serverPeakRssMb) MB."
  echo
  echo "Raw JSON: edits \`$lsp_edit_json\`; reparse \`$reparse_json\`; pull py \`$lsp_pull_py\`; push ts \`$lsp_push_ts\`; pull ts \`$lsp_pull_ts\`; reparse ts \`$reparse_ts\`."
  echo
  echo "Targets (issue 11): cold ≤ 1.3× floor; faster than ast-grep; ≥ 30× faster than Bandit; warm < 10% of cold;"
  echo "didChange→diagnostics p99 < 5 ms; first diagnostics < 100 ms while indexing; server < 150 MB; CLI peak < 64 MB (Python corpus)."
  if [[ -f "$bench/ANALYSIS.md" ]]; then echo; cat "$bench/ANALYSIS.md"; fi
} > "$out"
cat "$out"
