// Unit tests of the extension's own logic (no VS Code needed): node --test.
import assert from "node:assert/strict";
import { test } from "node:test";

import { Readiness } from "../src/logic/model";
import { escapeHtml, renderReadinessHtml, statusText } from "../src/logic/readinessView";
import { resolveServerPath } from "../src/logic/serverPath";
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

test("server path: setting wins, bundled next, clear error otherwise", () => {
  const exists = new Set(["/opt/agentlens", "/ext/bin/agentlens"]);
  const env = { settingPath: "", extensionPath: "/ext", platform: "linux", isExecutable: (p: string) => exists.has(p) };
  assert.deepEqual(resolveServerPath({ ...env, settingPath: "/opt/agentlens" }), { ok: true, path: "/opt/agentlens", source: "setting" });
  assert.deepEqual(resolveServerPath(env), { ok: true, path: "/ext/bin/agentlens", source: "bundled" });
  const bad = resolveServerPath({ ...env, settingPath: "/nope" });
  assert.equal(bad.ok, false);
  assert.match((bad as { message: string }).message, /agentlens\.path \(\/nope\)/);
  const none = resolveServerPath({ ...env, isExecutable: () => false });
  assert.equal(none.ok, false);
  assert.match((none as { message: string }).message, /set agentlens\.path/);
});

test("settings map to the server's configuration, dropping malformed entries", () => {
  const s = toServerSettings({
    select: ["security", "Bad Id", "swallowed-exception", "security"],
    ignore: [],
    severity: { "print-instead-of-logging": "INFO", "x-rule": "loud" },
    exclude: ["  ", "dist/**"],
    fixOnSave: true,
    trace: "off",
  });
  assert.deepEqual(s, { select: ["security", "swallowed-exception"], severity: { "print-instead-of-logging": "info" }, exclude: ["dist/**"] });
  assert.deepEqual(codeActionsOnSave({ select: [], ignore: [], severity: {}, exclude: [], fixOnSave: true, trace: "off" }), ["source.fixAll.agentlens"]);
  assert.deepEqual(codeActionsOnSave({ select: [], ignore: [], severity: {}, exclude: [], fixOnSave: false, trace: "off" }), []);
});

test("status bar shows score, grade and blockers", () => {
  const st = statusText(sample);
  assert.equal(st.text, "$(pulse) 43 D");
  assert.match(st.tooltip, /42\.5\/100 \(D, not ready\) · 1 blocker/);
  assert.match(statusText(undefined).text, /loading/);
});

test("panel renders score, bars, escaped plan items with locations and copy buttons", () => {
  const html = renderReadinessHtml(sample, { nonce: "abc", cspSource: "vscode-resource:" });
  assert.match(html, /42\.5\/100 · D/);
  assert.match(html, /capped at 39 by hardcoded-secret/);
  assert.match(html, /database<\/span><div class="bar"><\/div><span class="muted">n\/a/);
  assert.match(html, /Secrets out of code &lt;now&gt;/);
  assert.match(html, /data-file="app\.py" data-line="7" data-column="28"/);
  assert.match(html, /\+1 more/);
  assert.match(html, /data-copy="0"/);
  assert.match(html, /script-src 'nonce-abc'/);
  assert.doesNotMatch(html, /<script>/); // every script carries the nonce
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
});
