// Probes a server binary: `agentlens --version` must exit 0 within a few seconds. The reason for
// a failure is what a user can act on: the loader's message (a missing shared library), the
// system's (wrong architecture, no execute bit) or the exit status.
import { execFile } from "child_process";

import { ProbeResult } from "./serverPath";

export function probeServer(binary: string, timeoutMs = 5000): Promise<ProbeResult> {
  return new Promise((resolve) => {
    execFile(binary, ["--version"], { timeout: timeoutMs, windowsHide: true }, (err, stdout, stderr) => {
      if (!err) return resolve({ ok: true, version: stdout.trim() || "unknown version" });
      const e = err as NodeJS.ErrnoException & { killed?: boolean; code?: string | number | null; signal?: string | null };
      const detail = stderr.trim().split("\n").filter((l) => l.trim())[0];
      if (e.killed || e.signal) return resolve({ ok: false, reason: `no answer to --version within ${timeoutMs / 1000} s` });
      if (typeof e.code === "string") {
        const why: Record<string, string> = {
          ENOENT: "file not found",
          EACCES: "not executable",
          ENOEXEC: "not a program for this system",
        };
        return resolve({ ok: false, reason: why[e.code] ? `${why[e.code]} (${e.code})` : e.message });
      }
      resolve({ ok: false, reason: detail ? `exited ${e.code}: ${detail}` : `exited ${e.code}` });
    });
  });
}
