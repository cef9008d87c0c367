#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>

#include "report/json_model.hpp"
#include "report/report.hpp"

namespace agentlens::report {

using nlohmann::json;

namespace {
json categoriesJson(const std::array<core::CategoryScore, core::kCategoryCount>& categories) {
  json cats = json::object();
  for (const auto& c : categories) {
    json lost = json::array();
    for (const auto& l : c.lost) lost.push_back({{"rule", l.ruleId}, {"points", l.points}, {"detail", l.detail}});
    json jc = {{"applicable", c.applicable},
               {"score", c.applicable ? json(c.score) : json(nullptr)},
               {"grade", c.applicable ? core::gradeFor(c.score) : "-"},
               {"findings", c.findings},
               {"accepted", c.accepted},
               {"pointsLost", lost},
               {"inconclusive", c.inconclusive}};
    cats[std::string(core::categoryName(c.category))] = jc;
  }
  return cats;
}

json gateJson(const core::Gate& g) {
  return {{"passed", g.passed}, {"blockers", g.blockers}, {"rules", g.rules}, {"headline", g.headline}};
}

json planJson(const std::vector<core::PlanItem>& items) {
  json plan = json::array();
  for (const auto& p : items) {
    json locs = json::array();
    for (const auto& l : p.locations)
      locs.push_back({{"file", l.path}, {"line", l.line + 1}, {"column", l.character + 1}});
    plan.push_back({{"rule", p.ruleId},
                    {"title", p.title},
                    {"category", core::categoryName(p.category)},
                    {"severity", core::severityName(p.severity)},
                    {"blocker", p.blocker},
                    {"bucket", p.bucket},
                    {"why", p.why},
                    {"findings", p.findings},
                    {"files", p.files},
                    {"locations", locs},
                    {"expectedGain", {{"overall", p.gainOverall}, {"category", p.gainCategory},
                                      {"categoryBefore", p.categoryBefore}, {"categoryAfter", p.categoryAfter}}},
                    {"effort", core::effortName(p.effort)},
                    {"fix", {{"automatic", p.autoFixable}, {"text", p.fix}}},
                    {"handoff", p.handoff}});
  }
  return plan;
}
}  // namespace

json readinessJson(const core::Readiness& r) {
  json cats = categoriesJson(r.categories);
  json plan = planJson(r.plan);
  json services = json::array();
  for (const auto& s : r.services)
    services.push_back({{"name", s.name},
                        {"root", s.root},
                        {"kind", core::unitKindName(s.kind)},
                        {"score", s.applicable ? json(s.overall) : json(nullptr)},
                        {"grade", s.grade},
                        {"label", s.label},
                        {"gate", gateJson(s.gate)},
                        {"categories", categoriesJson(s.categories)},
                        {"plan", planJson(s.plan)}});
  json rules = json::array();
  for (const auto& rs : r.rules) {
    json by = json::object();
    for (std::size_t s = 0; s < rs.openBy.size(); ++s)
      for (std::size_t c = 0; c < rs.openBy[s].size(); ++c)
        if (rs.openBy[s][c])
          by[std::string(core::severityName(static_cast<core::Severity>(s))) + "/" +
             std::string(core::confidenceName(static_cast<core::Confidence>(c)))] = rs.openBy[s][c];
    json jr = {{"rule", rs.ruleId},
               {"category", core::categoryName(rs.category)},
               {"severity", core::severityName(rs.severity)},
               {"confidence", core::confidenceName(rs.confidence)},
               {"mode", rs.mode == core::ScoringMode::Density ? "density" : rs.mode == core::ScoringMode::Check ? "check" : "presence"},
               {"score", std::round(rs.score * 100.0) / 100.0},
               {"share", std::round(rs.share * 10000.0) / 10000.0},
               {"open", rs.open},
               {"sites", rs.sites},
               {"openBy", by}};
    if (!rs.foldedInto.empty()) jr["foldedInto"] = rs.foldedInto;
    if (!rs.subsumes.empty()) jr["subsumes"] = rs.subsumes;
    rules.push_back(jr);
  }
  json j = {{"score", r.applicable ? json(r.overall) : json(nullptr)},
            {"grade", r.grade},
            {"label", r.label},
            {"gate", gateJson(r.gate)},
            {"blockers", r.blockers},
            {"singleFindingBound", r.bound},
            {"rules", rules},
            {"services", services},
            {"categories", cats},
            {"plan", plan},
            {"questions", r.questions},
            {"handoff", r.handoff},
            {"scoreVersion", r.scoreVersion}};
  return j;
}

namespace {
std::string gainText(double g) { return g >= 0.1 || g <= 0 ? fmt::format("+{:.1f}", g) : fmt::format("+{:.2f}", g); }
std::string bar(double score, int width) {
  int filled = static_cast<int>(std::lround(score / 100.0 * width));
  std::string s;
  for (int i = 0; i < width; ++i) s += i < filled ? "█" : "░";
  return s;
}
std::string_view gradeColor(const std::string& g, bool on) {
  if (!on) return "";
  if (g == "A" || g == "B") return "\x1b[1;32m";
  if (g == "C") return "\x1b[1;33m";
  return "\x1b[1;31m";
}
}  // namespace

std::string renderReadinessText(const core::Readiness& r, bool color, std::size_t topItems,
                                std::optional<double> previous, const std::string& previousVersion) {
  std::string_view reset = color ? "\x1b[0m" : "", bold = color ? "\x1b[1m" : "";
  std::string out;
  if (!r.applicable) return "Production readiness: nothing to assess (no supported source files).\n\n";
  out += fmt::format("{}Production readiness: {}{:.1f}/100 ({}){} — {}", bold, gradeColor(r.grade, color), r.overall,
                     r.grade, reset, r.label);
  out += fmt::format(" · {}{}{}{}", r.gate.passed ? "" : std::string(gradeColor("E", color)), r.gate.headline,
                     r.gate.passed ? "" : " (" + fmt::format("{}", fmt::join(r.gate.rules, ", ")) + ")", r.gate.passed ? "" : reset);
  if (previous) {
    double d = r.overall - *previous;
    out += fmt::format(" · {}{:.1f} since the compared report", d >= 0 ? "▲ +" : "▼ ", d);
    if (!previousVersion.empty() && previousVersion != r.scoreVersion)
      out += fmt::format(" (score version {} there, {} here: the scores are not comparable)", previousVersion, r.scoreVersion);
  }
  out += "\n";
  for (const auto& c : r.categories) {
    auto name = core::categoryName(c.category);
    if (!c.applicable) {
      out += fmt::format("  {:<15} {}  n/a (nothing to judge)\n", name, std::string(20, ' '));
      continue;
    }
    std::string g = core::gradeFor(c.score);
    out += fmt::format("  {:<15} {}{}{} {:5.1f} {}", name, gradeColor(g, color), bar(c.score, 20), reset, c.score, g);
    if (!c.lost.empty()) out += fmt::format("  −{:.1f} {}", c.lost.front().points, c.lost.front().ruleId);
    out += "\n";
  }
  // A workspace that is one service at its root needs no per-service block.
  if (r.services.size() > 1 || (r.services.size() == 1 && !r.services.front().root.empty())) {
    out += fmt::format("  {}Services{} ({}; the score above is the repository roll-up):\n", bold, reset, r.services.size());
    for (const auto& s : r.services) {
      std::string where = s.root.empty() ? "." : s.root + "/";
      if (s.kind != core::UnitKind::Service) where += fmt::format(" ({})", core::unitKindName(s.kind));
      if (!s.applicable) {
        out += fmt::format("    {:<24} n/a\n", where);
        continue;
      }
      out += fmt::format("    {:<24} {}{:5.1f} {}{} · {}{}\n", where, gradeColor(s.grade, color), s.overall, s.grade, reset,
                         s.gate.headline, s.plan.empty() ? "" : fmt::format(" · next: {}", s.plan.front().title));
    }
  }
  if (!r.plan.empty() && topItems > 0) {
    out += fmt::format("\n{}Action plan{} (top {} of {}):\n", bold, reset, std::min(topItems, r.plan.size()), r.plan.size());
    for (std::size_t i = 0; i < r.plan.size() && i < topItems; ++i) {
      const auto& p = r.plan[i];
      out += fmt::format("  {}. {}{}{} — {} finding{} in {} file{}, {} overall, effort {}{}\n", i + 1,
                         p.blocker ? "[blocker] " : "", p.title, "", p.findings, p.findings == 1 ? "" : "s",
                         p.files.size(), p.files.size() == 1 ? "" : "s", gainText(p.gainOverall), core::effortName(p.effort),
                         p.autoFixable ? ", quick fix" : "");
    }
    out += "  (`agentlens plan` for the whole plan, `agentlens plan --prompt` for AI hand-offs)\n";
  }
  out += "\n";
  return out;
}

std::string renderPlanText(const core::Readiness& r, bool prompts) {
  std::string out = renderReadinessText(r, false, 0);
  if (prompts) {
    out += r.handoff;
    return out;
  }
  std::string bucket;
  for (std::size_t i = 0; i < r.plan.size(); ++i) {
    const auto& p = r.plan[i];
    if (p.bucket != bucket) {
      bucket = p.bucket;
      out += bucket == "before-first-deploy" ? "Before first deploy:\n"
             : bucket == "this-week"         ? "\nThis week:\n"
                                             : "\nHardening backlog:\n";
    }
    out += fmt::format("{:>3}. {}{} [{}] {} overall ({} {:.1f} → {:.1f}), effort {}\n", i + 1,
                       p.blocker ? "[blocker] " : "", p.title, p.ruleId, gainText(p.gainOverall), core::categoryName(p.category),
                       p.categoryBefore, p.categoryAfter, core::effortName(p.effort));
    out += "     why: " + p.why + "\n";
    out += "     fix: " + p.fix + "\n";
    for (std::size_t k = 0; k < p.locations.size() && k < 5; ++k)
      out += fmt::format("     at {}:{}\n", p.locations[k].path, p.locations[k].line + 1);
    if (p.locations.size() > 5) out += fmt::format("     … {} more\n", p.locations.size() - 5);
  }
  out += "\nNot checked automatically (answer before launch):\n";
  for (const auto& q : r.questions) out += "  - " + q + "\n";
  return out;
}

}  // namespace agentlens::report
