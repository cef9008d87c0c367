// The readiness model the server sends (`agentlens/readiness`, `agentlens/readinessChanged`):
// the same JSON as the CLI's `readiness` object (docs/protocol.md).

export interface Location {
  file: string; // workspace-relative path or file:// URI
  line: number; // 1-based
  column: number; // 1-based
}

export interface PlanItem {
  rule: string;
  title: string;
  category: string;
  severity: string;
  blocker: boolean;
  bucket: string;
  why: string;
  findings: number;
  files: string[];
  locations: Location[];
  expectedGain: { overall: number; category: number; categoryBefore: number; categoryAfter: number };
  effort: string;
  fix: { automatic: boolean; text: string };
  handoff: string;
}

export interface CategoryScore {
  applicable: boolean;
  score: number | null;
  grade: string;
  findings: number;
  accepted?: number;
  cap?: { value: number; cause: string };
  pointsLost?: { rule: string; points: number; detail: string }[];
  inconclusive?: string[];
}

export interface ServiceReadiness {
  name: string;
  root: string; // folder relative to the workspace root ("" = the root)
  kind?: "service" | "frontend" | "library"; // frontends and libraries are scored for what applies to them
  score: number | null;
  grade: string;
  label: string;
  gate?: { passed: boolean; blockers: number; headline: string };
  plan: PlanItem[];
}

export interface Readiness {
  scoreVersion?: string;
  score: number | null;
  grade: string;
  label: string;
  blockers: number;
  cap?: number | null; // the overall cap blockers put on the score
  categories: Record<string, CategoryScore>;
  plan: PlanItem[];
  questions: string[];
  handoff: string;
  services?: ServiceReadiness[];
}

export const CATEGORY_ORDER = [
  "error-handling",
  "security",
  "observability",
  "configuration",
  "database",
  "deployment",
  "testing",
];

/** What people call the categories (the ids stay in the protocol). */
export const CATEGORY_NAMES: Record<string, string> = {
  "error-handling": "Error handling",
  security: "Security",
  observability: "Observability",
  configuration: "Configuration",
  database: "Database",
  deployment: "Deployment",
  testing: "Testing",
};

export function categoryName(id: string): string {
  return CATEGORY_NAMES[id] ?? id;
}

/** "1 finding", "2 findings". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
