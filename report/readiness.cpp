#include <fmt/format.h>

#include <cmath>

#include "report/json_model.hpp"
#include "report/report.hpp"

namespace agentlens::report {

using nlohmann::json;

json readinessJson(const core::Readiness& r) {
  json cats = json::object();
  for (const auto& c : r.categories) {
    json lost = json::array();
    for (const auto& l : c.lost) lost.push_back({{"rule", l.ruleId}, {"points", l.points}, {"detail", l.detail}});
    json jc = {{"applicable", c.applicable},
               {"score", c.applicable ? json(c.score) : json(nullptr)},
               {"grade", c.applicable ? core::gradeFor(c.score) : "-"},
               {"findings", c.findings},
               {"accepted", c.accepted},
               {"pointsLost", lost},
               {"inconclusive", c.inconclusive}};
    if (c.cap) jc["cap"] = {{"value", *c.cap}, {"cause", c.capCause}};
    cats[std::string(core::categoryName(c.category))] = jc;
  }
  json plan = json::array();
  for (const auto& p : r.plan) {
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
  json j = {{"score", r.applicable ? json(r.overall) : json(nullptr)},
            {"grade", r.grade},
            {"label", r.label},
            {"blockers", r.blockers},
            {"categories", cats},
            {"plan", plan},
            {"questions", r.questions},
            {"handoff", r.handoff},
            {"scoreVersion", r.scoreVersion}};
  if (r.overallCap) j["cap"] = *r.overallCap;
  return j;
}

namespace {
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
                                std::optional<double> previous) {
  std::string_view reset = color ? "\x1b[0m" : "", bold = color ? "\x1b[1m" : "";
  std::string out;
  if (!r.applicable) return "Production readiness: nothing to assess (no supported source files).\n\n";
  out += fmt::format("{}Production readiness: {}{:.1f}/100 ({}){} — {}", bold, gradeColor(r.grade, color), r.overall,
                     r.grade, reset, r.label);
  if (r.blockers) out += fmt::format(" · {} blocker{}", r.blockers, r.blockers == 1 ? "" : "s");
  if (previous) {
    double d = r.overall - *previous;
    out += fmt::format(" · {}{:.1f} since the compared report", d >= 0 ? "▲ +" : "▼ ", d);
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
    if (c.cap) out += fmt::format("  (capped at {} by {})", *c.cap, c.capCause);
    else if (!c.lost.empty()) out += fmt::format("  −{:.1f} {}", c.lost.front().points, c.lost.front().ruleId);
    out += "\n";
  }
  if (!r.plan.empty() && topItems > 0) {
    out += fmt::format("\n{}Action plan{} (top {} of {}):\n", bold, reset, std::min(topItems, r.plan.size()), r.plan.size());
    for (std::size_t i = 0; i < r.plan.size() && i < topItems; ++i) {
      const auto& p = r.plan[i];
      out += fmt::format("  {}. {}{}{} — {} finding{} in {} file{}, +{:.1f} overall, effort {}{}\n", i + 1,
                         p.blocker ? "[blocker] " : "", p.title, "", p.findings, p.findings == 1 ? "" : "s",
                         p.files.size(), p.files.size() == 1 ? "" : "s", p.gainOverall, core::effortName(p.effort),
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
    out += fmt::format("{:>3}. {}{} [{}] +{:.1f} overall ({} {:.1f} → {:.1f}), effort {}\n", i + 1,
                       p.blocker ? "[blocker] " : "", p.title, p.ruleId, p.gainOverall, core::categoryName(p.category),
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
