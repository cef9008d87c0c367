#include "core/score/readiness.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "core/score/model.hpp"
#include "core/score/services.hpp"

namespace agentlens::core {
namespace score {
namespace {

constexpr std::string_view kDbModules[] = {
    "sqlite3", "psycopg2", "psycopg", "pymysql", "mysql.connector", "sqlalchemy", "sqlmodel", "asyncpg",
    "pymongo", "motor", "redis", "django.db", "peewee", "tortoise", "pg", "mysql", "mysql2", "mongoose",
    "mongodb", "@prisma/client", "sequelize", "typeorm", "knex", "better-sqlite3", "sqlite3", "ioredis",
    "drizzle-orm", "database/sql", "gorm.io/gorm", "github.com/jackc/pgx/v5", "github.com/jackc/pgx/v4",
    "github.com/lib/pq", "github.com/go-sql-driver/mysql", "github.com/jmoiron/sqlx",
    "go.mongodb.org/mongo-driver/mongo", "github.com/redis/go-redis/v9", "github.com/mattn/go-sqlite3"};

std::size_t idx(auto e) { return static_cast<std::size_t>(e); }

bool countsFor(const RuleInfo& r, const FileResult& f) {
  // Test, generated and vendored files do not count, except for rules about tests.
  if (r.category == Category::Testing) return f.facts.role != FileRole::Generated;
  return !f.facts.isTestOrGenerated();
}

bool usesDatabase(const FileResult& f) {
  if (!f.facts.dbClients.empty()) return true;
  for (const auto& imp : f.facts.imports)
    for (auto m : kDbModules)
      if (imp.module == m) return true;
  return false;
}

std::size_t sitesOf(const FileResult& f, const std::string& id) {
  std::size_t n = 0;
  for (const auto& [sid, k] : f.sites)
    if (sid == id) n = k;
  return n;
}

void tallyFile(Context& ctx, const FileResult& f) {
  for (const auto& [id, n] : f.sites) {
    auto it = ctx.rules.find(id);
    if (it == ctx.rules.end() || !countsFor(*it->second, f)) continue;
    ctx.tally[id].sites += n;
  }
  // Density rules count violating *sites*: a file contributes at most as many violations as it
  // has eligible sites (ten prints in one module are one bad module).
  std::map<std::string, std::size_t> perFileOpen;
  for (const auto& fi : f.findings) {
    auto it = ctx.rules.find(fi.ruleId);
    if (it == ctx.rules.end()) continue;
    const RuleInfo& r = *it->second;
    RuleTally& t = ctx.tally[fi.ruleId];
    if (fi.suppressedReason) {
      ++t.accepted;
      continue;
    }
    if (!countsFor(r, f) || fi.severity == Severity::Info) continue;
    if (r.mode == ScoringMode::Density) {
      std::size_t cap = sitesOf(f, fi.ruleId);
      if (cap > 0 && perFileOpen[fi.ruleId] >= cap) {
        t.findings.push_back(&fi);  // still listed in the plan, not counted again
        continue;
      }
      ++perFileOpen[fi.ruleId];
    }
    ++t.open;
    ++t.openBy[idx(fi.severity)][idx(fi.confidence)];
    t.findings.push_back(&fi);
    if (r.gate && fi.severity <= Severity::High && fi.confidence == Confidence::High) ++t.blockers;
  }
}

struct Judged {
  const RuleInfo* rule = nullptr;
  double w = 0;      // weight inside the category
  double loss = 0;   // (10 − s)/10
  RuleScore out;
  std::string detail;
};

/// The rule's 0–10 score, or nullopt when it has nothing to judge here.
std::optional<Judged> judge(const Context& ctx, const RuleInfo& r, const RuleTally* t, bool fixed) {
  const ScoreParams& p = ctx.p;
  Judged j;
  j.rule = &r;
  j.w = p.severityWeight[idx(r.severity)] * p.confidence[idx(r.confidence)] * ctx.modeWeight[idx(r.mode)];
  if (j.w <= 0) return std::nullopt;  // info rules are not scored
  std::size_t v = (t && !fixed) ? t->open : 0;
  std::size_t n = t ? t->sites : 0;
  if (r.category == Category::Database && !ctx.db && !(t && (t->open || t->sites))) return std::nullopt;
  double s = 10;
  switch (r.mode) {
    case ScoringMode::Density:
      n = std::max(n, t ? t->open : 0);
      if (n == 0) return std::nullopt;
      s = 10.0 * (1.0 - static_cast<double>(v) / (static_cast<double>(n) + p.shrinkage));
      j.detail = std::to_string(v) + " of " + std::to_string(n) + " sites";
      break;
    case ScoringMode::Presence: {
      bool lang = r.languages.empty() ||
                  std::any_of(r.languages.begin(), r.languages.end(), [&](Lang l) { return ctx.langs.count(l) > 0; });
      if (!lang && !(t && t->open)) return std::nullopt;
      double penalty = 0;
      if (t && !fixed)
        for (std::size_t sv = 0; sv < 5; ++sv)
          for (std::size_t c = 0; c < 3; ++c) penalty += static_cast<double>(t->openBy[sv][c]) * p.deduction[sv] * p.confidence[c];
      s = std::max(0.0, 10.0 - penalty);
      j.detail = std::to_string(v) + (v == 1 ? " finding" : " findings");
      break;
    }
    case ScoringMode::Check: {
      if (n == 0 && !(t && t->open)) return std::nullopt;
      std::size_t parts = std::max<std::size_t>(n, 1);
      s = 10.0 * (1.0 - std::min(1.0, static_cast<double>(v) / static_cast<double>(parts)));
      j.detail = v ? (parts > 1 ? std::to_string(v) + " of " + std::to_string(parts) + " checks fail" : "missing") : "passes";
      break;
    }
  }
  j.loss = (10.0 - s) / 10.0;
  j.out = RuleScore{r.id, r.category, r.severity, r.confidence, r.mode, v, n, {}, "", r.subsumes, s, 0};
  if (t && !fixed) j.out.openBy = t->openBy;
  return j;
}

/// Loss charged per unit: a rule alone, or a failing check with the symptoms folded into it
/// (charged the larger of the check's loss and its symptoms' together, so fixing either side
/// never lowers the score and the cause is charged once).
struct Charge {
  std::string ruleId;
  double catLoss = 0;   // Σ w·loss in the category
  double overallLoss = 0;  // Σ share·loss
  std::string detail;
};

std::vector<Charge> charges(std::vector<Judged>& js, const std::map<std::string, std::string>& folded) {
  std::map<std::string, Charge> byCheck;
  std::map<std::string, std::pair<double, double>> symptoms;  // check -> (Σ w·loss, Σ share·loss)
  std::vector<Charge> out;
  for (auto& j : js) {
    auto f = folded.find(j.rule->id);
    if (f != folded.end()) {
      j.out.foldedInto = f->second;
      symptoms[f->second].first += j.w * j.loss;
      symptoms[f->second].second += j.out.share * j.loss;
      continue;
    }
    out.push_back({j.rule->id, j.w * j.loss, j.out.share * j.loss, j.detail});
  }
  for (auto& c : out)
    if (auto s = symptoms.find(c.ruleId); s != symptoms.end()) {
      c.catLoss = std::max(c.catLoss, s->second.first);
      c.overallLoss = std::max(c.overallLoss, s->second.second);
    }
  return out;
}

}  // namespace

Context buildContext(const ReadinessInput& in) {
  Context ctx{in, in.params ? *in.params : fittedParams(), {1, 1, 1}, {}, {}, false, {}};
  if (!in.params) ctx.modeWeight = fittedModeWeights();
  for (const auto& r : in.rules) ctx.rules[r.id] = &r;
  bool db = false;
  if (in.files)
    for (const auto& f : *in.files) {
      if (!f.facts.isTestOrGenerated()) ctx.langs.insert(f.lang);
      db = db || usesDatabase(f);
      tallyFile(ctx, f);
    }
  ctx.db = in.usesDatabase.value_or(db);
  return ctx;
}

std::map<std::string, std::string> foldedSymptoms(const Context& ctx, const std::set<std::string>& resolved) {
  std::map<std::string, std::string> folded;
  for (const auto& r : ctx.in.rules) {
    auto it = ctx.tally.find(r.id);
    if (it == ctx.tally.end() || it->second.open == 0 || resolved.count(r.id)) continue;
    for (const auto& s : r.subsumes)
      if (auto sr = ctx.rules.find(s); sr != ctx.rules.end() && sr->second->category == r.category) folded[s] = r.id;
  }
  // A check folded into another failing check hands its own symptoms up to that root cause.
  for (auto& [sym, parent] : folded)
    for (std::size_t hops = 0; folded.count(parent) && folded.at(parent) != sym && hops < folded.size(); ++hops) parent = folded.at(parent);
  return folded;
}

std::map<std::string, std::string> foldedSymptoms(const Context& ctx) { return foldedSymptoms(ctx, {}); }

Scores score(const Context& ctx, const std::set<std::string>& resolved) {
  Scores out;
  std::array<std::vector<Judged>, kCategoryCount> judged;
  std::array<double, kCategoryCount> den{};
  for (std::size_t c = 0; c < kCategoryCount; ++c) out.cats[c].category = static_cast<Category>(c);
  for (const auto& r : ctx.in.rules) {
    const RuleTally* t = nullptr;
    if (auto it = ctx.tally.find(r.id); it != ctx.tally.end()) t = &it->second;
    CategoryScore& cs = out.cats[idx(r.category)];
    bool fixed = resolved.count(r.id) > 0;
    if (t) {
      cs.findings += fixed ? 0 : t->open;
      cs.accepted += t->accepted;
    }
    auto j = judge(ctx, r, t, fixed);
    if (!j) {
      if (ctx.p.severityWeight[idx(r.severity)] > 0) cs.inconclusive.push_back(r.id);
      continue;
    }
    den[idx(r.category)] += j->w;
    judged[idx(r.category)].push_back(std::move(*j));
  }
  double wsum = 0;
  for (std::size_t c = 0; c < kCategoryCount; ++c)
    if (den[c] > 0) wsum += ctx.p.categoryWeight[c];
  out.applicable = wsum > 0;
  auto folded = foldedSymptoms(ctx, resolved);
  double overallLoss = 0;
  for (std::size_t c = 0; c < kCategoryCount; ++c) {
    CategoryScore& cs = out.cats[c];
    cs.applicable = den[c] > 0;
    if (!cs.applicable) continue;
    for (auto& j : judged[c]) j.out.share = std::min(ctx.p.maxRuleShare, ctx.p.categoryWeight[c] / wsum * j.w / den[c]);
    double lossC = 0;
    for (const auto& ch : charges(judged[c], folded)) {
      lossC += ch.catLoss;
      overallLoss += ch.overallLoss;
      if (ch.catLoss > 0) cs.lost.push_back({ch.ruleId, 100.0 * ch.catLoss / den[c], ch.detail});
    }
    cs.score = std::clamp(100.0 * (1.0 - lossC / den[c]), 0.0, 100.0);
    std::sort(cs.lost.begin(), cs.lost.end(), [](const PointsLost& x, const PointsLost& y) {
      return x.points != y.points ? x.points > y.points : x.ruleId < y.ruleId;
    });
    for (auto& j : judged[c]) out.rules.push_back(std::move(j.out));
  }
  std::sort(out.rules.begin(), out.rules.end(), [](const RuleScore& a, const RuleScore& b) { return a.ruleId < b.ruleId; });
  out.overall = out.applicable ? std::clamp(100.0 * (1.0 - overallLoss), 0.0, 100.0) : 0;
  return out;
}

}  // namespace score

namespace {
double round1(double x) { return std::round(x * 10.0) / 10.0; }

Gate gateOf(const score::Context& ctx) {
  Gate g;
  for (const auto& [id, t] : ctx.tally) {
    if (t.blockers == 0) continue;
    g.blockers += t.blockers;
    g.rules.push_back(id);
  }
  g.passed = g.blockers == 0;
  g.headline = g.passed ? "Ready: no blockers"
                        : "Not ready: " + std::to_string(g.blockers) + (g.blockers == 1 ? " blocker" : " blockers");
  return g;
}
}  // namespace

namespace {
std::vector<ServiceReadiness> servicesOf(const ReadinessInput& in) {
  std::vector<ServiceReadiness> out;
  auto roots = findServices(*in.files, in.services);
  for (const auto& svc : roots) {
    auto files = filesOfService(*in.files, roots, svc, in.services);
    ReadinessInput sub = in;
    sub.files = &files;
    sub.perService = false;
    Readiness r = computeReadiness(sub);
    ServiceReadiness s{svc.name, svc.root, svc.kind, r.overall, r.applicable, r.grade, r.label, r.gate, r.categories, r.plan};
    std::string what = svc.kind == UnitKind::Service ? "Service" : svc.kind == UnitKind::Frontend ? "Frontend" : "Library";
    std::string where = what + " `" + svc.name + "` (" + (svc.root.empty() ? "the repository root" : svc.root + "/") + "). ";
    for (auto& item : s.plan) item.handoff = where + item.handoff;
    out.push_back(std::move(s));
  }
  return out;
}
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

double categoryWeight(Category c) { return fittedParams().categoryWeight[static_cast<std::size_t>(c)]; }

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
  score::Context ctx = score::buildContext(in);
  score::Scores base = score::score(ctx, {});
  Readiness out;
  out.categories = base.cats;
  for (auto& c : out.categories) {
    c.score = round1(c.score);
    for (auto& l : c.lost) l.points = round1(l.points);
  }
  out.applicable = base.applicable;
  out.overall = round1(base.overall);
  out.gate = gateOf(ctx);
  out.blockers = out.gate.blockers;
  out.bound = singleFindingBound(ctx.p);
  out.grade = out.applicable ? gradeFor(out.overall) : "-";
  out.label = out.applicable ? gradeLabel(out.grade) : "nothing to assess";
  // A high score with an open blocker is not "production-ready": the label follows the gate.
  if (out.applicable && !out.gate.passed && (out.grade == "A" || out.grade == "B")) out.label = "blocked";
  out.rules = base.rules;
  out.plan = score::buildPlan(ctx, base);
  out.questions = {
      "Backups: are database backups taken automatically, and has a restore been tested?",
      "Alerting: who gets paged when error rates or latency rise, and through which channel?",
      "Rollback: can the previous version be redeployed in minutes, including schema changes?",
      "Secrets rotation: can every credential be rotated without a code change or downtime?",
      "Feature flags: can risky features be turned off without a deploy?",
      "SLOs and runbooks: are there written targets and steps for the common incidents?",
  };
  std::string all = "Make this service production-ready. Work through these items in order; after each, run `agentlens check` and the tests.\n";
  for (std::size_t i = 0; i < out.plan.size() && i < 10; ++i) all += "\n" + std::to_string(i + 1) + ". " + out.plan[i].handoff + "\n";
  if (out.plan.empty()) all += "\nNo open findings: keep `agentlens check` in CI to stay there.\n";
  out.handoff = all;
  if (in.perService && in.files) out.services = servicesOf(in);
  return out;
}

}  // namespace agentlens::core
