// Protocol-level test: drives the real `agentlens lsp` through vscode-languageserver-protocol /
// vscode-jsonrpc (what VS Code's language client is built on), announcing the capabilities VS Code
// 1.9x sends and answering server requests the way the extension does.
// Env: AGENTLENS_BINARY (the server), AGENTLENS_SOURCE_DIR (the repository, for the fixture app).
import assert from "node:assert/strict";
import { ChildProcess, execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import {
  ClientCapabilities,
  CodeAction,
  createProtocolConnection,
  Diagnostic,
  DocumentDiagnosticReport,
  ProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentEdit,
  TextEdit,
  WorkspaceEdit,
} from "vscode-languageserver-protocol/node";

import { COMMANDS } from "../src/logic/commands";
import { Readiness } from "../src/logic/model";
import { ExtensionSettings, toServerSettings } from "../src/logic/settings";

const binary = process.env.AGENTLENS_BINARY;
const sourceDir = process.env.AGENTLENS_SOURCE_DIR ?? path.resolve(__dirname, "../../../..");
const skip = !binary || !fs.existsSync(binary) ? "AGENTLENS_BINARY not set (make test sets it)" : false;

/** What VS Code 1.9x with vscode-languageclient 9 announces (the parts the server looks at). */
export const vscodeCapabilities: ClientCapabilities = {
  general: {
    positionEncodings: ["utf-16"],
    staleRequestSupport: { cancel: true, retryOnContentModified: ["textDocument/semanticTokens/full"] },
    regularExpressions: { engine: "ECMAScript", version: "ES2020" },
    markdown: { parser: "marked", version: "1.1.0" },
  },
  window: { workDoneProgress: true, showMessage: { messageActionItem: { additionalPropertiesSupport: true } }, showDocument: { support: true } },
  workspace: {
    applyEdit: true,
    workspaceEdit: {
      documentChanges: true,
      resourceOperations: ["create", "rename", "delete"],
      failureHandling: "textOnlyTransactional",
      normalizesLineEndings: true,
      changeAnnotationSupport: { groupsOnLabel: true },
    },
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
    executeCommand: { dynamicRegistration: true },
    configuration: true,
    workspaceFolders: true,
    diagnostics: { refreshSupport: true },
    codeLens: { refreshSupport: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: true, willSave: true, willSaveWaitUntil: true, didSave: true },
    publishDiagnostics: {
      relatedInformation: true,
      versionSupport: false,
      tagSupport: { valueSet: [1, 2] },
      codeDescriptionSupport: true,
      dataSupport: true,
    },
    diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false },
    hover: { dynamicRegistration: true, contentFormat: ["markdown", "plaintext"] },
    codeAction: {
      dynamicRegistration: true,
      isPreferredSupport: true,
      disabledSupport: true,
      dataSupport: true,
      resolveSupport: { properties: ["edit"] },
      codeActionLiteralSupport: {
        codeActionKind: {
          valueSet: ["", "quickfix", "refactor", "refactor.extract", "refactor.inline", "refactor.rewrite", "source", "source.organizeImports"],
        },
      },
      honorsChangeAnnotations: false,
    },
  },
};

/** The extension's settings in this test: one severity override the test can observe. */
const extensionSettings: ExtensionSettings = {
  enable: true,
  select: [],
  ignore: [],
  severity: { "print-instead-of-logging": "Hint" },
  exclude: ["node_modules/**"],
  diagnosticsScope: "workspace",
  fixOnSave: false,
  trace: "off",
};

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  // Clear the timer either way: a pending one would keep node alive after the test.
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** utf-16 (line, character) → string offset (JS strings are utf-16, like the negotiated encoding). */
function offsetAt(text: string, line: number, character: number): number {
  let off = 0;
  for (let l = 0; l < line; l++) off = text.indexOf("\n", off) + 1;
  return off + character;
}

function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetAt(text, b.range.start.line, b.range.start.character) - offsetAt(text, a.range.start.line, a.range.start.character));
  for (const e of sorted) {
    const s = offsetAt(text, e.range.start.line, e.range.start.character);
    const t = offsetAt(text, e.range.end.line, e.range.end.character);
    text = text.slice(0, s) + e.newText + text.slice(t);
  }
  return text;
}

interface Session {
  proc: ChildProcess;
  conn: ProtocolConnection;
  registrations: string[];
  configurationRequests: number;
  logMessages: string[];
  readinessChanged: Readiness[];
  stderr: string[];
}

function start(): Session {
  const proc = spawn(binary!, ["lsp"], { stdio: ["pipe", "pipe", "pipe"] });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const s: Session = { proc, conn, registrations: [], configurationRequests: 0, logMessages: [], readinessChanged: [], stderr: [] };
  proc.stderr!.on("data", (d: Buffer) => s.stderr.push(d.toString()));
  proc.on("error", (e) => s.stderr.push(`spawn failed: ${e.message}`));
  conn.onRequest("client/registerCapability", (p: { registrations: { method: string }[] }) => {
    s.registrations.push(...p.registrations.map((r) => r.method));
    return null;
  });
  // Answered like the extension's middleware: section "agentlens" gets the mapped settings.
  conn.onRequest("workspace/configuration", (p: { items: { section?: string }[] }) => {
    s.configurationRequests++;
    return p.items.map((i) => (i.section === "agentlens" ? toServerSettings(extensionSettings) : null));
  });
  conn.onRequest("window/workDoneProgress/create", () => null);
  conn.onRequest("workspace/diagnostic/refresh", () => null);
  conn.onNotification("window/logMessage", (p: { message: string }) => s.logMessages.push(p.message));
  conn.onNotification("agentlens/readinessChanged", (r: Readiness) => s.readinessChanged.push(r));
  conn.listen();
  return s;
}

async function pull(s: Session, uri: string): Promise<Diagnostic[]> {
  const r = await withTimeout(
    s.conn.sendRequest<DocumentDiagnosticReport>("textDocument/diagnostic", { textDocument: { uri } }),
    20000,
    "textDocument/diagnostic",
  );
  assert.equal(r.kind, "full");
  return (r as { items: Diagnostic[] }).items;
}

async function waitFor(cond: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test("VS Code's client capabilities against the real server", { skip, timeout: 90000 }, async () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "agentlens-vscode-"));
  fs.cpSync(path.join(sourceDir, "examples/shop-prototype"), work, { recursive: true });
  const s = start();
  try {
    const rootUri = pathToFileURL(work).href;
    const init = await withTimeout(
      s.conn.sendRequest<{ capabilities: any; serverInfo?: { name: string } }>("initialize", {
        processId: process.pid,
        clientInfo: { name: "Visual Studio Code", version: "1.95.3" },
        locale: "en",
        rootPath: work,
        rootUri,
        capabilities: vscodeCapabilities,
        initializationOptions: toServerSettings(extensionSettings),
        trace: "off",
        workspaceFolders: [{ uri: rootUri, name: path.basename(work) }],
      }),
      10000,
      "initialize",
    );
    const caps = init.capabilities;
    assert.equal(caps.positionEncoding ?? "utf-16", "utf-16", "utf-16 negotiated");
    assert.ok(caps.diagnosticProvider, "pull diagnostics offered to a client that supports them");
    assert.equal(caps.codeActionProvider.resolveProvider, true, "codeAction/resolve");
    assert.ok(caps.codeActionProvider.codeActionKinds.includes("source.fixAll.agentlens"));
    // vscode-languageclient registers every server command under its own id: none may clash
    // with the extension's commands (registration would throw and the client fail to start).
    const ours = new Set<string>(Object.values(COMMANDS).map((c) => c.id));
    const serverCommands: string[] = caps.executeCommandProvider?.commands ?? [];
    assert.ok(serverCommands.length > 0);
    assert.deepEqual(serverCommands.filter((c) => ours.has(c)), [], "server commands clash with the extension's");
    s.conn.sendNotification("initialized", {});

    // The extension's settings are pulled, and the watched files registered dynamically.
    await waitFor(() => s.registrations.includes("workspace/didChangeWatchedFiles"), 10000, "didChangeWatchedFiles registration");
    await waitFor(() => s.configurationRequests > 0, 10000, "workspace/configuration");

    const appPath = path.join(work, "app.py");
    const uri = pathToFileURL(appPath).href;
    let text = fs.readFileSync(appPath, "utf8");
    s.conn.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "python", version: 1, text } });

    // Diagnostics through pull (VS Code's mode): the swallowed exception, and the severity override
    // of the settings mapping applied (print-instead-of-logging as Hint = 4).
    let diags = await pull(s, uri);
    const swallowed = diags.filter((d) => d.code === "swallowed-exception");
    assert.ok(swallowed.length >= 1, `swallowed-exception diagnostics: ${JSON.stringify(diags.map((d) => d.code))}`);
    assert.equal(swallowed[0].source, "agentlens");
    const prints = diags.filter((d) => d.code === "print-instead-of-logging");
    assert.ok(prints.length > 0 && prints.every((d) => d.severity === 4), "severity override from the extension's settings");
    assert.deepEqual(s.logMessages.filter((m) => /agentlens\./.test(m)), [], "the mapped settings are all valid");

    // A quick fix: "Log the exception" (resolved lazily when the server defers the edit).
    const target = swallowed[0];
    const actions = await withTimeout(
      s.conn.sendRequest<CodeAction[]>("textDocument/codeAction", {
        textDocument: { uri },
        range: target.range,
        context: { diagnostics: [target], only: ["quickfix"], triggerKind: 1 },
      }),
      10000,
      "codeAction",
    );
    let action = actions.find((a) => /Log the exception/.test(a.title));
    assert.ok(action, `quick fix offered: ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(actions.some((a) => a.title.startsWith("Suppress")), "suppression actions");
    if (!action!.edit) action = await s.conn.sendRequest<CodeAction>("codeAction/resolve", action);
    const edit = action!.edit as WorkspaceEdit;
    assert.ok(edit.documentChanges, "documentChanges for a client that supports them");
    const docEdit = edit.documentChanges!.find((c) => "textDocument" in c) as TextDocumentEdit;
    assert.equal(docEdit.textDocument.uri, uri);
    assert.equal(docEdit.textDocument.version, 1, "edit for the version the diagnostic was computed on");
    text = applyEdits(text, docEdit.edits as TextEdit[]);
    assert.match(text, /logger\.exception\(/);
    assert.match(text, /^import logging$/m);

    // The readiness model: the CLI's `readiness` object of the same directory.
    const readiness = await withTimeout(s.conn.sendRequest<Readiness>("agentlens/readiness", {}), 20000, "agentlens/readiness");
    const cli = JSON.parse(
      (() => {
        try {
          return execFileSync(binary!, ["check", work, "--format", "json"], { encoding: "utf8" });
        } catch (e: any) {
          return e.stdout as string; // exit 1 = findings
        }
      })(),
    ).readiness as Readiness;
    assert.equal(typeof readiness.score, "number");
    assert.equal(readiness.score, cli.score, "same score as the CLI");
    assert.equal(readiness.grade, cli.grade);
    assert.ok(readiness.plan.length > 0 && readiness.plan[0].locations.length > 0);
    assert.deepEqual(readiness.plan.map((p) => p.rule), cli.plan.map((p) => p.rule), "same plan as the CLI");
    assert.ok(readiness.handoff.length > 0 && readiness.plan[0].handoff.length > 0);
    for (const [name, c] of Object.entries(cli.categories)) assert.equal(readiness.categories[name]?.score, c.score, name);

    // Apply the fix as VS Code would (full-text change) → the diagnostic goes, readiness follows.
    const notesBefore = s.readinessChanged.length;
    s.conn.sendNotification("textDocument/didChange", { textDocument: { uri, version: 2 }, contentChanges: [{ text }] });
    diags = await pull(s, uri);
    assert.equal(diags.filter((d) => d.code === "swallowed-exception").length, swallowed.length - 1, "one swallowed exception fewer");
    await waitFor(() => s.readinessChanged.length > notesBefore, 15000, "agentlens/readinessChanged after the edit");
    const changed = s.readinessChanged[s.readinessChanged.length - 1];
    const item = (r: Readiness) => r.plan.find((p) => p.rule === "swallowed-exception");
    assert.equal(item(changed)?.findings, (item(readiness)?.findings ?? 0) - 1, "the plan item counts one finding fewer");

    // Fix-all (Safe fixes only) for the new version.
    const fixAll = await s.conn.sendRequest<CodeAction[]>("textDocument/codeAction", {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: text.split("\n").length, character: 0 } },
      context: { diagnostics: [], only: ["source.fixAll.agentlens"], triggerKind: 1 },
    });
    assert.equal(fixAll.length, 1, "one fix-all action");
    assert.equal(fixAll[0].kind, "source.fixAll.agentlens");

    // Shutdown and exit: status 0.
    const exited = new Promise<number | null>((resolve) => s.proc.on("exit", (code) => resolve(code)));
    assert.equal(await withTimeout(s.conn.sendRequest("shutdown"), 10000, "shutdown"), null);
    s.conn.sendNotification("exit");
    assert.equal(await withTimeout(exited, 10000, "exit"), 0);
  } catch (e) {
    throw new Error(`${(e as Error).message}\nserver stderr:\n${s.stderr.join("").slice(-4000)}`);
  } finally {
    s.conn.dispose();
    if (s.proc.exitCode === null) s.proc.kill();
    fs.rmSync(work, { recursive: true, force: true });
  }
});
