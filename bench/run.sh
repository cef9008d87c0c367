#!/usr/bin/env bash
# make bench: installs corpora and peers from Debian and npm, builds a Release AgentLens, and
# measures in one run, side by side: the parse-only floor, cold and warm `agentlens check`,
# ast-grep with equivalent rules, Bandit, LSP latency and start-up, and memory. Writes
# bench/RESULTS.md. Absolute times on shared 2-core machines are noise: read the ratios.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bench="$root/bench"
deps="$bench/.deps"
out="$bench/RESULTS.md"
build="$root/build-bench"
runs="${BENCH_RUNS:-3}"

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
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
mkdir -p "$deps"
if [[ ! -x "$deps/node_modules/.bin/ast-grep" || ! -d "$deps/node_modules/webpack/lib" || ! -d "$deps/node_modules/rxjs/src" ]]; then
  log "installing @ast-grep/cli, webpack, rxjs (corpora and peer) from npm"
  (cd "$deps" && [[ -f package.json ]] || echo '{"private":true}' > package.json
   cd "$deps" && npm install --no-audit --no-fund --loglevel=error @ast-grep/cli@0.51.1 webpack@5.101.3 rxjs@7.8.2 >/dev/null)
fi

# ---- build (Release) ----
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DAGENTLENS_TESTS=OFF >/dev/null
cmake --build "$build" -j "$(nproc)" >/dev/null
al="$build/agentlens"; floor="$build/agentlens-bench"; sg="$deps/node_modules/.bin/ast-grep"

py_corpus=/usr/lib/python3.11
go_corpus=$(ls -d /usr/share/go-1.19/src /usr/lib/go-1.19/src 2>/dev/null | head -1)
js_corpus="$deps/node_modules/webpack/lib"
ts_corpus="$deps/node_modules/rxjs/src"

# median wall seconds and peak RSS (KB) of a command over $runs runs: prints "secs rss"
measure() {
  local times=() rss=0
  for ((i = 0; i < runs; i++)); do
    local r
    r=$( { /usr/bin/time -f "%e %M" "$@" >/dev/null 2>/dev/null; } 2>&1 | tail -1 )
    times+=("${r% *}")
    local m="${r#* }"; (( m > rss )) && rss=$m
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v rss="$rss" '{a[NR]=$1} END{print a[int((NR+1)/2)], rss}'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

declare -A T R
cache="$(mktemp -d)"
export XDG_CACHE_HOME="$cache"
for corpus in py go js ts; do
  case $corpus in py) dir=$py_corpus;; go) dir=$go_corpus;; js) dir=$js_corpus;; ts) dir=$ts_corpus;; esac
  [[ -d "$dir" ]] || { log "corpus $corpus missing ($dir)"; continue; }
  log "corpus $corpus: $dir"
  read -r T[$corpus.floor] R[$corpus.floor] < <(measure "$floor" floor -j 2 "$dir")
  read -r T[$corpus.cold] R[$corpus.cold] < <(measure "$al" check --no-cache -j 2 --quiet --fail-on none --format json -o /dev/null "$dir")
  "$al" check -j 2 --quiet --fail-on none --format json -o /dev/null "$dir" || true   # fill the cache
  read -r T[$corpus.warm] R[$corpus.warm] < <(measure "$al" check -j 2 --quiet --fail-on none --format json -o /dev/null "$dir")
  read -r T[$corpus.sg] R[$corpus.sg] < <(measure "$sg" scan -c "$bench/ast-grep/sgconfig.yml" -j 2 --json=compact "$dir")
  if [[ $corpus == py ]]; then
    read -r T[py.bandit] R[py.bandit] < <(runs=1 measure bandit -q -r "$dir" -f json)
  fi
done

# ---- LSP latency and start-up (node client over the real stdio transport) ----
lsp_json="$(node "$bench/lsp_latency.mjs" "$al" "$py_corpus" 2>/dev/null || echo '{}')"
reparse_json="$("$floor" reparse "$(node "$bench/lsp_latency.mjs" --pick-file "$py_corpus")" 1000 2>/dev/null || echo '{}')"

{
  echo "# AgentLens benchmark results"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(uname -sr). Date: $(date -u +%Y-%m-%d). AgentLens $("$al" --version | cut -d' ' -f2), ruleset $("$al" rules --format json | grep -c '"id"') rules."
  echo "Peers: ast-grep $("$sg" --version | cut -d' ' -f2), $(bandit --version 2>/dev/null | head -1). Times: median of $runs runs, 2 threads, seconds."
  echo
  echo "| corpus | floor (parse only) | cold check | ratio to floor | warm check | warm/cold | ast-grep | AgentLens vs ast-grep | peak RSS cold (MB) |"
  echo "|---|---|---|---|---|---|---|---|---|"
  for c in py go js ts; do
    [[ -n "${T[$c.floor]:-}" ]] || continue
    echo "| $c | ${T[$c.floor]} | ${T[$c.cold]} | $(ratio "${T[$c.cold]}" "${T[$c.floor]}")× | ${T[$c.warm]} | $(ratio "${T[$c.warm]}" "${T[$c.cold]}") | ${T[$c.sg]} | $(ratio "${T[$c.cold]}" "${T[$c.sg]}")× | $(( ${R[$c.cold]} / 1024 )) |"
  done
  if [[ -n "${T[py.bandit]:-}" ]]; then
    echo
    echo "Bandit on the Python corpus (1 thread): ${T[py.bandit]} s — AgentLens cold is $(ratio "${T[py.bandit]}" "${T[py.cold]}")× faster."
  fi
  echo
  echo "LSP (stdio, scripted client): \`$lsp_json\`"
  echo
  echo "Bare incremental reparse of the same kind of edit: \`$reparse_json\`"
  echo
  echo "Targets: cold ≤ 1.3× floor; faster than ast-grep; ≥ 30× faster than Bandit; warm < 10% of cold;"
  echo "didChange→diagnostics p99 < 5 ms; first diagnostics < 100 ms while indexing; server < 150 MB; CLI peak < 64 MB."
} > "$out"
rm -rf "$cache"
cat "$out"
