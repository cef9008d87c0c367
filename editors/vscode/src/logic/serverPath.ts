// Which server binary runs, and why: the `agentlens.path` setting, else the binary bundled in
// the extension (bin/agentlens), else `agentlens` on PATH. Each candidate is probed
// (`agentlens --version`) before it is used, so a binary that cannot start (a missing shared
// library, a wrong architecture, no execute bit) is reported with its reason and the next one is
// tried. Pure: file checks and the probe are injected.
import * as path from "path";

export type ServerSource = "setting" | "bundled" | "PATH";

export interface Candidate {
  source: ServerSource;
  path: string;
}

export interface PathEnv {
  settingPath: string;
  extensionPath: string;
  platform: string;
  /** The PATH environment variable. */
  envPath: string;
  isExecutable: (p: string) => boolean;
}

export type ProbeResult = { ok: true; version: string } | { ok: false; reason: string };

export interface Attempt {
  candidate: Candidate;
  reason: string;
}

export type ServerChoice =
  | { ok: true; candidate: Candidate; version: string; failed: Attempt[] }
  | { ok: false; failed: Attempt[]; missing: string[] };

const SOURCE_TEXT: Record<ServerSource, string> = {
  setting: "the agentlens.path setting",
  bundled: "bundled with the extension",
  PATH: "found on PATH",
};

export function describeCandidate(c: Candidate): string {
  return `${c.path} (${SOURCE_TEXT[c.source]})`;
}

function exeName(platform: string): string {
  return platform === "win32" ? "agentlens.exe" : "agentlens";
}

/** The candidates in order, and a line for each place that holds none. */
export function serverCandidates(env: PathEnv): { candidates: Candidate[]; missing: string[] } {
  const candidates: Candidate[] = [];
  const missing: string[] = [];
  const setting = env.settingPath.trim();
  if (!setting) missing.push("agentlens.path is not set");
  else if (env.isExecutable(setting)) candidates.push({ source: "setting", path: setting });
  else missing.push(`agentlens.path is ${setting}, which does not exist or is not executable`);
  const bundled = path.join(env.extensionPath, "bin", exeName(env.platform));
  if (env.isExecutable(bundled)) candidates.push({ source: "bundled", path: bundled });
  else missing.push(`this extension has no bundled server for ${env.platform} (${bundled})`);
  const sep = env.platform === "win32" ? ";" : ":";
  const onPath = env.envPath
    .split(sep)
    .filter((d) => d)
    .map((d) => path.join(d, exeName(env.platform)))
    .find((p) => env.isExecutable(p));
  if (onPath) candidates.push({ source: "PATH", path: onPath });
  else missing.push("no agentlens on PATH");
  return { candidates, missing };
}

/** The first candidate whose probe succeeds; every failure is kept with its reason. */
export async function chooseServer(env: PathEnv, probe: (p: string) => Promise<ProbeResult>): Promise<ServerChoice> {
  const { candidates, missing } = serverCandidates(env);
  const failed: Attempt[] = [];
  for (const candidate of candidates) {
    const r = await probe(candidate.path);
    if (r.ok) return { ok: true, candidate, version: r.version, failed };
    failed.push({ candidate, reason: r.reason });
  }
  return { ok: false, failed, missing };
}

/** Lines for the output channel: what runs and why, or why nothing could. */
export function choiceReport(choice: ServerChoice): string[] {
  const lines = choice.failed.map((f) => `Could not start ${describeCandidate(f.candidate)}: ${f.reason}`);
  if (choice.ok) {
    lines.push(`Running ${describeCandidate(choice.candidate)}: ${choice.version}`);
    return lines;
  }
  for (const m of choice.missing) lines.push(`Not found: ${m}`);
  lines.push("No AgentLens server could start.");
  return lines;
}

/** The notification: null when the chosen server is the expected one and nothing failed. */
export function choiceNotification(choice: ServerChoice): { level: "error" | "warning"; message: string } | null {
  if (!choice.ok) {
    const why = choice.failed.length
      ? choice.failed.map((f) => `${describeCandidate(f.candidate)}: ${f.reason}`).join("; ")
      : choice.missing.join("; ");
    return {
      level: "error",
      message: `AgentLens: no server could start (${why}). Install agentlens (npm install -g agentlens) or set agentlens.path to a working binary.`,
    };
  }
  if (!choice.failed.length) return null;
  const f = choice.failed[0];
  return {
    level: "warning",
    message: `AgentLens: ${describeCandidate(f.candidate)} could not start (${f.reason}); running ${describeCandidate(choice.candidate)} instead.`,
  };
}
