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
}

export interface Readiness {
  score: number | null;
  grade: string;
  label: string;
  blockers: number;
  categories: Record<string, CategoryScore>;
  plan: PlanItem[];
  questions: string[];
  handoff: string;
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
