// Where the server binary comes from: the `agentlens.path` setting, else the binary bundled in
// the extension (bin/agentlens), else a clear error. Pure: file checks are injected.
import * as path from "path";

export type ServerPath = { ok: true; path: string; source: "setting" | "bundled" } | { ok: false; message: string };

export interface PathEnv {
  settingPath: string;
  extensionPath: string;
  platform: string;
  isExecutable: (p: string) => boolean;
}

export function resolveServerPath(env: PathEnv): ServerPath {
  const setting = env.settingPath.trim();
  if (setting) {
    if (env.isExecutable(setting)) return { ok: true, path: setting, source: "setting" };
    return {
      ok: false,
      message: `AgentLens: the server at agentlens.path (${setting}) does not exist or is not executable. Fix the setting or clear it to use the bundled server.`,
    };
  }
  const bundled = path.join(env.extensionPath, "bin", env.platform === "win32" ? "agentlens.exe" : "agentlens");
  if (env.isExecutable(bundled)) return { ok: true, path: bundled, source: "bundled" };
  return {
    ok: false,
    message:
      "AgentLens: no server binary found. This build of the extension has no bundled server for this platform; install agentlens and set agentlens.path to it.",
  };
}
