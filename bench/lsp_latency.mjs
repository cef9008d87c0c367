// Scripted LSP client for bench/run.sh: drives `agentlens lsp` over the real stdio transport.
//   node lsp_latency.mjs AGENTLENS CORPUS [options]  → one JSON object on stdout:
//     initialize reply time, first diagnostics of a file opened while the workspace indexes,
//     index completion, server RSS after indexing (steady state) and, with --edits N, the
//     didChange→publishDiagnostics latency of N single-character edits.
//   node lsp_latency.mjs --pick-file CORPUS [EXT]    → the file the benchmark would open
// Options: --ext .py (language of the opened file), --file PATH (open this file), --edits N,
//   --edits-out PATH (write the edit sequence for `agentlens-bench reparse`), --threads N,
//   --budget-s S (stop editing after S seconds; the count answered is reported),
//   --pull (the client pulls: each edit is followed at once by textDocument/diagnostic, and the
//   latency is didChange → the pull's answer; no debounce to replay: the server's is for push).
// The server has no setting to turn its debounce off: core::Scheduler waits, before each
// analysis of an open document, clamp(median of the file's last 8 run durations, 50, 500) ms.
// The latency "excluding the debounce" replays that rule on the client: run_i = latency_i −
// debounce_i, debounce_{i+1} = clamp(median(last 8 runs), 50, 500), seeded with the didOpen run
// (first diagnostics − 50 ms). Raw figures (debounce included) are reported too.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

function pickFile(root, ext) {
  let best = null;
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!e.name.startsWith(".") && e.name !== "node_modules" && e.name !== "testdata") walk(p);
        continue;
      }
      if (!e.isFile() || !e.name.endsWith(ext)) continue;
      const size = fs.statSync(p).size;
      if (size > 1e6) continue;
      if (!best || size > best.size) best = { p, size };
    }
  };
  walk(root);
  return best?.p;
}

const argv = process.argv.slice(2);
if (argv[0] === "--pick-file") {
  console.log(pickFile(argv[1], argv[2] ?? ".py"));
  process.exit(0);
}
const [bin, corpusArg] = argv;
const opt = (name, dflt) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : dflt; };
const corpus = path.resolve(corpusArg);
const ext = opt("--ext", ".py");
const file = path.resolve(opt("--file", "") || pickFile(corpus, ext));
const nEdits = Number(opt("--edits", "0"));
const editsOut = opt("--edits-out", "");
const threads = opt("--threads", "2");
const budgetMs = Number(opt("--budget-s", "0")) * 1000;
const pull = argv.includes("--pull");
const kMinDebounce = 50, kMaxDebounce = 500, kHistory = 8;  // core/scheduler.{hpp,cpp}
const languageId = { ".py": "python", ".go": "go", ".js": "javascript", ".ts": "typescript" }[ext] ?? "plaintext";

const text = fs.readFileSync(file, "utf8");
const uri = "file://" + file;
const proc = spawn(bin, ["lsp", "-j", threads], { stdio: ["pipe", "pipe", "ignore"] });
let buf = Buffer.alloc(0);
const waiters = [];
const pending = new Map();
let nextId = 1;
let published = 0;

proc.stdout.on("data", (chunk) => {
  buf = Buffer.concat([buf, chunk]);
  for (;;) {
    const head = buf.indexOf("\r\n\r\n");
    if (head < 0) return;
    const m = /Content-Length: (\d+)/i.exec(buf.subarray(0, head).toString());
    const len = Number(m[1]);
    if (buf.length < head + 4 + len) return;
    const msg = JSON.parse(buf.subarray(head + 4, head + 4 + len).toString());
    buf = buf.subarray(head + 4 + len);
    const now = performance.now();
    if (msg.method === "textDocument/publishDiagnostics") published++;
    if (msg.id !== undefined && !msg.method) {
      const r = pending.get(msg.id);
      if (r) { pending.delete(msg.id); r(msg); }
    } else if (msg.id !== undefined && msg.method) {
      send({ jsonrpc: "2.0", id: msg.id, result: null }); // server requests (progress create…)
    }
    for (const w of [...waiters]) if (w.pred(msg)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(now); }
  }
});
proc.on("exit", (code) => { if (!shuttingDown) { console.error(`server exited (${code})`); process.exit(1); } });
let shuttingDown = false;

function send(obj) {
  const body = Buffer.from(JSON.stringify(obj));
  proc.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
}
function request(method, params) {
  const id = nextId++;
  return new Promise((resolve) => { pending.set(id, resolve); send({ jsonrpc: "2.0", id, method, params }); });
}
function notify(method, params) { send({ jsonrpc: "2.0", method, params }); }
function waitFor(pred, timeout = 30000) {
  return new Promise((resolve, reject) => {
    const w = { pred, resolve };
    waiters.push(w);
    setTimeout(() => { const i = waiters.indexOf(w); if (i >= 0) { waiters.splice(i, 1); reject(new Error("timeout")); } }, timeout);
  });
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN; };
const rssMb = (field) => Number(fs.readFileSync(`/proc/${proc.pid}/status`, "utf8").match(new RegExp(field + ":\\s+(\\d+)"))[1]) / 1024;
const r1 = (x) => (Number.isFinite(x) ? +x.toFixed(1) : null);
const r2 = (x) => (Number.isFinite(x) ? +x.toFixed(2) : null);

// A deterministic sequence of ordinary edits: insert a space after the first token of a random
// ASCII line that has "token space" in it (between tokens: the structure stays valid).
function makeEdits(n) {
  let seed = 42;
  const rand = () => { seed = (seed * 1103515245 + 12345) >>> 0; return seed / 4294967296; };
  const lines = text.split("\n");
  const out = [];
  while (out.length < n) {
    const line = Math.floor(rand() * lines.length);
    const s = lines[line];
    if (!/^[\x20-\x7e\t]*$/.test(s)) continue;
    const m = /\S /.exec(s);
    if (!m) continue;
    const col = m.index + 1;
    lines[line] = s.slice(0, col) + " " + s.slice(col);
    out.push({ line, col });
  }
  return out;
}

const t0 = performance.now();
await request("initialize", {
  processId: process.pid,
  rootUri: "file://" + corpus,
  workspaceFolders: [{ uri: "file://" + corpus, name: "corpus" }],
  capabilities: { general: { positionEncodings: ["utf-8", "utf-16"] }, window: { workDoneProgress: true },
                  textDocument: { publishDiagnostics: { versionSupport: true }, ...(pull ? { diagnostic: {} } : {}) } },
});
const tInit = performance.now() - t0;
const indexDone = waitFor((m) => m.method === "$/progress" && m.params?.value?.kind === "end", 900000).catch(() => null);
const firstDiag = waitFor((m) => m.method === "textDocument/publishDiagnostics" && m.params.uri === uri && m.params.version === 1, 60000).catch(() => null);
notify("initialized", {});
const tOpen = performance.now();
notify("textDocument/didOpen", { textDocument: { uri, languageId, version: 1, text } });
let resultId;
const pullNow = async () => {
  const r = await request("textDocument/diagnostic", { textDocument: { uri }, ...(resultId ? { previousResultId: resultId } : {}) });
  resultId = r.result?.resultId ?? resultId;
  return performance.now();
};
const tFirstAt = pull ? await pullNow() : await firstDiag;
const tIndexEnd = await indexDone;
const indexedBeforeFirst = tIndexEnd !== null && tFirstAt !== null && tIndexEnd < tFirstAt;
await sleep(2000); // let the workspace checks and readiness settle: steady state
const steadyRss = rssMb("VmRSS");

const lat = [];
const net = [];
let stoppedByBudget = false;
if (nEdits > 0) {
  const history = tFirstAt === null ? [] : [Math.max(0, tFirstAt - tOpen - kMinDebounce)];
  const debounce = () => {
    if (!history.length) return kMinDebounce;
    const s = [...history].sort((a, b) => a - b);
    return Math.min(kMaxDebounce, Math.max(kMinDebounce, Math.ceil(s[Math.floor(s.length / 2)])));
  };
  const tEdits = performance.now();
  const edits = makeEdits(nEdits);
  if (editsOut) fs.writeFileSync(editsOut, edits.map((e) => `${e.line} ${e.col} 32`).join("\n") + "\n");
  let version = 1;
  for (const e of edits) {
    version++;
    const v = version;
    const got = pull ? null : waitFor((m) => m.method === "textDocument/publishDiagnostics" && m.params.uri === uri && m.params.version === v, 10000);
    const start = performance.now();
    notify("textDocument/didChange", { textDocument: { uri, version: v },
      contentChanges: [{ range: { start: { line: e.line, character: e.col }, end: { line: e.line, character: e.col } }, text: " " }] });
    const d = pull ? 0 : debounce();
    try {
      const l = (await (pull ? pullNow() : got)) - start;
      lat.push(l);
      net.push(Math.max(0, l - d));
      history.push(Math.max(0, l - d));
      if (history.length > kHistory) history.shift();
    } catch { lat.push(NaN); }
    if (budgetMs && performance.now() - tEdits > budgetMs) { stoppedByBudget = true; break; }
  }
}
const ok = lat.filter((x) => !Number.isNaN(x));
const peakRss = rssMb("VmHWM");
shuttingDown = true;
await request("shutdown", null);
notify("exit", null);
const result = {
  file: path.relative(corpus, file), lines: text.split("\n").length,
  initializeMs: r1(tInit),
  firstDiagnosticsMs: tFirstAt === null ? null : r1(tFirstAt - tOpen),
  indexCompleteMs: tIndexEnd === null ? null : Math.round(tIndexEnd - t0),
  indexedBeforeFirstDiagnostics: indexedBeforeFirst,
  serverSteadyRssMb: r1(steadyRss), serverPeakRssMb: r1(peakRss),
  publishedDuringRun: published,
};
if (nEdits > 0 && pull) Object.assign(result, {
  mode: "pull", edits: lat.length, answered: ok.length, stoppedByBudget,
  pullMedianMs: r2(pct(ok, 0.5)), pullP99Ms: r2(pct(ok, 0.99)), pullMaxMs: r2(Math.max(...ok)),
});
else if (nEdits > 0) Object.assign(result, {
  edits: lat.length, answered: ok.length, stoppedByBudget,
  didChangeRawMedianMs: r2(pct(ok, 0.5)), didChangeRawP99Ms: r2(pct(ok, 0.99)),
  didChangeMedianMs: r2(pct(net, 0.5)), didChangeP99Ms: r2(pct(net, 0.99)), didChangeMaxMs: r2(Math.max(...net)),
});
console.log(JSON.stringify(result));
setTimeout(() => process.exit(0), 200);
