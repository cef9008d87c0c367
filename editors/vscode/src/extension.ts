// AgentLens for VS Code (and forks such as Cursor): starts `agentlens lsp`, shows the readiness
// panel and status-bar score, and offers the commands. Thin: the server does the work.
import * as fs from "fs";
import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from "vscode-languageclient/node";

import * as commands from "./logic/commands";
import { Readiness } from "./logic/model";
import { renderReadinessHtml, statusText } from "./logic/readinessView";
import { probeServer } from "./logic/probe";
import { chooseServer, choiceNotification, choiceReport, describeCandidate } from "./logic/serverPath";
import { ExtensionSettings, toServerSettings } from "./logic/settings";

let client: LanguageClient | undefined;
let readiness: Readiness | undefined;
let view: vscode.WebviewView | undefined;
let status: vscode.StatusBarItem;
let serverProblem: string | undefined;

function settings(): ExtensionSettings {
  const c = vscode.workspace.getConfiguration("agentlens");
  return {
    enable: c.get<boolean>("enable", true),
    select: c.get<string[]>("select", []),
    ignore: c.get<string[]>("ignore", []),
    severity: c.get<Record<string, string>>("severity", {}),
    exclude: c.get<string[]>("exclude", []),
    diagnosticsScope: c.get<string>("diagnosticsScope", "workspace"),
    inlineLevel: c.get<string>("inlineLevel", "all"),
    fixOnSave: c.get<boolean>("fixOnSave", false),
    trace: c.get<string>("trace.server", "off"),
  };
}

function isExecutable(p: string): boolean {
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function nonce(): string {
  let s = "";
  const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  for (let i = 0; i < 32; i++) s += chars.charAt(Math.floor(Math.random() * chars.length));
  return s;
}

function refreshView(): void {
  const st = statusText(readiness, serverProblem);
  status.text = st.text;
  status.tooltip = st.tooltip;
  if (view) view.webview.html = renderReadinessHtml(readiness, { nonce: nonce(), cspSource: view.webview.cspSource, problem: serverProblem });
}

async function openLocation(file: string, line: number, column: number): Promise<void> {
  let uri: vscode.Uri;
  if (file.startsWith("file://")) uri = vscode.Uri.parse(file);
  else {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!root) return;
    uri = vscode.Uri.joinPath(root, file);
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  const pos = new vscode.Position(Math.max(0, line - 1), Math.max(0, column - 1));
  await vscode.window.showTextDocument(doc, { selection: new vscode.Range(pos, pos) });
}

/** A notification with the actions that fix a server problem: the setting, or the details. */
async function notifyServerProblem(level: "error" | "warning", message: string, out: vscode.OutputChannel): Promise<void> {
  const show = level === "error" ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
  const choice = await show(message, "Open Settings", "Show Output");
  if (choice === "Open Settings") void vscode.commands.executeCommand("workbench.action.openSettings", "agentlens.path");
  else if (choice === "Show Output") out.show(true);
}

async function startClient(context: vscode.ExtensionContext, out: vscode.OutputChannel): Promise<void> {
  const choice = await chooseServer(
    {
      settingPath: vscode.workspace.getConfiguration("agentlens").get<string>("path", ""),
      extensionPath: context.extensionPath,
      platform: process.platform,
      envPath: process.env.PATH ?? "",
      isExecutable,
    },
    (p) => probeServer(p),
  );
  for (const line of choiceReport(choice)) out.appendLine(line);
  const note = choiceNotification(choice);
  if (note) void notifyServerProblem(note.level, note.message, out);
  serverProblem = choice.ok ? undefined : note?.message ?? "no agentlens binary could start";
  if (!choice.ok) {
    refreshView();
    return;
  }
  const resolved = choice.candidate;
  const serverOptions: ServerOptions = {
    command: resolved.path,
    args: ["lsp"],
    transport: TransportKind.stdio,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "python" },
      { scheme: "file", language: "javascript" },
      { scheme: "file", language: "javascriptreact" },
      { scheme: "file", language: "typescript" },
      { scheme: "file", language: "typescriptreact" },
      { scheme: "file", language: "go" },
      { scheme: "file", language: "dockerfile" },
      { scheme: "file", pattern: "**/.env*" },
      { scheme: "file", pattern: "**/*.{yml,yaml,toml}" },
    ],
    initializationOptions: toServerSettings(settings()),
    outputChannel: out,
    middleware: {
      workspace: {
        // Answer workspace/configuration for section "agentlens" with the mapped settings.
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) return result;
          return params.items.map((item, i) => (item.section === "agentlens" ? toServerSettings(settings()) : result[i]));
        },
      },
    },
    synchronize: { configurationSection: "agentlens" },
  };
  client = new LanguageClient("agentlens", "AgentLens", serverOptions, clientOptions);
  client.onNotification("agentlens/readinessChanged", (r: Readiness) => {
    readiness = r;
    refreshView();
  });
  try {
    await client.start();
  } catch (e) {
    out.appendLine(`The server ${describeCandidate(resolved)} started but the session failed: ${String(e)}`);
    void notifyServerProblem("error", `AgentLens: the server ${describeCandidate(resolved)} failed to start a session: ${String(e)}`, out);
    serverProblem = `the session failed: ${String(e)}`;
    refreshView();
    return;
  }
  try {
    readiness = await client.sendRequest<Readiness>("agentlens/readiness", {});
  } catch (e) {
    out.appendLine(`agentlens/readiness failed: ${String(e)}`);
  }
  refreshView();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const out = vscode.window.createOutputChannel("AgentLens");
  status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 50);
  status.command = "agentlens.showReadiness";
  status.show();
  context.subscriptions.push(out, status);
  const host: commands.Host = {
    executeCommand: (command, ...args) => Promise.resolve(vscode.commands.executeCommand(command, ...args)),
    writeClipboard: (text) => Promise.resolve(vscode.env.clipboard.writeText(text)),
    info: (m) => void vscode.window.showInformationMessage(m),
    warn: (m) => void vscode.window.showWarningMessage(m),
    open: openLocation,
    readiness: () => readiness,
    restartClient: async () => {
      if (!client) return false;
      await client.restart();
      return true;
    },
    startClient: () => startClient(context, out),
  };

  context.subscriptions.push(
    vscode.window.registerWebviewViewProvider("agentlens.readiness", {
      resolveWebviewView(v) {
        view = v;
        v.webview.options = { enableScripts: true };
        v.webview.onDidReceiveMessage((m: commands.ViewMessage) => commands.handleViewMessage(host, m));
        refreshView();
      },
    }),
    vscode.commands.registerCommand(commands.COMMANDS.showReadiness.id, () => commands.showReadiness(host)),
    vscode.commands.registerCommand(commands.COMMANDS.copyHandoff.id, () => commands.copyHandoff(host)),
    vscode.commands.registerCommand(commands.COMMANDS.fixAll.id, () => commands.fixAll(host)),
    vscode.commands.registerCommand(commands.COMMANDS.restartServer.id, () => commands.restartServer(host)),
    vscode.workspace.onWillSaveTextDocument((e) => {
      if (!settings().fixOnSave || !client) return;
      e.waitUntil(
        (async () => {
          const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
            "vscode.executeCodeActionProvider",
            e.document.uri,
            new vscode.Range(0, 0, e.document.lineCount, 0),
            commands.FIX_ALL_KIND,
          );
          const edit = actions?.find((a) => a.edit)?.edit;
          return edit ? edit.get(e.document.uri) : [];
        })(),
      );
    }),
  );
  await startClient(context, out);
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
}
