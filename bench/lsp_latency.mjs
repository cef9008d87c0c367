// Scripted LSP client for bench/run.sh: drives `agentlens lsp` over stdio.
//   node lsp_latency.mjs AGENTLENS CORPUS     → JSON: initialize time, first diagnostics while
//                                                indexing, index completion, didChange latency
//   node lsp_latency.mjs --pick-file CORPUS    → the file used for the edit benchmark
// The edit file is the largest .py file of 5,000+ lines in the corpus.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

function pickFile(root) {
  let best = null;
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) { if (!e.name.startsWith(".") && e.name !== "site-packages") walk(p); continue; }
      if (!e.name.endsWith(".py")) continue;
      const size = fs.statSync(p).size;
      if (size > 2e6) continue;
      if (!best || size > best.size) best = { p, size };
    }
  };
  walk(root);
  return best.p;
}

if (process.argv[2] === "--pick-file") {
  console.log(pickFile(process.argv[3]));
  process.exit(0);
}

const [bin, corpus] = process.argv.slice(2);
const file = pickFile(corpus);
let text = fs.readFileSync(file, "utf8");
const uri = "file://" + file;
const proc = spawn(bin, ["lsp"], { stdio: ["pipe", "pipe", "ignore"] });
let buf = Buffer.alloc(0);
const waiters = [];
const pending = new Map();
let nextId = 1;
const events = [];

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
    if (msg.id !== undefined && pending.has(msg.id) && !msg.method) { pending.get(msg.id)(msg); pending.delete(msg.id); }
    else if (msg.id !== undefined && msg.method) send({ jsonrpc: "2.0", id: msg.id, result: null }); // server requests
    else events.push({ t: now, msg });
    for (const w of [...waiters]) if (w.pred(msg)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(now); }
  }
});

function send(obj) {
  const body = Buffer.from(JSON.stringify(obj));
  proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
  proc.stdin.write(body);
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
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };

const t0 = performance.now();
await request("initialize", {
  processId: process.pid,
  rootUri: "file://" + corpus,
  workspaceFolders: [{ uri: "file://" + corpus, name: "corpus" }],
  capabilities: { general: { positionEncodings: ["utf-8", "utf-16"] }, window: { workDoneProgress: true },
                  textDocument: { publishDiagnostics: { versionSupport: true } } },
  initializationOptions: { debounceMs: 0 },
});
const tInit = performance.now() - t0;
notify("initialized", {});
const indexDone = waitFor((m) => m.method === "$/progress" && m.params?.value?.kind === "end", 600000).catch(() => null);
const tOpen = performance.now();
notify("textDocument/didOpen", { textDocument: { uri, languageId: "python", version: 1, text } });
const tFirst = (await waitFor((m) => m.method === "textDocument/publishDiagnostics" && m.params.uri === uri)) - tOpen;
const tIndexEnd = await indexDone;

// 1,000 single-character edits: insert a space after a random space, wait for that version.
let version = 1;
const lat = [];
const lines = text.split("\n");
for (let i = 0; i < 1000; i++) {
  let line, col;
  for (;;) {
    line = Math.floor(Math.random() * lines.length);
    col = lines[line].indexOf(" ");
    if (col >= 0) break;
  }
  lines[line] = lines[line].slice(0, col) + " " + lines[line].slice(col);
  version++;
  const v = version;
  const start = performance.now();
  const got = waitFor((m) => m.method === "textDocument/publishDiagnostics" && m.params.uri === uri && m.params.version === v, 10000);
  notify("textDocument/didChange", { textDocument: { uri, version: v },
    contentChanges: [{ range: { start: { line, character: col }, end: { line, character: col } }, text: " " }] });
  try { lat.push((await got) - start); } catch { lat.push(NaN); }
}
const ok = lat.filter((x) => !Number.isNaN(x));
const rss = Number(fs.readFileSync(`/proc/${proc.pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/)[1]) / 1024;
await request("shutdown", null);
notify("exit", null);
console.log(JSON.stringify({
  file: path.relative(corpus, file), lines: lines.length,
  initializeMs: +tInit.toFixed(1), firstDiagnosticsMs: +tFirst.toFixed(1),
  indexCompleteMs: tIndexEnd ? +(tIndexEnd - t0).toFixed(0) : null,
  didChangeMedianMs: +pct(ok, 0.5).toFixed(2), didChangeP99Ms: +pct(ok, 0.99).toFixed(2), answered: ok.length,
  serverRssMb: +rss.toFixed(1),
}));
