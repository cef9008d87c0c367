// Unit tests of the extension's own logic (no VS Code needed): node --test.
import assert from "node:assert/strict";
import { test } from "node:test";

import { Readiness } from "../src/logic/model";
import { escapeHtml, renderReadinessHtml, statusText } from "../src/logic/readinessView";
import { codeActionsOnSave, toServerSettings } from "../src/logic/settings";

const sample: Readiness = {
  score: 42.5,
  grade: "D",
  label: "not ready",
  blockers: 1,
  categories: {
    security: { applicable: true, score: 39, grade: "E", findings: 3, cap: { value: 39, cause: "hardcoded-secret" } },
    database: { applicable: false, score: null, grade: "-", findings: 0 },
  },
  plan: [
    {
      rule: "hardcoded-secret",
      title: "Secrets out of code <now>",
      category: "security",
      severity: "critical",
      blocker: true,
      bucket: "before-first-deploy",
      why: "Anything committed is readable by everyone.",
      findings: 2,
      files: ["app.py"],
      locations: [
        { file: "app.py", line: 7, column: 28 },
        { file: "app.py", line: 9, column: 18 },
      ],
      expectedGain: { overall: 12.3, category: 40, categoryBefore: 39, categoryAfter: 79 },
      effort: "S",
      fix: { automatic: true, text: "Quick fix available" },
      handoff: "Task: Secrets out of code",
    },
  ],
  questions: [],
  handoff: "Make this service production-ready.",
};

test("settings map to the server's configuration, dropping malformed entries", () => {
  const base = { enable: true, select: [], ignore: [], severity: {}, exclude: [], diagnosticsScope: "workspace", fixOnSave: false, trace: "off" };
  const s = toServerSettings({
    ...base,
    select: ["security", "Bad Id", "swallowed-exception", "security"],
    // The server's levels only (docs/protocol.md): a finding's severity name is not a level.
    severity: { "print-instead-of-logging": "INFO", "debugger-leftover": "Error", "x-rule": "loud", "hardcoded-secret": "critical" },
    exclude: ["  ", "dist/**"],
    fixOnSave: true,
  });
  assert.deepEqual(s, {
    select: ["security", "swallowed-exception"],
    severity: { "print-instead-of-logging": "info", "debugger-leftover": "error" },
    exclude: ["dist/**"],
  });
  assert.deepEqual(toServerSettings(base), {}, "defaults send nothing");
  assert.deepEqual(toServerSettings({ ...base, enable: false, diagnosticsScope: "openFiles" }), { enable: false, diagnosticsScope: "openFiles" });
  assert.deepEqual(toServerSettings({ ...base, diagnosticsScope: "bogus" }), {});
  assert.deepEqual(codeActionsOnSave({ ...base, fixOnSave: true }), ["source.fixAll.agentlens"]);
  assert.deepEqual(codeActionsOnSave(base), []);
});

test("status bar shows score, grade and blockers", () => {
  const st = statusText(sample);
  assert.equal(st.text, "$(pulse) AgentLens 43 · D");
  assert.match(st.tooltip, /42\.5\/100 \(D, not ready\) · 1 blocker/);
  assert.match(statusText(undefined).text, /loading/);
  assert.equal(statusText(sample, "no binary").text, "$(error) AgentLens");
});

test("panel renders score, bars, escaped plan items with locations and copy buttons", () => {
  const html = renderReadinessHtml(sample, { nonce: "abc", cspSource: "vscode-resource:" });
  assert.match(html, /42\.5\/100 · D/);
  assert.match(html, /capped at 39 by hardcoded-secret/);
  assert.match(html, /Database<\/span><div class="bar"><\/div><span class="muted">n\/a/);
  assert.match(html, /<span>Security<\/span>/); // human category names
  assert.match(html, /<div class="title"><b>1\. [^<]*<\/b><span class="good gain">\+12\.3<\/span><\/div>/); // gain on the title line
  assert.match(html, /2 findings/);
  assert.doesNotMatch(html, /1 findings/);
  const one = renderReadinessHtml({ ...sample, plan: [{ ...sample.plan[0], findings: 1 }] }, { nonce: "a", cspSource: "c" });
  assert.match(one, /1 finding</);
  const down = renderReadinessHtml(undefined, { nonce: "a", cspSource: "c", problem: "agentlens not found" });
  assert.match(down, /server is not running: agentlens not found/);
  assert.match(renderReadinessHtml({ ...sample, plan: [] }, { nonce: "a", cspSource: "c" }), /No open findings/);
  assert.doesNotMatch(html, /<h3>Services/); // no services: no section
  const svc = (root: string, score: number, grade: string) => ({ name: root || "(root)", root, score, grade, label: "", gate: { passed: true, blockers: 0, headline: "Ready: no blockers" }, plan: [] });
  const grouped = renderReadinessHtml({ ...sample, services: [svc("", 40, "D"), svc("inventory", 100, "A")] }, { nonce: "a", cspSource: "c" });
  assert.match(grouped, /<h3>Services<\/h3>/);
  assert.match(grouped, /<b>inventory<\/b><span class="good gain">100 A<\/span>/);
  assert.match(grouped, /Ready: no blockers/);
  assert.match(html, /Secrets out of code &lt;now&gt;/);
  assert.match(html, /data-file="app\.py" data-line="7" data-column="28"/);
  assert.match(html, /\+1 more/);
  assert.match(html, /data-copy="0"/);
  assert.match(html, /script-src 'nonce-abc'/);
  assert.doesNotMatch(html, /<script>/); // every script carries the nonce
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
});

// ---- commands (through a recording host) ----
import { COMMANDS, copyHandoff, fixAll, handleViewMessage, Host, restartServer, showReadiness } from "../src/logic/commands";
import { CATEGORY_ORDER, categoryName } from "../src/logic/model";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

function recordingHost(r: Readiness | undefined, running = true) {
  const calls: string[] = [];
  const host: Host = {
    executeCommand: async (c, ...args) => void calls.push(`exec ${c} ${JSON.stringify(args)}`),
    writeClipboard: async (t) => void calls.push(`clipboard ${t}`),
    info: (m) => void calls.push(`info ${m}`),
    warn: (m) => void calls.push(`warn ${m}`),
    open: async (f, l, c) => void calls.push(`open ${f}:${l}:${c}`),
    readiness: () => r,
    restartClient: async () => (calls.push("restart"), running),
    startClient: async () => void calls.push("start"),
  };
  return { host, calls };
}

test("package.json contributes exactly the commands the extension registers", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, "../../package.json"), "utf8"));
  const contributed = manifest.contributes.commands.map((c: { command: string; title: string }) => `${c.command}=${c.title}`).sort();
  assert.deepEqual(contributed, Object.values(COMMANDS).map((c) => `${c.id}=${c.title}`).sort());
  assert.deepEqual(
    Object.values(COMMANDS).map((c) => c.title).sort(),
    ["Copy AI Hand-off", "Fix All Safe Problems", "Restart Server", "Show Readiness Report"],
  );
});

test("Show Readiness Report focuses the panel; Fix All runs the server's safe fix-all action", async () => {
  const { host, calls } = recordingHost(sample);
  await showReadiness(host);
  await fixAll(host);
  assert.deepEqual(calls, [
    "exec agentlens.readiness.focus []",
    'exec editor.action.sourceAction [{"kind":"source.fixAll.agentlens","apply":"first"}]',
  ]);
});

test("Copy AI Hand-off copies the plan's hand-off, or one item's; warns before a report exists", async () => {
  let h = recordingHost(sample);
  assert.equal(await copyHandoff(h.host), true);
  assert.deepEqual(h.calls, ["clipboard Make this service production-ready.", "info AgentLens: AI hand-off for the whole plan copied."]);
  h = recordingHost(sample);
  await handleViewMessage(h.host, { type: "copy", index: 0 });
  assert.deepEqual(h.calls, ["clipboard Task: Secrets out of code", 'info AgentLens: AI hand-off for "Secrets out of code <now>" copied.']);
  h = recordingHost(sample);
  await handleViewMessage(h.host, { type: "copy", index: 7 });
  assert.deepEqual(h.calls, ["warn AgentLens: nothing to hand off."]);
  h = recordingHost(undefined);
  assert.equal(await copyHandoff(h.host), false);
  assert.deepEqual(h.calls, ["warn AgentLens: the readiness report is not ready yet."]);
});

test("Restart Server restarts a running client, else starts one; plan links open their location", async () => {
  let h = recordingHost(sample, true);
  await restartServer(h.host);
  assert.deepEqual(h.calls, ["restart"]);
  h = recordingHost(sample, false);
  await restartServer(h.host);
  assert.deepEqual(h.calls, ["restart", "start"]);
  h = recordingHost(sample);
  await handleViewMessage(h.host, { type: "open", file: "app.py", line: 7, column: 28 });
  await handleViewMessage(h.host, { type: "open" });
  assert.deepEqual(h.calls, ["open app.py:7:28"]);
});

// The real model, from the CLI (the server answers agentlens/readiness with the same object).
const binary = process.env.AGENTLENS_BINARY;
const sourceDir = process.env.AGENTLENS_SOURCE_DIR;
test("the CLI's readiness model has the fields the panel and status bar read", { skip: !(binary && sourceDir) && "AGENTLENS_BINARY/AGENTLENS_SOURCE_DIR not set" }, () => {
  let out: string;
  try {
    out = execFileSync(binary!, ["check", path.join(sourceDir!, "examples/shop-prototype"), "--format", "json"], { encoding: "utf8" });
  } catch (e: any) {
    out = e.stdout; // exit 1: findings
  }
  const r = JSON.parse(out).readiness as Readiness;
  assert.equal(typeof r.score, "number");
  for (const k of ["grade", "label", "handoff"] as const) assert.equal(typeof r[k], "string", k);
  assert.equal(typeof r.blockers, "number");
  assert.deepEqual(Object.keys(r.categories).sort(), [...CATEGORY_ORDER].sort(), "category names");
  for (const c of Object.values(r.categories)) {
    assert.equal(typeof c.applicable, "boolean");
    if (c.applicable) assert.equal(typeof c.score, "number");
    assert.equal(typeof c.grade, "string");
    if (c.cap) assert.ok(typeof c.cap.value === "number" && typeof c.cap.cause === "string");
  }
  assert.ok(r.plan.length > 0);
  for (const p of r.plan) {
    for (const k of ["rule", "title", "why", "effort", "handoff", "category"] as const) assert.equal(typeof p[k], "string", `plan.${k}`);
    assert.equal(typeof p.blocker, "boolean");
    assert.equal(typeof p.findings, "number");
    assert.equal(typeof p.expectedGain.overall, "number");
    for (const l of p.locations) assert.ok(typeof l.file === "string" && l.line >= 1 && l.column >= 1);
  }
  const st = statusText(r);
  assert.equal(st.text, `$(pulse) AgentLens ${Math.round(r.score!)} · ${r.grade}`);
  const html = renderReadinessHtml(r, { nonce: "n", cspSource: "c" });
  assert.ok(html.includes(`${r.score!.toFixed(1)}/100 · ${r.grade}`));
  for (const name of CATEGORY_ORDER) assert.ok(html.includes(`<span>${categoryName(name)}</span>`), name);
  assert.equal((html.match(/class="item"/g) ?? []).length, r.plan.length, "one panel item per plan item");
  assert.ok(html.includes(escapeHtml(r.plan[0].title)));
  const loc = r.plan[0].locations[0];
  assert.ok(html.includes(`data-file="${escapeHtml(loc.file)}" data-line="${loc.line}" data-column="${loc.column}"`));
});
