// Properties of the readiness score v2 (docs/score.md), checked over many synthetic workspaces:
//  * every plan item's gain is > 0 and is what re-scoring with the item resolved gives;
//  * one finding — of any shipped rule, at any severity and confidence — moves the overall score
//    by at most the stated bound (Readiness::bound = 100 · maxRuleShare), and never raises it.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <random>
#include <set>

#include "core/score/readiness.hpp"
#include "rules/readiness_info.hpp"
#include "rules/registry.hpp"
#include "rules/workspace/workspace_check.hpp"

using namespace agentlens;
using namespace agentlens::core;

namespace {

constexpr Severity kSeverities[] = {Severity::Critical, Severity::High, Severity::Medium, Severity::Low};
constexpr Confidence kConfidences[] = {Confidence::High, Confidence::Medium, Confidence::Low};

Finding makeFinding(const RuleInfo& r, const std::string& path, std::uint32_t line, Severity s, Confidence c) {
  Finding f;
  f.ruleId = r.id;
  f.category = r.category;
  f.severity = s;
  f.confidence = c;
  f.path = path;
  f.start = {line, 0};
  return f;
}

Readiness score(const std::vector<RuleInfo>& rules, const std::vector<FileResult>& files) {
  ReadinessInput in;
  in.rules = rules;
  in.files = &files;
  in.usesDatabase = true;
  return computeReadiness(in);
}

/// A random rule set (all modes, categories, severities; some gates and root-cause checks).
std::vector<RuleInfo> randomRules(std::mt19937& rng) {
  std::vector<RuleInfo> rules;
  std::uniform_int_distribution<int> cat(0, kCategoryCount - 1), sev(0, 3), conf(0, 2), mode(0, 2), coin(0, 3);
  int n = std::uniform_int_distribution<int>(2, 14)(rng);
  for (int i = 0; i < n; ++i) {
    RuleInfo r;
    r.id = "r" + std::to_string(i);
    r.category = static_cast<Category>(cat(rng));
    r.severity = kSeverities[sev(rng)];
    r.confidence = kConfidences[conf(rng)];
    r.mode = static_cast<ScoringMode>(mode(rng));
    r.gate = coin(rng) == 0;
    r.languages = {Lang::Python};
    r.summary = r.id;
    rules.push_back(r);
  }
  // One check subsumes the next rule of its category, when there is one.
  for (std::size_t i = 0; i + 1 < rules.size(); ++i)
    if (rules[i].mode == ScoringMode::Check && rules[i + 1].category == rules[i].category) rules[i].subsumes = {rules[i + 1].id};
  return rules;
}

std::vector<FileResult> randomFiles(std::mt19937& rng, const std::vector<RuleInfo>& rules) {
  std::vector<FileResult> files(2);
  for (std::size_t k = 0; k < files.size(); ++k) {
    files[k].path = "app" + std::to_string(k) + ".py";
    files[k].lang = Lang::Python;
    files[k].facts.role = FileRole::Server;
  }
  std::uniform_int_distribution<int> nf(0, 4), site(0, 6), sev(0, 3), conf(0, 2), which(0, 1);
  std::uint32_t line = 0;
  for (const auto& r : rules) {
    // As the rules do: a density rule counts every site it flags (and maybe more), a check has
    // at least one part wherever it applies.
    std::array<std::uint32_t, 2> flagged{};
    for (int i = nf(rng); i > 0; --i) {
      std::size_t k = static_cast<std::size_t>(which(rng));
      auto& f = files[k];
      f.findings.push_back(makeFinding(r, f.path, line++, kSeverities[sev(rng)], kConfidences[conf(rng)]));
      ++flagged[k];
    }
    for (std::size_t k = 0; k < files.size(); ++k) {
      auto extra = static_cast<std::uint32_t>(site(rng));
      if (r.mode == ScoringMode::Density && flagged[k] + extra > 0) files[k].sites.emplace_back(r.id, flagged[k] + extra);
      if (r.mode == ScoringMode::Check && k == 0) files[k].sites.emplace_back(r.id, 1 + extra);
    }
  }
  return files;
}

/// The files with every finding of `ids` removed.
std::vector<FileResult> without(std::vector<FileResult> files, const std::set<std::string>& ids) {
  for (auto& f : files)
    std::erase_if(f.findings, [&](const Finding& x) { return ids.count(x.ruleId) > 0; });
  return files;
}

Lang langFor(const RuleInfo& r) { return r.languages.empty() ? Lang::Python : r.languages.front(); }

/// A workspace with a file of every language the rules use, a site for every density rule and
/// check (so each is conclusive), and `noise` random findings.
std::vector<FileResult> registryWorkspace(const std::vector<RuleInfo>& rules, std::mt19937& rng, int noise) {
  std::vector<FileResult> files;
  auto fileFor = [&](Lang l) -> FileResult& {
    for (auto& f : files)
      if (f.lang == l) return f;
    FileResult f;
    f.path = "file" + std::to_string(files.size());
    f.lang = l;
    f.facts.role = FileRole::Server;
    files.push_back(std::move(f));
    return files.back();
  };
  for (const auto& r : rules) {
    FileResult& f = fileFor(langFor(r));
    if (r.mode != ScoringMode::Presence) f.sites.emplace_back(r.id, 3);
  }
  std::uniform_int_distribution<std::size_t> pick(0, rules.size() - 1);
  std::uniform_int_distribution<int> sev(0, 3), conf(0, 2);
  for (int i = 0; i < noise; ++i) {
    const RuleInfo& r = rules[pick(rng)];
    FileResult& f = fileFor(langFor(r));
    f.findings.push_back(makeFinding(r, f.path, static_cast<std::uint32_t>(1000 + i), kSeverities[sev(rng)], kConfidences[conf(rng)]));
  }
  return files;
}

std::vector<RuleInfo> shippedRules() {
  std::vector<const rules::Rule*> all(rules::allRules().begin(), rules::allRules().end());
  auto infos = rules::ruleInfos(all);
  for (const rules::WorkspaceCheck* c : rules::allWorkspaceChecks()) infos.push_back(rules::checkInfo(c->meta()));
  return infos;
}

}  // namespace

TEST_SUITE("unit") {
  TEST_CASE("plan: every item's gain is > 0 and equals re-scoring with it resolved (500 synthetic workspaces)") {
    std::mt19937 rng(21);
    std::size_t items = 0;
    for (int iter = 0; iter < 500; ++iter) {
      auto rules = randomRules(rng);
      auto files = randomFiles(rng, rules);
      auto base = score(rules, files);
      for (const auto& item : base.plan) {
        // The item's rule and, transitively, the symptoms it subsumes.
        std::set<std::string> ids{item.ruleId};
        for (std::size_t before = 0; before != ids.size();) {
          before = ids.size();
          for (const auto& r : rules)
            if (ids.count(r.id)) ids.insert(r.subsumes.begin(), r.subsumes.end());
        }
        auto after = score(rules, without(files, ids));
        CAPTURE(iter);
        CAPTURE(item.ruleId);
        CHECK(item.gainOverall > 0);
        // Both scores are rounded to 0.1 for display, the gain to 0.01.
        CHECK(std::abs((after.overall - base.overall) - item.gainOverall) <= 0.11);
        ++items;
      }
    }
    CHECK(items > 1000);
  }

  TEST_CASE("robust: one finding of any shipped rule moves the overall score by at most the stated bound") {
    auto rules = shippedRules();
    REQUIRE(rules.size() > 50);
    std::mt19937 rng(7);
    double worst = 0;
    for (int noise : {0, 15, 60, 200}) {
      auto files = registryWorkspace(rules, rng, noise);
      auto base = score(rules, files);
      REQUIRE(base.applicable);
      CHECK(base.bound == doctest::Approx(100.0 * fittedParams().maxRuleShare));
      for (const auto& r : rules)
        for (Severity s : kSeverities)
          for (Confidence c : kConfidences) {
            auto more = files;
            for (auto& f : more)
              if (f.lang == langFor(r)) {
                f.findings.push_back(makeFinding(r, f.path, 1, s, c));
                break;
              }
            auto after = score(rules, more);
            double delta = base.overall - after.overall;
            CAPTURE(r.id);
            CAPTURE(noise);
            CHECK(delta <= base.bound + 0.1);  // display rounding: 0.1
            CHECK(delta >= -0.1);              // a new finding never raises the score
            worst = std::max(worst, delta);
          }
    }
    MESSAGE("largest move of one finding: ", worst, " points (bound ", 100.0 * fittedParams().maxRuleShare, ")");
    CHECK(worst > 0);
  }
}
