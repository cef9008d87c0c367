// The action plan (catalog §6): one item per rule with open findings (a failing check owns its
// folded symptoms), each with its exact score gain — the overall score re-computed with the
// item resolved — its effort, and an AI hand-off. The score is never capped, so every item that
// resolves scored findings has a gain > 0.
#include <algorithm>
#include <cmath>

#include "core/score/model.hpp"

namespace agentlens::core::score {
namespace {

double effortBase(Effort e) {
  switch (e) {
    case Effort::XS: return 1;
    case Effort::S: return 2;
    case Effort::M: return 3;
    case Effort::L: return 5;
  }
  return 2;
}

double round1(double x) { return std::round(x * 10.0) / 10.0; }

/// Two decimals, never rounding a real gain down to zero.
double roundGain(double x) {
  if (x <= 1e-12) return 0;
  return std::max(0.01, std::round(x * 100.0) / 100.0);
}

std::string joinFiles(const std::vector<std::string>& files, std::size_t max) {
  std::string s;
  for (std::size_t i = 0; i < files.size() && i < max; ++i) s += (i ? ", " : "") + files[i];
  if (files.size() > max) s += " and " + std::to_string(files.size() - max) + " more";
  return s;
}

std::string handoffFor(const PlanItem& item, const RuleInfo& r, const std::string& fixTitle) {
  std::string where;
  for (std::size_t i = 0; i < item.locations.size() && i < 12; ++i)
    where += "\n  - " + item.locations[i].path + ":" + std::to_string(item.locations[i].line + 1);
  if (item.locations.size() > 12) where += "\n  - … and " + std::to_string(item.locations.size() - 12) + " more";
  return "Task: " + item.title + " (" + std::to_string(item.findings) + " finding" + (item.findings == 1 ? "" : "s") +
         " of `" + r.id + "`, " + std::string(categoryName(r.category)) + ").\nWhy: " + (r.why.empty() ? r.summary : r.why) +
         "\nWhere:" + where + "\nWhat to do: " + r.summary + ". " +
         (fixTitle.empty() ? "" : "Suggested change: " + fixTitle + ". ") +
         "Keep behaviour otherwise unchanged and follow the code base's existing patterns (logger, config module, error types)." +
         "\nDone when: `agentlens check` no longer reports `" + r.id + "` in " + joinFiles(item.files, 5) +
         ", and the existing tests pass (add a test that covers the changed behaviour).";
}

PlanItem itemFor(const Context& ctx, const Scores& base, const RuleInfo& r, const RuleTally& t,
                 const std::map<std::string, std::string>& foldedInto) {
  PlanItem item;
  item.ruleId = r.id;
  item.title = r.planTitle.empty() ? r.summary : r.planTitle;
  item.category = r.category;
  item.why = r.why;
  std::vector<const Finding*> fs = t.findings;
  for (const auto& [sym, parent] : foldedInto)
    if (parent == r.id)
      if (auto st = ctx.tally.find(sym); st != ctx.tally.end())
        fs.insert(fs.end(), st->second.findings.begin(), st->second.findings.end());
  std::set<std::string> fileSet;
  Severity worst = Severity::Info;
  for (const Finding* f : fs) {
    item.locations.push_back({f->path, f->start.line, f->start.character});
    fileSet.insert(f->path);
    worst = std::min(worst, f->severity);
  }
  item.severity = std::min(r.severity, worst);
  item.files.assign(fileSet.begin(), fileSet.end());
  item.findings = fs.size();
  item.blocker = t.blockers > 0;
  std::set<std::string> resolved{r.id};
  for (const auto& sub : r.subsumes) resolved.insert(sub);  // fixing the cause fixes its symptoms
  for (const auto& [sym, parent] : foldedInto)
    if (parent == r.id) resolved.insert(sym);
  Scores after = score(ctx, resolved);
  item.gainOverall = roundGain(after.overall - base.overall);
  auto ci = static_cast<std::size_t>(r.category);
  item.categoryBefore = round1(base.cats[ci].score);
  item.categoryAfter = round1(after.cats[ci].score);
  item.gainCategory = roundGain(after.cats[ci].score - base.cats[ci].score);
  bool allSafe = !fs.empty() && std::all_of(fs.begin(), fs.end(), [](const Finding* f) {
    return std::any_of(f->fixes.begin(), f->fixes.end(), [](const Fix& x) { return x.applicability == Applicability::Safe; });
  });
  item.effort = allSafe ? Effort::XS : r.effort;
  item.effortCost = effortBase(item.effort) * (1.0 + std::log2(1.0 + static_cast<double>(fileSet.size())));
  std::string fixTitle;
  for (const Finding* f : fs)
    if (!f->fixes.empty()) {
      fixTitle = f->fixes.front().title;
      break;
    }
  item.autoFixable = r.hasFix && !fixTitle.empty();
  item.fix = item.autoFixable ? "Quick fix available: \"" + fixTitle + "\" (apply it in the editor or review each)."
                              : "Manual: see `agentlens explain " + r.id + "` for the recipe.";
  item.handoff = handoffFor(item, r, fixTitle);
  return item;
}

void orderAndBucket(const Context& ctx, std::vector<PlanItem>& items) {
  auto weightOf = [&](const PlanItem& p) { return ctx.p.categoryWeight[static_cast<std::size_t>(p.category)]; };
  std::sort(items.begin(), items.end(), [&](const PlanItem& a, const PlanItem& b) {
    if (a.blocker != b.blocker) return a.blocker;
    if (a.blocker && a.severity != b.severity) return a.severity < b.severity;
    double pa = a.gainOverall / a.effortCost, pb = b.gainOverall / b.effortCost;
    if (std::abs(pa - pb) > 1e-9) return pa > pb;
    if (a.severity != b.severity) return a.severity < b.severity;
    if (weightOf(a) != weightOf(b)) return weightOf(a) > weightOf(b);
    if (a.files.size() != b.files.size()) return a.files.size() < b.files.size();
    return a.ruleId < b.ruleId;
  });
  // Buckets: blockers and high-severity items first; then the better half by value per effort.
  std::vector<double> ps;
  for (const auto& p : items)
    if (!(p.blocker || p.severity <= Severity::High)) ps.push_back(p.gainOverall / p.effortCost);
  std::sort(ps.begin(), ps.end());
  double median = ps.empty() ? 0 : ps[ps.size() / 2];
  for (auto& p : items) {
    const RuleInfo* r = ctx.rules.at(p.ruleId);
    if (p.blocker || (p.severity <= Severity::High && r->confidence == Confidence::High)) p.bucket = "before-first-deploy";
    else if (p.gainOverall / p.effortCost >= median && p.gainOverall > 0) p.bucket = "this-week";
    else p.bucket = "hardening-backlog";
  }
}

}  // namespace

std::vector<PlanItem> buildPlan(const Context& ctx, const Scores& base) {
  auto foldedInto = foldedSymptoms(ctx);
  std::vector<PlanItem> items;
  for (const auto& r : ctx.in.rules) {
    auto it = ctx.tally.find(r.id);
    if (it == ctx.tally.end() || it->second.open == 0 || foldedInto.count(r.id)) continue;
    if (ctx.p.severityWeight[static_cast<std::size_t>(r.severity)] <= 0) continue;  // info rules: not scored
    items.push_back(itemFor(ctx, base, r, it->second, foldedInto));
  }
  orderAndBucket(ctx, items);
  return items;
}

}  // namespace agentlens::core::score
