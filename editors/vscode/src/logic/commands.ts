// The extension's commands and the readiness panel's messages, written against a small Host
// interface so they are unit-tested without VS Code (extension.ts supplies the real host).
import { Readiness } from "./model";

/** Command ids and titles; package.json's contributes.commands must list exactly these. */
export const COMMANDS = {
  showReadiness: { id: "agentlens.showReadiness", title: "Show Readiness Report" },
  fixAll: { id: "agentlens.fixAll", title: "Fix All Safe Problems" },
  copyHandoff: { id: "agentlens.copyHandoff", title: "Copy AI Hand-off" },
  restartServer: { id: "agentlens.restartServer", title: "Restart Server" },
} as const;

export const FIX_ALL_KIND = "source.fixAll.agentlens";

export interface Host {
  executeCommand(command: string, ...args: unknown[]): Promise<unknown>;
  writeClipboard(text: string): Promise<void>;
  info(message: string): void;
  warn(message: string): void;
  /** Opens a workspace-relative path or file:// URI at a 1-based line/column. */
  open(file: string, line: number, column: number): Promise<void>;
  readiness(): Readiness | undefined;
  /** Restarts the running client; false when there is none. */
  restartClient(): Promise<boolean>;
  startClient(): Promise<void>;
}

export async function showReadiness(host: Host): Promise<void> {
  // Focusing the webview view reveals the AgentLens activity-bar container.
  await host.executeCommand("agentlens.readiness.focus");
}

export async function fixAll(host: Host): Promise<void> {
  // The server's Safe fixes only: its source.fixAll.agentlens action (docs/protocol.md).
  await host.executeCommand("editor.action.sourceAction", { kind: FIX_ALL_KIND, apply: "first" });
}

/** Copies the whole plan's hand-off, or one plan item's when index is given. */
export async function copyHandoff(host: Host, index?: number): Promise<boolean> {
  const r = host.readiness();
  if (!r || r.score === null) {
    host.warn("AgentLens: the readiness report is not ready yet.");
    return false;
  }
  const text = index === undefined ? r.handoff : r.plan[index]?.handoff;
  if (!text) {
    host.warn("AgentLens: nothing to hand off.");
    return false;
  }
  await host.writeClipboard(text);
  host.info(index === undefined ? "AgentLens: AI hand-off for the whole plan copied." : `AgentLens: AI hand-off for "${r.plan[index].title}" copied.`);
  return true;
}

export async function restartServer(host: Host): Promise<void> {
  if (!(await host.restartClient())) await host.startClient();
}

export type ViewMessage = { type: "open"; file?: string; line?: number; column?: number } | { type: "copy"; index?: number };

/** Messages posted by the readiness panel (readinessView.ts's script). */
export async function handleViewMessage(host: Host, m: ViewMessage): Promise<void> {
  if (m.type === "open" && m.file) await host.open(m.file, m.line ?? 1, m.column ?? 1);
  else if (m.type === "copy" && typeof m.index === "number") await copyHandoff(host, m.index);
}
