// VS Code settings → the server's configuration object (section "agentlens", sent as
// initializationOptions and answered on workspace/configuration; keys per docs/protocol.md).

export interface ExtensionSettings {
  enable: boolean;
  select: string[];
  ignore: string[];
  severity: Record<string, string>;
  exclude: string[];
  diagnosticsScope: string;
  inlineLevel?: string;
  fixOnSave: boolean;
  trace: string;
}

export interface ServerSettings {
  enable?: boolean;
  select?: string[];
  ignore?: string[];
  severity?: Record<string, string>;
  exclude?: string[];
  diagnosticsScope?: string;
  inlineLevel?: string;
}

// The levels the server accepts for a severity override (a diagnostic's LSP severity).
export const SEVERITY_LEVELS = ["error", "warning", "info", "hint"];
const ID = /^[a-z0-9][a-z0-9-]*$/;

/** Drops empty and malformed entries so one typo never disables the server's own config; sends
 *  only what differs from the server's defaults. */
export function toServerSettings(s: ExtensionSettings): ServerSettings {
  const out: ServerSettings = {};
  if (s.enable === false) out.enable = false;
  const ids = (xs: string[]) => [...new Set((xs ?? []).map((x) => x.trim()).filter((x) => ID.test(x)))];
  if (s.select?.length) out.select = ids(s.select);
  if (s.ignore?.length) out.ignore = ids(s.ignore);
  const sev: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.severity ?? {})) {
    const level = String(v).toLowerCase();
    if (ID.test(k) && SEVERITY_LEVELS.includes(level)) sev[k] = level;
  }
  if (Object.keys(sev).length) out.severity = sev;
  const globs = (s.exclude ?? []).map((g) => g.trim()).filter((g) => g.length > 0);
  if (globs.length) out.exclude = globs;
  if (s.diagnosticsScope === "openFiles") out.diagnosticsScope = "openFiles";
  if (s.inlineLevel === "errors" || s.inlineLevel === "warnings") out.inlineLevel = s.inlineLevel;
  return out;
}

/** The code actions to run on save: only the server's Safe fixes, and only when enabled. */
export function codeActionsOnSave(s: ExtensionSettings): string[] {
  return s.fixOnSave ? ["source.fixAll.agentlens"] : [];
}
