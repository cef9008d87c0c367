// Table-driven tests of the readiness score and plan (catalog §5–§6).
#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <tuple>

#include "core/score/readiness.hpp"

using namespace agentlens::core;

namespace {

RuleInfo rule(std::string id, Category c, Severity s, ScoringMode m, bool gate = false, Confidence conf = Confidence::High) {
  RuleInfo r;
  r.id = std::move(id);
  r.category = c;
  r.severity = s;
  r.confidence = conf;
  r.mode = m;
  r.gate = gate;
  r.languages = {Lang::Python};
  r.summary = r.id + " summary";
  return r;
}

Finding finding(const std::string& rule, Category c, Severity s, std::uint32_t line = 1, Confidence conf = Confidence::High) {
  Finding f;
  f.ruleId = rule;
  f.category = c;
  f.severity = s;
  f.confidence = conf;
  f.path = "app.py";
  f.start = {line, 0};
  return f;
}

FileResult file(std::string path, FileRole role = FileRole::Server) {
  FileResult r;
  r.path = std::move(path);
  r.lang = Lang::Python;
  r.facts.role = role;
  return r;
}

/// The catalog's numbers (rule-catalog §5.2), so these tests do not move when the fit does.
const ScoreParams kCatalog{.categoryWeight = {15, 25, 15, 10, 10, 15, 10},
                           .severityWeight = {10, 7.5, 5, 2.5, 0},
                           .deduction = {10, 5, 3, 1.5, 0},
                           .confidence = {1.0, 0.8, 0.5},
                           .shrinkage = 2,
                           .maxRuleShare = 0.08};

Readiness run(const std::vector<RuleInfo>& rules, const std::vector<FileResult>& files) {
  ReadinessInput in;
  in.rules = rules;
  in.files = &files;
  in.params = &kCatalog;
  return computeReadiness(in);
}

const CategoryScore& cat(const Readiness& r, Category c) { return r.categories[static_cast<std::size_t>(c)]; }

}  // namespace

TEST_SUITE("unit") {
  TEST_CASE("density rules shrink small samples; presence rules deduct per finding") {
    auto dens = rule("d", Category::ErrorHandling, Severity::High, ScoringMode::Density);
    auto pres = rule("p", Category::Observability, Severity::High, ScoringMode::Presence);
    auto f = file("app.py");
    f.sites = {{"d", 1}};
    f.findings = {finding("d", Category::ErrorHandling, Severity::High), finding("p", Category::Observability, Severity::High)};
    auto r = run({dens, pres}, {f});
    CHECK(cat(r, Category::ErrorHandling).score == doctest::Approx(66.7).epsilon(0.01));  // 10·(1 − 1/3)
    CHECK(cat(r, Category::Observability).score == doctest::Approx(50.0));               // 10 − 5
  }

  TEST_CASE("a density rule with no eligible sites is inconclusive, not 100") {
    auto dens = rule("timeouts", Category::ErrorHandling, Severity::High, ScoringMode::Density);
    auto r = run({dens}, {file("app.py")});
    CHECK_FALSE(cat(r, Category::ErrorHandling).applicable);
    CHECK(cat(r, Category::ErrorHandling).inconclusive == std::vector<std::string>{"timeouts"});
    CHECK_FALSE(r.applicable);
  }

  TEST_CASE("gate beside the score: a critical gate finding fails the gate and does not cap the number") {
    auto secret = rule("hardcoded-secret", Category::Security, Severity::Critical, ScoringMode::Presence, true);
    auto eh = rule("eh", Category::ErrorHandling, Severity::Medium, ScoringMode::Presence);
    std::vector<RuleInfo> rules = {secret, eh};
    for (int i = 0; i < 20; ++i) rules.push_back(rule("other-" + std::to_string(i), Category::Security, Severity::Low, ScoringMode::Presence));
    auto f = file("app.py");
    f.findings = {finding("hardcoded-secret", Category::Security, Severity::Critical)};
    auto r = run(rules, {f});
    CHECK_FALSE(r.gate.passed);
    CHECK(r.gate.blockers == 1);
    CHECK(r.blockers == 1);
    CHECK(r.gate.rules == std::vector<std::string>{"hardcoded-secret"});
    CHECK(r.gate.headline == "Not ready: 1 blocker");
    // The number stays continuous: one secret among many clean rules costs a bounded amount.
    CHECK(cat(r, Category::Security).score > 60);
    CHECK(r.overall > 90);
    CHECK(r.overall >= 100 - r.bound - 0.1);
    CHECK(r.grade == "A");
    CHECK(r.label == "blocked");  // not "production-ready" while the gate fails
    REQUIRE(!r.plan.empty());
    CHECK(r.plan.front().ruleId == "hardcoded-secret");
    CHECK(r.plan.front().blocker);
    CHECK(r.plan.front().bucket == "before-first-deploy");
    auto clean = run(rules, {file("app.py")});
    CHECK(clean.gate.passed);
    CHECK(clean.gate.headline == "Ready: no blockers");
    CHECK(clean.label == "production-ready");
  }

  TEST_CASE("gate: only high-confidence critical or high gate findings are blockers") {
    auto tls = rule("tls", Category::Security, Severity::High, ScoringMode::Presence, true);
    auto nogate = rule("nogate", Category::Security, Severity::Critical, ScoringMode::Presence);
    // No structured bindings: clang 14 cannot capture them in doctest's CAPTURE lambdas.
    for (const auto& c : {std::tuple{Severity::Critical, Confidence::High, true},
                                     std::tuple{Severity::High, Confidence::High, true},
                                     std::tuple{Severity::Critical, Confidence::Medium, false},
                                     std::tuple{Severity::Critical, Confidence::Low, false},
                                     std::tuple{Severity::Medium, Confidence::High, false}}) {
      const Severity sev = std::get<0>(c);
      const Confidence conf = std::get<1>(c);
      const bool blocks = std::get<2>(c);
      auto f = file("app.py");
      f.findings = {finding("tls", Category::Security, sev, 1, conf), finding("nogate", Category::Security, Severity::Critical, 2)};
      auto r = run({tls, nogate}, {f});
      CAPTURE(severityName(sev));
      CAPTURE(confidenceName(conf));
      CHECK(r.gate.passed == !blocks);
      CHECK(r.gate.blockers == (blocks ? 1u : 0u));
    }
    // Suppressed and test-file findings never block.
    auto f = file("app.py");
    auto s = finding("tls", Category::Security, Severity::Critical);
    s.suppressedReason = "reviewed";
    f.findings = {s};
    auto t = file("tests/test_app.py", FileRole::Test);
    t.findings = {finding("tls", Category::Security, Severity::Critical)};
    CHECK(run({tls}, {f, t}).gate.passed);
  }

  TEST_CASE("blockers: with two blockers in one category each one's gain is positive on its own") {
    auto secret = rule("hardcoded-secret", Category::Security, Severity::Critical, ScoringMode::Presence, true);
    auto sql = rule("sql-built-from-strings", Category::Security, Severity::Critical, ScoringMode::Presence, true);
    std::vector<RuleInfo> rules = {secret, sql};
    for (int i = 0; i < 20; ++i) rules.push_back(rule("clean-" + std::to_string(i), Category::Security, Severity::Low, ScoringMode::Presence));
    auto f = file("app.py");
    f.findings = {finding("hardcoded-secret", Category::Security, Severity::Critical, 1),
                  finding("sql-built-from-strings", Category::Security, Severity::Critical, 5)};
    auto r = run(rules, {f});
    CHECK(r.blockers == 2);
    CHECK(r.gate.headline == "Not ready: 2 blockers");
    REQUIRE(r.plan.size() == 2);
    double gains = 0;
    for (const auto& item : r.plan) {
      CAPTURE(item.ruleId);
      CHECK(item.blocker);
      CHECK(item.gainOverall > 0);
      CHECK(item.categoryAfter > item.categoryBefore);
      gains += item.gainOverall;
    }
    // No caps: the gains add up to what fixing both gives.
    auto fixed = run(rules, {file("app.py")});
    CHECK(fixed.overall == doctest::Approx(r.overall + gains).epsilon(0.002));
  }

  TEST_CASE("database is not applicable without a database, applicable with one") {
    auto q = rule("unbounded-query", Category::Database, Severity::Low, ScoringMode::Presence);
    auto e = rule("eh", Category::ErrorHandling, Severity::Medium, ScoringMode::Presence);
    auto r = run({q, e}, {file("app.py")});
    CHECK_FALSE(cat(r, Category::Database).applicable);
    CHECK(cat(r, Category::ErrorHandling).applicable);
    auto withDb = file("app.py");
    withDb.facts.imports.push_back({"sqlite3", 0});
    auto r2 = run({q, e}, {withDb});
    CHECK(cat(r2, Category::Database).applicable);
    CHECK(cat(r2, Category::Database).score == 100);
  }

  TEST_CASE("root-cause folding: a failing workspace check is charged once, symptoms are grouped under it") {
    auto check = rule("no-auth-layer", Category::Security, Severity::High, ScoringMode::Check);
    check.subsumes = {"route-without-auth"};
    auto sym = rule("route-without-auth", Category::Security, Severity::High, ScoringMode::Density);
    auto f = file("app.py");
    f.sites = {{"route-without-auth", 40}, {"no-auth-layer", 1}};
    for (std::uint32_t i = 0; i < 40; ++i) f.findings.push_back(finding("route-without-auth", Category::Security, Severity::High, i));
    f.findings.push_back(finding("no-auth-layer", Category::Security, Severity::High));
    auto r = run({check, sym}, {f});
    // The cause is charged once — the larger of its own loss and its symptoms' — not both: the
    // check loses its whole weight (7.5 of 15), the 40 symptoms are not charged on top.
    CHECK(cat(r, Category::Security).score == doctest::Approx(50.0));
    bool symptomLost = false;
    for (const auto& l : cat(r, Category::Security).lost) symptomLost |= l.ruleId == "route-without-auth";
    CHECK_FALSE(symptomLost);
    REQUIRE(r.plan.size() == 1);
    CHECK(r.plan[0].ruleId == "no-auth-layer");
    CHECK(r.plan[0].findings == 41);
  }

  TEST_CASE("stability: an unrelated clean file does not move the score") {
    auto dens = rule("d", Category::ErrorHandling, Severity::High, ScoringMode::Density);
    auto pres = rule("p", Category::Security, Severity::Medium, ScoringMode::Presence);
    auto f = file("app.py");
    f.sites = {{"d", 4}};
    f.findings = {finding("d", Category::ErrorHandling, Severity::High), finding("p", Category::Security, Severity::Medium)};
    auto before = run({dens, pres}, {f});
    auto after = run({dens, pres}, {f, file("util.py", FileRole::Library)});
    CHECK(before.overall == after.overall);
    for (std::size_t c = 0; c < kCategoryCount; ++c) CHECK(before.categories[c].score == after.categories[c].score);
  }

  TEST_CASE("monotonicity: fixing any one finding never lowers the score") {
    std::vector<RuleInfo> rules = {
        rule("gate", Category::Security, Severity::Critical, ScoringMode::Presence, true),
        rule("sec-d", Category::Security, Severity::High, ScoringMode::Density),
        rule("eh-d", Category::ErrorHandling, Severity::High, ScoringMode::Density),
        rule("eh-p", Category::ErrorHandling, Severity::Low, ScoringMode::Presence),
        rule("obs", Category::Observability, Severity::Medium, ScoringMode::Presence, false, Confidence::Medium),
        rule("cfg", Category::Configuration, Severity::Medium, ScoringMode::Presence),
    };
    auto f = file("app.py");
    f.sites = {{"sec-d", 5}, {"eh-d", 3}};
    f.findings = {finding("gate", Category::Security, Severity::Critical, 1), finding("sec-d", Category::Security, Severity::High, 2),
                  finding("sec-d", Category::Security, Severity::High, 3), finding("eh-d", Category::ErrorHandling, Severity::High, 4),
                  finding("eh-p", Category::ErrorHandling, Severity::Low, 5), finding("obs", Category::Observability, Severity::Medium, 6),
                  finding("cfg", Category::Configuration, Severity::Medium, 7), finding("cfg", Category::Configuration, Severity::Medium, 8)};
    auto base = run(rules, {f});
    for (std::size_t i = 0; i < f.findings.size(); ++i) {
      auto g = f;
      g.findings.erase(g.findings.begin() + static_cast<long>(i));
      auto r = run(rules, {g});
      INFO("removed finding ", i);
      CHECK(r.overall >= base.overall);
      for (std::size_t c = 0; c < kCategoryCount; ++c) CHECK(r.categories[c].score >= base.categories[c].score);
    }
  }

  TEST_CASE("suppressed findings count as accepted; test files do not count") {
    auto p = rule("p", Category::Security, Severity::High, ScoringMode::Presence);
    auto f = file("app.py");
    auto s = finding("p", Category::Security, Severity::High);
    s.suppressedReason = "reviewed: internal tool";
    f.findings = {s};
    auto t = file("tests/test_app.py", FileRole::Test);
    t.findings = {finding("p", Category::Security, Severity::High)};
    auto r = run({p}, {f, t});
    CHECK(cat(r, Category::Security).score == 100);
    CHECK(cat(r, Category::Security).accepted == 1);
    CHECK(r.plan.empty());
  }

  TEST_CASE("plan: value per effort orders non-blockers; each item explains itself") {
    auto a = rule("cheap", Category::ErrorHandling, Severity::Medium, ScoringMode::Presence);
    a.hasSafeFix = a.hasFix = true;
    auto b = rule("costly", Category::ErrorHandling, Severity::Medium, ScoringMode::Presence);
    b.effort = Effort::L;
    auto f = file("app.py");
    f.findings = {finding("cheap", Category::ErrorHandling, Severity::Medium, 1), finding("costly", Category::ErrorHandling, Severity::Medium, 2)};
    f.findings[0].fixes.push_back(Fix{"Add a timeout", Applicability::Safe, {}});
    auto r = run({a, b}, {f});
    REQUIRE(r.plan.size() == 2);
    CHECK(r.plan[0].ruleId == "cheap");
    CHECK(r.plan[0].effort == Effort::XS);
    CHECK(r.plan[0].gainOverall > 0);
    CHECK(r.plan[0].autoFixable);
    CHECK(r.plan[0].handoff.find("app.py:2") != std::string::npos);  // 0-based line 1 shown 1-based
    CHECK(r.plan[0].handoff.find("Done when") != std::string::npos);
    CHECK(!r.questions.empty());
    CHECK(r.handoff.find("1. Task: ") != std::string::npos);
  }

  TEST_CASE("grades") {
    CHECK(gradeFor(90) == "A");
    CHECK(gradeFor(89.9) == "B");
    CHECK(gradeFor(75) == "B");
    CHECK(gradeFor(60) == "C");
    CHECK(gradeFor(40) == "D");
    CHECK(gradeFor(39.9) == "E");
  }
}
