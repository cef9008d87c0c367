// Renders the readiness panel (a webview) and the status-bar text from the readiness model.
// The look follows the CLI's HTML report, but colours come from the VS Code theme variables.
import { CATEGORY_ORDER, Readiness, categoryName, plural } from "./model";

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

function gradeClass(grade: string): string {
  return grade === "A" || grade === "B" ? "good" : grade === "C" ? "fair" : "poor";
}

export function statusText(r: Readiness | undefined, problem?: string): { text: string; tooltip: string } {
  if (problem) return { text: "$(error) AgentLens", tooltip: `AgentLens: the server is not running — ${problem}` };
  if (!r) return { text: "$(loading~spin) AgentLens", tooltip: "AgentLens: indexing the workspace…" };
  if (r.score === null) return { text: "$(circle-slash) AgentLens", tooltip: "AgentLens: nothing to assess (no Python, JavaScript, TypeScript or Go service found)" };
  const blockers = r.blockers ? ` · ${plural(r.blockers, "blocker")}` : "";
  return {
    text: `$(pulse) AgentLens ${Math.round(r.score)} · ${r.grade}`,
    tooltip: `Production readiness ${r.score.toFixed(1)}/100 (${r.grade}, ${r.label})${blockers} — click for the report`,
  };
}

/** Per-service scores when the workspace has services other than the root alone (the score
 *  above is then the repository roll-up). */
function servicesHtml(r: Readiness): string {
  const list = r.services ?? [];
  if (list.length === 0 || (list.length === 1 && list[0].root === "")) return "";
  let html = `<h3>Services</h3>`;
  for (const s of list) {
    const score = typeof s.score === "number" ? `${s.score.toFixed(0)} ${escapeHtml(s.grade)}` : "n/a";
    const cls = typeof s.score === "number" ? gradeClass(s.grade) : "muted";
    const next = s.plan?.length ? `<div class="muted">next: ${escapeHtml(s.plan[0].title)}</div>` : "";
    const kind = s.kind && s.kind !== "service" ? ` <span class="tag">${escapeHtml(s.kind)}</span>` : "";
    html += `<div class="service"><div class="title"><b>${escapeHtml(s.root === "" ? "(root)" : s.root)}</b>${kind}<span class="${cls} gain">${score}</span></div>
<div class="muted">${escapeHtml(s.gate?.headline ?? s.label)}</div>${next}</div>`;
  }
  return html;
}

export interface ViewOptions {
  nonce: string;
  cspSource: string;
  /** Why no server runs (the error state), if none does. */
  problem?: string;
}

/** The whole webview document. Plan items post {type:"open", file, line, column} or
 *  {type:"copy", index} messages; the extension handles them. */
export function renderReadinessHtml(r: Readiness | undefined, opts: ViewOptions): string {
  const head = `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${opts.cspSource} 'unsafe-inline'; script-src 'nonce-${opts.nonce}';">
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>
body{font-family:var(--vscode-font-family);font-size:var(--vscode-font-size);color:var(--vscode-foreground);padding:8px}
.score{font-size:26px;font-weight:700}.good{color:var(--vscode-testing-iconPassed)}.fair{color:var(--vscode-editorWarning-foreground)}.poor{color:var(--vscode-errorForeground)}
.cat{display:grid;grid-template-columns:minmax(80px,110px) 1fr 44px;gap:6px;align-items:center;margin:3px 0}
.title{display:flex;gap:6px;align-items:baseline}.title b{flex:1;min-width:0}.gain{white-space:nowrap}
.bar{height:8px;background:var(--vscode-editorWidget-border);border-radius:4px;overflow:hidden}.bar>span{display:block;height:100%}
.bar .good{background:var(--vscode-testing-iconPassed)}.bar .fair{background:var(--vscode-editorWarning-foreground)}.bar .poor{background:var(--vscode-errorForeground)}
.service{margin:4px 0}.item{border-top:1px solid var(--vscode-editorWidget-border);padding:8px 0}.muted{color:var(--vscode-descriptionForeground)}
.tag{font-size:10px;border:1px solid var(--vscode-editorWidget-border);border-radius:8px;padding:0 6px;margin-right:4px}
.blocker{border-color:var(--vscode-errorForeground);color:var(--vscode-errorForeground)}
a{color:var(--vscode-textLink-foreground);cursor:pointer;text-decoration:none}
button{background:var(--vscode-button-background);color:var(--vscode-button-foreground);border:0;padding:3px 8px;border-radius:2px;cursor:pointer}
</style></head><body>`;
  if (opts.problem)
    return `${head}<p class="poor">The AgentLens server is not running: ${escapeHtml(opts.problem)}</p><p class="muted">The AgentLens output channel says why; fix the <code>agentlens.path</code> setting or run “AgentLens: Restart Server”.</p></body></html>`;
  if (!r) return `${head}<p class="muted">Indexing the workspace…</p></body></html>`;
  if (r.score === null) return `${head}<p class="muted">Nothing to assess: no Python, JavaScript, TypeScript or Go files found.</p></body></html>`;
  const g = gradeClass(r.grade);
  let body = `<div class="score ${g}" id="score">${r.score.toFixed(1)}/100 · ${escapeHtml(r.grade)}</div>`;
  body += `<div class="muted">${escapeHtml(r.label)}${r.blockers ? ` · <span class="poor">${r.blockers} blocker${r.blockers === 1 ? "" : "s"}</span>` : ""}</div>`;
  for (const name of CATEGORY_ORDER) {
    const c = r.categories[name];
    if (!c) continue;
    if (!c.applicable || c.score === null) {
      body += `<div class="cat"><span>${categoryName(name)}</span><div class="bar"></div><span class="muted">n/a</span></div>`;
      continue;
    }
    const cg = gradeClass(c.grade);
    const title = c.cap ? ` title="capped at ${c.cap.value} by ${escapeHtml(c.cap.cause)}"` : "";
    body += `<div class="cat"${title}><span>${categoryName(name)}</span><div class="bar"><span class="${cg}" style="width:${Math.round(c.score)}%"></span></div><span>${c.score.toFixed(0)} ${escapeHtml(c.grade)}</span></div>`;
  }
  body += servicesHtml(r);
  body += `<h3>Action plan</h3>`;
  if (!r.plan.length) body += `<p class="muted">No open findings: nothing left to do.</p>`;
  r.plan.forEach((p, i) => {
    const loc = p.locations[0];
    const open = loc
      ? `<a data-file="${escapeHtml(loc.file)}" data-line="${loc.line}" data-column="${loc.column}">${escapeHtml(loc.file)}:${loc.line}</a>`
      : "";
    body += `<div class="item"><div class="title"><b>${i + 1}. ${escapeHtml(p.title)}</b><span class="good gain">+${p.expectedGain.overall.toFixed(1)}</span></div>
<div>${p.blocker ? '<span class="tag blocker">blocker</span>' : ""}<span class="tag">${escapeHtml(categoryName(p.category))}</span><span class="tag">effort ${escapeHtml(p.effort)}</span><span class="tag">${plural(p.findings, "finding")}</span></div>
<div class="muted">${escapeHtml(p.why)}</div><div>${open}${p.locations.length > 1 ? ` <span class="muted">+${p.locations.length - 1} more</span>` : ""}</div>
<div><button data-copy="${i}">Copy AI hand-off</button></div></div>`;
  });
  const script = `<script nonce="${opts.nonce}">
const vscode = acquireVsCodeApi();
document.addEventListener('click', (e) => {
  const t = e.target;
  if (t.dataset && t.dataset.file) vscode.postMessage({type:'open', file:t.dataset.file, line:+t.dataset.line, column:+t.dataset.column});
  if (t.dataset && t.dataset.copy !== undefined) vscode.postMessage({type:'copy', index:+t.dataset.copy});
});
</script>`;
  return `${head}${body}${script}</body></html>`;
}
