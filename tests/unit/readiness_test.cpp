// Table-driven tests of the readiness score and plan (catalog §5–§6).
#include <doctest/doctest.h>

#include <cmath>

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

Readiness run(const std::vector<RuleInfo>& rules, const std::vector<FileResult>& files) {
  ReadinessInput in;
  in.rules = rules;
  in.files = &files;
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

  TEST_CASE("caps: a critical gate finding caps its category at 39 and the overall at 49") {
    auto secret = rule("hardcoded-secret", Category::Security, Severity::Critical, ScoringMode::Presence, true);
    auto other = rule("other", Category::Security, Severity::Low, ScoringMode::Presence);
    auto eh = rule("eh", Category::ErrorHandling, Severity::Medium, ScoringMode::Presence);
    auto f = file("app.py");
    f.findings = {finding("hardcoded-secret", Category::Security, Severity::Critical)};
    // Many clean presence rules keep the raw security score high; the cap still applies.
    std::vector<RuleInfo> rules = {secret, eh};
    for (int i = 0; i < 20; ++i) {
      auto o = other;
      o.id = "other-" + std::to_string(i);
      rules.push_back(o);
    }
    auto r = run(rules, {f});
    const auto& sec = cat(r, Category::Security);
    CHECK(sec.raw > 39);
    CHECK(sec.score == 39);
    REQUIRE(sec.cap);
    CHECK(*sec.cap == 39);
    CHECK(sec.capCause == "hardcoded-secret");
    CHECK(r.overall <= 49);
    CHECK(r.blockers == 1);
    REQUIRE(!r.plan.empty());
    CHECK(r.plan.front().ruleId == "hardcoded-secret");
    CHECK(r.plan.front().blocker);
    CHECK(r.plan.front().bucket == "before-first-deploy");
  }

  TEST_CASE("caps: a high/high gate finding caps at 69, a low-confidence critical one is not a 39-cap") {
    auto tls = rule("tls", Category::Security, Severity::High, ScoringMode::Presence, true);
    std::vector<RuleInfo> rules = {tls};
    for (int i = 0; i < 30; ++i) rules.push_back(rule("ok-" + std::to_string(i), Category::Security, Severity::Low, ScoringMode::Presence));
    auto f = file("app.py");
    f.findings = {finding("tls", Category::Security, Severity::High)};
    auto r = run(rules, {f});
    CHECK(cat(r, Category::Security).score == 69);
    auto f2 = file("app.py");
    f2.findings = {finding("tls", Category::Security, Severity::Critical, 1, Confidence::Low)};
    auto r2 = run(rules, {f2});
    CHECK(cat(r2, Category::Security).score == 69);
    CHECK_FALSE(r2.overallCap);
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
    // Only the check counts: the symptoms' density rule is not charged while the cause is open.
    CHECK(cat(r, Category::Security).score == doctest::Approx(0.0));
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
