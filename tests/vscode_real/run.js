// The real-VS-Code test: code-server (VS Code in a browser) with the built .vsix installed, driven
// by headless Chromium through playwright-core, on a copy of examples/shop-prototype. It does what
// a new user does: opens app.py, counts the AgentLens problems, applies a quick fix, saves, checks
// that no squiggle sits on a blank line afterwards, opens the Readiness view, reads the score and
// follows a plan link. Screenshots and results.json go to OUT. Everything listens on 127.0.0.1.
// Env: VSIX, OUT, EXAMPLE (the example folder), CODE_SERVER (its entry.js), CHROMIUM; AGENTLENS (the
// binary the .vsix bundles, run as the CLI to compare the panel with `agentlens plan`).
"use strict";
const fs = require("fs");
const net = require("net");
const os = require("os");
const path = require("path");
const { spawn, execFileSync } = require("child_process");
const { chromium } = require("playwright-core");

const env = (k) => {
  if (!process.env[k]) throw new Error(`${k} not set`);
  return process.env[k];
};
const OUT = env("OUT");
const started = Date.now();
const results = { steps: [], failures: [] };
const log = (m) => {
  const line = `[${((Date.now() - started) / 1000).toFixed(1)}s] ${m}`;
  results.steps.push(line);
  console.log(line);
};
const check = (ok, what) => {
  log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) results.failures.push(what);
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
    s.on("error", reject);
  });
}

/** A fresh user-data dir, extensions dir and workspace copy; the .vsix installed. */
function prepare(tmp) {
  const ws = path.join(tmp, "shop-prototype");
  fs.cpSync(env("EXAMPLE"), ws, { recursive: true });
  const user = path.join(tmp, "user");
  fs.mkdirSync(path.join(user, "User"), { recursive: true });
  fs.writeFileSync(path.join(user, "User", "settings.json"), JSON.stringify({
    "workbench.startupEditor": "none",
    "security.workspace.trust.enabled": false,
    "telemetry.telemetryLevel": "off",
    "update.mode": "none",
    "extensions.autoCheckUpdates": false,
    "extensions.ignoreRecommendations": true,
    "workbench.tips.enabled": false,
    "editor.minimap.enabled": false,
    "editor.fontSize": 13,
    "editor.lineHeight": 20,
    "editor.quickSuggestions": { other: false, comments: false, strings: false },
    "workbench.colorTheme": "Default Dark Modern",
  }, null, 2));
  const cfg = path.join(tmp, "config.yaml");
  fs.writeFileSync(cfg, "auth: none\ncert: false\n");
  const common = ["--config", cfg, "--user-data-dir", user, "--extensions-dir", path.join(tmp, "ext")];
  execFileSync(process.execPath, [env("CODE_SERVER"), ...common, "--install-extension", env("VSIX")], { stdio: "pipe" });
  return { ws, common };
}

async function startCodeServer(common, ws) {
  const port = await freePort();
  const args = [env("CODE_SERVER"), ...common, "--auth", "none", "--bind-addr", `127.0.0.1:${port}`,
    "--disable-telemetry", "--disable-update-check", "--disable-workspace-trust",
    "--disable-getting-started-override", ws];
  const proc = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  const logFile = fs.createWriteStream(path.join(OUT, "code-server.log"));
  proc.stdout.pipe(logFile);
  proc.stderr.pipe(logFile);
  for (let i = 0; i < 100; i++) {
    const up = await new Promise((r) => {
      const s = net.connect(port, "127.0.0.1", () => { s.end(); r(true); });
      s.on("error", () => r(false));
    });
    if (up) return { proc, port };
    await sleep(200);
  }
  throw new Error("code-server did not listen");
}

/** Squiggles of the visible editor by severity, each with the text of the line it sits on. */
async function squiggles(page) {
  return page.evaluate(() => {
    const editor = document.querySelector(".editor-instance .monaco-editor");
    if (!editor) return [];
    const lineTextAt = new Map();
    for (const l of editor.querySelectorAll(".view-lines .view-line")) lineTextAt.set(l.style.top, l.textContent.replace(/\u00a0/g, " "));
    const numberAt = new Map();
    for (const n of editor.querySelectorAll(".margin-view-overlays > div")) numberAt.set(n.style.top, n.textContent.trim());
    const out = [];
    for (const row of editor.querySelectorAll(".view-overlays > div")) {
      for (const d of row.querySelectorAll("[class*='squiggly-']")) {
        const sev = (d.className.match(/squiggly-(error|warning|info|hint)/) || [])[1];
        if (!sev) continue;
        const text = lineTextAt.get(row.style.top) ?? "";
        const left = parseFloat(d.style.left) || 0;
        const width = parseFloat(d.style.width) || 0;
        out.push({ severity: sev, line: +(numberAt.get(row.style.top) || 0), text, left, width });
      }
    }
    return out;
  });
}

function bySeverity(list) {
  const c = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const s of list) c[s.severity]++;
  return c;
}

/** The Problems panel's counts: the status-bar item says errors, warnings and infos. */
async function problemCounts(page) {
  return page.evaluate(() => {
    const item = document.querySelector("[id='status.problems']");
    const label = item ? (item.getAttribute("aria-label") || item.textContent || "") : "";
    const num = (re) => { const m = label.match(re); return m ? +m[1] : 0; };
    return { label, error: num(/Errors?:\s*(\d+)/i), warning: num(/Warnings?:\s*(\d+)/i), info: num(/Infos?:\s*(\d+)/i) };
  });
}

/** Waits until the squiggles of the visible editor stop changing (and there is at least one). */
async function settledSquiggles(page, ms = 30000) {
  const until = Date.now() + ms;
  let last = "";
  let stable = 0;
  let list = [];
  while (Date.now() < until) {
    list = await squiggles(page);
    const key = JSON.stringify(list);
    stable = key === last && list.length ? stable + 1 : 0;
    last = key;
    if (stable >= 4) return list;
    await sleep(500);
  }
  return list;
}

async function runCommand(page, name) {
  await page.keyboard.press("F1");
  await page.waitForSelector(".quick-input-widget input", { state: "visible" });
  await page.keyboard.type(name);
  await sleep(400);
  await page.keyboard.press("Enter");
  await sleep(300);
}

async function openFile(page, rel) {
  // Quick Open; Enter only once the file is the focused result (retried: the list fills late).
  for (let attempt = 0; attempt < 4; attempt++) {
    await page.keyboard.press("Control+P");
    await page.waitForSelector(".quick-input-widget input", { state: "visible" });
    await page.keyboard.type(rel);
    await page.waitForSelector(`.quick-input-list .monaco-list-row.focused[aria-label*='${rel}']`, { timeout: 5000 }).catch(() => {});
    await page.keyboard.press("Enter");
    const ok = await page.waitForSelector(`.tab.active[aria-label^='${rel}']`, { timeout: 5000 }).then(() => true, () => false);
    if (ok) return;
    await page.keyboard.press("Escape");
  }
  throw new Error(`could not open ${rel}`);
}

async function goToLine(page, line, column) {
  await page.keyboard.press("Control+G");
  await page.waitForSelector(".quick-input-widget input", { state: "visible" });
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press("Enter");
  await sleep(300);
}

/** The frame of the Readiness webview (webviews sit in nested iframes). */
async function readinessFrame(page) {
  for (let i = 0; i < 60; i++) {
    for (const f of page.frames()) {
      try {
        if (await f.$("#score")) return f;
      } catch { /* detached */ }
    }
    await sleep(500);
  }
  return null;
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "agentlens-vscode-real-"));
  const { ws, common } = prepare(tmp);
  log("extension installed");
  const { proc, port } = await startCodeServer(common, ws);
  log(`code-server on 127.0.0.1:${port}`);
  const browser = await chromium.launch({ executablePath: env("CHROMIUM"), headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
  let page;
  try {
    page = await browser.newPage({ viewport: { width: 1500, height: 1250 } });
    page.setDefaultTimeout(30000);
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`);
    await page.waitForSelector(".monaco-workbench .part.editor", { timeout: 60000 });
    await sleep(1500);
    log("workbench loaded");
    await openFile(page, "app.py");
    const original = fs.readFileSync(path.join(ws, "app.py"), "utf8");
    const before = await settledSquiggles(page, 60000);
    const problemsBefore = await problemCounts(page);
    results.before = { squiggles: bySeverity(before), problems: problemsBefore };
    await page.screenshot({ path: path.join(OUT, "1-before.png") });
    log(`before: squiggles in app.py ${JSON.stringify(results.before.squiggles)}; Problems ${problemsBefore.label}`);
    check(before.length > 0, "AgentLens squiggles appear in app.py");
    check(problemsBefore.error + problemsBefore.warning + problemsBefore.info > 0, "the Problems count is not empty");

    // Quick fix on the print() call (line 20): the logging fix inserts lines near the top.
    await goToLine(page, 20, 6);
    await page.keyboard.press("Control+.");
    await page.waitForSelector(".action-widget .monaco-list-row", { state: "visible", timeout: 15000 });
    const actions = await page.$$eval(".action-widget .monaco-list-row", (rows) => rows.map((r) => r.textContent.trim()));
    log(`quick fixes on line 20: ${JSON.stringify(actions)}`);
    results.quickFixes = actions;
    const pick = actions.findIndex((a) => /logging|logger/i.test(a));
    check(pick >= 0, "a logging quick fix is offered on the print() line");
    // The first row is the "Quick Fix" heading; the first action has the focus.
    const firstAction = actions.findIndex((a, i) => i > 0 || a !== "Quick Fix");
    for (let i = firstAction; i < pick; i++) await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await sleep(800);
    await page.keyboard.press("Control+S");
    await sleep(1000);
    const fixed = fs.readFileSync(path.join(ws, "app.py"), "utf8");
    check(fixed !== original, "the quick fix changed app.py on disk");
    check(!/print\("new order"/.test(fixed), "the print() call is gone");
    results.linesAdded = fixed.split("\n").length - original.split("\n").length;

    // Right after the edit and once settled: no squiggle on a blank line.
    const early = await squiggles(page);
    const after = await settledSquiggles(page, 30000);
    const problemsAfter = await problemCounts(page);
    results.after = { squiggles: bySeverity(after), problems: problemsAfter };
    await page.screenshot({ path: path.join(OUT, "2-after-fix.png") });
    log(`after: squiggles in app.py ${JSON.stringify(results.after.squiggles)}; Problems ${problemsAfter.label}`);
    const blank = (list) => list.filter((s) => s.text.trim() === "").map((s) => `${s.severity}@${s.line}`);
    check(blank(early).length === 0, `no squiggle on a blank line right after the fix (${blank(early).join(", ")})`);
    check(blank(after).length === 0, `no squiggle on a blank line once settled (${blank(after).join(", ")})`);
    check(after.length > 0, "findings are still shown after the fix");

    // The Readiness view: score and a plan link.
    await runCommand(page, "AgentLens: Show Readiness Report");
    const frame = await readinessFrame(page);
    check(!!frame, "the Readiness view shows a score");
    if (frame) {
      const score = (await frame.textContent("#score")).trim();
      results.score = score;
      const status = await page.evaluate(() => [...document.querySelectorAll(".statusbar-item")]
        .map((e) => e.textContent.trim()).find((t) => /^AgentLens \d/.test(t)) || "");
      results.statusBar = status;
      log(`readiness: ${score}; status bar: ${status}`);
      check(/^\d+(\.\d)?\/100 · [A-F]$/.test(score), "the score reads N/100 · grade");
      check(/^AgentLens \d+ · [A-F]$/.test(status), `the status bar says "AgentLens N · grade" (${status})`);
      // One plan everywhere: the panel shows what `agentlens plan` computes on the same files.
      if (process.env.AGENTLENS) {
        const cli = JSON.parse(execFileSync(process.env.AGENTLENS, ["plan", "--format", "json", ws], { encoding: "utf8" }));
        const panel = await frame.$$eval(".item .title", (els) => els.map((e) => ({
          title: e.querySelector("b").textContent.replace(/^\d+\. /, ""),
          gain: e.querySelector(".gain").textContent })));
        const want = cli.plan.map((p) => ({ title: p.title, gain: `+${p.expectedGain.overall.toFixed(1)}` }));
        results.plan = { panel: panel.slice(0, 5), cli: want.slice(0, 5) };
        check(score === `${cli.score.toFixed(1)}/100 · ${cli.grade}`, `the panel's score is the CLI's (${score} vs ${cli.score.toFixed(1)})`);
        check(JSON.stringify(panel) === JSON.stringify(want),
          `the panel's plan is \`agentlens plan\` (${panel.length} vs ${want.length} items; first ${JSON.stringify(panel[0])} vs ${JSON.stringify(want[0])})`);
      }
      const cats = await frame.$$eval(".cat > span:first-child", (els) => els.map((e) => e.textContent));
      check(cats.includes("Error handling") && !cats.includes("error-handling"), "categories have human names");
      await page.screenshot({ path: path.join(OUT, "3-readiness.png") });
      const link = await frame.$("a[data-file]");
      check(!!link, "the plan has a location link");
      if (link) {
        const file = await link.getAttribute("data-file");
        const line = +(await link.getAttribute("data-line"));
        await link.click();
        const base = path.basename(file);
        const opened = await page.waitForSelector(`.tab.active[aria-label^='${base}']`, { timeout: 15000 }).then(() => true, () => false);
        check(opened, `the plan link opens ${file}`);
        await sleep(500);
        const cursorLine = await page.evaluate(() => {
          const s = document.querySelector("[id='status.editor.selection']");
          const m = s && s.textContent.match(/Ln (\d+)/);
          return m ? +m[1] : 0;
        });
        check(cursorLine === line, `the cursor is on line ${line} (at ${cursorLine})`);
        await page.screenshot({ path: path.join(OUT, "4-plan-link.png") });
      }
    }
  } finally {
    if (page) await page.screenshot({ path: path.join(OUT, "5-last.png") }).catch(() => {});
    await browser.close().catch(() => {});
    proc.kill("SIGTERM");
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  results.seconds = (Date.now() - started) / 1000;
  fs.writeFileSync(path.join(OUT, "results.json"), JSON.stringify(results, null, 2));
  log(`${results.failures.length ? "FAILED" : "passed"} in ${results.seconds.toFixed(1)}s; artifacts in ${OUT}`);
  process.exit(results.failures.length ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  try {
    fs.writeFileSync(path.join(OUT, "results.json"), JSON.stringify({ ...results, error: String(e) }, null, 2));
  } catch { /* ignore */ }
  process.exit(1);
});
