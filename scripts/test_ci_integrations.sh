#!/usr/bin/env bash
# The CI and hook integrations without GitHub or pre-commit: action.yml is a well-formed
# composite action whose steps call what exists (the summary script, the SARIF upload), the
# summary script renders and gates a real report, and the pre-commit hook's entry, run the way
# pre-commit runs it (the staged file names appended), reports only the commit's new findings.
#   BUILD  the build directory holding agentlens (default: build)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${BUILD:-$root/build}/agentlens"
[[ -x "$bin" ]] || { echo "no agentlens at $bin" >&2; exit 1; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

python3 - "$root" <<'PY'
import sys, yaml, os
root = sys.argv[1]
a = yaml.safe_load(open(os.path.join(root, "action.yml")))
assert a["runs"]["using"] == "composite", a["runs"]
for k in ("path", "version", "since", "fail-under", "fail-on", "upload", "category"):
    assert k in a["inputs"], k
steps = a["runs"]["steps"]
assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif@") for s in steps)
runs = "\n".join(s.get("run", "") for s in steps)
assert "--format sarif" in runs and "scripts/action_summary.js" in runs
assert all("shell" in s for s in steps if "run" in s)
hooks = yaml.safe_load(open(os.path.join(root, ".pre-commit-hooks.yaml")))
ids = {h["id"]: h for h in hooks}
assert "--since HEAD" in ids["agentlens"]["entry"], ids
for h in hooks:
    assert {"id", "name", "entry", "language"} <= set(h), h
print("action.yml and .pre-commit-hooks.yaml: well formed")
PY

# The job summary and the gate on a real report.
set +e
"$bin" check "$root/examples/shop-prototype" --format json --no-cache -q >"$tmp/report.json"
set -e
md=$(AL_TITLE=shop node "$root/scripts/action_summary.js" "$tmp/report.json")
grep -q '^### AgentLens: shop' <<<"$md" && grep -q '^| error-handling | ' <<<"$md" || { echo "FAIL: summary: $md" >&2; exit 1; }
GITHUB_OUTPUT="$tmp/out" AL_FAIL_UNDER=1 node "$root/scripts/action_summary.js" "$tmp/report.json" >/dev/null
grep -q '^score=' "$tmp/out" || { echo "FAIL: no score output" >&2; exit 1; }
if AL_FAIL_UNDER=99 node "$root/scripts/action_summary.js" "$tmp/report.json" >/dev/null 2>&1; then
  echo "FAIL: fail-under 99 passed" >&2; exit 1
fi
if AL_FAIL_ON=error node "$root/scripts/action_summary.js" "$tmp/report.json" >/dev/null 2>&1; then
  echo "FAIL: fail-on error passed with errors" >&2; exit 1
fi
# A monorepo's summary lists each service with its score and gate.
set +e
"$bin" check "$root/examples/shop-hardened" --format json --no-cache -q >"$tmp/services.json"
set -e
md=$(node "$root/scripts/action_summary.js" "$tmp/services.json")
grep -q '^| service | path | score | grade | gate |' <<<"$md" && grep -q '^| inventory | `inventory` | [0-9.]* | [A-F] | ' <<<"$md" \
  || { echo "FAIL: services in the summary: $md" >&2; exit 1; }
echo "action summary: renders, outputs the score, gates, lists the services"

# The action's own check and summary steps, run as the runner would (bash, their env, outputs).
step() {  # the run script of the step named $1, with ${{ github.action_path }} resolved
  python3 - "$root/action.yml" "$1" <<'PY'
import sys, yaml
steps = yaml.safe_load(open(sys.argv[1]))["runs"]["steps"]
print(next(s["run"] for s in steps if s.get("name") == sys.argv[2]).replace("${{ github.action_path }}", sys.argv[3] if len(sys.argv) > 3 else "."))
PY
}
mkdir -p "$tmp/runner"
: >"$tmp/runner/output"
(cd "$root" && RUNNER_TEMP="$tmp/runner" GITHUB_OUTPUT="$tmp/runner/output" AL="$bin" AL_PATH=examples/shop-prototype \
  AL_SINCE="" AL_ARGS="--no-cache" bash -e -o pipefail -c "$(step 'agentlens check')") >/dev/null
sarif=$(sed -n 's/^sarif=//p' "$tmp/runner/output")
report=$(sed -n 's/^json=//p' "$tmp/runner/output")
python3 -c "import json,sys; j=json.load(open(sys.argv[1])); assert j['version']=='2.1.0' and j['runs'][0]['results']" "$sarif"
summary_step=$(step 'Readiness summary and gate' | sed "s|\"\./scripts/|\"$root/scripts/|")
GITHUB_STEP_SUMMARY="$tmp/runner/summary.md" GITHUB_OUTPUT="$tmp/runner/output" AL_REPORT="$report" AL_TITLE=shop \
  AL_FAIL_UNDER="" AL_FAIL_ON=none bash -e -c "$summary_step"
grep -q '^### AgentLens: shop' "$tmp/runner/summary.md" && grep -q '^score=' "$tmp/runner/output" || { echo "FAIL: action steps" >&2; exit 1; }
echo "action steps: check writes SARIF and JSON, the summary step renders and outputs the score"

# The pre-commit hook: a commit that adds one swallowed exception to a file that has one already.
repo="$tmp/repo"
mkdir -p "$repo"
cd "$repo"
git init -q
git config user.email t@example.com && git config user.name t && git config commit.gpgsign false
printf 'def load():\n    try:\n        risky()\n    except Exception:\n        pass\n' >app.py
printf 'def ok():\n    return 1\n' >util.py
git add -A && git commit -qm base
printf '\n\ndef save():\n    try:\n        risky()\n    except Exception:\n        pass\n' >>app.py
git add app.py
entry=$(python3 -c "import yaml,sys; print(next(h['entry'] for h in yaml.safe_load(open(sys.argv[1])) if h['id']=='agentlens'))" "$root/.pre-commit-hooks.yaml")
mapfile -t staged < <(git diff --cached --name-only)
set +e
# shellcheck disable=SC2086
out=$(PATH="$(dirname "$bin"):$PATH" AGENTLENS_CACHE_DIR="$tmp/cache" $entry --color never "${staged[@]}" 2>&1)
rc=$?
set -e
[[ $rc -eq 1 ]] || { echo "FAIL: hook exit $rc (expected 1): $out" >&2; exit 1; }
grep -q 'app.py:11' <<<"$out" && ! grep -q 'app.py:4:' <<<"$out" || { echo "FAIL: hook output: $out" >&2; exit 1; }
# A commit that adds nothing wrong passes.
git commit -qm change
printf 'def two():\n    return 2\n' >>util.py
git add util.py
# shellcheck disable=SC2086
PATH="$(dirname "$bin"):$PATH" AGENTLENS_CACHE_DIR="$tmp/cache" $entry util.py >/dev/null 2>&1 || { echo "FAIL: clean commit blocked" >&2; exit 1; }
echo "pre-commit hook: reports the commit's new finding only, passes a clean commit"
