#!/usr/bin/env node
// The GitHub Action's last step (action.yml): the readiness score of one `agentlens check
// --format json` report as Markdown for the job summary ($GITHUB_STEP_SUMMARY, else stdout), the
// score as a step output ($GITHUB_OUTPUT), and the gate: exit 1 when the score is under
// AL_FAIL_UNDER or a finding is at or above AL_FAIL_ON (error, warning, info, hint; none = never).
//   node scripts/action_summary.js REPORT.json      (env: AL_TITLE, AL_FAIL_UNDER, AL_FAIL_ON)
"use strict";
const fs = require("fs");

const LEVELS = ["error", "warning", "info", "hint"];
const report = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const title = process.env.AL_TITLE || ".";
const r = report.readiness || {};
const fmt = (x) => (typeof x === "number" ? x.toFixed(1) : "n/a");

const lines = [`### AgentLens: ${title}`, ""];
if (typeof r.score === "number") {
  let head = `**Readiness ${fmt(r.score)}/100 (${r.grade})** — ${r.label}`;
  if (r.blockers) head += ` · ${r.blockers} blocker${r.blockers === 1 ? "" : "s"}`;
  if (report.since && typeof report.since.scoreDelta === "number")
    head += ` · ${report.since.scoreDelta >= 0 ? "+" : ""}${report.since.scoreDelta.toFixed(1)} since ${report.since.ref}`;
  lines.push(head, "");
} else {
  lines.push("Readiness: nothing to assess (no supported source files).", "");
}
if (report.since)
  lines.push(`New code since \`${report.since.ref}\`: ${report.since.changedFiles} changed file(s); ${report.since.hiddenFindings} older finding(s) on unchanged code not shown.`, "");
const cats = Object.entries(r.categories || {}).filter(([, c]) => c.applicable);
if (cats.length) {
  lines.push("| category | score | grade | findings |", "|---|---:|:---:|---:|");
  for (const [name, c] of cats) lines.push(`| ${name} | ${fmt(c.score)} | ${c.grade} | ${c.findings} |`);
  lines.push("");
}
// Per service (a monorepo's services, or one service below the root): score, grade and gate.
const services = (r.services || []).filter((x) => typeof x.score === "number");
if (services.length > 1 || (services.length === 1 && services[0].root)) {
  lines.push("| service | path | score | grade | gate |", "|---|---|---:|:---:|---|");
  for (const x of services) {
    const gate = x.gate || {};
    const verdict = gate.passed === false ? `${gate.blockers} blocker${gate.blockers === 1 ? "" : "s"}` : "ready";
    lines.push(`| ${x.name} | \`${x.root || "."}\` | ${fmt(x.score)} | ${x.grade} | ${verdict} |`);
  }
  lines.push("");
}
const s = report.summary || {};
lines.push(`Findings: ${s.errors || 0} error(s), ${s.warnings || 0} warning(s), ${s.infos || 0} info, ${s.hints || 0} hint(s).`, "");

let failed = [];
const under = process.env.AL_FAIL_UNDER;
if (under && typeof r.score === "number" && r.score < Number(under))
  failed.push(`readiness ${fmt(r.score)} is below fail-under ${Number(under).toFixed(1)}`);
const failOn = process.env.AL_FAIL_ON || "none";
if (failOn !== "none") {
  const limit = LEVELS.indexOf(failOn);
  if (limit < 0) failed.push(`fail-on: unknown level '${failOn}'`);
  else {
    const n = (report.findings || []).filter((f) => !f.suppressed && LEVELS.indexOf(f.level) <= limit && LEVELS.indexOf(f.level) >= 0).length;
    if (n) failed.push(`${n} finding(s) at or above ${failOn}`);
  }
}
if (failed.length) lines.push(`**Failed:** ${failed.join("; ")}.`, "");

const md = lines.join("\n") + "\n";
if (process.env.GITHUB_STEP_SUMMARY) fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, md);
else process.stdout.write(md);
if (process.env.GITHUB_OUTPUT && typeof r.score === "number") fs.appendFileSync(process.env.GITHUB_OUTPUT, `score=${r.score}\n`);
for (const f of failed) process.stderr.write(`agentlens: ${f}\n`);
process.exit(failed.length ? 1 : 0);
