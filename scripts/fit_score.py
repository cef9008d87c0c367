#!/usr/bin/env python3
"""Fit the readiness score's numbers (docs/score.md) on data, reproducibly, in one command.

    python3 scripts/fit_score.py --binary build/agentlens            # fit, print, write nothing
    python3 scripts/fit_score.py --binary build/agentlens --write    # also write the fitted numbers

Data:
  * the calibration twins (tests/calibration/<pair>/{prototype,hardened}): each prototype should
    score 0–40, each hardened twin 75 or more, with a gap of at least 30;
  * the ecosystem corpus (REPOS.tsv, scripts/ecosystem.py): every control should score above every
    prototype (the pair share), and controls should reach 75.

The script runs `agentlens check --format json` once per workspace and keeps the score's inputs
(`readiness.rules[]`: per rule its severity, confidence, mode, open findings by severity and
confidence, eligible sites and root-cause folding). It re-implements the formula of
core/score/readiness.cpp in `overall()` and first checks that it reproduces the binary's score on
every workspace with the numbers compiled in. Then a seeded random search followed by coordinate
refinement minimises a loss over the parameters (category weights, severity weights, presence
deductions, density shrinkage, the per-rule share bound):

    loss = 10·Σ twin violations (points outside 0–40 / ≥75 / gap ≥30)
         + 100·(1 − smoothed pair share)  + 0.2·Σ control shortfall below 75 (points)
         + a small pull toward the catalog's starting numbers (keeps the fit from wandering where
           the data says nothing)

The parameters: category weights (kept within 0.6–1.7× the catalog's), severity weights and
presence deductions (severity order kept), the weight of each scoring mode (presence, density,
check; 0.1–3), density shrinkage k, and the per-rule share bound (0.04–0.08). Confidence
multipliers stay 1 / 0.8 / 0.5.

With --write it writes core/score/fitted_params.cpp and tests/calibration/fit-data.json (the inputs
the fit saw, for the record); rebuild afterwards. Re-run it whenever the rules' findings change.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import random
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import ecosystem  # noqa: E402  (load_repos, checkout, dropped_lockfiles)

CATEGORIES = ["error-handling", "security", "observability", "configuration", "database", "deployment", "testing"]
SEVERITIES = ["critical", "high", "medium", "low", "info"]
CONFIDENCES = ["high", "medium", "low"]
CALIBRATION = ROOT / "tests" / "calibration"
PARAMS_CPP = ROOT / "core" / "score" / "fitted_params.cpp"
FIT_DATA = CALIBRATION / "fit-data.json"

# The catalog's starting numbers (rule-catalog §5.2) and the search box for each parameter.
START = {
    "cat": [15, 25, 15, 10, 10, 15, 10],
    "sev": [10, 7.5, 5, 2.5],
    "ded": [10, 5, 3, 1.5],
    "conf": [1.0, 0.8, 0.5],
    "k": 2.0,
    "share": 0.08,
    "mode": [1.0, 1.0, 1.0],
}
MODES = ["presence", "density", "check"]
# Category weights stay within 0.6–1.7× the catalog's (security stays the heaviest concern); the
# share bound within 0.04–0.08 (one finding moves the score by at most 4–8 points).
BOX = {"cat": [(0.6 * w, 1.7 * w) for w in START["cat"]], "sev": (0.5, 12), "ded": (0.5, 10), "k": (0.5, 10),
       "share": (0.04, 0.08), "mode": (0.1, 3.0)}
PROTO_MAX, HARDENED_MIN, GAP_MIN, CONTROL_MIN = 40.0, 75.0, 30.0, 75.0
# The fit aims 2 points inside the twin targets, so that small changes in the findings do not
# break tests/e2e/calibration_test.cpp before the fit is re-run.
MARGIN = 2.0


# ---------------------------------------------------------------------------------------------
# Data


def check_json(binary: Path, where: Path) -> dict:
    cmd = [str(binary), "check", "--format", "json", "--no-cache", "--no-baseline", "--fail-on", "none", "-q", "-j", "1", "."]
    proc = subprocess.run(cmd, cwd=where, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{where}: exit {proc.returncode}: {proc.stderr[:300]}")
    rd = json.loads(proc.stdout)["readiness"]
    return {"score": rd.get("score"), "rules": rd.get("rules", [])}


def collect(binary: Path, corpus: Path, jobs: int) -> list[dict]:
    """Every workspace: {name, kind: twin-prototype|twin-hardened|control|prototype, pair, score, rules}."""
    items: list[tuple[dict, Path]] = []
    for pair in sorted(p for p in CALIBRATION.iterdir() if p.is_dir()):
        for side in ("prototype", "hardened"):
            items.append(({"name": f"{pair.name}/{side}", "kind": f"twin-{side}", "pair": pair.name}, pair / side))
    scratch = tempfile.TemporaryDirectory(prefix="agentlens-fit-")
    if (corpus / "REPOS.tsv").exists():
        dropped = ecosystem.dropped_lockfiles(corpus)
        for repo in ecosystem.load_repos(corpus):
            where = ecosystem.checkout(corpus, repo, dropped.get(repo["name"], []), Path(scratch.name))
            items.append(({"name": repo["name"], "kind": repo["group"], "pair": None}, where))
    else:
        print(f"fit: no ecosystem corpus at {corpus}; fitting on the twins only", file=sys.stderr)
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        results = list(pool.map(lambda it: {**it[0], **check_json(binary, it[1])}, items))
    scratch.cleanup()
    return results


# ---------------------------------------------------------------------------------------------
# The model (mirrors core/score/readiness.cpp)


def rule_score(r: dict, p: dict) -> float:
    if r["mode"] == "density":
        return 10.0 * (1.0 - r["open"] / (r["sites"] + p["k"]))
    if r["mode"] == "check":
        return 10.0 * (1.0 - min(1.0, r["open"] / max(r["sites"], 1)))
    penalty = 0.0
    for key, n in r.get("openBy", {}).items():
        sev, conf = key.split("/")
        s = SEVERITIES.index(sev)
        penalty += n * (p["ded"][s] if s < 4 else 0.0) * p["conf"][CONFIDENCES.index(conf)]
    return max(0.0, 10.0 - penalty)


def overall(rules: list[dict], p: dict) -> float | None:
    sev_w = p["sev"] + [0.0]
    by_cat: dict[int, list[tuple[dict, float, float]]] = {}
    for r in rules:
        w = (sev_w[SEVERITIES.index(r["severity"])] * p["conf"][CONFIDENCES.index(r["confidence"])]
             * p["mode"][MODES.index(r["mode"])])
        if w <= 0:
            continue
        loss = (10.0 - rule_score(r, p)) / 10.0
        by_cat.setdefault(CATEGORIES.index(r["category"]), []).append((r, w, loss))
    if not by_cat:
        return None
    wsum = sum(p["cat"][c] for c in by_cat)
    total = 0.0
    for c, entries in by_cat.items():
        den = sum(w for _, w, _ in entries)
        own: dict[str, float] = {}
        symptoms: dict[str, float] = {}
        for r, w, loss in entries:
            share = min(p["share"], p["cat"][c] / wsum * w / den)
            if r.get("foldedInto"):
                symptoms[r["foldedInto"]] = symptoms.get(r["foldedInto"], 0.0) + share * loss
            else:
                own[r["rule"]] = share * loss
        for rid, charge in own.items():
            total += max(charge, symptoms.get(rid, 0.0))
    return max(0.0, min(100.0, 100.0 * (1.0 - total)))


# ---------------------------------------------------------------------------------------------
# The fit


def evaluate(data: list[dict], p: dict) -> dict:
    scores = {d["name"]: overall(d["rules"], p) for d in data}
    twins: dict[str, dict] = {}
    for d in data:
        if d["pair"]:
            twins.setdefault(d["pair"], {})[d["kind"]] = scores[d["name"]] or 0.0
    violation = 0.0
    for t in twins.values():
        pr, hd = t.get("twin-prototype", 0.0), t.get("twin-hardened", 100.0)
        violation += (max(0.0, pr - (PROTO_MAX - MARGIN)) + max(0.0, (HARDENED_MIN + MARGIN) - hd)
                      + max(0.0, (GAP_MIN + MARGIN) - (hd - pr)))
    controls = [scores[d["name"]] for d in data if d["kind"] == "control" and scores[d["name"]] is not None]
    protos = [scores[d["name"]] for d in data if d["kind"] == "prototype" and scores[d["name"]] is not None]
    pairs = [(c, q) for c in controls for q in protos]
    share = sum(c > q for c, q in pairs) / len(pairs) if pairs else 1.0
    smooth = sum(1.0 / (1.0 + math.exp(-(c - q) / 2.0)) for c, q in pairs) / len(pairs) if pairs else 1.0
    shortfall = sum(max(0.0, CONTROL_MIN - c) for c in controls)
    return {"scores": scores, "twins": twins, "violation": violation, "share": share, "smooth": smooth,
            "shortfall": shortfall, "pairs": len(pairs)}


def prior(p: dict) -> float:
    total = 0.0
    for key in ("cat", "sev", "ded", "mode"):
        total += sum((math.log(a / b)) ** 2 for a, b in zip(p[key], START[key]))
    total += math.log(p["k"] / START["k"]) ** 2
    return total


def loss(data: list[dict], p: dict) -> float:
    e = evaluate(data, p)
    return 10.0 * e["violation"] + 100.0 * (1.0 - e["smooth"]) + 0.2 * e["shortfall"] + 0.5 * prior(p)


def clamp(p: dict) -> dict:
    q = json.loads(json.dumps(p))
    q["cat"] = [min(hi, max(lo, v)) for v, (lo, hi) in zip(q["cat"], BOX["cat"])]
    for key in ("sev", "ded", "mode"):
        lo, hi = BOX[key]
        q[key] = [min(hi, max(lo, v)) for v in q[key]]
    # Severity order is kept: critical ≥ high ≥ medium ≥ low, for weights and deductions alike.
    for key in ("sev", "ded"):
        for i in range(1, 4):
            q[key][i] = min(q[key][i], q[key][i - 1])
    q["k"] = min(BOX["k"][1], max(BOX["k"][0], q["k"]))
    q["share"] = min(BOX["share"][1], max(BOX["share"][0], q["share"]))
    return q


def perturb(p: dict, rng: random.Random, scale: float) -> dict:
    q = json.loads(json.dumps(p))
    for key in ("cat", "sev", "ded", "mode"):
        q[key] = [v * math.exp(rng.gauss(0, scale)) for v in q[key]]
    q["k"] *= math.exp(rng.gauss(0, scale))
    q["share"] *= math.exp(rng.gauss(0, scale / 2))
    return clamp(q)


def fit(data: list[dict], seed: int, rounds: int) -> dict:
    rng = random.Random(seed)
    best, best_loss = clamp(START), loss(data, START)
    for i in range(rounds):
        scale = 0.5 if i < rounds // 2 else 0.15
        cand = perturb(best, rng, scale)
        cl = loss(data, cand)
        if cl < best_loss:
            best, best_loss = cand, cl
    # Coordinate refinement: one parameter at a time, a few step sizes.
    for step in (0.2, 0.1, 0.05):
        improved = True
        while improved:
            improved = False
            for key in ("cat", "sev", "ded", "mode", "k", "share"):
                n = len(best[key]) if isinstance(best[key], list) else 1
                for i in range(n):
                    for sign in (1, -1):
                        cand = json.loads(json.dumps(best))
                        if n > 1 or isinstance(best[key], list):
                            cand[key][i] *= math.exp(sign * step)
                        else:
                            cand[key] *= math.exp(sign * step)
                        cand = clamp(cand)
                        cl = loss(data, cand)
                        if cl < best_loss - 1e-9:
                            best, best_loss, improved = cand, cl, True
    return best


def normalise(p: dict) -> dict:
    """Category weights sum to 100; all numbers rounded for the record (the fit is re-checked)."""
    q = json.loads(json.dumps(p))
    s = sum(q["cat"])
    q["cat"] = [round(100.0 * v / s, 1) for v in q["cat"]]
    q["sev"] = [round(v, 2) for v in q["sev"]]
    q["ded"] = [round(v, 2) for v in q["ded"]]
    q["mode"] = [round(v, 2) for v in q["mode"]]
    q["k"] = round(q["k"], 2)
    q["share"] = round(q["share"], 3)
    return q


def compiled_params(binary: Path) -> dict:
    """The numbers compiled into the binary, read back from fitted_params.cpp."""
    text = PARAMS_CPP.read_text()
    def arr(name):
        line = text[text.index(f".{name} = {{"):]
        return [float(x) for x in line[line.index("{") + 1:line.index("}")].split(",")]
    def num(name):
        line = text[text.index(f".{name} = "):]
        return float(line[len(name) + 4:line.index(",")])
    mode = text[text.index("modeWeight{"):]
    return {"cat": arr("categoryWeight"), "sev": arr("severityWeight")[:4], "ded": arr("deduction")[:4],
            "conf": arr("confidence"), "k": num("shrinkage"), "share": num("maxRuleShare"),
            "mode": [float(x) for x in mode[mode.index("{") + 1:mode.index("}")].split(",")]}


def write_params(p: dict, e: dict):
    fmt = lambda xs: ", ".join(f"{x:g}" for x in xs)  # noqa: E731
    PARAMS_CPP.write_text(f"""// GENERATED by scripts/fit_score.py — do not edit by hand; re-run the fit instead (docs/score.md).
// Fit: twin violations {e['violation']:.1f} points, pair share {e['share']:.3f} over {e['pairs']} pairs.
#include "core/score/model.hpp"
#include "core/score/params.hpp"

namespace agentlens::core {{

const ScoreParams& fittedParams() {{
  static const ScoreParams p{{
      // error-handling, security, observability, configuration, database, deployment, testing
      .categoryWeight = {{{fmt(p['cat'])}}},
      // critical, high, medium, low, info
      .severityWeight = {{{fmt(p['sev'] + [0])}}},
      .deduction = {{{fmt(p['ded'] + [0])}}},
      // high, medium, low
      .confidence = {{{fmt(p['conf'])}}},
      .shrinkage = {p['k']:g},
      .maxRuleShare = {p['share']:g},
  }};
  return p;
}}

// presence, density, check
const std::array<double, 3>& score::fittedModeWeights() {{
  static const std::array<double, 3> modeWeight{{{fmt(p['mode'])}}};
  return modeWeight;
}}

}}  // namespace agentlens::core
""")


def report(data: list[dict], p: dict, title: str) -> dict:
    e = evaluate(data, p)
    print(f"\n== {title}")
    print(f"categories {dict(zip(CATEGORIES, p['cat']))}")
    print(f"severity weights {p['sev']}  deductions {p['ded']}  confidence {p['conf']}  mode {p['mode']}  k {p['k']}  "
          f"max rule share {p['share']} (one finding moves the overall score by at most {100 * p['share']:.1f})")
    print(f"{'pair':<20} {'prototype':>9} {'hardened':>9} {'gap':>6}")
    for name, t in sorted(e["twins"].items()):
        pr, hd = t.get("twin-prototype", 0), t.get("twin-hardened", 0)
        print(f"{name:<20} {pr:9.1f} {hd:9.1f} {hd - pr:6.1f}")
    for kind in ("control", "prototype"):
        rows = sorted(((e["scores"][d["name"]] or 0.0, d["name"]) for d in data if d["kind"] == kind), reverse=True)
        print(f"{kind}s: " + ", ".join(f"{n} {s:.1f}" for s, n in rows))
    print(f"twin violations (with the {MARGIN:g}-point margin) {e['violation']:.1f} points; pair share {e['share']:.3f} of {e['pairs']}; "
          f"control shortfall below 75: {e['shortfall']:.1f} points")
    return e


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", type=Path, default=ROOT / "build" / "agentlens")
    ap.add_argument("--corpus", type=Path,
                    default=Path(os.environ.get("AGENTLENS_ECOSYSTEM", ROOT.parent / "shared" / "ecosystem")))
    ap.add_argument("--data", type=Path, help="fit on a saved fit-data.json instead of running the binary")
    ap.add_argument("--save", type=Path, help="also save the collected data (with the binary's scores) here")
    ap.add_argument("--seed", type=int, default=21)
    ap.add_argument("--rounds", type=int, default=3000)
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--write", action="store_true", help="write core/score/fitted_params.cpp and fit-data.json")
    args = ap.parse_args()

    args.binary = args.binary.resolve()
    if args.data:
        data = json.loads(args.data.read_text())["workspaces"]
    else:
        data = collect(args.binary, args.corpus, args.jobs)
        if args.save:
            args.save.write_text(json.dumps({"workspaces": data}) + "\n")
    current = compiled_params(args.binary)
    # The Python model must reproduce the binary's score before its fit means anything.
    mismatches = [(d["name"], d["score"], overall(d["rules"], current)) for d in data
                  if d["score"] is not None and abs(round(overall(d["rules"], current) or 0, 1) - d["score"]) > 0.11]
    if mismatches and not args.data:  # a saved file may predate the compiled numbers
        for m in mismatches:
            print(f"fit: model mismatch on {m[0]}: binary {m[1]}, model {m[2]}", file=sys.stderr)
        return 1
    report(data, current, "compiled-in numbers")
    best = normalise(fit(data, args.seed, args.rounds))
    best["conf"] = current["conf"]
    e = report(data, best, f"fitted (seed {args.seed}, {args.rounds} rounds)")
    if args.write:
        write_params(best, e)
        keep = ("rule", "category", "severity", "confidence", "mode", "open", "sites", "openBy", "foldedInto")
        FIT_DATA.write_text(json.dumps({"params": best, "workspaces": [
            {"name": d["name"], "kind": d["kind"], "pair": d["pair"], "score": d["score"],
             "rules": [{k: r[k] for k in keep if k in r} for r in d["rules"]]} for d in data]},
            separators=(",", ":"), sort_keys=True) + "\n")
        print(f"\nwrote {PARAMS_CPP.relative_to(ROOT)} and {FIT_DATA.relative_to(ROOT)}; rebuild to use them")
    return 0


if __name__ == "__main__":
    sys.exit(main())
