// The read-only tools: readiness, findings, plan, explain.
#include <algorithm>
#include <set>

#include "core/config/config.hpp"
#include "mcp/tools.hpp"
#include "project/git.hpp"
#include "rules/engine.hpp"

namespace agentlens::mcp {
namespace {

/// The directory a tool judges: `path` (default the root), which must be a directory.
std::string directoryArg(const Workspace& ws, const Args& a) {
  std::string given = a.string("path").value_or(".");
  std::string dir = ws.resolve(given);
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) throw ToolError("path '" + given + "' is not a directory");
  return dir;
}

/// The CI gate as `agentlens check` applies it: the config's [score] fail-under, and no open
/// finding at or above its fail-on level (default error).
json gate(const project::ProjectScan& s, const std::string& dir) {
  auto cfg = s.project->configFileFor(dir);
  const double failUnder = cfg && cfg->failUnder ? *cfg->failUnder : -1;  // -1: no fail-under
  core::Level failOn = cfg && cfg->failOn ? *cfg->failOn : core::Level::Error;
  std::size_t failing = 0;
  for (const auto& file : s.result.files)
    for (const auto& f : file.findings)
      if (!f.suppressedReason && f.level() <= failOn) ++failing;
  json reasons = json::array();
  const auto& r = s.readiness;
  if (failUnder >= 0 && r.applicable && r.overall < failUnder)
    reasons.push_back("score " + score(r.overall).dump() + " is below fail-under " + score(failUnder).dump());
  if (failing)
    reasons.push_back(std::to_string(failing) + " finding" + (failing == 1 ? "" : "s") + " at or above " +
                      std::string(core::levelName(failOn)));
  return {{"passed", reasons.empty()}, {"reasons", reasons}};
}

json planItem(const core::PlanItem& p, bool full) {
  json j = {{"rule", p.ruleId},
            {"title", p.title},
            {"blocker", p.blocker},
            {"findings", p.findings},
            {"gain", score(p.gainOverall)},
            {"effort", core::effortName(p.effort)},
            {"autoFix", p.autoFixable}};
  if (full) {
    j["bucket"] = p.bucket;
    j["files"] = p.files;
    j["fix"] = p.fix;
    j["handoff"] = p.handoff;
  }
  return j;
}

}  // namespace

json readinessTool(const Workspace& ws, const json& args) {
  Args a(args, {"path", "top"});
  std::string dir = directoryArg(ws, a);
  auto top = static_cast<std::size_t>(a.integer("top", 0, 50).value_or(5));
  project::ProjectScan s = ws.scan(dir);
  const core::Readiness& r = s.readiness;
  json cats = json::object();
  for (const auto& c : r.categories)
    cats[std::string(core::categoryName(c.category))] = {{"score", score(c.score, c.applicable)},
                                                          {"grade", c.applicable ? core::gradeFor(c.score) : "-"}};
  json items = json::array();
  for (std::size_t i = 0; i < r.plan.size() && i < top; ++i) items.push_back(planItem(r.plan[i], false));
  return {{"score", score(r.overall, r.applicable)},
          {"grade", r.grade},
          {"label", r.label},
          {"blockers", r.blockers},
          {"gate", gate(s, dir)},
          {"categories", cats},
          {"top", items}};
}

json findingsTool(const Workspace& ws, const json& args) {
  Args a(args, {"paths", "changed_since", "category", "min_severity", "limit"});
  std::vector<std::string> prefixes;  // relative to the root; "" = everything
  for (const auto& p : a.strings("paths").value_or(std::vector<std::string>{})) prefixes.push_back(ws.relative(ws.resolve(p)));
  std::optional<std::set<std::string>> changed;
  if (auto ref = a.string("changed_since")) {
    std::string error;
    auto commit = project::resolveCommit(ws.root(), *ref, error);
    auto files = commit ? project::changedFiles(ws.root(), *commit, error) : std::nullopt;
    if (!files) throw ToolError(error);
    changed.emplace(files->begin(), files->end());
  }
  std::optional<core::Category> category;
  if (auto c = a.string("category")) {
    category = core::categoryFromName(*c);
    if (!category) throw InvalidParams("arguments.category: unknown category '" + *c + "'");
  }
  core::Severity minSeverity = core::Severity::Info;
  if (auto m = a.string("min_severity")) {
    auto sev = core::severityFromName(*m);
    if (!sev) throw InvalidParams("arguments.min_severity: expected critical, high, medium, low or info");
    minSeverity = *sev;
  }
  auto limit = static_cast<std::size_t>(a.integer("limit", 1, 1000).value_or(50));

  project::ProjectScan s = ws.scan(ws.root());
  auto selected = [&](const std::string& file) {
    if (changed && !changed->count(file)) return false;
    if (prefixes.empty()) return true;
    return std::any_of(prefixes.begin(), prefixes.end(), [&](const std::string& p) {
      return p.empty() || file == p || (file.size() > p.size() && file.starts_with(p) && file[p.size()] == '/');
    });
  };
  std::vector<std::pair<const core::Finding*, const std::string*>> hits;
  for (const auto& file : s.result.files) {
    if (!selected(file.path)) continue;
    for (const auto& f : file.findings)
      if (!f.suppressedReason && f.severity <= minSeverity && (!category || f.category == *category))
        hits.emplace_back(&f, &file.path);
  }
  // Most severe first, then by file and line (the scan's order).
  std::stable_sort(hits.begin(), hits.end(), [](const auto& x, const auto& y) { return x.first->severity < y.first->severity; });
  json out = json::array();
  for (std::size_t i = 0; i < hits.size() && i < limit; ++i) out.push_back(compactFinding(*hits[i].first, *hits[i].second));
  return {{"total", hits.size()}, {"findings", out}};
}

json planTool(const Workspace& ws, const json& args) {
  Args a(args, {"path", "top"});
  std::string dir = directoryArg(ws, a);
  auto top = static_cast<std::size_t>(a.integer("top", 1, 100).value_or(10));
  project::ProjectScan s = ws.scan(dir);
  const core::Readiness& r = s.readiness;
  json items = json::array();
  for (std::size_t i = 0; i < r.plan.size() && i < top; ++i) items.push_back(planItem(r.plan[i], true));
  return {{"score", score(r.overall, r.applicable)}, {"grade", r.grade}, {"total", r.plan.size()}, {"items", items}};
}

json explainTool(const Workspace& ws, const json& args) {
  Args a(args, {"rule"});
  auto id = a.string("rule");
  if (!id) throw InvalidParams("arguments.rule: required");
  // Custom rules of the workspace (.agentlens/rules/) are explained like built-in ones.
  std::string ignored;
  auto proj = project::makeProject(ws.root(), {}, ignored);
  auto engine = proj->engine();
  for (const rules::RuleMeta* m : project::ruleMetas(engine.get()))
    if (m->id == *id)
      return {{"rule", std::string(m->id)},
              {"summary", std::string(m->summary)},
              {"category", core::categoryName(m->category)},
              {"severity", core::severityName(m->severity)},
              {"fix", m->fix ? json(core::applicabilityName(*m->fix)) : json(nullptr)},
              {"docs", project::explainText(*m)}};
  throw ToolError("unknown rule '" + *id + "': rule ids are kebab-case, e.g. swallowed-exception (see `agentlens rules`)");
}

}  // namespace agentlens::mcp
