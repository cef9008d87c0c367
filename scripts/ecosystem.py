#!/usr/bin/env python3
"""Ecosystem check: AgentLens on real public services, judged against hand labels.

Runs `agentlens check --format json` on every repository of the ecosystem corpus (REPOS.tsv in
../shared/ecosystem by default), then
  * joins the findings with tests/ecosystem/labels.tsv (TP / FP / DEBATABLE per finding) and
    prints precision per rule with its Wilson 95% lower bound, overall and for the findings that
    gate the score (blockers);
  * joins tests/ecosystem/misses.tsv (gaps a reviewer found that AgentLens did not report) and
    counts those now reported (same file and category within 3 lines);
  * prints every repository's readiness score, controls and prototypes apart, and the share of
    control-prototype pairs in which the control scores higher;
  * diffs the findings and scores against tests/ecosystem/snapshot.json.

Modes:
  (default)        print the tables and the diff; exit 0
  --check          CI: exit 1 when the findings or scores differ from the snapshot, when a labeled TP
                   is no longer reported (unless the snapshot accepts its loss), or when the label
                   files are malformed
  --update         rewrite the snapshot; refuses while a labeled TP would be lost or a labeled FP
                   the snapshot did not have comes back, unless --accept-regressions is given
  --markdown       print the tables as Markdown (docs/precision.md)
  --worksheet DIR  write per-repository TSVs of the findings to label (the seeded sample for
                   repositories over the sample size), for labeling

A finding's key is (repo, file, line, rule, message hash). A label may leave the hash as '-': it then
matches every finding of that rule on that line; where one line has two findings of a rule with
different messages, the label names the hash.
"""
from __future__ import annotations

import argparse
import concurrent.futures as cf
import hashlib
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ECO_DIR = ROOT / "tests" / "ecosystem"
LABELS = ECO_DIR / "labels.tsv"
MISSES = ECO_DIR / "misses.tsv"
SNAPSHOT = ECO_DIR / "snapshot.json"
# The labeling sample: repositories with more findings than this are labeled on a sample
# stratified by rule, drawn with this seed (docs/precision.md).
SAMPLE_SIZE = 80
SAMPLE_SEED = 18
VERDICTS = ("TP", "FP", "DEBATABLE")
CATEGORIES = ("error-handling", "security", "observability", "configuration", "database",
              "deployment", "testing")
LABEL_COLUMNS = ["repo", "file", "line", "rule", "hash", "verdict", "reason"]
MISS_COLUMNS = ["repo", "category", "file", "line", "what"]
MISS_WINDOW = 3


def msg_hash(message: str) -> str:
    return hashlib.sha1(message.encode("utf-8")).hexdigest()[:8]


@dataclass(frozen=True)
class Finding:
    repo: str
    file: str
    line: int
    rule: str
    hash: str
    category: str
    severity: str
    confidence: str
    message: str
    gate: bool

    @property
    def key(self) -> str:
        return f"{self.file}:{self.line} {self.rule} {self.hash}"


@dataclass
class RepoResult:
    name: str
    group: str
    findings: list[Finding] = field(default_factory=list)
    score: float | None = None
    grade: str = ""
    blockers: int = 0
    seconds: float = 0.0
    error: str = ""


# ---------------------------------------------------------------------------------------------
# Input files


def read_tsv(path: Path, columns: list[str]) -> tuple[list[dict], list[str]]:
    """Rows of a TSV whose first line is the header; '#' lines are comments. Returns rows, errors."""
    rows, errors = [], []
    if not path.exists():
        return rows, [f"{path}: missing"]
    with path.open(encoding="utf-8") as fh:
        header = None
        for n, raw in enumerate(fh, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                if header[: len(columns)] != columns:
                    errors.append(f"{path.name}:{n}: header must start with {' '.join(columns)}")
                    return rows, errors
                continue
            if len(cells) < len(columns):
                errors.append(f"{path.name}:{n}: {len(cells)} columns, expected {len(columns)}")
                continue
            row = dict(zip(columns, cells[: len(columns)]))
            row["_line"] = n
            rows.append(row)
    return rows, errors


def load_repos(corpus: Path) -> list[dict]:
    rows, errors = read_tsv(corpus / "REPOS.tsv", ["name", "repo", "commit", "license", "group"])
    if errors:
        sys.exit("ecosystem: " + "; ".join(errors))
    return rows


def load_labels() -> tuple[dict, list[str]]:
    rows, errors = read_tsv(LABELS, LABEL_COLUMNS)
    labels: dict[tuple, dict] = {}
    for r in rows:
        where = f"labels.tsv:{r['_line']}"
        if r["verdict"] not in VERDICTS:
            errors.append(f"{where}: verdict must be one of {', '.join(VERDICTS)}")
            continue
        if r["verdict"] != "TP" and not r["reason"].strip():
            errors.append(f"{where}: a {r['verdict']} label needs a reason")
        try:
            line = int(r["line"])
        except ValueError:
            errors.append(f"{where}: line is not a number")
            continue
        key = (r["repo"], r["file"], line, r["rule"], r["hash"] or "-")
        if key in labels:
            errors.append(f"{where}: duplicate label (first at line {labels[key]['_line']})")
        labels[key] = r
    return labels, errors


def load_misses() -> tuple[list[dict], list[str]]:
    rows, errors = read_tsv(MISSES, MISS_COLUMNS)
    good = []
    for r in rows:
        where = f"misses.tsv:{r['_line']}"
        if r["category"] not in CATEGORIES:
            errors.append(f"{where}: unknown category {r['category']!r}")
            continue
        try:
            r["line"] = int(r["line"])
        except ValueError:
            errors.append(f"{where}: line is not a number")
            continue
        if not r["what"].strip():
            errors.append(f"{where}: say what is missing")
            continue
        good.append(r)
    return good, errors


def label_for(labels: dict, f: Finding) -> dict | None:
    return labels.get((f.repo, f.file, f.line, f.rule, f.hash)) or labels.get(
        (f.repo, f.file, f.line, f.rule, "-"))


# ---------------------------------------------------------------------------------------------
# Running the checker


def gating_rules(binary: Path) -> set[str]:
    out = subprocess.run([str(binary), "rules", "--format", "json"], capture_output=True, text=True,
                         check=True).stdout
    data = json.loads(out)
    rules = data["rules"] if isinstance(data, dict) else data
    return {r["id"] for r in rules if r.get("gate")}


def gates(f: dict, gating: set[str]) -> bool:
    """A finding is a blocker (fails the readiness gate) as core/score/readiness.cpp decides: a gate
    rule's critical or high finding of high confidence (score version 2, docs/score.md)."""
    if f["rule"] not in gating or f.get("suppressed"):
        return False
    sev, conf = f.get("severity"), f.get("confidence", "high")
    return sev in ("critical", "high") and conf == "high"


# Lockfiles the corpus left out for size (DROPPED.tsv) exist in the real repositories: the check
# runs on a copy with a stub in their place, so "no lockfile" is not reported for a trimmed one.
LOCKFILE_STUBS = {
    "package-lock.json": '{"lockfileVersion": 3, "packages": {}}\n',
    "yarn.lock": "# yarn lockfile v1\n",
    "pnpm-lock.yaml": "lockfileVersion: '9.0'\n",
    "go.sum": "",
    "uv.lock": "version = 1\n",
    "poetry.lock": "# stub\n",
}


def dropped_lockfiles(corpus: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    path = corpus / "DROPPED.tsv"
    if path.exists():
        rows, _ = read_tsv(path, ["name", "path"])
        for r in rows:
            if Path(r["path"]).name in LOCKFILE_STUBS:
                out[r["name"]].append(r["path"])
    return out


def checkout(corpus: Path, repo: dict, dropped: list[str], scratch: Path) -> Path:
    """The folder to check: the corpus folder itself, or a copy with the dropped lockfiles stubbed."""
    src = corpus / repo["name"]
    if not dropped:
        return src
    dst = scratch / repo["name"]
    # Contents only, not permission bits: the corpus may be read-only, the copy must take the stubs.
    shutil.copytree(src, dst, symlinks=True, copy_function=shutil.copyfile,
                    ignore_dangling_symlinks=True)
    for d in [dst, *(p for p in dst.rglob("*") if p.is_dir() and not p.is_symlink())]:
        d.chmod(0o755)
    for rel in dropped:
        (dst / rel).write_text(LOCKFILE_STUBS[Path(rel).name], encoding="utf-8")
    return dst


def run_repo(binary: Path, where: Path, repo: dict, gating: set[str]) -> RepoResult:
    res = RepoResult(repo["name"], repo["group"])
    start = time.monotonic()
    # --no-cache: every run judges the code afresh; --no-baseline: nothing of the repository's
    # own is accepted; the HOME-independent config lookup stays inside the repository.
    cmd = [str(binary), "check", "--format", "json", "--no-cache", "--no-baseline", "--fail-on",
           "none", "-q", "-j", "1", "."]
    proc = subprocess.run(cmd, cwd=where, capture_output=True, text=True)
    res.seconds = time.monotonic() - start
    if proc.returncode not in (0, 1):
        res.error = f"exit {proc.returncode}: {proc.stderr.strip()[:300]}"
        return res
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError as e:
        res.error = f"bad JSON: {e}"
        return res
    for f in report.get("findings", []):
        if f.get("suppressed"):
            continue
        res.findings.append(Finding(
            repo=repo["name"], file=f["file"], line=f["range"]["start"]["line"], rule=f["rule"],
            hash=msg_hash(f["message"]), category=f["category"], severity=f["severity"],
            confidence=f.get("confidence", "high"), message=f["message"], gate=gates(f, gating)))
    res.findings.sort(key=lambda x: (x.file, x.line, x.rule, x.hash))
    rd = report.get("readiness") or {}
    if rd.get("score") is not None:
        res.score = round(float(rd["score"]), 1)
    res.grade = rd.get("grade", "")
    res.blockers = int(rd.get("blockers", 0))
    return res


def run_all(binary: Path, corpus: Path, repos: list[dict], jobs: int) -> list[RepoResult]:
    binary = binary.resolve()  # each check runs in its repository's folder
    gating = gating_rules(binary)
    dropped = dropped_lockfiles(corpus)
    # Largest repositories first so the pool's tail is short.
    order = sorted(repos, key=lambda r: -int(r.get("loc") or 0))
    with tempfile.TemporaryDirectory(prefix="agentlens-ecosystem-") as scratch:
        with cf.ThreadPoolExecutor(max_workers=jobs) as pool:
            futs = {r["name"]: pool.submit(
                lambda r=r: run_repo(binary, checkout(corpus, r, dropped.get(r["name"], []), Path(scratch)),
                                     r, gating)) for r in order}
            return [futs[r["name"]].result() for r in repos]


# ---------------------------------------------------------------------------------------------
# Statistics


def wilson_lower(tp: int, n: int, z: float = 1.96) -> float:
    if n == 0:
        return 0.0
    p = tp / n
    denom = 1 + z * z / n
    centre = p + z * z / (2 * n)
    margin = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, (centre - margin) / denom)


def precision(tp: int, fp: int, deb: int) -> float | None:
    """TP over all labeled: a DEBATABLE finding is not one a strict reviewer wants flagged."""
    n = tp + fp + deb
    return tp / n if n else None


def sample(findings: list[Finding], size: int = SAMPLE_SIZE, seed: int = SAMPLE_SEED) -> list[Finding]:
    """Seeded random sample stratified by rule: every rule keeps at least one finding, the rest of
    the budget is shared in proportion to the rules' counts (largest remainders first). The order
    inside a rule comes from a keyed hash, so the draw of one finding does not depend on the others."""
    if len(findings) <= size:
        return list(findings)
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_rule[f.rule].append(f)
    rules = sorted(by_rule)
    quota = {r: 1 for r in rules}
    left = size - len(rules)
    if left > 0:
        total = sum(len(by_rule[r]) - 1 for r in rules)
        shares = {r: left * (len(by_rule[r]) - 1) / total if total else 0 for r in rules}
        for r in rules:
            quota[r] += int(shares[r])
        rest = size - sum(quota.values())
        rng = random.Random(seed)
        ties = {r: rng.random() for r in rules}
        for r in sorted(rules, key=lambda r: (-(shares[r] - int(shares[r])), ties[r]))[:rest]:
            quota[r] += 1
    picked = []
    for r in rules:
        ordered = sorted(by_rule[r], key=lambda f: hashlib.sha1(
            f"{seed}|{f.repo}|{f.key}".encode()).hexdigest())
        picked.extend(ordered[: min(quota[r], len(ordered))])
    return sorted(picked, key=lambda x: (x.file, x.line, x.rule, x.hash))


# ---------------------------------------------------------------------------------------------
# Tables


class Out:
    """Plain text or Markdown tables."""

    def __init__(self, markdown: bool):
        self.md = markdown
        self.lines: list[str] = []

    def heading(self, text: str):
        self.lines.append("")
        self.lines.append(f"### {text}" if self.md else f"== {text}")
        self.lines.append("")

    def para(self, text: str):
        self.lines.append(text)

    def table(self, header: list[str], rows: list[list], align: str | None = None):
        cells = [[str(c) for c in header]] + [[fmt(c) for c in r] for r in rows]
        align = align or "l" + "r" * (len(header) - 1)
        if self.md:
            self.lines.append("| " + " | ".join(cells[0]) + " |")
            self.lines.append("|" + "|".join("---:" if a == "r" else "---" for a in align) + "|")
            for r in cells[1:]:
                self.lines.append("| " + " | ".join(r) + " |")
            return
        widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
        for r in cells:
            self.lines.append("  ".join(c.rjust(w) if a == "r" else c.ljust(w)
                                        for c, w, a in zip(r, widths, align)).rstrip())

    def text(self) -> str:
        return "\n".join(self.lines).strip("\n") + "\n"


def fmt(v) -> str:
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:.2f}"
    return str(v)


@dataclass
class Tally:
    n: int = 0
    tp: int = 0
    fp: int = 0
    deb: int = 0
    unlabeled: int = 0

    def add(self, verdict: str | None):
        self.n += 1
        if verdict == "TP":
            self.tp += 1
        elif verdict == "FP":
            self.fp += 1
        elif verdict == "DEBATABLE":
            self.deb += 1
        else:
            self.unlabeled += 1

    @property
    def labeled(self) -> int:
        return self.tp + self.fp + self.deb

    def row(self, name: str) -> list:
        p = precision(self.tp, self.fp, self.deb)
        return [name, self.n, self.labeled, self.tp, self.fp, self.deb, p,
                wilson_lower(self.tp, self.labeled) if self.labeled else None]


PREC_HEADER = ["rule", "findings", "labeled", "TP", "FP", "DEB", "precision", "wilson95-low"]


def findings_by_file_category(results: list[RepoResult]) -> dict:
    by_file_cat = defaultdict(list)
    for r in results:
        for f in r.findings:
            by_file_cat[(f.repo, f.file, f.category)].append(f.line)
    return by_file_cat


def miss_reported(m: dict, by_file_cat: dict) -> bool:
    return any(abs(l - m["line"]) <= MISS_WINDOW for l in by_file_cat[(m["repo"], m["file"], m["category"])])


def list_misses(results: list[RepoResult], misses: list[dict], category: str | None) -> str:
    """The reviewer's misses still not reported, a line each (the work list for recall)."""
    by_file_cat = findings_by_file_category(results)
    rows = [m for m in misses if not miss_reported(m, by_file_cat) and (not category or m["category"] == category)]
    rows.sort(key=lambda m: (m["category"], m["repo"], m["file"], m["line"]))
    return "".join(f'{m["category"]}\t{m["repo"]}\t{m["file"]}:{m["line"]}\t{m["what"]}\n' for m in rows)


def report(results: list[RepoResult], labels: dict, misses: list[dict], md: bool) -> tuple[str, dict]:
    out = Out(md)
    all_findings = [f for r in results for f in r.findings]
    per_rule: dict[str, Tally] = defaultdict(Tally)
    overall, gate, per_cat = Tally(), Tally(), defaultdict(Tally)
    unlabeled_by_repo = Counter()
    for f in all_findings:
        lab = label_for(labels, f)
        v = lab["verdict"] if lab else None
        per_rule[f.rule].add(v)
        overall.add(v)
        per_cat[f.category].add(v)
        if f.gate:
            gate.add(v)
        if not lab:
            unlabeled_by_repo[f.repo] += 1

    out.heading("Precision per rule (labeled findings; DEBATABLE counts against precision)")
    rows = [per_rule[r].row(r) for r in sorted(per_rule, key=lambda r: (-per_rule[r].n, r))]
    rows.append(overall.row("ALL"))
    rows.append(gate.row("BLOCKERS (gate the score)"))
    out.table(PREC_HEADER, rows)

    out.heading("Precision per category")
    out.table(["category"] + PREC_HEADER[1:],
              [per_cat[c].row(c) for c in CATEGORIES if c in per_cat])

    # False-positive classes: the reason's leading tag ("test-code: ..."), per rule.
    classes: dict[tuple, list[Finding]] = defaultdict(list)
    for f in all_findings:
        lab = label_for(labels, f)
        if lab and lab["verdict"] == "FP":
            tag = lab["reason"].split(":", 1)[0].strip() if ":" in lab["reason"] else "untagged"
            classes[(f.rule, tag)].append(f)
    out.heading("Top false-positive classes (rule, reason tag) still reported")
    top = sorted(classes.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:15]
    out.table(["rule", "class", "FP", "example"],
              [[rule, tag, len(fs), f"{fs[0].repo}/{fs[0].file}:{fs[0].line}"] for (rule, tag), fs in top],
              "llrl")

    # Labels' memory: labeled TPs must stay reported, labeled FPs are fixed when gone.
    present = {(f.repo, f.file, f.line, f.rule, f.hash) for f in all_findings}
    present_any = {(f.repo, f.file, f.line, f.rule) for f in all_findings}
    lost_tp, fixed_fp = [], []
    n_tp = n_fp = 0
    for key, lab in labels.items():
        here = (key in present) if key[4] != "-" else (key[:4] in present_any)
        if lab["verdict"] == "TP":
            n_tp += 1
            if not here:
                lost_tp.append(key)
        elif lab["verdict"] == "FP":
            n_fp += 1
            if not here:
                fixed_fp.append(key)
    out.heading("Labels over time")
    out.table(["", "count", "share"], [
        ["labeled TPs still reported", n_tp - len(lost_tp), (n_tp - len(lost_tp)) / n_tp if n_tp else None],
        ["labeled FPs no longer reported", len(fixed_fp), len(fixed_fp) / n_fp if n_fp else None],
        ["unlabeled findings (new behaviour to label)", sum(unlabeled_by_repo.values()), None],
    ])

    # Recall against the reviewer's misses.
    by_file_cat = findings_by_file_category(results)
    reported = [m for m in misses if miss_reported(m, by_file_cat)]
    out.heading(f"Misses now reported (same file and category within {MISS_WINDOW} lines)")
    miss_cat = Counter(m["category"] for m in misses)
    rep_cat = Counter(m["category"] for m in reported)
    out.table(["category", "misses", "reported", "share"],
              [[c, miss_cat[c], rep_cat[c], rep_cat[c] / miss_cat[c]] for c in CATEGORIES if miss_cat[c]]
              + [["ALL", len(misses), len(reported), len(reported) / len(misses) if misses else None]])

    out.heading("Readiness per repository")
    groups = {"control": [], "prototype": []}
    for r in results:
        groups.setdefault(r.group, []).append(r)
    rows = []
    for g in ("control", "prototype"):
        for r in sorted(groups[g], key=lambda r: -(r.score or 0)):
            t = Tally()
            for f in r.findings:
                lab = label_for(labels, f)
                t.add(lab["verdict"] if lab else None)
            rows.append([r.name, g, f"{r.score:.1f}" if r.score is not None else None, r.grade, r.blockers, len(r.findings), t.labeled,
                         precision(t.tp, t.fp, t.deb), r.error or ""])
    out.table(["repo", "group", "score", "grade", "blockers", "findings", "labeled", "precision", "error"],
              rows, "llrlrrrrl")
    pairs = wins = 0
    for c in groups["control"]:
        for p in groups["prototype"]:
            if c.score is None or p.score is None:
                continue
            pairs += 1
            wins += c.score > p.score
    mean = lambda xs: sum(xs) / len(xs) if xs else None  # noqa: E731
    cs = [r.score for r in groups["control"] if r.score is not None]
    ps = [r.score for r in groups["prototype"] if r.score is not None]
    out.para("")
    out.para(f"control mean {fmt(mean(cs))}, prototype mean {fmt(mean(ps))}; control scores higher in "
             f"{wins} of {pairs} control-prototype pairs ({fmt(wins / pairs if pairs else None)})")

    summary = {
        "precision": precision(overall.tp, overall.fp, overall.deb),
        "blocker_precision": precision(gate.tp, gate.fp, gate.deb),
        "labeled": overall.labeled, "findings": overall.n,
        "tp_kept": (n_tp - len(lost_tp)) / n_tp if n_tp else None,
        "misses": len(misses), "misses_reported": len(reported),
        "pair_share": wins / pairs if pairs else None,
        "lost_tp": lost_tp, "fixed_fp": fixed_fp,
    }
    return out.text(), summary


# ---------------------------------------------------------------------------------------------
# Snapshot


def snapshot_of(results: list[RepoResult], accepted_lost: list[str]) -> dict:
    return {
        "comment": "make ecosystem --update writes this; every change is reviewed (docs/precision.md)",
        "repos": {r.name: {"score": r.score, "blockers": r.blockers,
                           "findings": [f.key for f in r.findings]} for r in results},
        "acceptedLostTPs": sorted(accepted_lost),
    }


def write_snapshot(snap: dict):
    # One finding per line, so a review reads the diff.
    lines = ["{", f'  "comment": {json.dumps(snap["comment"])},', '  "repos": {']
    names = sorted(snap["repos"])
    for i, name in enumerate(names):
        r = snap["repos"][name]
        lines.append(f"    {json.dumps(name)}: {{")
        lines.append(f'      "score": {json.dumps(r["score"])}, "blockers": {r["blockers"]},')
        lines.append('      "findings": [')
        fs = r["findings"]
        for j, k in enumerate(fs):
            lines.append(f"        {json.dumps(k)}{',' if j + 1 < len(fs) else ''}")
        lines.append("      ]")
        lines.append(f"    }}{',' if i + 1 < len(names) else ''}")
    lines.append("  },")
    lines.append(f'  "acceptedLostTPs": {json.dumps(snap["acceptedLostTPs"], indent=4)}')
    lines.append("}")
    SNAPSHOT.write_text("\n".join(lines) + "\n", encoding="utf-8")


def lost_key(key: tuple) -> str:
    return f"{key[0]}/{key[1]}:{key[2]} {key[3]} {key[4]}"


def diff_snapshot(old: dict, results: list[RepoResult]) -> tuple[list[str], int]:
    """Lines describing what changed against the snapshot, and the number of changes."""
    lines, changes = [], 0
    old_repos = old.get("repos", {})
    for r in results:
        before = old_repos.get(r.name)
        if before is None:
            lines.append(f"{r.name}: not in the snapshot ({len(r.findings)} findings)")
            changes += 1
            continue
        b, a = Counter(before["findings"]), Counter(f.key for f in r.findings)
        added, removed = a - b, b - a
        if before.get("score") != r.score:
            lines.append(f"{r.name}: score {before.get('score')} -> {r.score}")
            changes += 1
        if before.get("blockers") != r.blockers:
            lines.append(f"{r.name}: blockers {before.get('blockers')} -> {r.blockers}")
            changes += 1
        if added or removed:
            per_rule = defaultdict(lambda: [0, 0])
            for k, n in added.items():
                per_rule[k.split(" ")[1]][0] += n
            for k, n in removed.items():
                per_rule[k.split(" ")[1]][1] += n
            desc = ", ".join(f"{rule} +{p}/-{m}" for rule, (p, m) in sorted(per_rule.items()))
            lines.append(f"{r.name}: {sum(added.values())} added, {sum(removed.values())} removed ({desc})")
            for k in sorted(added.elements()):
                lines.append(f"    + {k}")
            for k in sorted(removed.elements()):
                lines.append(f"    - {k}")
            changes += sum(added.values()) + sum(removed.values())
    for name in sorted(set(old_repos) - {r.name for r in results}):
        lines.append(f"{name}: in the snapshot but not in the corpus")
        changes += 1
    return lines, changes


# ---------------------------------------------------------------------------------------------


def write_worksheets(results: list[RepoResult], labels: dict, outdir: Path):
    """<repo>.tsv: the findings to label (the seeded sample where a repository has more than
    SAMPLE_SIZE), with the current label if any; <repo>.all.tsv: every finding, for finding misses."""
    outdir.mkdir(parents=True, exist_ok=True)
    for r in results:
        chosen = sample(r.findings)
        for name, rows in ((f"{r.name}.tsv", chosen), (f"{r.name}.all.tsv", r.findings)):
            with (outdir / name).open("w", encoding="utf-8") as fh:
                fh.write("\t".join(LABEL_COLUMNS + ["severity", "gate", "message"]) + "\n")
                for f in rows:
                    lab = label_for(labels, f)
                    fh.write("\t".join([f.repo, f.file, str(f.line), f.rule, f.hash,
                                        lab["verdict"] if lab else "", lab["reason"] if lab else "",
                                        f.severity, "gate" if f.gate else "",
                                        f.message.replace("\t", " ").replace("\n", " ")]) + "\n")
        print(f"{r.name}: {len(chosen)} of {len(r.findings)} findings -> {outdir / (r.name + '.tsv')}")


def import_worksheets(results: list[RepoResult], labels: dict, indir: Path) -> int:
    """Merges filled worksheets (<repo>.tsv from --worksheet, verdict and reason filled in) into
    labels.tsv. The hash is kept only where one line has two findings of a rule with different
    messages; existing labels are kept (a worksheet row for an already labeled finding replaces it)."""
    current = {(f.repo, f.file, f.line, f.rule): [] for r in results for f in r.findings}
    for r in results:
        for f in r.findings:
            current[(f.repo, f.file, f.line, f.rule)].append(f.hash)
    merged = {k: dict(v) for k, v in labels.items()}
    errors = 0
    for path in sorted(indir.glob("*.tsv")):
        if path.name.endswith(".all.tsv"):
            continue
        rows, errs = read_tsv(path, LABEL_COLUMNS)
        for e in errs:
            print(f"ecosystem: {e}", file=sys.stderr)
        errors += len(errs)
        for row in rows:
            where = f"{path.name}:{row['_line']}"
            verdict = row["verdict"].strip().upper()
            reason = " ".join(row["reason"].split())
            if verdict not in VERDICTS or (verdict != "TP" and not reason):
                print(f"ecosystem: {where}: needs a verdict (and a reason unless TP)", file=sys.stderr)
                errors += 1
                continue
            base = (row["repo"], row["file"], int(row["line"]), row["rule"])
            hashes = current.get(base)
            if hashes is None:
                print(f"ecosystem: {where}: no such finding now; skipped", file=sys.stderr)
                errors += 1
                continue
            keyed = len(set(hashes)) > 1
            key = base + ((row["hash"],) if keyed else ("-",))
            if keyed:
                merged.pop(base + ("-",), None)
            merged[key] = {"repo": base[0], "file": base[1], "line": str(base[2]), "rule": base[3],
                           "hash": key[4], "verdict": verdict, "reason": reason}
    with LABELS.open("w", encoding="utf-8") as fh:
        fh.write("\t".join(LABEL_COLUMNS) + "\n")
        for key in sorted(merged, key=lambda k: (k[0], k[1], int(k[2]), k[3], k[4])):
            lab = merged[key]
            fh.write("\t".join(str(lab[c]) for c in LABEL_COLUMNS) + "\n")
    print(f"{len(merged)} labels in {LABELS}; {errors} problems")
    return 1 if errors else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path,
                    default=Path(os.environ.get("AGENTLENS_ECOSYSTEM", ROOT.parent / "shared" / "ecosystem")))
    ap.add_argument("--binary", type=Path, default=Path(os.environ.get("AGENTLENS_BIN", ROOT / "build" / "agentlens")))
    ap.add_argument("--data", type=Path, default=ECO_DIR,
                    help="folder of labels.tsv, misses.tsv and snapshot.json (tests/ecosystem)")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2)
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true")
    mode.add_argument("--update", action="store_true")
    mode.add_argument("--worksheet", type=Path)
    mode.add_argument("--misses", nargs="?", const="", metavar="CATEGORY",
                      help="list the reviewer's misses (misses.tsv) still not reported, optionally of one category")
    mode.add_argument("--import", dest="import_dir", type=Path,
                      help="merge filled worksheets from this folder into labels.tsv")
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--docs", action="store_true",
                    help="with --markdown: rewrite the tables in docs/precision.md")
    ap.add_argument("--accept-regressions", action="store_true")
    ap.add_argument("--skip-missing-corpus", action="store_true",
                    help="exit 77 (skipped) when the corpus is not there")
    args = ap.parse_args()
    global LABELS, MISSES, SNAPSHOT
    LABELS, MISSES, SNAPSHOT = args.data / "labels.tsv", args.data / "misses.tsv", args.data / "snapshot.json"

    if not (args.corpus / "REPOS.tsv").exists():
        msg = f"ecosystem: no corpus at {args.corpus} (set AGENTLENS_ECOSYSTEM)"
        if args.skip_missing_corpus:
            print(msg + "; skipped")
            return 77
        print(msg, file=sys.stderr)
        return 2
    args.binary = args.binary.resolve()  # the checks run inside each repository
    if not args.binary.exists():
        print(f"ecosystem: no binary at {args.binary} (make build, or set AGENTLENS_BIN)", file=sys.stderr)
        return 2

    repos = load_repos(args.corpus)
    labels, label_errors = load_labels()
    misses, miss_errors = load_misses()
    for e in label_errors + miss_errors:
        print(f"ecosystem: {e}", file=sys.stderr)

    t0 = time.monotonic()
    results = run_all(args.binary, args.corpus, repos, args.jobs)
    elapsed = time.monotonic() - t0
    failed = [r for r in results if r.error]
    for r in failed:
        print(f"ecosystem: {r.name}: {r.error}", file=sys.stderr)

    if args.worksheet:
        write_worksheets(results, labels, args.worksheet)
        return 0
    if args.import_dir:
        return import_worksheets(results, labels, args.import_dir)
    if args.misses is not None:
        print(list_misses(results, misses, args.misses or None), end="")
        return 0

    text, summary = report(results, labels, misses, args.markdown)
    old = json.loads(SNAPSHOT.read_text(encoding="utf-8")) if SNAPSHOT.exists() else {"repos": {}}
    accepted = set(old.get("acceptedLostTPs", []))
    lost = [lost_key(k) for k in summary["lost_tp"]]
    unaccepted_lost = [k for k in lost if k not in accepted]
    diff, changes = diff_snapshot(old, results)

    if not args.markdown:
        print(text, end="")
        print(f"\n== Against the snapshot ({SNAPSHOT})\n")
        print("\n".join(diff) if diff else "no change")
        if unaccepted_lost:
            print(f"\nlabeled TPs no longer reported ({len(unaccepted_lost)}):")
            for k in unaccepted_lost:
                print(f"    {k}")
        slowest = max(results, key=lambda r: r.seconds)
        print(f"\n{len(results)} repositories, {summary['findings']} findings in {elapsed:.1f} s "
              f"({args.jobs} jobs; slowest {slowest.name} {slowest.seconds:.1f} s)")
    elif args.docs:
        doc = ROOT / "docs" / "precision.md"
        body = doc.read_text(encoding="utf-8")
        begin, end = "<!-- ecosystem:begin -->", "<!-- ecosystem:end -->"
        if begin not in body or end not in body:
            print(f"ecosystem: {doc} has no {begin} … {end} section", file=sys.stderr)
            return 2
        head, rest = body.split(begin, 1)
        doc.write_text(head + begin + "\n" + text + rest[rest.index(end):], encoding="utf-8")
        print(f"tables written to {doc}")
    else:
        print(text, end="")

    if args.update:
        old_keys = {(name, k) for name, r in old.get("repos", {}).items() for k in r["findings"]}
        returned = []
        for r in results:
            for f in r.findings:
                lab = label_for(labels, f)
                if lab and lab["verdict"] == "FP" and old.get("repos") and (r.name, f.key) not in old_keys:
                    returned.append(f"{r.name}/{f.key}")
        if (unaccepted_lost or returned) and not args.accept_regressions:
            for k in returned:
                print(f"ecosystem: labeled FP comes back: {k}", file=sys.stderr)
            for k in unaccepted_lost:
                print(f"ecosystem: labeled TP lost: {k}", file=sys.stderr)
            print("ecosystem: snapshot not written; fix the regression or pass --accept-regressions",
                  file=sys.stderr)
            return 1
        keep = sorted((accepted & set(lost)) | (set(unaccepted_lost) if args.accept_regressions else set()))
        write_snapshot(snapshot_of(results, keep))
        print(f"\nsnapshot written: {SNAPSHOT}")
        return 0

    if args.check:
        problems = []
        if failed:
            problems.append(f"{len(failed)} repositories failed to run")
        if label_errors or miss_errors:
            problems.append(f"{len(label_errors) + len(miss_errors)} errors in the label files")
        if changes:
            problems.append(f"{changes} changes against the snapshot: review them and run "
                            "`make ecosystem ARGS=--update` in the same commit")
        if unaccepted_lost:
            problems.append(f"{len(unaccepted_lost)} labeled TPs are no longer reported")
        if problems:
            print("\necosystem check FAILED: " + "; ".join(problems), file=sys.stderr)
            return 1
        print("\necosystem check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
