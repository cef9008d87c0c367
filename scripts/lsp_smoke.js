#!/usr/bin/env node
// A short LSP session against a server command (stdio): initialize, open a Python file with a
// swallowed exception, wait for its diagnostics, shutdown, exit. Exits 0 when the diagnostics
// name swallowed-exception and the server exits 0 after `exit`.
//   node scripts/lsp_smoke.js WORKDIR COMMAND [ARGS...]
"use strict";
const { spawn } = require("child_process");
const path = require("path");
const fs = require("fs");

const [workdir, command, ...args] = process.argv.slice(2);
const file = path.join(workdir, "lsp_smoke.py");
const text = "def load():\n    try:\n        risky()\n    except Exception:\n        pass\n";
fs.writeFileSync(file, text);
const uri = "file://" + file;

const server = spawn(command, args, { cwd: workdir, stdio: ["pipe", "pipe", "inherit"] });
const fail = (msg) => {
  console.error("lsp_smoke: " + msg);
  server.kill("SIGKILL");
  process.exit(1);
};
const timer = setTimeout(() => fail("no diagnostics within 30 s"), 30000);
const send = (msg) => {
  const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...msg }), "utf8");
  server.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
  server.stdin.write(body);
};

let buf = Buffer.alloc(0);
const handlers = new Map();
server.stdout.on("data", (chunk) => {
  buf = Buffer.concat([buf, chunk]);
  for (;;) {
    const sep = buf.indexOf("\r\n\r\n");
    if (sep < 0) return;
    const m = /Content-Length: (\d+)/i.exec(buf.subarray(0, sep).toString("latin1"));
    if (!m) fail("bad header");
    const len = Number(m[1]);
    if (buf.length < sep + 4 + len) return;
    const msg = JSON.parse(buf.subarray(sep + 4, sep + 4 + len).toString("utf8"));
    buf = buf.subarray(sep + 4 + len);
    if (msg.id !== undefined && msg.method) send({ id: msg.id, result: null });  // server requests
    else if (msg.id !== undefined && handlers.has(msg.id)) handlers.get(msg.id)(msg);
    else if (msg.method === "textDocument/publishDiagnostics" && msg.params.uri === uri) onDiagnostics(msg.params);
  }
});

let done = false;
function onDiagnostics(params) {
  if (done || !params.diagnostics.length) return;
  const codes = params.diagnostics.map((d) => d.code);
  if (!codes.includes("swallowed-exception")) fail("unexpected diagnostics: " + JSON.stringify(codes));
  done = true;
  clearTimeout(timer);
  console.log(`lsp_smoke: ${params.diagnostics.length} diagnostic(s): ${codes.join(", ")}`);
  handlers.set(2, () => send({ method: "exit" }));
  send({ id: 2, method: "shutdown" });
}

server.on("exit", (code, signal) => {
  if (!done) fail(`server ended before diagnostics (status ${code}, signal ${signal})`);
  fs.rmSync(file, { force: true });
  if (code !== 0) fail(`server exited ${code} after exit`);
  process.exit(0);
});

handlers.set(1, () => {
  send({ method: "initialized", params: {} });
  send({ method: "textDocument/didOpen", params: { textDocument: { uri, languageId: "python", version: 1, text } } });
});
send({
  id: 1,
  method: "initialize",
  params: { processId: process.pid, rootUri: "file://" + workdir, capabilities: {}, workspaceFolders: null },
});
