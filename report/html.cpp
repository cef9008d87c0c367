// The HTML report: one self-contained page (inline CSS/SVG/JS, no network), readable in light
// and dark mode. The VS Code panel reuses its look.
#include <fmt/format.h>

#include <cmath>
#include <map>

#include "agentlens/version.hpp"
#include "report/report.hpp"

namespace agentlens::report {
namespace {

std::string esc(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string gradeClass(const std::string& g) {
  if (g == "A" || g == "B") return "good";
  if (g == "C") return "fair";
  return "poor";
}

constexpr std::string_view kStyle = R"css(
:root{--bg:#f7f7f9;--card:#fff;--fg:#1d1f24;--muted:#667085;--line:#e4e7ec;--good:#12a150;--fair:#d98a00;--poor:#d92d20;--accent:#3b5bdb;--code:#f2f4f7}
@media (prefers-color-scheme:dark){:root{--bg:#15171c;--card:#1e2128;--fg:#e6e8ee;--muted:#98a2b3;--line:#2e323c;--code:#262a33}}
*{box-sizing:border-box}body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;background:var(--bg);color:var(--fg)}
main{max-width:1100px;margin:0 auto;padding:24px}h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:0 0 12px}
.muted{color:var(--muted)}.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:18px;margin:16px 0}
.top{display:grid;grid-template-columns:220px 1fr;gap:16px;align-items:center}
.gauge text{font-weight:700}.good{color:var(--good)}.fair{color:var(--fair)}.poor{color:var(--poor)}
.cat{display:grid;grid-template-columns:140px 1fr 70px;gap:10px;align-items:center;margin:6px 0}
.bar{height:10px;background:var(--line);border-radius:6px;overflow:hidden}.bar>span{display:block;height:100%;border-radius:6px}
.bar .good{background:var(--good)}.bar .fair{background:var(--fair)}.bar .poor{background:var(--poor)}
.item{border-top:1px solid var(--line);padding:12px 0}.item:first-child{border-top:0}
.tag{display:inline-block;font-size:11px;padding:1px 7px;border-radius:10px;border:1px solid var(--line);margin-right:6px;color:var(--muted)}
.tag.blocker{border-color:var(--poor);color:var(--poor)}.gain{font-weight:600;color:var(--good)}
pre{background:var(--code);padding:10px;border-radius:8px;overflow:auto;white-space:pre-wrap;margin:6px 0}
code{font:12.5px ui-monospace,SFMono-Regular,Menlo,monospace}
button{font:inherit;font-size:12px;padding:3px 10px;border-radius:6px;border:1px solid var(--line);background:var(--card);color:var(--fg);cursor:pointer}
button:hover{border-color:var(--accent)}details>summary{cursor:pointer;color:var(--accent)}
.finding{margin:10px 0}.loc{font-family:ui-monospace,monospace;font-size:12.5px}.lvl-error{color:var(--poor)}.lvl-warning{color:var(--fair)}.lvl-info,.lvl-hint{color:var(--muted)}
)css";

constexpr std::string_view kScript = R"js(
function copyText(id,btn){const t=document.getElementById(id).textContent;
 const done=()=>{const o=btn.textContent;btn.textContent='Copied';setTimeout(()=>btn.textContent=o,1200)};
 if(navigator.clipboard&&window.isSecureContext){navigator.clipboard.writeText(t).then(done,()=>fallback(t,done))}else{fallback(t,done)}}
function fallback(t,done){const a=document.createElement('textarea');a.value=t;document.body.appendChild(a);a.select();
 try{document.execCommand('copy')}catch(e){}document.body.removeChild(a);done()}
)js";

std::string gauge(double score, const std::string& grade) {
  // Semicircle gauge: 180° arc, value arc proportional to the score.
  double a = M_PI * (1.0 - std::clamp(score, 0.0, 100.0) / 100.0);
  double x = 100 + 80 * std::cos(a), y = 100 - 80 * std::sin(a);
  std::string cls = gradeClass(grade);
  return fmt::format(
      R"svg(<svg class="gauge" width="200" height="120" viewBox="0 0 200 120" role="img" aria-label="score {:.1f} of 100">)svg"
      R"svg(<path d="M20 100 A80 80 0 0 1 180 100" fill="none" stroke="var(--line)" stroke-width="14" stroke-linecap="round"/>)svg"
      R"svg(<path d="M20 100 A80 80 0 0 1 {:.2f} {:.2f}" fill="none" stroke="var(--{})" stroke-width="14" stroke-linecap="round"/>)svg"
      R"svg(<text x="100" y="92" text-anchor="middle" font-size="30" fill="currentColor">{:.1f}</text>)svg"
      R"svg(<text x="100" y="114" text-anchor="middle" font-size="14" class="{}" fill="var(--{})">grade {}</text></svg>)svg",
      score, x, y, cls, score, cls, cls, grade);
}

}  // namespace

std::string renderHtml(const ReportInput& in) {
  std::string h;
  h += "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">";
  h += "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">";
  h += "<title>AgentLens readiness — " + esc(in.title) + "</title><style>" + std::string(kStyle) + "</style></head><body><main>";
  const core::Readiness* r = in.readiness;
  std::size_t total = 0;
  for (const auto& f : in.scan->files)
    for (const auto& fi : f.findings)
      if (!fi.suppressedReason) ++total;
  h += "<h1>Production readiness: " + esc(in.title) + "</h1>";
  h += fmt::format("<div class=\"muted\">agentlens {} · {} files · {} findings</div>", kVersion, in.scan->files.size(), total);
  if (r && r->applicable) {
    h += "<section class=\"card top\" id=\"score\"><div>" + gauge(r->overall, r->grade) + "</div><div>";
    h += fmt::format("<div style=\"font-size:22px;font-weight:700\" class=\"{}\" data-score=\"{:.1f}\">{:.1f}/100 · {}</div>",
                     gradeClass(r->grade), r->overall, r->overall, esc(r->label));
    h += fmt::format("<div class=\"{}\" id=\"gate\">{}</div>", r->gate.passed ? "good" : "poor", esc(r->gate.headline));
    if (in.previousScore)
      h += fmt::format("<div class=\"muted\">{:+.1f} since the compared report{}</div>", r->overall - *in.previousScore,
                       !in.previousScoreVersion.empty() && in.previousScoreVersion != r->scoreVersion
                           ? esc(" (score version " + in.previousScoreVersion + " there, " + r->scoreVersion + " here: not comparable)")
                           : "");
    for (const auto& c : r->categories) {
      auto name = std::string(core::categoryName(c.category));
      if (!c.applicable) {
        h += "<div class=\"cat\"><span>" + name + "</span><div class=\"bar\"></div><span class=\"muted\">n/a</span></div>";
        continue;
      }
      std::string g = core::gradeFor(c.score);
      h += fmt::format("<div class=\"cat\" title=\"{}\"><span>{}</span><div class=\"bar\"><span class=\"{}\" style=\"width:{:.0f}%\"></span></div><span>{:.1f} {}</span></div>",
                       c.lost.empty() ? "" : esc(fmt::format("−{:.1f} {}", c.lost.front().points, c.lost.front().ruleId)), name, gradeClass(g),
                       c.score, c.score, g);
    }
    h += "</div></section>";
    if (!r->services.empty()) {
      h += "<section class=\"card\" id=\"services\"><h2>Services</h2><p class=\"muted\">The score above is the repository roll-up.</p>";
      for (const auto& sv : r->services) {
        std::string where = sv.root.empty() ? "." : sv.root + "/";
        if (sv.kind != core::UnitKind::Service) where += fmt::format(" ({})", core::unitKindName(sv.kind));
        h += fmt::format("<div class=\"cat\"><span>{}</span><span class=\"{}\">{}</span><span class=\"{}\">{}</span></div>", esc(where),
                         gradeClass(sv.grade), sv.applicable ? fmt::format("{:.1f} {}", sv.overall, sv.grade) : "n/a",
                         sv.gate.passed ? "good" : "poor", esc(sv.gate.headline));
      }
      h += "</section>";
    }
    h += "<section class=\"card\" id=\"plan\"><h2>Action plan</h2>";
    if (r->plan.empty()) h += "<p>No open findings.</p>";
    for (std::size_t i = 0; i < r->plan.size(); ++i) {
      const auto& p = r->plan[i];
      h += "<div class=\"item\">";
      h += fmt::format("<div><b>{}. {}</b> <span class=\"gain\">+{:.2f}</span> <span class=\"muted\">overall · {} {:.1f} → {:.1f}</span></div>",
                       i + 1, esc(p.title), p.gainOverall, core::categoryName(p.category), p.categoryBefore, p.categoryAfter);
      h += "<div>";
      if (p.blocker) h += "<span class=\"tag blocker\">blocker</span>";
      h += "<span class=\"tag\">" + esc(p.bucket) + "</span><span class=\"tag\">effort " + std::string(core::effortName(p.effort)) +
           "</span><span class=\"tag\">" + std::to_string(p.findings) + " findings</span><span class=\"tag\">" + esc(p.ruleId) + "</span></div>";
      h += "<div>" + esc(p.why) + "</div><div class=\"muted\">" + esc(p.fix) + "</div>";
      std::string id = "handoff-" + std::to_string(i);
      h += "<details><summary>AI hand-off</summary><pre><code id=\"" + id + "\">" + esc(p.handoff) +
           "</code></pre><button onclick=\"copyText('" + id + "',this)\">Copy</button></details>";
      h += "</div>";
    }
    h += "</section>";
    h += "<section class=\"card\" id=\"handoff\"><h2>AI hand-off for the whole plan</h2><pre><code id=\"handoff-all\">" +
         esc(r->handoff) + "</code></pre><button onclick=\"copyText('handoff-all',this)\">Copy</button></section>";
  }
  // Findings grouped by category.
  std::map<core::Category, std::vector<const core::Finding*>> byCat;
  for (const auto& f : in.scan->files)
    for (const auto& fi : f.findings) byCat[fi.category].push_back(&fi);
  h += "<section class=\"card\" id=\"findings\"><h2>Findings</h2>";
  if (byCat.empty()) h += "<p>No findings.</p>";
  for (const auto& [cat, list] : byCat) {
    h += fmt::format("<details open><summary>{} ({})</summary>", core::categoryName(cat), list.size());
    for (const core::Finding* f : list) {
      std::string lvl(core::levelName(f->level()));
      h += "<div class=\"finding\"><div class=\"loc\">" + esc(f->path) + ":" + std::to_string(f->start.line + 1) + ":" +
           std::to_string(f->start.character + 1) + " <span class=\"lvl-" + lvl + "\">" + lvl + "</span> " + esc(f->ruleId) +
           (f->suppressedReason ? " <span class=\"tag\">accepted: " + esc(*f->suppressedReason) + "</span>" : "") +
           "</div><div>" + esc(f->message) + "</div><pre><code>" +
           fmt::format("{:>4} | ", f->start.line + 1) + esc(f->excerpt) + "</code></pre>";
      if (!f->fixes.empty())
        h += "<div class=\"muted\">fix (" + std::string(core::applicabilityName(f->fixes.front().applicability)) + "): " +
             esc(f->fixes.front().title) + "</div>";
      h += "</div>";
    }
    h += "</details>";
  }
  h += "</section>";
  if (r && !r->questions.empty()) {
    h += "<section class=\"card\" id=\"questions\"><h2>Not checked automatically</h2><ul>";
    for (const auto& q : r->questions) h += "<li>" + esc(q) + "</li>";
    h += "</ul></section>";
  }
  h += "</main><script>" + std::string(kScript) + "</script></body></html>\n";
  return h;
}

}  // namespace agentlens::report
