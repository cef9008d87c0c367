#include "core/score/readiness.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace agentlens::core {
namespace {

double sevWeight(Severity s) {
  switch (s) {
    case Severity::Critical: return 10;
    case Severity::High: return 7.5;
    case Severity::Medium: return 5;
    case Severity::Low: return 2.5;
    case Severity::Info: return 0;
  }
  return 0;
}

double confMultiplier(Confidence c) {
  switch (c) {
    case Confidence::High: return 1.0;
    case Confidence::Medium: return 0.8;
    case Confidence::Low: return 0.5;
  }
  return 1.0;
}

/// Presence-rule deduction per finding (catalog: C 10, H 5, M 3, L 1.5).
double deduction(Severity s) {
  switch (s) {
    case Severity::Critical: return 10;
    case Severity::High: return 5;
    case Severity::Medium: return 3;
    case Severity::Low: return 1.5;
    case Severity::Info: return 0;
  }
  return 0;
}

double effortBase(Effort e) {
  switch (e) {
    case Effort::XS: return 1;
    case Effort::S: return 2;
    case Effort::M: return 3;
    case Effort::L: return 5;
  }
  return 2;
}

constexpr std::string_view kDbModules[] = {
    "sqlite3", "psycopg2", "psycopg", "pymysql", "mysql.connector", "sqlalchemy", "sqlmodel", "asyncpg",
    "pymongo", "motor", "redis", "django.db", "peewee", "tortoise", "pg", "mysql", "mysql2", "mongoose",
    "mongodb", "@prisma/client", "sequelize", "typeorm", "knex", "better-sqlite3", "sqlite3", "ioredis",
    "drizzle-orm", "database/sql", "gorm.io/gorm", "github.com/jackc/pgx/v5", "github.com/jackc/pgx/v4",
    "github.com/lib/pq", "github.com/go-sql-driver/mysql", "github.com/jmoiron/sqlx",
    "go.mongodb.org/mongo-driver/mongo", "github.com/redis/go-redis/v9", "github.com/mattn/go-sqlite3"};

/// Per-rule aggregate of the findings and sites.
struct RuleTally {
  std::size_t open = 0;        // open findings that count (non-info, non-suppressed)
  double penalty = 0;          // presence deduction sum
  std::size_t sites = 0;
  std::size_t accepted = 0;
  bool blockerCritical = false;  // gate finding at C with conf >= M
  bool blockerHigh = false;      // gate finding at H with conf H
  std::vector<const Finding*> findings;
};

struct Context {
  const ReadinessInput& in;
  std::map<std::string, RuleTally> tally;
  std::set<Lang> langs;
  bool db = false;
  std::map<std::string, const RuleInfo*> rules;
};

struct Scores {
  std::array<CategoryScore, kCategoryCount> cats{};
  double overall = 0;
  bool applicable = false;
  std::optional<int> overallCap;
  std::size_t blockers = 0;
};

bool countsFor(const RuleInfo& r, const FileResult& f) {
  // Test, generated and vendored files do not count, except for rules about tests.
  if (r.category == Category::Testing) return f.facts.role != FileRole::Generated;
  return !f.facts.isTestOrGenerated();
}

/// Scores with the rules in `resolved` treated as fixed (their open findings removed).
Scores score(const Context& ctx, const std::set<std::string>& resolved) {
  Scores out;
  // Root-cause folding: a failing check subsumes its symptoms' rules.
  std::set<std::string> folded;
  for (const auto& r : ctx.in.rules) {
    auto it = ctx.tally.find(r.id);
    bool failing = it != ctx.tally.end() && it->second.open > 0 && !resolved.count(r.id);
    if (failing)
      for (const auto& s : r.subsumes) folded.insert(s);
  }
  struct Acc {
    double num = 0, den = 0;
    std::optional<int> cap;
    std::string capCause;
    std::vector<PointsLost> lost;
    std::vector<std::string> inconclusive;
    std::size_t findings = 0, accepted = 0;
    bool any = false;
  };
  std::array<Acc, kCategoryCount> acc{};
  bool criticalGate = false;
  std::size_t blockers = 0;
  for (const auto& r : ctx.in.rules) {
    Acc& a = acc[static_cast<std::size_t>(r.category)];
    double w = sevWeight(r.severity) * confMultiplier(r.confidence);
    const RuleTally* t = nullptr;
    if (auto it = ctx.tally.find(r.id); it != ctx.tally.end()) t = &it->second;
    if (folded.count(r.id)) continue;  // charged through the failing check that subsumes it
    bool fixed = resolved.count(r.id) > 0;
    std::size_t v = (t && !fixed) ? t->open : 0;
    double penalty = (t && !fixed) ? t->penalty : 0;
    std::size_t n = t ? t->sites : 0;
    if (t) {
      a.findings += fixed ? 0 : t->open;
      a.accepted += t->accepted;
    }
    if (w <= 0) continue;  // info rules are not scored
    if (r.category == Category::Database && !ctx.db && !(t && (t->open || t->sites))) {
      a.inconclusive.push_back(r.id);
      continue;
    }
    double s = 10;
    std::string detail;
    bool conclusive = false;
    switch (r.mode) {
      case ScoringMode::Density:
        n = std::max(n, t ? t->open : 0);
        conclusive = n > 0;
        if (conclusive) {
          s = 10.0 * (1.0 - static_cast<double>(v) / static_cast<double>(n + 2));
          detail = std::to_string(v) + " of " + std::to_string(n) + " sites";
        }
        break;
      case ScoringMode::Presence: {
        bool langPresent = r.languages.empty() ||
                           std::any_of(r.languages.begin(), r.languages.end(), [&](Lang l) { return ctx.langs.count(l); });
        conclusive = langPresent || (t && t->open);
        s = std::max(0.0, 10.0 - penalty);
        detail = std::to_string(v) + (v == 1 ? " finding" : " findings");
        break;
      }
      case ScoringMode::Check:
        conclusive = n > 0 || (t && t->open);
        if (conclusive) {
          std::size_t parts = std::max<std::size_t>(n, 1);
          s = 10.0 * (1.0 - std::min<double>(1.0, static_cast<double>(v) / static_cast<double>(parts)));
          detail = v ? (parts > 1 ? std::to_string(v) + " of " + std::to_string(parts) + " checks fail" : "missing") : "passes";
        }
        break;
    }
    if (!conclusive) {
      a.inconclusive.push_back(r.id);
      continue;
    }
    a.any = true;
    a.num += w * s;
    a.den += w;
    if (s < 10) a.lost.push_back({r.id, w * (10 - s), detail});
    if (r.gate && t && !fixed && v > 0) {
      if (t->blockerCritical) {
        if (!a.cap || *a.cap > 39) {
          a.cap = 39;
          a.capCause = r.id;
        }
        criticalGate = true;
        ++blockers;
      } else if (t->blockerHigh) {
        if (!a.cap) {
          a.cap = 69;
          a.capCause = r.id;
        }
        ++blockers;
      }
    }
  }
  double onum = 0, oden = 0;
  for (std::size_t c = 0; c < kCategoryCount; ++c) {
    Acc& a = acc[c];
    CategoryScore& cs = out.cats[c];
    cs.category = static_cast<Category>(c);
    cs.applicable = a.any && a.den > 0;
    cs.inconclusive = a.inconclusive;
    cs.findings = a.findings;
    cs.accepted = a.accepted;
    if (!cs.applicable) continue;
    cs.raw = 10.0 * a.num / a.den;
    cs.score = cs.raw;
    if (a.cap && cs.score > *a.cap) {
      cs.score = *a.cap;
    }
    cs.cap = a.cap;
    cs.capCause = a.capCause;
    for (auto& l : a.lost) l.points = 10.0 * l.points / a.den;
    std::sort(a.lost.begin(), a.lost.end(), [](const PointsLost& x, const PointsLost& y) {
      if (x.points != y.points) return x.points > y.points;
      return x.ruleId < y.ruleId;
    });
    cs.lost = a.lost;
    onum += categoryWeight(cs.category) * cs.score;
    oden += categoryWeight(cs.category);
  }
  out.applicable = oden > 0;
  out.overall = out.applicable ? onum / oden : 0;
  if (criticalGate && out.overall > 49) {
    out.overall = 49;
    out.overallCap = 49;
  } else if (criticalGate) {
    out.overallCap = 49;
  }
  out.blockers = blockers;
  return out;
}

std::string joinFiles(const std::vector<std::string>& files, std::size_t max) {
  std::string s;
  for (std::size_t i = 0; i < files.size() && i < max; ++i) s += (i ? ", " : "") + files[i];
  if (files.size() > max) s += " and " + std::to_string(files.size() - max) + " more";
  return s;
}

double round1(double x) { return std::round(x * 10.0) / 10.0; }

}  // namespace

std::string_view effortName(Effort e) {
  switch (e) {
    case Effort::XS: return "XS";
    case Effort::S: return "S";
    case Effort::M: return "M";
    case Effort::L: return "L";
  }
  return "S";
}

double categoryWeight(Category c) {
  switch (c) {
    case Category::Security: return 25;
    case Category::ErrorHandling:
    case Category::Observability:
    case Category::Deployment: return 15;
    case Category::Testing:
    case Category::Configuration:
    case Category::Database: return 10;
  }
  return 10;
}

std::string gradeFor(double score) {
  int s = static_cast<int>(std::floor(score));
  if (s >= 90) return "A";
  if (s >= 75) return "B";
  if (s >= 60) return "C";
  if (s >= 40) return "D";
  return "E";
}

std::string gradeLabel(const std::string& g) {
  if (g == "A") return "production-ready";
  if (g == "B") return "ready with minor gaps";
  if (g == "C") return "needs work";
  if (g == "D") return "not ready";
  return "prototype";
}

Readiness computeReadiness(const ReadinessInput& in) {
  Context ctx{in, {}, {}, false, {}};
  for (const auto& r : in.rules) ctx.rules[r.id] = &r;
  static const std::vector<FileResult> kNone;
  const auto& files = in.files ? *in.files : kNone;
  bool db = false;
  for (const auto& f : files) {
    if (!f.facts.isTestOrGenerated()) ctx.langs.insert(f.lang);
    if (!f.facts.dbClients.empty()) db = true;
    for (const auto& imp : f.facts.imports)
      for (auto m : kDbModules)
        if (imp.module == m) db = true;
    for (const auto& [id, n] : f.sites) {
      auto it = ctx.rules.find(id);
      if (it == ctx.rules.end() || !countsFor(*it->second, f)) continue;
      ctx.tally[id].sites += n;
    }
    // Density rules count violating *sites*: a file contributes at most as many violations as
    // it has eligible sites (ten prints in one module are one bad module).
    std::map<std::string, std::size_t> perFileOpen;
    for (const auto& fi : f.findings) {
      auto it = ctx.rules.find(fi.ruleId);
      if (it == ctx.rules.end()) continue;
      RuleTally& t = ctx.tally[fi.ruleId];
      if (!fi.suppressedReason && it->second->mode == ScoringMode::Density && countsFor(*it->second, f) &&
          fi.severity != Severity::Info) {
        std::size_t cap = 0;
        for (const auto& [sid, n] : f.sites)
          if (sid == fi.ruleId) cap = n;
        if (cap > 0 && perFileOpen[fi.ruleId] >= cap) {
          t.findings.push_back(&fi);  // still listed in the plan, not counted again
          continue;
        }
        ++perFileOpen[fi.ruleId];
      }
      if (fi.suppressedReason) {
        ++t.accepted;
        continue;
      }
      if (!countsFor(*it->second, f) || fi.severity == Severity::Info) continue;
      ++t.open;
      t.penalty += deduction(fi.severity) * confMultiplier(fi.confidence);
      t.findings.push_back(&fi);
      if (it->second->gate) {
        if (fi.severity == Severity::Critical && fi.confidence != Confidence::Low) t.blockerCritical = true;
        if (fi.severity == Severity::High && fi.confidence == Confidence::High) t.blockerHigh = true;
        if (fi.severity == Severity::Critical && fi.confidence == Confidence::Low) t.blockerHigh = true;
      }
    }
  }
  ctx.db = in.usesDatabase.value_or(db);

  Readiness out;
  Scores base = score(ctx, {});
  out.categories = base.cats;
  for (auto& c : out.categories) {
    c.score = round1(c.score);
    c.raw = round1(c.raw);
    for (auto& l : c.lost) l.points = round1(l.points);
  }
  out.applicable = base.applicable;
  out.overall = round1(base.overall);
  out.overallCap = base.overallCap;
  out.blockers = base.blockers;
  out.grade = out.applicable ? gradeFor(out.overall) : "-";
  out.label = out.applicable ? gradeLabel(out.grade) : "nothing to assess";

  // ---- action plan: one item per rule with open findings (checks own their folded symptoms).
  std::map<std::string, std::string> foldedInto;
  for (const auto& r : in.rules) {
    auto it = ctx.tally.find(r.id);
    if (it == ctx.tally.end() || it->second.open == 0) continue;
    for (const auto& s : r.subsumes) foldedInto[s] = r.id;
  }
  std::vector<PlanItem> items;
  for (const auto& r : in.rules) {
    auto it = ctx.tally.find(r.id);
    if (it == ctx.tally.end() || it->second.open == 0 || foldedInto.count(r.id)) continue;
    const RuleTally& t = it->second;
    PlanItem item;
    item.ruleId = r.id;
    item.title = r.planTitle.empty() ? r.summary : r.planTitle;
    item.category = r.category;
    item.severity = r.severity;
    item.why = r.why;
    std::set<std::string> fileSet;
    std::vector<const Finding*> fs = t.findings;
    for (const auto& [sym, parent] : foldedInto)
      if (parent == r.id)
        if (auto st = ctx.tally.find(sym); st != ctx.tally.end())
          fs.insert(fs.end(), st->second.findings.begin(), st->second.findings.end());
    Severity worst = Severity::Info;
    for (const Finding* f : fs) {
      item.locations.push_back({f->path, f->start.line, f->start.character});
      fileSet.insert(f->path);
      worst = std::min(worst, f->severity);
    }
    item.severity = std::min(r.severity, worst);
    item.files.assign(fileSet.begin(), fileSet.end());
    item.findings = fs.size();
    item.blocker = r.gate && (t.blockerCritical || t.blockerHigh);
    std::set<std::string> resolved{r.id};
    for (const auto& sub : r.subsumes) resolved.insert(sub);  // fixing the cause fixes its symptoms
    Scores after = score(ctx, resolved);
    item.gainOverall = round1(std::max(0.0, after.overall - base.overall));
    auto ci = static_cast<std::size_t>(r.category);
    item.categoryBefore = round1(base.cats[ci].score);
    item.categoryAfter = round1(after.cats[ci].score);
    item.gainCategory = round1(std::max(0.0, after.cats[ci].score - base.cats[ci].score));
    bool allSafe = std::all_of(fs.begin(), fs.end(), [](const Finding* f) {
      return std::any_of(f->fixes.begin(), f->fixes.end(), [](const Fix& x) { return x.applicability == Applicability::Safe; });
    });
    item.effort = allSafe && !fs.empty() ? Effort::XS : r.effort;
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
    std::string where;
    for (std::size_t i = 0; i < item.locations.size() && i < 12; ++i)
      where += "\n  - " + item.locations[i].path + ":" + std::to_string(item.locations[i].line + 1);
    if (item.locations.size() > 12) where += "\n  - … and " + std::to_string(item.locations.size() - 12) + " more";
    item.handoff = "Task: " + item.title + " (" + std::to_string(item.findings) + " finding" +
                   (item.findings == 1 ? "" : "s") + " of `" + r.id + "`, " + std::string(categoryName(r.category)) +
                   ").\nWhy: " + (r.why.empty() ? r.summary : r.why) + "\nWhere:" + where + "\nWhat to do: " +
                   r.summary + ". " + (fixTitle.empty() ? "" : "Suggested change: " + fixTitle + ". ") +
                   "Keep behaviour otherwise unchanged and follow the code base's existing patterns (logger, config module, error types)." +
                   "\nDone when: `agentlens check` no longer reports `" + r.id + "` in " + joinFiles(item.files, 5) +
                   ", and the existing tests pass (add a test that covers the changed behaviour).";
    items.push_back(std::move(item));
  }
  auto weightOf = [](const PlanItem& p) { return categoryWeight(p.category); };
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
    const RuleInfo* r = ctx.rules[p.ruleId];
    if (p.blocker || (p.severity <= Severity::High && r->confidence == Confidence::High)) p.bucket = "before-first-deploy";
    else if (p.gainOverall / p.effortCost >= median && p.gainOverall > 0) p.bucket = "this-week";
    else p.bucket = "hardening-backlog";
  }
  out.plan = std::move(items);
  out.questions = {
      "Backups: are database backups taken automatically, and has a restore been tested?",
      "Alerting: who gets paged when error rates or latency rise, and through which channel?",
      "Rollback: can the previous version be redeployed in minutes, including schema changes?",
      "Secrets rotation: can every credential be rotated without a code change or downtime?",
      "Feature flags: can risky features be turned off without a deploy?",
      "SLOs and runbooks: are there written targets and steps for the common incidents?",
  };
  std::string all = "Make this service production-ready. Work through these items in order; after each, run `agentlens check` and the tests.\n";
  for (std::size_t i = 0; i < out.plan.size() && i < 10; ++i)
    all += "\n" + std::to_string(i + 1) + ". " + out.plan[i].handoff + "\n";
  if (out.plan.empty()) all += "\nNo open findings: keep `agentlens check` in CI to stay there.\n";
  out.handoff = all;
  return out;
}

}  // namespace agentlens::core
